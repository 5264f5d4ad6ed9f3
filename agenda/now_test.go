package agenda

import (
	"strings"
	"testing"
	"time"

	"github.com/visitline/visitline/itinerary"
)

// nowRows lays out events in zone with now and, when free, free time, and
// says each row in a word or two; it leaves out zone changes.
func nowRows(it *itinerary.Itinerary, events []int, zone *time.Location, now time.Time, free bool) string {
	l := New(it, Options{Within: events, Zone: zone, Now: now, FreeTime: free})
	var out []string
	for r := 0; r < l.Len(); r++ {
		row := l.Row(r)
		switch row.Kind {
		case DayHeader:
			out = append(out, l.DayText(row).Label)
		case EventRow:
			out = append(out, "  "+it.Events[row.Event()].ID)
		case Continuation:
			c := l.ContinuationText(row)
			out = append(out, "  ↳ "+it.Events[c.Event].ID)
		case NowLine:
			out = append(out, "  "+l.NowText(row))
		case FreeTime:
			out = append(out, "  "+l.FreeTimeText(row))
		}
	}
	return strings.Join(out, "\n")
}

// TestNowLinePlace: the now line stands under the day now falls on, at
// its end when the next event is on a later day, and free time still to
// come follows it, split when now is inside it (QA #3, #18), in the
// itinerary's zone and in others.
func TestNowLinePlace(t *testing.T) {
	visit, trip := defaultVisit(t), conferenceTrip(t)
	seoul, _ := time.LoadLocation("Asia/Seoul")
	la, _ := time.LoadLocation("America/Los_Angeles")
	kyung, err := visit.ResolvePerson("kyung")
	if err != nil {
		t.Fatal(err)
	}
	all, withKyung, trips := visit.Select(itinerary.Filter{}), visit.Select(itinerary.Filter{People: []int{kyung}}), trip.Select(itinerary.Filter{})
	cases := []struct {
		name   string
		it     *itinerary.Itinerary
		events []int
		zone   *time.Location
		now    time.Time
		free   bool
		want   string // the rows from the first that starts so
	}{
		{"after the day's last event", visit, all, seoul, time.Date(2024, 1, 25, 23, 30, 0, 0, seoul), false,
			"  altman-arrives\n  now 23:30\nFri 26 Jan 2024\n  pyeongtaek-tour"},
		{"on a day without events", visit, all, seoul, time.Date(2024, 1, 22, 10, 0, 0, 0, seoul), false,
			"Thu 18 Jan 2024\n  davos-panel\n  now Mon 22 Jan 10:00\nThu 25 Jan 2024"},
		{"in another zone, filtered", visit, withKyung, la, time.Date(2024, 1, 26, 11, 0, 0, 0, seoul), false,
			"Thu 25 Jan 2024\n  kyung-returns\n  pyeongtaek-tour\n  now 18:00\nFri 26 Jan 2024\n  dinner-kyung"},
		{"free time still to come", visit, all, seoul, time.Date(2024, 1, 26, 11, 0, 0, 0, seoul), true,
			"Fri 26 Jan 2024\n  pyeongtaek-tour\n  now 11:00\n  ┄ free 15 min\n  lunch-ds"},
		{"inside free time", visit, all, seoul, time.Date(2024, 1, 26, 11, 40, 0, 0, seoul), true,
			"Fri 26 Jan 2024\n  pyeongtaek-tour\n  ┄ free 10 min\n  now 11:40\n  ┄ free 5 min\n  lunch-ds"},
		{"at the end of an event, with free time", trip, trips, la, time.Date(2026, 11, 24, 13, 0, 0, 0, la), true,
			"Tue 24 Nov 2026\n  ↳ conference\n  partner-lunch\n  now 13:00\n  ┄ free 20 h 15 min\n  partner-visit\nWed 25 Nov 2026"},
		{"at the end of an event, in UTC", trip, trips, time.UTC, time.Date(2026, 11, 24, 13, 0, 0, 0, la), false,
			"Tue 24 Nov 2026\n  ↳ conference\n  partner-lunch\n  now 21:00\n  partner-visit\nWed 25 Nov 2026"},
		{"inside the last event (QA2 #8)", trip, trips, la, time.Date(2026, 11, 25, 23, 0, 0, 0, la), false,
			"Wed 25 Nov 2026\n  ↳ conference\n  our-talk\n  flight-home\n  now 23:00\nThu 26 Nov 2026\n  ↳ flight-home"},
		{"inside the last event, on the day it lands", trip, trips, la, time.Date(2026, 11, 26, 1, 0, 0, 0, la), false,
			"Thu 26 Nov 2026\n  ↳ flight-home\n  now 01:00"},
		{"inside the last event, filtered", visit, withKyung, seoul, time.Date(2024, 1, 26, 18, 0, 0, 0, seoul), true,
			"Fri 26 Jan 2024\n  pyeongtaek-tour\n  ┄ free 6 h\n  dinner-kyung\n  now 18:00"},
	}
	for _, c := range cases {
		got := nowRows(c.it, c.events, c.zone, c.now, c.free)
		first := c.want[:strings.IndexByte(c.want, '\n')]
		k := strings.Index(got, first+"\n")
		if k < 0 || !strings.HasPrefix(got[k:], c.want) {
			t.Errorf("%s: rows\n%s\nwant from %q:\n%s", c.name, got, first, c.want)
		}
		if n := strings.Count(got, "  now "); n != 1 {
			t.Errorf("%s: %d now lines", c.name, n)
		}
	}
}

// TestNoNowLineAfterEverything: once every shown event has ended, as
// before the first has begun, there is no now line (the header says
// "now" only inside the itinerary too); while the last one goes on, the
// line follows it (QA2 #8).
func TestNoNowLineAfterEverything(t *testing.T) {
	trip := conferenceTrip(t)
	la, _ := time.LoadLocation("America/Los_Angeles")
	events := trip.Select(itinerary.Filter{})
	for _, c := range []struct {
		now   time.Time
		lines int
	}{
		{time.Date(2026, 11, 20, 9, 0, 0, 0, la), 0},
		{time.Date(2026, 11, 26, 2, 4, 0, 0, la), 1},
		{time.Date(2026, 11, 26, 2, 5, 0, 0, la), 0},
		{time.Date(2026, 12, 1, 9, 0, 0, 0, la), 0},
	} {
		got := nowRows(trip, events, la, c.now, true)
		if n := strings.Count(got, "  now "); n != c.lines {
			t.Errorf("now %v: %d now lines, want %d:\n%s", c.now, n, c.lines, got)
		}
	}
}
