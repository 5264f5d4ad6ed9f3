package tui

import (
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
	"github.com/visitline/visitline/agenda"
	"github.com/visitline/visitline/data"
	"github.com/visitline/visitline/itinerary"
)

// lyonWeek is the five-day trip of data/examples/lyon-week.yaml: Mon 8 –
// Fri 12 March 2027.
func lyonWeek(t testing.TB) *itinerary.Itinerary {
	t.Helper()
	b, err := data.Files.ReadFile("examples/lyon-week.yaml")
	if err != nil {
		t.Fatal(err)
	}
	it, err := itinerary.Load("lyon-week.yaml", b)
	if err != nil {
		t.Fatal(err)
	}
	return it
}

// duringLyon is Wednesday 10 March 2027, 15:20 in Lyon.
var duringLyon = time.Date(2027, 3, 10, 14, 20, 0, 0, time.UTC)

func TestGoldenWeekMonth(t *testing.T) {
	for _, trip := range []struct {
		name string
		cfg  Config
	}{
		{"default", Config{Itinerary: defaultItinerary(t), Now: beforeVisit}},
		{"lyon", Config{Itinerary: lyonWeek(t), Now: duringLyon}},
	} {
		for _, size := range [][2]int{{120, 40}, {80, 24}, {40, 12}} {
			m := sized(New(trip.cfg, renderer(termenv.Ascii)), size[0], size[1])
			week := press(m, "v", "v")
			golden(t, trip.name+"-week-"+itoa(size[0])+"x"+itoa(size[1])+".txt", week.View()+"\n")
			month := press(week, "v")
			golden(t, trip.name+"-month-"+itoa(size[0])+"x"+itoa(size[1])+".txt", month.View()+"\n")
		}
	}
}

func lyonModel(t testing.TB, w, h int) Model {
	return sized(New(Config{Itinerary: lyonWeek(t), Now: duringLyon}, renderer(termenv.Ascii)), w, h)
}

// TestWeekKeys: in the week h and l move by day, selecting the day's
// first event, j and k by event within the day, < and > by a week.
func TestWeekKeys(t *testing.T) {
	m := press(lyonModel(t, 120, 40), "v", "v") // Wed 10: the site visit
	if selectedID(m) != "site-visit" || !strings.Contains(m.View(), "Week · Mon 8 – Sun 14 Mar 2027") {
		t.Fatalf("the week should open on the site visit's week:\n%s", m.View())
	}
	steps := []struct{ key, want string }{
		{"j", "dinner"}, {"j", "dinner"}, {"k", "site-visit"},
		{"h", "workshop"}, {"j", "interviews"}, {"j", "review"},
		{"l", "workshop"}, {"l", "workshop"}, {"l", "wrap-up"}, {"j", "train-home"},
		{">", "train-home"}, {"<", "wrap-up"},
	}
	for _, s := range steps {
		if m = press(m, s.key); selectedID(m) != s.want {
			t.Fatalf("%s: selected %q, want %q:\n%s", s.key, selectedID(m), s.want, m.View())
		}
	}
	if m = press(m, ">"); !strings.Contains(m.View(), "Week · Mon 15 – Sun 21 Mar 2027") {
		t.Errorf("> should show the next week:\n%s", m.View())
	}
}

// TestWeekOverlapsSideBySide: the interviews and the review overlap on
// Tuesday and are drawn in two columns of the day.
func TestWeekOverlapsSideBySide(t *testing.T) {
	w := agendaWeek(t)
	var cols []int
	for _, b := range w.Days[1].Blocks {
		cols = append(cols, b.Col, b.Cols)
	}
	if !slices.Equal(cols, []int{0, 2, 1, 2}) {
		t.Errorf("Tuesday's blocks (col, cols): %v, want [0 2 1 2]", cols)
	}
	if len(w.Days[1].Band) != 1 || len(w.Days[3].Band) != 1 || len(w.Days[4].Band) != 0 {
		t.Errorf("the workshop should be in the band Tue–Thu: %v", w.Days)
	}
}

func agendaWeek(t *testing.T) *agenda.WeekSet {
	m := press(lyonModel(t, 120, 40), "v", "v")
	return m.wk.set
}

// TestMonthEnterOpensList: in the month, j moves a week and enter opens
// the list on the day.
func TestMonthEnterOpensList(t *testing.T) {
	m := press(lyonModel(t, 120, 40), "v", "v", "v")
	if !strings.Contains(m.View(), "Month · March 2027") {
		t.Fatalf("no month:\n%s", m.View())
	}
	m = press(m, "h", "h") // Mon 8
	if selectedID(m) != "train-out" {
		t.Fatalf("h h should select Monday's first event, got %q", selectedID(m))
	}
	m = press(m, "l", "enter")
	if m.view != viewList || selectedID(m) != "workshop" || !strings.Contains(m.View(), "Timeline · 11 events") {
		t.Errorf("enter should open the list on Tue 9 (%q):\n%s", selectedID(m), m.View())
	}
	m = press(m, "v", "v", "v", ">") // the month after: nothing in April
	if !strings.Contains(m.View(), "Month · April 2027") {
		t.Errorf("> should show April:\n%s", m.View())
	}
}

// TestWeekOldCopy: an old copy of the model keeps its own week.
func TestWeekOldCopy(t *testing.T) {
	old := press(lyonModel(t, 120, 40), "v", "v")
	before := old.View()
	_ = press(old, ">", ">")
	if old.View() != before {
		t.Error("moving a copy changed the old model's week")
	}
}

// TestWeekNarrowTitle: a block too narrow for a readable title shows its
// kind's glyph and the title's initials; a wide one its title.
func TestWeekNarrowTitle(t *testing.T) {
	for _, tc := range []struct{ title, want string }{
		{"Tour of Site Plans", "TOSP"},
		{"Train to Lyon", "TTL"},
		{"  dinner — with «Ana»  ", "DWA"},
		{"", ""},
	} {
		if got := titleInitials(tc.title); got != tc.want {
			t.Errorf("titleInitials(%q) = %q, want %q", tc.title, got, tc.want)
		}
	}
	it := &itinerary.Itinerary{Events: []itinerary.Event{{Title: "Tour Site Plans", Kind: itinerary.KindTour}}}
	c := &renderCtx{it: it}
	if got := c.blockTitle(0, 5); got != "◎TSP" {
		t.Errorf("narrow: %q, want ◎TSP", got)
	}
	if got := c.blockTitle(0, narrowTitle); got != "Tour Site Plans" {
		t.Errorf("wide: %q, want the title", got)
	}
}

// screenAt is the cell (column, line) where text first shows in m's view.
func screenAt(t *testing.T, m Model, text string) (x, y int) {
	t.Helper()
	for y, line := range strings.Split(m.View(), "\n") {
		if k := strings.Index(line, text); k >= 0 {
			return ansi.StringWidth(line[:k]), y
		}
	}
	t.Fatalf("%q is not on screen:\n%s", text, m.View())
	return 0, 0
}

func click(m Model, x, y int) Model {
	next, _ := m.Update(tea.MouseMsg{X: x, Y: y, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
	return next.(Model)
}

// TestWeekMouse: a click on a block in the week selects its event and
// moves the cursor to its day; a click on its lower rows too; a click on
// an empty cell keeps the selection.
func TestWeekMouse(t *testing.T) {
	m := press(lyonModel(t, 120, 40), "v", "v") // Wed 10: the site visit
	x, y := screenAt(t, m, "●UI")               // Tue 9, 09:00
	got := click(m, x+1, y)
	if selectedID(got) != "interviews" || got.wk.day != 1 {
		t.Errorf("a click on the interviews' block selected %q on day %d", selectedID(got), got.wk.day)
	}
	if got = click(m, x, y+2); selectedID(got) != "interviews" {
		t.Errorf("a click below the interviews' title selected %q", selectedID(got))
	}
	x, y = screenAt(t, m, "►SDW") // the band: the workshop, Tue 9
	if got = click(m, x, y); selectedID(got) != "workshop" {
		t.Errorf("a click on the band's workshop selected %q", selectedID(got))
	}
	x, y = screenAt(t, m, "Sun 14")
	if got = click(m, x, y+10); selectedID(got) != "site-visit" {
		t.Errorf("a click on an empty Sunday selected %q", selectedID(got))
	}
}

// TestMonthMouse: a click on a day of the month moves the cursor there and
// selects its first event; enter then opens the list on it.
func TestMonthMouse(t *testing.T) {
	m := press(lyonModel(t, 120, 40), "v", "v", "v") // Wed 10
	x, y := screenAt(t, m, "12• 2")
	got := click(m, x+3, y+1)
	if want := time.Date(2027, 3, 12, 0, 0, 0, 0, time.UTC); !got.mo.day.Equal(want) || selectedID(got) != "wrap-up" {
		t.Errorf("a click on Fri 12 put the cursor on %v with %q selected", got.mo.day, selectedID(got))
	}
	x, y = screenAt(t, m, "3        4")
	if got = click(m, x, y); !got.mo.day.Equal(time.Date(2027, 3, 3, 0, 0, 0, 0, time.UTC)) || selectedID(got) != "site-visit" {
		t.Errorf("a click on an empty Wed 3 put the cursor on %v with %q selected", got.mo.day, selectedID(got))
	}
	if got = press(got, "enter"); got.view != viewList {
		t.Errorf("enter after the click should open the list")
	}
}
