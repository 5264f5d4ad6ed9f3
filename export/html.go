package export

import (
	"github.com/visitline/visitline/itinerary"
	"io"
)

func HTML(w io.Writer, it *itinerary.Itinerary, events []int, opt Options) error { return nil }
