package agenda

import (
	"testing"
	"time"

	"github.com/visitline/visitline/data"
	"github.com/visitline/visitline/itinerary"
)

func delegationTrip(t *testing.T) *itinerary.Itinerary {
	t.Helper()
	b, err := data.Files.ReadFile("examples/delegation-asia-sf.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return load(t, string(b))
}

// TestJourneyWords: each end of a journey names its own date where it is
// not the row's day, and the detail and the card name both ends; in each
// venue's own zone a row whose venue date is not its header's shows it,
// and a journey's time column gives its departure (issue 19).
func TestJourneyWords(t *testing.T) {
	it := delegationTrip(t)
	home, sf, call := eventByID(t, it, "flight-home"), eventByID(t, it, "flight-sf"), eventByID(t, it, "sf-call")
	sat := time.Date(2027, 3, 13, 0, 0, 0, 0, time.UTC)
	seoul := it.Zone
	cases := []struct{ name, got, want string }{
		{"row under Saturday", JourneyLabel(it, home, sat), "11:20 PST → Sun 14 Mar 16:35 KST · 12 h 15 min"},
		{"row under Sunday", JourneyLabel(it, home, sat.AddDate(0, 0, 1)), "Sat 13 Mar 11:20 PST → 16:35 KST · 12 h 15 min"},
		{"detail", WhenLabel(it, home, seoul), "Sat 13 Mar 11:20 PST → Sun 14 Mar 16:35 KST · 12 h 15 min"},
		{"detail, same day", WhenLabel(it, sf, seoul), "Fri 12 Mar 2027 · 20:40 UTC+8 → 19:35 PST · 14 h 55 min"},
		{"text row in Seoul", New(it, Options{Zone: seoul}).EventText(home, 0, false).Journey,
			"Sat 13 Mar 11:20 PST → 16:35 KST · 12 h 15 min"},
		{"venue row of the call", TimeLabel(it, call, nil), "Thu 11 Mar 22:30–23:30 PST"},
		{"venue row of a journey", TimeLabel(it, home, nil), "11:20 PST"},
		{"fixed zone row of the call", TimeLabel(it, call, seoul), "15:30–16:30"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s: %q, want %q", c.name, c.got, c.want)
		}
	}
	if day, when := DatedLabel(it, home, seoul); day+"  "+when != "Sat 13 Mar  11:20 PST → Sun 14 Mar 16:35 KST" {
		t.Errorf("card row: %q %q", day, when)
	}
	if day, when := DatedLabel(it, call, nil); day+"  "+when != "Thu 11 Mar  22:30–23:30 PST" {
		t.Errorf("card row of the call: %q %q", day, when)
	}
}

// TestFloatingNote: a floating event says so, with its clock and the zone
// it is read in; other events say nothing.
func TestFloatingNote(t *testing.T) {
	it := load(t, "title: F\ntimezone: UTC\nevents:\n"+
		"  - {id: d, title: D, start: \"2026-12-03 14:00\", end: \"2026-12-03 15:00\", timezone: floating}\n"+
		"  - {id: c, title: C, start: \"2026-12-03 18:00\"}\n")
	la, _ := time.LoadLocation("America/Los_Angeles")
	it.SetFloating(la)
	if got := FloatingNote(it, eventByID(t, it, "d")); got != "floating: 14:00–15:00 on the viewer's clock (America/Los_Angeles)" {
		t.Errorf("floating: %q", got)
	}
	if got := FloatingNote(it, eventByID(t, it, "c")); got != "" {
		t.Errorf("not floating: %q", got)
	}
	if got := VenueTime(it, eventByID(t, it, "d"), time.UTC); got != "" {
		t.Errorf("a floating event has no venue's clock: %q", got)
	}
}
