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
	byName := make(map[string]int, 2*len(it.Calendars))
	for k := len(it.Calendars) - 1; k >= 0; k-- { // the first of a name wins
		byName[strings.ToLower(it.Calendars[k].ID)] = k
		byName[strings.ToLower(it.Calendars[k].Name)] = k
	}
	var out []int
	for _, n := range names {
		k, ok := byName[strings.ToLower(strings.TrimSpace(n))]
		if !ok {
			return nil, unknownCalendar(it, n)
		}
		if !slices.Contains(out, k) {
			out = append(out, k)
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
	for _, c := range it.Calendars {
		fmt.Fprintf(&b, "\n  %s", itinerary.CleanLine(c.Name))
	}
	return fmt.Errorf("%s", b.String())
}
