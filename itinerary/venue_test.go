package itinerary

import (
	"os"
	"strings"
	"testing"
	"time"
)

func eventIndex(t *testing.T, it *Itinerary, id string) int {
	t.Helper()
	for i := range it.Events {
		if it.Events[i].ID == id {
			return i
		}
	}
	t.Fatalf("no event %q", id)
	return -1
}

func dayOf(n int32) string { return time.Unix(int64(n)*86400, 0).UTC().Format("Mon 2 Jan") }

// TestVenueRuleOnTheDelegation: the San Francisco call made from Singapore
// is told on Singapore's Friday; each flight covers the days from its
// departure's date in its zone to its landing's in its end_timezone, so
// the flight that lands on Friday in San Francisco covers Friday only; the
// zone at 14:40 in Singapore is Singapore's (issue 19).
func TestVenueRuleOnTheDelegation(t *testing.T) {
	b, err := os.ReadFile("../data/examples/delegation-asia-sf.yaml")
	if err != nil {
		t.Fatal(err)
	}
	it, err := Load("delegation.yaml", b)
	if err != nil {
		t.Fatal(err)
	}
	first, last := it.dayNumbers(nil), it.LastDays(nil)
	for _, c := range []struct {
		id, zone, first, last string
	}{
		{"briefing", "Asia/Seoul", "Wed 10 Mar", "Wed 10 Mar"},
		{"flight-tokyo", "Asia/Seoul", "Wed 10 Mar", "Wed 10 Mar"},
		{"flight-singapore", "Asia/Tokyo", "Thu 11 Mar", "Fri 12 Mar"},
		{"executive-meeting", "Asia/Singapore", "Fri 12 Mar", "Fri 12 Mar"},
		{"sf-call", "Asia/Singapore", "Fri 12 Mar", "Fri 12 Mar"},   // Thursday in San Francisco
		{"flight-sf", "Asia/Singapore", "Fri 12 Mar", "Fri 12 Mar"}, // lands Friday 19:35 PST: no Saturday
		{"sf-breakfast", "America/Los_Angeles", "Sat 13 Mar", "Sat 13 Mar"},
		{"flight-home", "America/Los_Angeles", "Sat 13 Mar", "Sun 14 Mar"},
	} {
		i := eventIndex(t, it, c.id)
		if z := it.VenueZone(i).String(); z != c.zone {
			t.Errorf("%s: venue zone %s, want %s", c.id, z, c.zone)
		}
		if f, l := dayOf(first[i]), dayOf(last[i]); f != c.first || l != c.last {
			t.Errorf("%s: covers %s–%s, want %s–%s", c.id, f, l, c.first, c.last)
		}
	}
	if got := it.VenueDate(eventIndex(t, it, "sf-call")).Format("Mon 2 Jan"); got != "Fri 12 Mar" {
		t.Errorf("the call's date: %s", got)
	}
	for _, c := range []struct {
		at, zone string
	}{
		{"2027-03-12T14:40:00+08:00", "Asia/Singapore"}, // during the meeting and the call
		{"2027-03-12T03:00:00+08:00", "Asia/Tokyo"},     // in the air to Singapore
		{"2027-03-12T06:00:00+08:00", "Asia/Singapore"}, // landed
		{"2027-03-12T20:00:00-08:00", "America/Los_Angeles"},
		{"2027-03-01T00:00:00Z", "Asia/Seoul"}, // before the trip: where it starts
	} {
		at, _ := time.Parse(time.RFC3339, c.at)
		if z := it.ZoneAt(at).String(); z != c.zone {
			t.Errorf("at %s: %s, want %s", c.at, z, c.zone)
		}
	}
}

// TestExcursions: a short run of events in another zone, without a
// journey, between events in one zone is an excursion; a longer stay, one
// with a journey in it, or one that does not come back is a move; days
// never go back.
func TestExcursions(t *testing.T) {
	head := "version: 1\ntitle: T\ntimezone: Europe/Berlin\nevents:\n"
	ev := func(id, start, zone string) string {
		s := "  - {id: " + id + ", title: " + id + ", start: \"" + start + "\", duration: 1h"
		if zone != "" {
			s += ", timezone: " + zone
		}
		return s + "}\n"
	}
	cases := []struct {
		name   string
		events []string
		want   map[string]string // id → venue zone
	}{
		{"one call", []string{ev("a", "2026-05-04 09:00", ""), ev("call", "2026-05-04 05:00", "America/New_York"), ev("b", "2026-05-04 14:00", "")},
			map[string]string{"call": "Europe/Berlin"}},
		{"two calls", []string{ev("a", "2026-05-04 09:00", ""), ev("c1", "2026-05-04 05:00", "America/New_York"), ev("c2", "2026-05-04 06:00", "America/Chicago"), ev("b", "2026-05-04 16:00", "")},
			map[string]string{"c1": "Europe/Berlin", "c2": "Europe/Berlin"}},
		{"a stay of days", []string{ev("a", "2026-05-04 09:00", ""), ev("ny", "2026-05-05 09:00", "America/New_York"), ev("b", "2026-05-07 09:00", "")},
			map[string]string{"ny": "America/New_York"}},
		{"no way back", []string{ev("a", "2026-05-04 09:00", ""), ev("ny", "2026-05-04 09:00", "America/New_York"), ev("ny2", "2026-05-04 12:00", "America/New_York")},
			map[string]string{"ny": "America/New_York", "ny2": "America/New_York"}},
		{"the last event", []string{ev("a", "2026-05-04 09:00", ""), ev("ny", "2026-05-04 09:00", "America/New_York")},
			map[string]string{"ny": "America/New_York"}},
	}
	for _, c := range cases {
		it, err := Load(c.name, []byte(head+strings.Join(c.events, "")))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		for id, zone := range c.want {
			if z := it.VenueZone(eventIndex(t, it, id)).String(); z != zone {
				t.Errorf("%s: %s is in %s, want %s", c.name, id, z, zone)
			}
		}
	}
	// Days never go back: an event whose date in its own zone is before
	// the day reached stays under that day.
	it, err := Load("back", []byte(head+ev("tokyo", "2026-05-05 08:00", "Asia/Tokyo")+ev("ny", "2026-05-04 20:00", "America/New_York")+ev("ny2", "2026-05-05 09:00", "America/New_York")))
	if err != nil {
		t.Fatal(err)
	}
	first := it.dayNumbers(nil)
	if got := dayOf(first[eventIndex(t, it, "ny")]); got != "Tue 5 May" {
		t.Errorf("the New York evening after Tokyo's morning is under %s", got)
	}
}

// TestSetFloating: floating times are wall clocks read in the viewer's
// zone; SetFloating reads them again in another and puts the events back
// in instant order; other events do not move.
func TestSetFloating(t *testing.T) {
	it, err := Load("f.yaml", []byte("version: 1\ntitle: F\ntimezone: UTC\nevents:\n"+
		"  - {id: dentist, title: Dentist, start: \"2026-12-03 14:00\", end: \"2026-12-03 15:00\", timezone: floating}\n"+
		"  - {id: call, title: Call, start: \"2026-12-03 18:00\"}\n"))
	if err != nil {
		t.Fatal(err)
	}
	d := &it.Events[eventIndex(t, it, "dentist")]
	if !d.Floating || !d.OwnZone || d.Zone != time.Local {
		t.Fatalf("the dentist: floating %v, zone %v", d.Floating, d.Zone)
	}
	la, _ := time.LoadLocation("America/Los_Angeles")
	seoul, _ := time.LoadLocation("Asia/Seoul")
	for _, c := range []struct {
		zone       *time.Location
		start, end string
		first      string
	}{
		{la, "2026-12-03T22:00:00Z", "2026-12-03T23:00:00Z", "call"},
		{seoul, "2026-12-03T05:00:00Z", "2026-12-03T06:00:00Z", "dentist"},
		{la, "2026-12-03T22:00:00Z", "2026-12-03T23:00:00Z", "call"}, // and back
	} {
		it.SetFloating(c.zone)
		i := eventIndex(t, it, "dentist")
		e := &it.Events[i]
		if got := e.Start.UTC().Format(time.RFC3339); got != c.start || e.End.UTC().Format(time.RFC3339) != c.end || e.Zone.String() != c.zone.String() {
			t.Errorf("in %v: %s–%s in %v", c.zone, got, e.End.UTC().Format(time.RFC3339), e.Zone)
		}
		if it.Events[0].ID != c.first || e.Index != i {
			t.Errorf("in %v: the events are not in instant order: first %s", c.zone, it.Events[0].ID)
		}
		if call := &it.Events[eventIndex(t, it, "call")]; call.Start.UTC().Hour() != 18 {
			t.Errorf("in %v: the call moved to %v", c.zone, call.Start)
		}
		if first, _, _ := it.Span(); !first.Equal(it.Events[0].Start) {
			t.Errorf("in %v: the span starts at %v", c.zone, first)
		}
	}
}
