package agenda

import (
	"slices"
	"testing"

	"github.com/visitline/visitline/internal/synth"
	"github.com/visitline/visitline/itinerary"
)

// referenceKeyLanes sorts events into lanes by the key each gives, in
// order of first event, as the lanes did before the itinerary kept its
// groups: the reference the compact indexes must agree with.
func referenceKeyLanes(events []int, key func(i int) string) (lanes []Lane, none []int) {
	at := map[string]int{}
	for _, i := range events {
		k := key(i)
		if k == "" {
			none = append(none, i)
			continue
		}
		n, ok := at[k]
		if !ok {
			n = len(lanes)
			at[k] = n
			lanes = append(lanes, Lane{Person: -1, Key: k})
		}
		lanes[n].Events = append(lanes[n].Events, i)
	}
	return lanes, none
}

// TestKeyLanesAgree checks the track, city and calendar lanes of every
// event and of every third event against the reference, with LanesOf
// naming the lane each event is in.
func TestKeyLanesAgree(t *testing.T) {
	a, err := itinerary.Load("a.yaml", synth.Generate(2000, 80, 3))
	if err != nil {
		t.Fatal(err)
	}
	b, err := itinerary.Load("b.yaml", synth.Generate(500, 30, 4))
	if err != nil {
		t.Fatal(err)
	}
	for i := range a.Events { // tracks, some events without one; Merge indexes them
		if i%7 != 0 {
			a.Events[i].Track = []string{"Policy", "Plant tour", "Press"}[i%3]
		}
	}
	merged, err := itinerary.Merge("2 calendars", []itinerary.Calendar{{Name: "Home"}, {Name: "Work"}}, []itinerary.Part{
		{It: a, Calendar: 1, File: "a.yaml"}, {It: b, Calendar: 0, File: "b.yaml"},
	})
	if err != nil {
		t.Fatal(err)
	}
	keys := map[Grouping]func(it *itinerary.Itinerary, i int) string{
		ByTrack: func(it *itinerary.Itinerary, i int) string { return it.Events[i].Track },
		ByCity:  func(it *itinerary.Itinerary, i int) string { return it.Events[i].City },
		ByCalendar: func(it *itinerary.Itinerary, i int) string {
			if len(it.Calendars) < 2 {
				return ""
			}
			return it.Calendars[it.Events[i].Calendar].Name
		},
	}
	for name, it := range map[string]*itinerary.Itinerary{"default": defaultVisit(t), "synthetic": b, "merged": merged} {
		var all, third []int
		for i := range it.Events {
			all = append(all, i)
			if i%3 == 0 {
				third = append(third, i)
			}
		}
		for g, key := range keys {
			for _, events := range [][]int{all, third} {
				s := &LaneSet{it: it, group: g, noneLane: -1}
				none := s.keyLanes(events)
				want, wantNone := referenceKeyLanes(events, func(i int) string { return key(it, i) })
				if g == ByCalendar { // the calendars in their own order
					slices.SortStableFunc(want, func(a, b Lane) int {
						return slices.IndexFunc(it.Calendars, func(c itinerary.Calendar) bool { return c.Name == a.Key }) -
							slices.IndexFunc(it.Calendars, func(c itinerary.Calendar) bool { return c.Name == b.Key })
					})
				}
				if !slices.EqualFunc(s.lanes, want, func(a, b Lane) bool { return a.Key == b.Key && slices.Equal(a.Events, b.Events) }) || !slices.Equal(none, wantNone) {
					t.Errorf("%s by %s, %d events: the lanes differ from the reference", name, g, len(events))
					continue
				}
				if name == "merged" && len(want) < 2 {
					t.Errorf("%s by %s: %d lanes; the test needs several", name, g, len(want))
				}
				if len(none) > 0 {
					s.noneLane = len(s.lanes)
				}
				for _, i := range events {
					got := s.LanesOf(i, nil)
					k := slices.IndexFunc(s.lanes, func(l Lane) bool { return l.Key != "" && l.Key == key(it, i) })
					if k < 0 {
						k = s.noneLane
					}
					if len(got) != 1 || got[0] != k {
						t.Fatalf("%s by %s: LanesOf(%d) = %v, want [%d]", name, g, i, got, k)
					}
				}
			}
		}
	}
	if n := Lanes(New(merged, Options{}), ByCalendar).Len(); n != 2 {
		t.Errorf("the merged itinerary by calendar has %d lanes, want 2 (Work, Home)", n)
	}
	if ByCity.Next(a) != ByPerson || ByCity.Next(merged) != ByCalendar || ByCalendar.Next(merged) != ByPerson {
		t.Errorf("t must go on to the calendar only with several calendars")
	}
}
