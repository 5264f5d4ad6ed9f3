package itinerary

import (
	"bytes"
	"strings"
	"testing"
)

const listedCalendars = `title: T
timezone: UTC
calendars:
  - name: Home
    color: "#00ff80"
  - name: Work
events:
  - title: standup
    start: 2026-03-02 09:00
    calendar: Work
  - title: dentist
    start: 2026-03-02 11:00
    calendar: Home
  - title: lunch
    start: 2026-03-02 13:00
`

// TestCalendarsList: the top-level calendars list gives the calendars, in
// its order, with their colours (a stable one of the name without); an
// event's calendar names one of them.
func TestCalendarsList(t *testing.T) {
	it, err := Load("t.yaml", []byte(listedCalendars))
	if err != nil {
		t.Fatal(err)
	}
	if len(it.Calendars) != 2 || it.Calendars[0].Name != "Home" || it.Calendars[1].Name != "Work" {
		t.Fatalf("calendars = %+v, want Home, Work", it.Calendars)
	}
	if c := it.Calendars[0].Color; c != "#00FF80" {
		t.Errorf("Home's colour = %q, want #00FF80", c)
	}
	if c := it.Calendars[1].Color; c != CalendarColor("Work") {
		t.Errorf("Work's colour = %q, want the stable %q", c, CalendarColor("Work"))
	}
	want := map[string]int{"standup": 1, "dentist": 0, "lunch": -1}
	for i := range it.Events {
		if e := &it.Events[i]; e.Calendar != want[e.Title] {
			t.Errorf("%s: calendar %d, want %d", e.Title, e.Calendar, want[e.Title])
		}
	}
}

func TestCalendarsListErrors(t *testing.T) {
	head := "title: T\ntimezone: UTC\n"
	for _, tc := range []struct{ src, want string }{
		{"calendars: [{name: Work}]\nevents:\n  - {title: x, start: 2026-03-02, calendar: Home}\n",
			`t.yaml:5:45: event #1: calendar "Home" is not in the top-level calendars list (known: "Work")`},
		{"calendars: []\nevents:\n  - {title: x, start: 2026-03-02, calendar: Home}\n",
			`t.yaml:5:45: event #1: calendar "Home" is not in the top-level calendars list (none are given)`},
		{"calendars: [{name: Work}, {name: Work}]\nevents: []\n", `t.yaml:3:27: calendar "Work": the name is given twice (first at line 3)`},
		{"calendars: [{name: Work, color: red}]\nevents: []\n", `t.yaml:3:33: calendar "Work": color must be "#RRGGBB"`},
		{"calendars: [{color: \"#112233\"}]\nevents: []\n", `t.yaml:3:13: calendar #1: missing required field "name"`},
		{"calendars: [{name: Work, colour: \"#112233\"}]\nevents: []\n", `unknown field "colour"; did you mean "color"?`},
	} {
		_, err := Load("t.yaml", []byte(head+tc.src))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.src, err, tc.want)
		}
	}
}

// TestCalendarsListRoundTrip: WriteYAML writes the calendars list with the
// colours, and reading it back gives the same calendars and the same
// calendar of each event; two calendars of one name are written once.
func TestCalendarsListRoundTrip(t *testing.T) {
	it, err := Load("t.yaml", []byte(listedCalendars))
	if err != nil {
		t.Fatal(err)
	}
	all := make([]int, len(it.Events))
	for i := range all {
		all[i] = i
	}
	var b bytes.Buffer
	if err := WriteYAML(&b, it, all); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "calendars:\n  - name: Home\n    color: '#00FF80'\n  - name: Work\n") {
		t.Errorf("written without the calendars list:\n%s", b.String())
	}
	back, err := Load("back.yaml", b.Bytes())
	if err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	for i := range it.Calendars {
		if back.Calendars[i].Name != it.Calendars[i].Name || back.Calendars[i].Color != it.Calendars[i].Color {
			t.Errorf("calendar %d: %+v, want %+v", i, back.Calendars[i], it.Calendars[i])
		}
	}
	for i := range it.Events {
		if back.Events[i].Calendar != it.Events[i].Calendar {
			t.Errorf("%s: calendar %d, want %d", it.Events[i].Title, back.Events[i].Calendar, it.Events[i].Calendar)
		}
	}

	// Two calendars called Work (two folders with one displayname).
	it.Calendars = append(it.Calendars, Calendar{ID: "work-2", Name: "Work", Color: "#123456"})
	it.Events[0].Calendar = 2
	b.Reset()
	if err := WriteYAML(&b, it, all); err != nil {
		t.Fatal(err)
	}
	if _, err := Load("back.yaml", b.Bytes()); err != nil {
		t.Errorf("a file with two calendars of one name does not load back: %v\n%s", err, b.String())
	}
}

// TestFilterCalendars: a filter of calendars keeps their events alone,
// with people and words too, and an event of no calendar in none.
func TestFilterCalendars(t *testing.T) {
	it, err := Load("t.yaml", []byte(listedCalendars))
	if err != nil {
		t.Fatal(err)
	}
	titles := func(f Filter) string {
		var out []string
		for _, i := range it.Select(f) {
			out = append(out, it.Events[i].Title)
		}
		return strings.Join(out, ",")
	}
	for _, tc := range []struct {
		f    Filter
		want string
	}{
		{Filter{}, "standup,dentist,lunch"},
		{Filter{Calendars: []int{1}}, "standup"},
		{Filter{Calendars: []int{0, 1}}, "standup,dentist"},
		{Filter{Calendars: []int{0}, Query: it.ParseQuery("standup")}, ""},
		{Filter{Calendars: []int{1}, Query: it.ParseQuery("stand")}, "standup"},
	} {
		if got := titles(tc.f); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.f.Calendars, got, tc.want)
		}
	}
	if (Filter{Calendars: []int{0}}).Empty() {
		t.Errorf("a calendar filter is not empty")
	}
	if got := it.SelectFrom(Filter{Calendars: []int{0}}, []int{0, 1, 2}); len(got) != 1 || it.Events[got[0]].Title != "dentist" {
		t.Errorf("SelectFrom = %v", got)
	}
}
