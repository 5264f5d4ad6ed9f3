package export

import (
	"io"

	"github.com/visitline/visitline/calendar"
	"github.com/visitline/visitline/itinerary"
)

// ICS writes events as an RFC 5545 calendar: calendar.Write, the writer
// beside the reader of the same dialect, stamped at opt.Now.
func ICS(w io.Writer, it *itinerary.Itinerary, events []int, opt Options) error {
	return calendar.Write(w, it, events, opt.Now)
}
