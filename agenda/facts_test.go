package agenda

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/visitline/visitline/itinerary"
)

// facts is a small itinerary with people in two scripts, tracks, cities,
// a status, an approximate time, an overlap and an event with no one.
const facts = `version: 1
title: Facts
timezone: Asia/Seoul
orgs:
  - {id: s, name: Samsung Electronics, native: 삼성전자}
people:
  - {id: k, name: Kyung Kye-hyun, native: 경계현, role: President, org: s}
  - {id: b, name: Bo Kim}
events:
  - {id: a, title: Tour, start: "2024-03-04 09:00", end: "2024-03-04 11:00", track: chips, city: Pyeongtaek, status: reported, approximate: true, participants: [k, b], topics: [AI, chips], notes: "One.\n\nTwo."}
  - {id: c, title: Clash, start: "2024-03-04 10:00", end: "2024-03-04 12:00", city: Seoul, participants: [k]}
  - {id: n, title: Walk, start: "2024-03-04 15:00", end: "2024-03-04 16:00"}
`

// TestNewTakesTheFilter: New selects the filter's events, among Within when
// given, and keeps Within itself when the filter keeps all of it; it takes
// Shown as it is.
func TestNewTakesTheFilter(t *testing.T) {
	it := load(t, facts)
	all := New(it, Options{Zone: it.Zone})
	if !slices.Equal(all.Shown(), []int{0, 1, 2}) || all.Empty() {
		t.Fatalf("all: %v", all.Shown())
	}
	f := itinerary.Filter{People: []int{1}}
	bo := New(it, Options{Filter: f, Zone: it.Zone})
	if !slices.Equal(bo.Shown(), []int{0}) || bo.Filter().People[0] != 1 {
		t.Fatalf("Bo: %v", bo.Shown())
	}
	if h := bo.Header(); h.Title != "Facts" || !strings.HasSuffix(h.MetaLine(), "1 of 3 events · with Bo Kim") {
		t.Errorf("header %+v", h)
	}
	within := New(it, Options{Filter: f, Within: all.Shown(), Zone: it.Zone})
	if !slices.Equal(within.Shown(), []int{0}) {
		t.Errorf("within: %v", within.Shown())
	}
	same := New(it, Options{Filter: f, Within: bo.Shown(), Zone: nil})
	if &same.Shown()[0] != &bo.Shown()[0] {
		t.Error("the same events laid out again are a new list")
	}
	if again := New(it, Options{Filter: f, Shown: bo.Shown()}); &again.Shown()[0] != &bo.Shown()[0] || again.Options().Shown != nil {
		t.Error("Shown is not taken as it is")
	}
	if none := New(it, Options{Filter: f, Within: []int{2}}); !none.Empty() {
		t.Errorf("none: %v", none.Shown())
	}
}

func TestLanes(t *testing.T) {
	it := load(t, facts)
	l := New(it, Options{Zone: it.Zone})
	for _, c := range []struct {
		g      Grouping
		labels []string
		of     []int // the lanes of event 0
	}{
		{ByPerson, []string{"Kyung Kye-hyun", "Bo Kim", "(no one named)"}, []int{0, 1}},
		{ByTrack, []string{"chips", "(no track)"}, []int{0}},
		{ByCity, []string{"Pyeongtaek", "Seoul", "(no city)"}, []int{0}},
	} {
		s := Lanes(l, c.g)
		var labels []string
		for k := range s.Len() {
			labels = append(labels, s.Label(k, false))
		}
		if !slices.Equal(labels, c.labels) || !slices.Equal(s.LanesOf(0, nil), c.of) {
			t.Errorf("%v: %q, event 0 in %v", c.g, labels, s.LanesOf(0, nil))
		}
		if s.Position(c.of[0], 0) != 0 || s.Position(c.of[0], 2) != -1 {
			t.Errorf("%v: positions", c.g)
		}
	}
	if s := Lanes(l, ByPerson); s.Label(0, true) != "경계현" || s.MaxLabel(false) != len("(no one named)") {
		t.Errorf("native label %q, widest %d", s.Label(0, true), s.MaxLabel(false))
	}
	// With a person filter only the filtered people have lanes.
	kyung := New(it, Options{Filter: itinerary.Filter{People: []int{0}}, Zone: it.Zone})
	if s := Lanes(kyung, ByPerson); s.Len() != 1 || !slices.Equal(s.Events(0), []int{0, 1}) {
		t.Errorf("Kyung's lanes: %d", s.Len())
	}
	if got := []string{Marks(it, 0), Marks(it, 1), Marks(it, 2)}; !slices.Equal(got, []string{"~?!", "!", ""}) {
		t.Errorf("marks %q", got)
	}
}

func TestEventFacts(t *testing.T) {
	it := load(t, facts)
	f := EventFacts(it, 0, it.Zone, false)
	if f.Title != "Tour" || f.Approximate != ApproximateNote || f.Confirmed || f.Status != "reported" || f.Track != "chips" ||
		f.Topics != "AI · chips" || !slices.Equal(f.Notes, []string{"One.", "", "Two."}) || f.Place != "Pyeongtaek" {
		t.Errorf("%+v", f)
	}
	if len(f.Participants) != 2 || f.Participants[0].String() != "Kyung Kye-hyun 경계현 — President, Samsung Electronics" ||
		f.Participants[1].String() != "Bo Kim" {
		t.Errorf("participants %v", f.Participants)
	}
	if !slices.Equal(f.Overlaps, []string{"Clash — Kyung Kye-hyun (~10:00–12:00)"}) && !slices.Equal(f.Overlaps, []string{"Clash — Kyung Kye-hyun (10:00–12:00)"}) {
		t.Errorf("overlaps %q", f.Overlaps)
	}
	if got := New(it, Options{Zone: it.Zone}).EventText(0, 0, false).After(); got != " · Pyeongtaek — Kyung Kye-hyun, Bo Kim" {
		t.Errorf("after the title: %q", got)
	}
	if got := PersonLabel(it, 0, true); got != "경계현 Kyung Kye-hyun — President, 삼성전자" {
		t.Errorf("native label %q", got)
	}
	if got := Badges(PersonBadges(it, 1, 0)); got != "[reported]" {
		t.Errorf("Bo's badges %q: he is not due elsewhere", got)
	}
	if got := Badges(PersonBadges(it, 0, 0)); got != "[reported] [! overlap]" {
		t.Errorf("Kyung's badges %q", got)
	}
}

func TestTimeColumnAndClockZone(t *testing.T) {
	it := load(t, facts)
	for _, c := range []struct {
		zone    *time.Location
		compact bool
		widest  int
		want    int
	}{
		{it.Zone, false, 0, 14}, {nil, false, 0, 19}, {it.Zone, true, 0, 8}, {it.Zone, false, 15, 16}, {nil, true, 3, 8},
	} {
		if got := TimeColumn(c.zone, c.compact, c.widest); got != c.want {
			t.Errorf("%v %v %d: %d, want %d", c.zone, c.compact, c.widest, got, c.want)
		}
	}
	now := time.Date(2024, 3, 4, 10, 0, 0, 0, time.UTC)
	if ClockZone(it, time.UTC, now) != time.UTC || ClockZone(it, nil, now) != it.ZoneAt(now) {
		t.Error("clock zone")
	}
}
