package itinerary

import (
	"bytes"
	"strings"
	"testing"
)

const twoCalendars = `title: T
timezone: UTC
events:
  - title: standup
    start: 2026-03-02 09:00
    calendar: Work
  - title: dentist
    start: 2026-03-02 11:00
    calendar: "Home\x1b[31m"
  - title: review
    start: 2026-03-02 12:00
    calendar: Work
  - title: lunch
    start: 2026-03-02 13:00
`

func TestEventCalendarField(t *testing.T) {
	it, err := Load("t.yaml", []byte(twoCalendars))
	if err != nil {
		t.Fatal(err)
	}
	if len(it.Calendars) != 2 {
		t.Fatalf("calendars = %+v, want Work and Home", it.Calendars)
	}
	work, home := it.Calendars[0], it.Calendars[1]
	if work.Name != "Work" || work.ID != "work" || home.Name != "Home" || home.ID != "home" {
		t.Errorf("calendars = %+v", it.Calendars)
	}
	if strings.ContainsRune(home.Name, 0x1b) {
		t.Errorf("the escape reached the name: %q", home.Name)
	}
	if work.Color != CalendarColor("Work") || !colorPattern.MatchString(work.Color) {
		t.Errorf("colour of Work = %q", work.Color)
	}
	want := map[string]int{"standup": 0, "dentist": 1, "review": 0, "lunch": -1}
	for i := range it.Events {
		e := &it.Events[i]
		if e.Calendar != want[e.Title] {
			t.Errorf("%s: calendar %d, want %d", e.Title, e.Calendar, want[e.Title])
		}
	}
	if it.CalendarOf(&it.Events[3]) != nil {
		t.Errorf("lunch has a calendar")
	}
}

func TestEventCalendarRoundTrip(t *testing.T) {
	it, err := Load("t.yaml", []byte(twoCalendars))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	all := make([]int, len(it.Events))
	for i := range all {
		all[i] = i
	}
	if err := WriteYAML(&b, it, all); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "calendar: Work") {
		t.Fatalf("written without the calendar:\n%s", b.String())
	}
	back, err := Load("back.yaml", b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Calendars) != len(it.Calendars) {
		t.Fatalf("calendars %+v, want %+v", back.Calendars, it.Calendars)
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
}

func TestEventCalendarErrors(t *testing.T) {
	for _, tc := range []struct{ val, want string }{
		{"[a, b]", "t.yaml:5:15: event #1: calendar must be text"},
		{`""`, "t.yaml:5:15: event #1: calendar is empty"},
	} {
		src := "title: T\ntimezone: UTC\nevents:\n  - title: x\n    calendar: " + tc.val + "\n    start: 2026-03-02\n"
		_, err := Load("t.yaml", []byte(src))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("calendar: %s: error %v, want %q", tc.val, err, tc.want)
		}
	}
}
