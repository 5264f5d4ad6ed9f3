package tui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
	"github.com/visitline/visitline/itinerary"
)

// patAndRobin: Pat has Alpha 09:00–10:00 and Bravo 11:00–13:00, Robin has
// Charlie 10:00–12:00.
const patAndRobin = `title: Two people
timezone: Europe/Paris
people:
  - {id: pat, name: Pat}
  - {id: robin, name: Robin}
events:
  - {id: alpha, title: Alpha, start: "2025-05-05 09:00", end: "2025-05-05 10:00", participants: [pat]}
  - {id: charlie, title: Charlie, start: "2025-05-05 10:00", end: "2025-05-05 12:00", participants: [robin]}
  - {id: bravo, title: Bravo, start: "2025-05-05 11:00", end: "2025-05-05 13:00", participants: [pat]}
`

func lanesModel(t *testing.T, src string, w, h int, keys ...string) Model {
	t.Helper()
	it, err := itinerary.Load("lanes.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	m := sized(New(Config{Itinerary: it, Now: beforeVisit, Lanes: true}, renderer(termenv.Ascii)), w, h)
	return press(m, keys...)
}

// laneLine is the screen line whose lane label (at the left of the lanes
// pane) is label.
func laneLine(t *testing.T, view, label string) string {
	t.Helper()
	for _, l := range strings.Split(view, "\n")[5:] { // below the header and the axis
		if strings.HasPrefix(l, label+" ") {
			return l
		}
	}
	t.Fatalf("no lane %q in\n%s", label, view)
	return ""
}

// column is the screen column where s starts in line.
func column(line, s string) int {
	k := strings.Index(line, s)
	if k < 0 {
		return -1
	}
	return ansi.StringWidth(line[:k])
}

// barStarts are the columns where bars start in a lane's line: "[", or
// "❯" for the selected one.
func barStarts(line string) []int {
	var out []int
	x := 0
	for _, r := range line {
		if r == '[' || r == '❯' {
			out = append(out, x)
		}
		x += ansi.StringWidth(string(r))
	}
	return out
}

func TestLanesDrawTimeToScale(t *testing.T) {
	m := lanesModel(t, patAndRobin, 80, 24, "j") // Robin's Charlie selected
	v := m.View()
	if !strings.Contains(v, "Lanes by person · 3 events · 15 min a column") {
		t.Fatalf("title:\n%s", v)
	}
	pat, robin := barStarts(laneLine(t, v, "Pat")), barStarts(laneLine(t, v, "Robin"))
	if len(pat) != 2 || len(robin) != 1 || pat[1]-pat[0] != 8 || robin[0]-pat[0] != 4 {
		t.Fatalf("at 15 min a column Alpha, Charlie and Bravo should start 0, 4 and 8 columns apart: Pat %v, Robin %v\n%s", pat, robin, v)
	}
	hours := strings.Split(v, "\n")[4]
	if column(hours, "09") != pat[0] || column(hours, "10") != robin[0] || column(hours, "11") != pat[1] {
		t.Errorf("the hour labels should stand over the starts of the bars:\n%s\n%s", hours, laneLine(t, v, "Pat"))
	}
	if column(laneLine(t, v, "Robin"), "Charlie") < 0 || strings.Count(v, "❯") != 2 { // the pane's title and Charlie
		t.Errorf("Charlie, selected, should show its title:\n%s", v)
	}
	// Zoomed out to 30 min a column, the starts are half as far apart.
	v = press(m, "-").View()
	pat = barStarts(laneLine(t, v, "Pat"))
	if len(pat) != 2 || pat[1]-pat[0] != 4 || !strings.Contains(v, "30 min a column") {
		t.Errorf("at 30 min a column Bravo should start 4 columns after Alpha: %v\n%s", pat, v)
	}
}

func TestLanesMovementKeys(t *testing.T) {
	cases := []struct {
		keys []string
		want string
	}{
		{nil, "davos-panel"},
		{[]string{"l"}, "altman-arrives"}, // Altman's next event
		{[]string{"right", "right"}, "pyeongtaek-tour"},
		{[]string{"lll"}, "lunch-ds"}, // one KeyMsg of three runes moves three times
		{[]string{"lllh"}, "pyeongtaek-tour"},
		{[]string{"G"}, "altman-departs"}, // Altman's last
		{[]string{"G", "g"}, "davos-panel"},
		{[]string{"h"}, "davos-panel"},            // stays at the first
		{[]string{"j"}, "davos-panel"},            // Jeremy Hunt's lane: Davos again
		{[]string{"jj"}, "kyung-returns"},         // Kyung's lane, nearest to Davos
		{[]string{"ll", "jj"}, "pyeongtaek-tour"}, // from Altman's tour to Kyung's: the same event
		{[]string{"ll", "jj", "l"}, "dinner-kyung"},
		{[]string{"ll", "jjj"}, "pyeongtaek-tour"},                   // Lee Jung-bae has only the tour
		{[]string{"lll", "jjjjjjjj"}, "startups-skhynix"},            // from lunch to the start-ups' lane: the nearest
		{[]string{"ll", "jjjjjjjjjjjjjjj", "k"}, "huang-wei-dinner"}, // the last lane, then one up
		{[]string{"k"}, "davos-panel"},
		{[]string{"+", "-", "-"}, "davos-panel"}, // zooming keeps the selection
	}
	for _, c := range cases {
		m := press(newLanesModel(t, 120, 40), c.keys...)
		if got := selectedID(m); got != c.want {
			t.Errorf("%q: selected %s, want %s", c.keys, got, c.want)
		}
	}
}

func newLanesModel(t *testing.T, w, h int) Model {
	t.Helper()
	return sized(New(Config{Itinerary: defaultItinerary(t), Now: beforeVisit, Lanes: true}, renderer(termenv.Ascii)), w, h)
}

func TestLanesSelectionAndZoomShow(t *testing.T) {
	m := press(newLanesModel(t, 120, 40), "ll")
	v := m.View()
	// The tour is Altman's, Kyung's and four more lanes': selected in each.
	n := 0
	for _, l := range strings.Split(v, "\n")[5:] {
		if left, _, _ := strings.Cut(l, "│"); strings.Contains(left, "❯") {
			n++
		}
	}
	if n != 6 {
		t.Errorf("the tour should be selected in its 6 lanes, found %d:\n%s", n, v)
	}
	if !strings.Contains(v, "Tour of Samsung's Pyeongtaek") || !strings.Contains(v, "Fri 26 Jan 2024") {
		t.Errorf("the axis should follow the selection to the tour's day:\n%s", v)
	}
	for _, c := range []struct {
		keys []string
		want string
	}{{[]string{"-"}, "30 min a column"}, {[]string{"-------"}, "1 d a column"}, {[]string{"--------", "+"}, "12 h a column"}, {[]string{"+"}, "15 min a column"}} {
		if v := press(m, c.keys...).View(); !strings.Contains(v, c.want) {
			t.Errorf("%q: title should say %q:\n%s", c.keys, c.want, strings.Split(v, "\n")[2])
		}
	}
}

func TestLanesGrouping(t *testing.T) {
	m := newLanesModel(t, 120, 40)
	labels := func(m Model) []string {
		gutter, _ := m.ln.geometry(m.native)
		var out []string
		for _, l := range strings.Split(m.View(), "\n")[5 : 2+m.lay.list.h] {
			if lbl := strings.TrimSpace(ansi.Cut(l, 0, gutter)); lbl != "" {
				out = append(out, lbl)
			}
		}
		return out
	}
	if got := strings.Join(labels(m), "|"); !strings.HasPrefix(got, "Sam Altman|Jeremy Hunt|Kyung Kye-hy…|Lee Jung-bae|") {
		t.Errorf("person lanes in order of first appearance: %s", got)
	}
	m = press(m, "t")
	if got := strings.Join(labels(m), "|"); got != "Background i…|Korea visit|Meanwhile in…" || !strings.Contains(m.View(), "Lanes by track") {
		t.Errorf("track lanes: %s\n%s", got, m.View())
	}
	m = press(m, "t")
	if got := labels(m); len(got) < 3 || got[0] != "Davos, Switz…" || got[len(got)-1] != "(no city)" || !strings.Contains(m.View(), "Lanes by city") {
		t.Errorf("city lanes: %q", got)
	}
	if m = press(m, "t"); !strings.Contains(m.View(), "Lanes by person") {
		t.Errorf("t should come back to people")
	}
	// With a person filter, only that person's lane.
	m = press(m, "]")
	if got := labels(m); len(got) != 1 || got[0] != "Sam Altman" {
		t.Errorf("filtered to Altman: %q\n%s", got, m.View())
	}
	// n: the names in Hangul.
	if got := labels(press(m, "n")); len(got) != 1 || got[0] != "샘 올트먼" {
		t.Errorf("native names: %q", got)
	}
}

func TestLanesToggleKeepsSelection(t *testing.T) {
	m := press(newModel(t, 120, 40), "jjj") // the tour, in the list
	m = press(m, "v")
	if v := m.View(); !strings.Contains(v, "Lanes by person") || !strings.Contains(v, "❯━") || selectedID(m) != "pyeongtaek-tour" {
		t.Fatalf("v should show the lanes with the tour selected:\n%s", v)
	}
	m = press(m, "l", "v", "v", "v") // lanes → week → month → list
	if v := m.View(); !strings.Contains(v, "Timeline · 12 events") || selectedID(m) != "lunch-ds" || !strings.Contains(v, "❯ ~11:45–13:00") {
		t.Errorf("v should come back to the list on the lunch:\n%s", v)
	}
	// Enter and Tab reach the participants as in the list.
	m = press(newLanesModel(t, 120, 40), "ll", "enter")
	if m.focus != focusParticipants || !strings.Contains(m.View(), "Details · participants") {
		t.Errorf("enter should focus the participants:\n%s", m.View())
	}
}

func TestLanesNowLineAndMarks(t *testing.T) {
	it := defaultItinerary(t)
	m := sized(New(Config{Itinerary: it, Now: at(t, "2024-01-26T12:10:00+09:00"), Lanes: true}, renderer(termenv.Ascii)), 120, 40)
	v := m.View()
	altman := laneLine(t, v, "Jeremy Hunt")
	nowCol := column(altman, "│")
	hours := strings.Split(v, "\n")[4]
	if nowCol < 0 || column(hours, "12") != nowCol {
		t.Errorf("the now line should stand under 12 (now 12:10):\n%s\n%s", hours, altman)
	}
	// Lunch is selected (now), approximate: "~"; the start-ups meeting is
	// reported: "?".
	if kwak := laneLine(t, v, "Kwak Noh-jung"); !strings.Contains(kwak, "] ~?Meetings with chi") {
		t.Errorf("badges of the reported, approximate meeting: %q", kwak)
	}
	if !strings.Contains(laneLine(t, v, "Sam Altman"), "❯~") {
		t.Errorf("the current lunch should be selected: %q", laneLine(t, v, "Sam Altman"))
	}
}

func TestLanesFitEverySize(t *testing.T) {
	m := press(newLanesModel(t, 120, 40), "ll")
	for _, size := range [][2]int{{120, 40}, {80, 24}, {50, 15}, {40, 12}, {100, 20}, {99, 30}, {200, 60}, {61, 13}} {
		for _, keys := range [][]string{nil, {"t"}, {"n"}, {"--------"}, {"tab"}} {
			v := press(sized(m, size[0], size[1]), keys...).View()
			lines := strings.Split(v, "\n")
			if len(lines) != size[1] {
				t.Errorf("%v %q: %d lines", size, keys, len(lines))
			}
			for _, l := range lines {
				if w := ansi.StringWidth(l); w > size[0] {
					t.Errorf("%v %q: line of %d cells: %q", size, keys, w, l)
				}
			}
		}
	}
	// At 40×12 the gutter holds the start of a name and the selection is on screen.
	v := sized(m, 40, 12).View()
	if !strings.Contains(v, "Sam Alt… ") || !strings.Contains(v, "❯") {
		t.Errorf("40×12:\n%s", v)
	}
}

func TestGoldenLanes(t *testing.T) {
	now := at(t, "2024-01-26T12:10:00+09:00")
	for _, c := range []struct {
		name string
		w, h int
	}{{"lanes-120x40.txt", 120, 40}, {"lanes-80x24.txt", 80, 24}, {"lanes-40x12.txt", 40, 12}} {
		m := sized(New(Config{Itinerary: defaultItinerary(t), Now: now, Lanes: true}, renderer(termenv.Ascii)), c.w, c.h)
		golden(t, c.name, m.View()+"\n")
	}
	m := sized(New(Config{Itinerary: defaultItinerary(t), Now: now, Lanes: true}, renderer(termenv.ANSI256)), 120, 40)
	golden(t, "lanes-120x40.ansi", press(m, "t").View()+"\n")
}

func TestLanesFollowZoneSearchAndNow(t *testing.T) {
	// In UTC the hour over Alpha (09:00 in Paris, summer time) is 07.
	it, err := itinerary.Load("lanes.yaml", []byte(patAndRobin))
	if err != nil {
		t.Fatal(err)
	}
	m := sized(New(Config{Itinerary: it, Now: beforeVisit, Lanes: true, Zone: time.UTC}, renderer(termenv.Ascii)), 80, 24)
	v := m.View()
	pat := barStarts(laneLine(t, v, "Pat"))
	if hours := strings.Split(v, "\n")[4]; len(pat) != 2 || column(hours, "07") != pat[0] || column(hours, "09") != pat[1] {
		t.Errorf("in UTC Alpha starts under 07 and Bravo under 09:\n%s\n%s", hours, laneLine(t, v, "Pat"))
	}

	// A search leaves the lanes of the events it keeps.
	m = press(newLanesModel(t, 120, 40), "/", "@chey", "enter")
	v = m.View()
	if !strings.Contains(v, "Lanes by person · 1 of 12 events") || !strings.Contains(v, "Chey Tae-won ") ||
		!strings.Contains(v, "Sam Altman ") || strings.Contains(v, "Kyung Kye") || !strings.Contains(v, "❯") {
		t.Errorf("searching @chey should leave Altman's and Chey's lanes:\n%s", v)
	}

	// "." jumps to now: the lunch, from anywhere.
	m = sized(New(Config{Itinerary: defaultItinerary(t), Now: at(t, "2024-01-26T12:10:00+09:00"), Lanes: true}, renderer(termenv.Ascii)), 120, 40)
	if m = press(m, "G", "j", "."); selectedID(m) != "lunch-ds" {
		t.Errorf(". selected %s", selectedID(m))
	}
}

func TestLanesHostileTextCannotEscape(t *testing.T) {
	src := "title: x\ntimezone: Asia/Seoul\n" +
		"people: [{id: p, name: \"Eve\\e]0;pwned\\a\\u202e\", native: \"\\e[2J경\"}]\n" +
		"events:\n  - {title: \"Lunch\\e[5m\\u0007\\x9b31m\", start: \"2024-01-26 12:00\", duration: 2h, track: \"\\e]8;;x\\e\\\\t\", city: \"\\rC\", participants: [p]}\n"
	it, err := itinerary.Load("hostile.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	m := sized(New(Config{Itinerary: it, Now: beforeVisit, Lanes: true}, renderer(termenv.ANSI256)), 80, 24)
	for _, m := range []Model{m, press(m, "t"), press(m, "tt"), press(m, "n")} {
		v := m.View()
		if loc := nonSGR.FindStringIndex(v); loc != nil {
			t.Errorf("escape sequence other than SGR at %d: %q", loc[0], v[loc[0]:min(loc[1]+10, len(v))])
		}
		for _, c := range []string{"\r", "\a", "\u009b", "\u202e"} {
			if strings.Contains(v, c) {
				t.Errorf("view holds %q", c)
			}
		}
	}
}

func TestLanesMouse(t *testing.T) {
	m := lanesModel(t, patAndRobin, 80, 24)
	v := m.View()
	lines := strings.Split(v, "\n")
	y := -1
	for k, l := range lines {
		if strings.HasPrefix(l, "Pat ") {
			y = k
		}
	}
	bravo := barStarts(lines[y])[1]
	next, _ := m.Update(tea.MouseMsg{X: bravo + 1, Y: y, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
	if m = next.(Model); selectedID(m) != "bravo" {
		t.Errorf("a click on Bravo's bar selected %q", selectedID(m))
	}
	next, _ = m.Update(tea.MouseMsg{X: 5, Y: y + 1, Button: tea.MouseButtonWheelDown, Action: tea.MouseActionPress})
	if m = next.(Model); selectedID(m) != "charlie" {
		t.Errorf("the wheel should move to Robin's lane: %q", selectedID(m))
	}
}

// TestLanesFarApartInTime moves and zooms through events as far apart as
// an itinerary allows (200 years), one lasting a century, with no panic and
// whole frames.
func TestLanesFarApartInTime(t *testing.T) {
	src := `title: Far apart
timezone: Pacific/Kiritimati
people: [{id: a, name: A}, {id: b, name: B}]
events:
  - {title: First, start: "1900-01-02 00:00", end: "2000-01-01 00:00", participants: [a, b]}
  - {title: Middle, start: "2024-01-26 09:00", participants: [a]}
  - {title: Last, start: "2099-12-01", end: "2099-12-02", participants: [b], timezone: Etc/GMT+12}
`
	m := lanesModel(t, src, 80, 24)
	for _, keys := range []string{"l", "l", "j", "h", "k", "--------", "l", "++++++++", "G", "g", "t", "t"} {
		m = press(m, keys)
		lines := strings.Split(m.View(), "\n")
		if len(lines) != 24 {
			t.Fatalf("after %q: %d lines", keys, len(lines))
		}
		for _, l := range lines {
			if w := ansi.StringWidth(l); w > 80 {
				t.Fatalf("after %q: a line of %d cells: %q", keys, w, l)
			}
		}
		if !strings.Contains(m.View(), "❯") {
			t.Fatalf("after %q the selection is off screen:\n%s", keys, m.View())
		}
	}
}
