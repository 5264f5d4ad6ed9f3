package agenda

import (
	"strings"
	"testing"
	"time"

	"github.com/visitline/visitline/data"
	"github.com/visitline/visitline/itinerary"
)

func conferenceTrip(t *testing.T) *itinerary.Itinerary {
	t.Helper()
	b, err := data.Files.ReadFile("examples/sf-conference.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return load(t, string(b))
}

func eventByID(t *testing.T, it *itinerary.Itinerary, id string) int {
	t.Helper()
	for i := range it.Events {
		if it.Events[i].ID == id {
			return i
		}
	}
	t.Fatalf("no event %q", id)
	return -1
}

func TestJourneyLabel(t *testing.T) {
	it := load(t, "title: T\ntimezone: Europe/Berlin\nevents:\n"+
		"  - {id: out, title: o, start: \"2026-11-22 13:30\", end: \"2026-11-22 16:05\", end_timezone: America/Los_Angeles}\n"+
		"  - {id: home, title: h, start: \"2026-11-25 15:20\", timezone: America/Los_Angeles, end: \"2026-11-26 11:05\", end_timezone: Europe/Berlin, approximate: true}\n"+
		"  - {id: west, title: w, start: \"2026-11-27 01:00\", timezone: Asia/Tokyo, end: \"2026-11-26 18:00\", end_timezone: America/Los_Angeles}\n"+
		"  - {id: same, title: s, start: \"2026-11-28 10:00\", end: \"2026-11-28 11:00\", end_timezone: Europe/Berlin}\n"+
		"  - {id: local, title: l, start: \"2026-11-29 10:00\", end: \"2026-11-29 11:00\"}\n"+
		"  - {id: open, title: p, start: \"2026-11-30 10:00\", end_timezone: America/Los_Angeles}\n")
	cases := map[string]string{
		"out":   "13:30 CET → 16:05 PST · 11 h 35 min",
		"home":  "~15:20 PST → Thu 26 Nov 11:05 CET · 10 h 45 min",
		"west":  "01:00 JST → Thu 26 Nov 18:00 PST · 10 h", // across the date line: lands the day before, local time
		"same":  "",
		"local": "",
		"open":  "", // no end, no journey
	}
	for id, want := range cases {
		i := eventByID(t, it, id)
		day := it.DayOf(i, nil) // a row on the departure's own day
		if got := JourneyLabel(it, i, day); got != want {
			t.Errorf("%s: %q, want %q", id, got, want)
		}
	}
	if got := WhenLabel(it, eventByID(t, it, "out"), time.UTC); got != "Sun 22 Nov 2026 · 13:30 CET → 16:05 PST · 11 h 35 min" {
		t.Errorf("when: %q", got)
	}
	trip := conferenceTrip(t)
	if got := WhenLabel(trip, eventByID(t, trip, "conference"), time.UTC); got != "Mon 23 – Wed 25 Nov 2026 · 3 days" {
		t.Errorf("when of the conference: %q", got)
	}
}

// rowsText lays out the conference trip in zone and says each row in a
// word or two.
func rowsText(t *testing.T, it *itinerary.Itinerary, zone *time.Location) []string {
	l := New(it, Options{Zone: zone})
	var out []string
	for r := 0; r < l.Len(); r++ {
		row := l.Row(r)
		switch row.Kind {
		case DayHeader:
			d := l.DayText(row)
			out = append(out, d.Label+" · "+d.Count)
		case EventRow:
			out = append(out, "  "+it.Events[row.Event()].ID)
		case Continuation:
			c := l.ContinuationText(row)
			out = append(out, "  ↳ "+it.Events[c.Event].ID+" · "+c.Day)
		case ZoneChange:
			out = append(out, "  "+l.ZoneChangeText(row))
		}
	}
	return out
}

// TestConferenceInLosAngeles: the conference is listed under each of its
// days, the overnight flight home under the day it lands (a day with no
// event of its own), and no zone change follows the flight out, which
// lands in the conference's zone.
func TestConferenceInLosAngeles(t *testing.T) {
	it := conferenceTrip(t)
	la, _ := time.LoadLocation("America/Los_Angeles")
	want := []string{
		"Sun 22 Nov 2026 · 1 event",
		"  flight-out",
		"Mon 23 Nov 2026 · 2 events",
		"  conference",
		"  keynote",
		"Tue 24 Nov 2026 · 2 events",
		"  ↳ conference · day 2 of 3",
		"  partner-lunch",
		"  partner-visit",
		"Wed 25 Nov 2026 · 2 events",
		"  ↳ conference · day 3 of 3",
		"  our-talk",
		"  flight-home",
		"Thu 26 Nov 2026 · continued",
		"  ↳ flight-home · day 2 of 2",
	}
	if got := rowsText(t, it, la); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// In each venue's own zone no row says the zone changed: the flight
	// out lands in the conference's zone, and the flight home leaves from
	// it.
	if got := strings.Join(rowsText(t, it, nil), "\n"); strings.Contains(got, "⟶") {
		t.Errorf("zone changes in own zones:\n%s", got)
	}
}

// TestZoneShiftAfterAJourney: the clock moves from where a journey lands.
func TestZoneShiftAfterAJourney(t *testing.T) {
	it := load(t, "title: T\ntimezone: Europe/Berlin\nevents:\n"+
		"  - {id: fly, title: f, start: \"2026-11-22 13:30\", end: \"2026-11-22 16:05\", end_timezone: America/Los_Angeles}\n"+
		"  - {id: la, title: l, start: \"2026-11-23 09:00\", timezone: America/Los_Angeles}\n"+
		"  - {id: tokyo, title: t, start: \"2026-11-24 09:00\", timezone: Asia/Tokyo}\n")
	fly, la, tokyo := eventByID(t, it, "fly"), eventByID(t, it, "la"), eventByID(t, it, "tokyo")
	if changed, _ := it.ZoneShift(fly, la); changed || it.ZoneChanged(fly, la) {
		t.Errorf("a zone change between a flight to Los Angeles and an event there")
	}
	// Straight after the flight, Tokyo is 17 hours ahead of Los Angeles
	// (not 8 ahead of Berlin, where the flight left from).
	if changed, shift := it.ZoneShift(fly, tokyo); !changed || shift != 17*time.Hour {
		t.Errorf("from the flight's arrival to Tokyo: %v %v", changed, shift)
	}
	l := New(it, Options{})
	var changes []string
	for r := 0; r < l.Len(); r++ {
		if row := l.Row(r); row.Kind == ZoneChange {
			changes = append(changes, l.ZoneChangeText(row))
		}
	}
	if strings.Join(changes, "\n") != "⟶ venue in Asia/Tokyo (JST), +17 h" {
		t.Errorf("zone change rows: %q", changes)
	}
}

// TestQuietDaysAreBounded: an entry that spans decades adds a bounded
// number of rows.
func TestQuietDaysAreBounded(t *testing.T) {
	it := load(t, "title: T\ntimezone: UTC\nevents:\n  - {title: long, start: 2020-01-01, end: 2049-12-31}\n")
	l := New(it, Options{Zone: time.UTC})
	if n := l.Len(); n > 2*maxQuietDays+4 || n < maxQuietDays {
		t.Errorf("%d rows for one long entry", n)
	}
}
