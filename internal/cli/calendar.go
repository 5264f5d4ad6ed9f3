package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/visitline/visitline/itinerary"
)

// resolveCalendars finds the calendar each --calendar NAME names: by its
// name or its id, letter case aside, once each. A name that names none is
// an error that lists the calendars there are.
func resolveCalendars(it *itinerary.Itinerary, names []string) ([]int, error) {
	if len(names) == 0 {
		return nil, nil
	}
	// A name or an id, in any case; a name that several calendars share
	// keeps all of them (their ids tell them apart).
	byName := make(map[string][]int, 2*len(it.Calendars))
	for k, c := range it.Calendars {
		id, name := strings.ToLower(c.ID), strings.ToLower(c.Name)
		byName[id] = append(byName[id], k)
		if name != id {
			byName[name] = append(byName[name], k)
		}
	}
	var out []int
	for _, n := range names {
		ks, ok := byName[strings.ToLower(strings.TrimSpace(n))]
		if !ok {
			return nil, unknownCalendar(it, n)
		}
		for _, k := range ks {
			if !slices.Contains(out, k) {
				out = append(out, k)
			}
		}
	}
	return out, nil
}

// unknownCalendar says that --calendar name names no calendar, and which
// there are.
func unknownCalendar(it *itinerary.Itinerary, name string) error {
	var b strings.Builder
	if len(it.Calendars) == 0 {
		fmt.Fprintf(&b, "--calendar %s: this itinerary has no calendars (open a folder of calendars or several files)", itinerary.Quote(name))
		return fmt.Errorf("%s", b.String())
	}
	fmt.Fprintf(&b, "--calendar %s names no calendar of this itinerary; the calendars are:", itinerary.Quote(name))
	shared := map[string]int{}
	for _, c := range it.Calendars {
		shared[c.Name]++
	}
	for _, c := range it.Calendars {
		fmt.Fprintf(&b, "\n  %s", itinerary.CleanLine(c.Name))
		if shared[c.Name] > 1 { // the id tells it from the others of its name
			fmt.Fprintf(&b, " (%s)", itinerary.CleanLine(c.ID))
		}
	}
	return fmt.Errorf("%s", b.String())
}
