package cli

import (
	"fmt"
	"strings"

	"github.com/visitline/visitline/agenda"
	"github.com/visitline/visitline/itinerary"
)

// personErrorMessage writes the usage message for a PersonError, listing
// the candidates by id and name.
func personErrorMessage(it *itinerary.Itinerary, e *itinerary.PersonError) string {
	var b strings.Builder
	switch {
	case e.ByOrgOrRole:
		fmt.Fprintf(&b, "--person %s is ambiguous; it matches no name, and these people by organisation or role:", itinerary.Quote(e.Query))
		for _, p := range e.Candidates {
			fmt.Fprintf(&b, "\n  %s — %s", personLabel(it, p), itinerary.CleanLine(agenda.Person(it, p, false).About()))
		}
		return b.String()
	case e.Ambiguous:
		fmt.Fprintf(&b, "--person %s is ambiguous; it matches:", itinerary.Quote(e.Query))
	default:
		fmt.Fprintf(&b, "--person %s matches nobody in this itinerary; the people are:", itinerary.Quote(e.Query))
	}
	for _, p := range e.Candidates {
		fmt.Fprintf(&b, "\n  %s", personLabel(it, p))
	}
	return b.String()
}

// personLabel is "id (Name, Native)" for lists of candidates.
func personLabel(it *itinerary.Itinerary, p int) string {
	pp := &it.People[p]
	if pp.Native != "" {
		return fmt.Sprintf("%s (%s, %s)", pp.ID, pp.Name, pp.Native)
	}
	return fmt.Sprintf("%s (%s)", pp.ID, pp.Name)
}
