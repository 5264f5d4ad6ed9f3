// Package export writes an itinerary, as selected by the itinerary package's
// filter engine, as a plain-text agenda, a Markdown briefing, JSON or RFC
// 5545 iCalendar, or as a format-v1 YAML file. The text and the Markdown take their rows and words from
// the agenda package, as the interactive view does.
package export

import "time"

// Options are what every exporter needs besides the itinerary.
type Options struct {
	// Zone is the display zone; nil shows each event in its own zone.
	Zone *time.Location
	// Now, when not zero, marks past, current and next events (text) and
	// stamps the calendar (ics).
	Now time.Time
	// People are the person filter, for the header and the JSON "filter".
	People []int
	// Width is the text agenda's line width in cells; 0 never cuts.
	Width int
}

// Format is an output format of --print.
type Format string

// The formats --format accepts.
const (
	FormatText     Format = "text"
	FormatMarkdown Format = "md"
	FormatJSON     Format = "json"
	FormatICS      Format = "ics"
	FormatYAML     Format = "yaml"
)

// Formats lists the accepted formats.
var Formats = []Format{FormatText, FormatMarkdown, FormatJSON, FormatICS, FormatYAML}
