package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
	"github.com/visitline/visitline/itinerary"
)

// threeCalendars is an itinerary of three calendars, as --format yaml
// writes a folder of three collections.
const threeCalendars = `title: 3 calendars
timezone: Europe/Paris
calendars:
  - name: Work
    color: "#E15759"
  - name: Home
    color: "#59A14F"
  - name: Team
    color: "#4E79A7"
people:
  - {id: ann, name: Ann Lee}
events:
  - {title: Standup, start: "2026-03-02 09:00", end: "2026-03-02 09:15", kind: meeting, calendar: Work, participants: [ann]}
  - {title: School run, start: "2026-03-02 08:00", end: "2026-03-02 08:30", kind: travel, calendar: Home}
  - {title: Sprint review, start: "2026-03-02 14:00", end: "2026-03-02 15:00", kind: meeting, calendar: Team, participants: [ann]}
  - {title: Dentist, start: "2026-03-03 11:00", end: "2026-03-03 11:45", place: Rue Oberkampf, calendar: Home}
  - {title: Planning, start: "2026-03-03 10:00", end: "2026-03-03 11:00", calendar: Work}
  - {title: Offsite, start: "2026-03-04", calendar: Team}
`

var beforeCalendars = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)

func calendarsModel(t *testing.T, profile termenv.Profile, w, h int) Model {
	t.Helper()
	it, err := itinerary.Load("calendars.yaml", []byte(threeCalendars))
	if err != nil {
		t.Fatal(err)
	}
	return sized(New(Config{Itinerary: it, Now: beforeCalendars}, renderer(profile)), w, h)
}

// TestCalendarGoldens: without colour (NO_COLOR) each calendar's rows
// carry a glyph of their own; in colour the glyph takes the calendar's
// colour; the header names the calendars and the detail pane the
// selected event's.
func TestCalendarGoldens(t *testing.T) {
	m := calendarsModel(t, termenv.Ascii, 80, 24)
	golden(t, "calendars-80x24.txt", m.View()+"\n")
	golden(t, "calendars-80x24.ansi", calendarsModel(t, termenv.ANSI256, 80, 24).View()+"\n")
	golden(t, "calendars-home-80x24.txt", press(m, "C", "C").View()+"\n")
	golden(t, "calendars-week-80x24.txt", press(m, "C", "v", "v").View()+"\n")
	golden(t, "calendars-month-120x40.txt", press(calendarsModel(t, termenv.Ascii, 120, 40), "v", "v", "v").View()+"\n")
	golden(t, "calendars-week-80x24.ansi", press(calendarsModel(t, termenv.ANSI256, 80, 24), "v", "v").View()+"\n")
}

func TestCalendarMarks(t *testing.T) {
	v := ansi.Strip(calendarsModel(t, termenv.Ascii, 80, 24).View())
	lines := strings.Split(v, "\n")
	if !strings.HasPrefix(lines[0], "3 calendars: Work, Home, Team") {
		t.Errorf("header: %q", lines[0])
	}
	for title, glyph := range map[string]string{"Standup": "■", "Planning": "■", "School run": "▲", "Dentist": "▲", "Sprint review": "◆"} {
		found := false
		for _, l := range lines {
			if k := strings.Index(l, title); k >= 0 && strings.Contains(l[:k], glyph) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no %s before it:\n%s", title, glyph, v)
		}
	}
	if !strings.Contains(v, "calendar Home") {
		t.Errorf("the detail pane of School run does not name its calendar:\n%s", v)
	}
	// One calendar: no marks, the default visit's rows as they were.
	one, err := itinerary.Load("one.yaml", []byte("title: T\ntimezone: UTC\nevents:\n  - {title: A, start: \"2026-03-02 09:00\", calendar: Work}\n"))
	if err != nil {
		t.Fatal(err)
	}
	v = ansi.Strip(sized(New(Config{Itinerary: one, Now: beforeCalendars}, renderer(termenv.Ascii)), 80, 24).View())
	if strings.Contains(v, "■") || strings.Contains(v, "calendar") {
		t.Errorf("one calendar shows marks or names:\n%s", v)
	}
}

// TestCalendarKey: C filters to Work, Home, Team, then all again; the
// footer says what it does next; esc drops the calendar filter; a start
// filter from --calendar holds.
func TestCalendarKey(t *testing.T) {
	m := calendarsModel(t, termenv.Ascii, 120, 30)
	if len(m.visible) != 6 || !strings.Contains(ansi.Strip(m.View()), "C only Work") {
		t.Fatalf("start: %d events; footer:\n%s", len(m.visible), ansi.Strip(m.View()))
	}
	for _, want := range []struct {
		n    int
		chip string
	}{{2, "[Work]"}, {2, "[Home]"}, {2, "[Team]"}, {6, ""}} {
		m = press(m, "C")
		v := ansi.Strip(m.View())
		if len(m.visible) != want.n {
			t.Errorf("after C: %d events, want %d", len(m.visible), want.n)
		}
		if want.chip != "" && !strings.Contains(strings.Split(v, "\n")[1], want.chip+" · 2 of 6 events") {
			t.Errorf("header lacks %s:\n%s", want.chip, v)
		}
	}
	m = press(m, "C", "C")
	if got := ansi.Strip(m.View()); !strings.Contains(got, "esc all calendars") {
		t.Errorf("the footer does not offer esc:\n%s", got)
	}
	if m = press(m, "esc"); len(m.visible) != 6 || len(m.filter.Calendars) != 0 {
		t.Errorf("esc: %d events, filter %v", len(m.visible), m.filter.Calendars)
	}

	it, _ := itinerary.Load("calendars.yaml", []byte(threeCalendars))
	m = sized(New(Config{Itinerary: it, Now: beforeCalendars, Calendars: []int{2}}, renderer(termenv.Ascii)), 120, 30)
	if len(m.visible) != 2 || it.Events[m.visible[0]].Title != "Sprint review" {
		t.Errorf("--calendar Team: %v", m.visible)
	}
	// Without calendars C does nothing and is not offered.
	d := newModel(t, 120, 30)
	if v := ansi.Strip(press(d, "C").View()); strings.Contains(v, "calendar") || len(press(d, "C").visible) != len(d.visible) {
		t.Errorf("C in an itinerary without calendars:\n%s", v)
	}
}

// TestCalendarHostileNames: a calendar name with escapes shows cleaned.
func TestCalendarHostileNames(t *testing.T) {
	src := strings.Replace(threeCalendars, "name: Home", "name: \"Home\\e]0;pwned\\a\\e[2J\"", 1)
	src = strings.ReplaceAll(src, "calendar: Home}", "calendar: \"Home\\e]0;pwned\\a\\e[2J\"}")
	it, err := itinerary.Load("calendars.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	m := sized(New(Config{Itinerary: it, Now: beforeCalendars}, renderer(termenv.ANSI256)), 120, 30)
	for _, m := range []Model{m, press(m, "C", "C"), press(m, "j")} {
		v := m.View()
		if loc := nonSGR.FindStringIndex(v); loc != nil {
			t.Errorf("escape sequence other than SGR at %d: %q", loc[0], v[loc[0]:min(loc[1]+10, len(v))])
		}
		if strings.Contains(v, "\a") || !strings.Contains(ansi.Strip(v), "Home") {
			t.Errorf("view:\n%s", v)
		}
	}
}

// TestKeepCalendars: a reload keeps the calendar filter by name, the
// calendars that are gone dropping out.
func TestKeepCalendars(t *testing.T) {
	old := &itinerary.Itinerary{Calendars: []itinerary.Calendar{{Name: "Work"}, {Name: "Home"}, {Name: "Team"}}}
	it := &itinerary.Itinerary{Calendars: []itinerary.Calendar{{Name: "Team"}, {Name: "Work"}}}
	if got := keepCalendars(old, it, []int{0, 1, 2}); len(got) != 2 || got[0] != 1 || got[1] != 0 {
		t.Errorf("kept %v, want [1 0]", got)
	}
	if got := keepCalendars(old, it, nil); got != nil {
		t.Errorf("no filter kept %v", got)
	}
}
