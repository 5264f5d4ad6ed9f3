package itinerary

import (
	"strings"
	"testing"
	"time"
)

// TestDST resolves wall-clock times on the nights the clocks change: a time
// in the gap moves forward by the gap, a repeated one is the first, and
// both warn at the time's position.
func TestDST(t *testing.T) {
	cases := []struct {
		name, zone, start string
		want              string // the instant, RFC 3339 in UTC
		warning           string
	}{
		{"new york gap", "America/New_York", "2024-03-10 02:30", "2024-03-10T07:30:00Z",
			`f.yaml:3:28: warning: event #1: start "2024-03-10 02:30" does not exist in America/New_York (the clocks skip it); read as 2024-03-10 03:30 EDT, moved forward by the gap`},
		{"new york repeated hour", "America/New_York", "2024-11-03 01:30", "2024-11-03T05:30:00Z",
			`f.yaml:3:28: warning: event #1: start "2024-11-03 01:30" happens twice in America/New_York (the clocks go back); read as the first, 2024-11-03 01:30 EDT (-04:00)`},
		{"berlin gap", "Europe/Berlin", "2024-03-31 02:15", "2024-03-31T01:15:00Z",
			`f.yaml:3:28: warning: event #1: start "2024-03-31 02:15" does not exist in Europe/Berlin (the clocks skip it); read as 2024-03-31 03:15 CEST, moved forward by the gap`},
		{"berlin repeated hour", "Europe/Berlin", "2024-10-27 02:30", "2024-10-27T00:30:00Z",
			`f.yaml:3:28: warning: event #1: start "2024-10-27 02:30" happens twice in Europe/Berlin (the clocks go back); read as the first, 2024-10-27 02:30 CEST (+02:00)`},
		{"half-hour gap", "Australia/Lord_Howe", "2024-10-06 02:15", "2024-10-05T15:45:00Z",
			`f.yaml:3:28: warning: event #1: start "2024-10-06 02:15" does not exist in Australia/Lord_Howe (the clocks skip it); read as 2024-10-06 02:45 +11, moved forward by the gap`},
		{"just before the gap", "Europe/Berlin", "2024-03-31 01:59", "2024-03-31T00:59:00Z", ""},
		{"just after the gap", "Europe/Berlin", "2024-03-31 03:00", "2024-03-31T01:00:00Z", ""},
		{"after the repeated hour", "Europe/Berlin", "2024-10-27 03:00", "2024-10-27T02:00:00Z", ""},
		{"no DST", "Asia/Seoul", "2024-03-31 02:30", "2024-03-30T17:30:00Z", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			it := mustLoad(t, "title: T\ntimezone: "+c.zone+"\nevents: [{title: x, start: \""+c.start+"\"}]\n")
			if got := it.Events[0].Start.UTC().Format(time.RFC3339); got != c.want {
				t.Errorf("start %s, want %s", got, c.want)
			}
			got := strings.Join(FormatProblems("f.yaml", it.Warnings), "\n")
			if got != c.warning {
				t.Errorf("warnings\n%s\nwant\n%s", got, c.warning)
			}
		})
	}
}

// TestEndTimezone measures a journey between the instants of its two ends.
func TestEndTimezone(t *testing.T) {
	cases := []struct {
		name, fields string
		want         time.Duration
		endZone      string
	}{
		{"frankfurt to san francisco in winter", `start: "2026-01-15 13:30", timezone: Europe/Berlin, end: "2026-01-15 16:05", end_timezone: America/Los_Angeles`, 11*time.Hour + 35*time.Minute, "America/Los_Angeles"},
		{"frankfurt to san francisco in summer", `start: "2026-07-15 13:30", timezone: Europe/Berlin, end: "2026-07-15 16:05", end_timezone: America/Los_Angeles`, 11*time.Hour + 35*time.Minute, "America/Los_Angeles"},
		{"overnight home", `start: "2026-01-20 15:20", timezone: America/Los_Angeles, end: "2026-01-21 11:05", end_timezone: Europe/Berlin`, 10*time.Hour + 45*time.Minute, "Europe/Berlin"},
		{"end in the event's own zone", `start: "2026-01-15 13:30", timezone: Europe/Berlin, end: "2026-01-15 16:05"`, 2*time.Hour + 35*time.Minute, "Europe/Berlin"},
		{"end in the itinerary's zone", `start: "2026-01-15 13:30", end: "2026-01-15 16:05"`, 2*time.Hour + 35*time.Minute, "Asia/Seoul"},
		{"an instant end ignores the zone", `start: "2026-01-15 13:30", timezone: Europe/Berlin, end: "2026-01-16T00:05:00Z", end_timezone: America/Los_Angeles`, 11*time.Hour + 35*time.Minute, "America/Los_Angeles"},
		{"duration with an end zone", `start: "2026-01-15 13:30", timezone: Europe/Berlin, duration: 11h35m, end_timezone: America/Los_Angeles`, 11*time.Hour + 35*time.Minute, "America/Los_Angeles"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			it := mustLoad(t, header+"events: [{title: x, "+c.fields+"}]\n")
			e := &it.Events[0]
			if e.Duration() != c.want {
				t.Errorf("duration %v, want %v", e.Duration(), c.want)
			}
			if got := e.EndLocation().String(); got != c.endZone {
				t.Errorf("end zone %s, want %s", got, c.endZone)
			}
		})
	}
}

func TestEndTimezoneErrors(t *testing.T) {
	cases := []struct {
		name, fields string
		want         string
	}{
		{"unknown", `start: "2026-01-15 13:30", end: "2026-01-15 16:05", end_timezone: America/San_Francisco`,
			`f.yaml:3:87: event #1: unknown time zone "America/San_Francisco" (use an IANA name such as "Asia/Seoul", "Europe/Zurich" or "UTC")`},
		{"misspelt", `start: "2026-01-15 13:30", end: "2026-01-15 16:05", end_timezone: America/Los_Angels`,
			`f.yaml:3:87: event #1: unknown time zone "America/Los_Angels"; did you mean "America/Los_Angeles"?`},
		{"not text", `start: "2026-01-15 13:30", end_timezone: [UTC]`,
			`f.yaml:3:62: event #1: end_timezone must be text, not a list`},
		// 07:00 in New York is 13:00 in Berlin, before 13:30 there.
		{"end before start across zones", `start: "2026-01-15 13:30", timezone: Europe/Berlin, end: "2026-01-15 07:00", end_timezone: America/New_York`,
			`f.yaml:3:78: event #1: end 2026-01-15 07:00 is before start 2026-01-15 13:30`},
		{"date-only end before date-only start", `start: 2026-11-23, end: 2026-11-22`,
			`f.yaml:3:45: event #1: end 2026-11-22 is before start 2026-11-23`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := strings.Join(loadErrors(t, header+"events: [{title: x, "+c.fields+"}]\n"), "\n")
			if got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
		})
	}
}

func TestItineraryID(t *testing.T) {
	if it := mustLoad(t, "id: seoul-2024\n"+header+"events: []\n"); it.ID != "seoul-2024" {
		t.Errorf("id %q", it.ID)
	}
	if it := mustLoad(t, header+"events: []\n"); it.ID != "" {
		t.Errorf("id %q without one", it.ID)
	}
	got := strings.Join(loadErrors(t, "id: \"seoul 2024\"\n"+header+"events: []\n"), "\n")
	want := `f.yaml:1:5: itinerary: id "seoul 2024" is not a slug (letters, digits, "-", "_" and ".", starting with a letter or digit)`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestCoveredDays lists the days an event covers in a display zone.
func TestCoveredDays(t *testing.T) {
	it := mustLoad(t, "title: T\ntimezone: Europe/Berlin\nevents:\n"+
		"  - {id: conf, title: c, start: 2026-11-23, end: 2026-11-25}\n"+
		"  - {id: one, title: o, start: 2026-11-26}\n"+
		"  - {id: dur, title: d, start: 2026-11-27, duration: 48h}\n"+
		"  - {id: home, title: h, start: \"2026-11-25 15:20\", timezone: America/Los_Angeles, end: \"2026-11-26 11:05\", end_timezone: Europe/Berlin}\n"+
		"  - {id: midnight, title: m, start: \"2026-11-24 22:00\", end: \"2026-11-25 00:00\"}\n"+
		"  - {id: late, title: l, start: \"2026-11-24 23:00\", end: \"2026-11-27 01:00\"}\n")
	la, _ := time.LoadLocation("America/Los_Angeles")
	berlin, _ := time.LoadLocation("Europe/Berlin")
	cases := []struct {
		id   string
		loc  *time.Location
		want string
	}{
		{"conf", nil, "2026-11-23 2026-11-24 2026-11-25"},
		{"conf", la, "2026-11-23 2026-11-24 2026-11-25"}, // dates keep their dates
		{"one", la, "2026-11-26"},
		{"dur", nil, "2026-11-27 2026-11-28"},
		{"home", berlin, "2026-11-26"},         // 00:20 to 11:05 in Berlin
		{"home", nil, "2026-11-25 2026-11-26"}, // 15:20 to 02:05 in Los Angeles, its own zone
		{"midnight", nil, "2026-11-24"},        // ends at midnight: not the next day
		{"late", nil, "2026-11-24 2026-11-25 2026-11-26 2026-11-27"},
	}
	for _, c := range cases {
		i := -1
		for k := range it.Events {
			if it.Events[k].ID == c.id {
				i = k
			}
		}
		first, n := it.CoveredDays(i, c.loc)
		var got []string
		for d := range n {
			got = append(got, first.AddDate(0, 0, d).Format("2006-01-02"))
		}
		if strings.Join(got, " ") != c.want {
			t.Errorf("%s in %v: %s, want %s", c.id, c.loc, strings.Join(got, " "), c.want)
		}
	}
}

// TestNowPrefersTimedEvents: a multi-day or all-day entry, under way or
// upcoming, never captures now while a timed event is current or left.
func TestNowPrefersTimedEvents(t *testing.T) {
	it := mustLoad(t, "title: T\ntimezone: America/Los_Angeles\nevents:\n"+
		"  - {id: conf, title: c, start: 2026-11-23, end: 2026-11-25}\n"+
		"  - {id: talk, title: t, start: \"2026-11-24 09:00\", duration: 1h}\n"+
		"  - {id: lunch, title: l, start: \"2026-11-24 12:30\", duration: 1h, status: cancelled}\n"+
		"  - {id: dinner, title: d, start: \"2026-11-24 19:00\", duration: 2h}\n"+
		"  - {id: day, title: day, start: 2026-11-26}\n")
	la, _ := time.LoadLocation("America/Los_Angeles")
	at := func(d, h, m int) time.Time { return time.Date(2026, 11, d, h, m, 0, 0, la) }
	id := func(i int) string {
		if i < 0 {
			return "-"
		}
		return it.Events[i].ID
	}
	all := it.Select(Filter{})
	cases := []struct {
		now                    time.Time
		nowEvent, next, active string
	}{
		{at(22, 23, 0), "talk", "conf", "talk"}, // the night before: the talk, not the conference, is next
		{at(23, 10, 0), "talk", "talk", "talk"}, // inside the conference: the next timed event
		{at(24, 9, 30), "talk", "lunch", "dinner"},
		{at(24, 12, 0), "dinner", "lunch", "dinner"}, // the cancelled lunch is not what happens next
		{at(24, 21, 30), "conf", "day", "day"},       // no timed event left: the conference under way, the day off counted down to
		{at(26, 10, 0), "day", "-", "-"},             // under way, nothing else left: the day off, with no countdown
		{at(27, 9, 0), "-", "-", "-"},
	}
	for _, c := range cases {
		if got := id(it.NowEvent(all, c.now)); got != c.nowEvent {
			t.Errorf("NowEvent at %v: %s, want %s", c.now, got, c.nowEvent)
		}
		if got := id(it.NextAfter(all, c.now)); got != c.next {
			t.Errorf("NextAfter at %v: %s, want %s", c.now, got, c.next)
		}
		if got := id(it.NextActive(all, c.now)); got != c.active {
			t.Errorf("NextActive at %v: %s, want %s", c.now, got, c.active)
		}
	}
	if m := it.MomentOf(0, at(24, 10, 0)); m != Current {
		t.Errorf("the conference on its second day is %v, want current", m)
	}
}
