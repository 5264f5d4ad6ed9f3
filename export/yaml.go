package export

import (
	"io"

	"github.com/visitline/visitline/itinerary"
)

// YAML writes the itinerary as a format-v1 file (itinerary.WriteYAML, the
// format's own writer beside its reader): every source, org and person,
// and the selected events.
func YAML(w io.Writer, it *itinerary.Itinerary, events []int, _ Options) error {
	return itinerary.WriteYAML(w, it, events)
}
