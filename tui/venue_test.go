package tui

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
	"github.com/visitline/visitline/data"
	"github.com/visitline/visitline/export"
	"github.com/visitline/visitline/itinerary"
)

// delegationTrip is the five-day delegation Seoul → Tokyo → Singapore →
// San Francisco (issue 19).
func delegationTrip(t testing.TB) *itinerary.Itinerary {
	t.Helper()
	b, err := data.Files.ReadFile("examples/delegation-asia-sf.yaml")
	if err != nil {
		t.Fatal(err)
	}
	it, err := itinerary.Load("delegation-asia-sf.yaml", b)
	if err != nil {
		t.Fatal(err)
	}
	return it
}

// TestJourneyEndsWithTheirDates: the flight that leaves San Francisco on
// Saturday 11:20 and lands in Seoul on Sunday 16:35 names each end's own
// date in the detail pane, never Sunday's date with Saturday's clock, and
// the participant's card gives both ends of it (issue 19, item 2).
func TestJourneyEndsWithTheirDates(t *testing.T) {
	before := time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)
	la, _ := time.LoadLocation("America/Los_Angeles")
	for _, zone := range []*time.Location{nil, la} {
		m := sized(New(Config{Itinerary: delegationTrip(t), Now: before, Zone: zone}, renderer(termenv.Ascii)), 160, 40)
		m = press(m, "G")
		if selectedID(m) != "flight-home" {
			t.Fatalf("selected %s", selectedID(m))
		}
		v := ansi.Strip(m.View())
		if !strings.Contains(v, "Sat 13 Mar 11:20 PST → Sun 14 Mar 16:35 KST · 12 h 15 min") || strings.Contains(v, "+1 KST") {
			t.Errorf("zone %v: the detail does not date both ends:\n%s", zone, v)
		}
		card := ansi.Strip(press(m, "tab", "enter").View())
		var side []string // the card's pane, right of the divider
		for _, l := range strings.Split(card, "\n") {
			if _, r, ok := strings.Cut(l, "│"); ok {
				side = append(side, r)
			}
		}
		if c := strings.Join(side, "\n"); !strings.Contains(c, "Sat 13 Mar  11:20 PST → Sun 14 Mar 16:35 KST") || strings.Contains(c, "11:20–23:35") {
			t.Errorf("zone %v: the card row does not give both ends:\n%s", zone, card)
		}
		if zone == nil {
			golden(t, "delegation-flight-home-160x40.txt", v)
			golden(t, "delegation-han-card-160x40.txt", card)
		}
	}
}

// TestFloatingDetail: a floating event's detail says it is on the
// viewer's clock, and in which zone it was read (issue 19, item 3).
func TestFloatingDetail(t *testing.T) {
	it, err := itinerary.Load("f.yaml", []byte("version: 1\ntitle: F\ntimezone: UTC\nevents:\n"+
		"  - {id: dentist, title: Dentist, start: \"2026-12-03 14:00\", end: \"2026-12-03 15:00\", timezone: floating}\n"))
	if err != nil {
		t.Fatal(err)
	}
	la, _ := time.LoadLocation("America/Los_Angeles")
	it.SetFloating(la)
	v := ansi.Strip(sized(New(Config{Itinerary: it, Now: time.Date(2026, 12, 3, 14, 30, 0, 0, la)}, renderer(termenv.Ascii)), 160, 30).View())
	for _, want := range []string{"Thu 3 Dec 2026 · 22:00–23:00 UTC · 1 h", "floating: 14:00–15:00 on the viewer's clock (America/Los_Angeles)", "[now · 30 min left] Dentist"} {
		if !strings.Contains(v, want) {
			t.Errorf("the view lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "at the venue") {
		t.Errorf("a floating event has no venue's clock:\n%s", v)
	}
}

// viewAndTextAgreeOnTheDelegation is TestViewAndTextAgree's part on the
// delegation trip in each venue's own zone at 14:40 in Singapore: every
// event's time label and badges, the continuation rows and the now line
// read the same in the view and in the text agenda.
func viewAndTextAgreeOnTheDelegation(t *testing.T) {
	it := delegationTrip(t)
	now := time.Date(2027, 3, 12, 6, 40, 0, 0, time.UTC) // 14:40 in Singapore
	var text bytes.Buffer
	if err := export.Text(&text, it, export.Options{Now: now}); err != nil {
		t.Fatal(err)
	}
	m := press(New(Config{Itinerary: it, Now: now}, renderer(termenv.Ascii)), "z")
	if m.zone != nil {
		t.Fatalf("z did not reach each venue's own zone: %v", m.zone)
	}
	view := ansi.Strip(sized(m, 220, 50).View())
	for i := range it.Events {
		title := it.Events[i].Title
		tl, vl := lineContaining(text.String(), title), lineContaining(view, title)
		if got, exp := pieceRun(tl, title), pieceRun(vl, title); got != exp || got == "" {
			t.Errorf("venue zone, %s: text says %q, view says %q", title, got, exp)
		}
	}
	for _, row := range []string{"── now 14:40 ──", "until 05:25", "until 16:35", "Thu 11 Mar 22:30–23:30 PST", "Sun 14 Mar 2027 · continued"} {
		if !strings.Contains(text.String(), row) || !strings.Contains(view, row) {
			t.Errorf("venue zone: %q missing\ntext:\n%s\nview:\n%s", row, text.String(), view)
		}
	}
}
