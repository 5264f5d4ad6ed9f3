package agenda

import (
	"slices"
	"testing"

	"github.com/visitline/visitline/internal/synth"
	"github.com/visitline/visitline/itinerary"
)

// TestEveryonesLanes checks the lanes of every event by person, taken from
// the itinerary's own lists of each person's events, against sorting the
// events one by one (personLanes with every person allowed): the same
// lanes, in the same order, with the same events.
func TestEveryonesLanes(t *testing.T) {
	synthetic, err := itinerary.Load("synth.yaml", synth.Generate(3000, 150, 7))
	if err != nil {
		t.Fatal(err)
	}
	for name, it := range map[string]*itinerary.Itinerary{"default": defaultVisit(t), "synthetic": synthetic} {
		all := make([]int, len(it.Events))
		everyone := make([]int, len(it.People))
		for i := range all {
			all[i] = i
		}
		for p := range everyone {
			everyone[p] = p
		}
		fast := &LaneSet{it: it, group: ByPerson, noneLane: -1}
		slow := &LaneSet{it: it, group: ByPerson, noneLane: -1}
		fastNone, slowNone := fast.personLanes(all, nil), slow.personLanes(all, everyone)
		if len(fast.lanes) == 0 || !slices.EqualFunc(fast.lanes, slow.lanes, func(a, b Lane) bool {
			return a.Person == b.Person && slices.Equal(a.Events, b.Events)
		}) || !slices.Equal(fast.laneOf, slow.laneOf) || !slices.Equal(fastNone, slowNone) {
			t.Errorf("%s: the lanes of every event differ from sorting them one by one", name)
		}
	}
}
