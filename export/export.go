// Package export writes an itinerary, as selected by the itinerary package's
// filter engine, as a plain-text agenda, a Markdown briefing, JSON or RFC
// 5545 iCalendar, or as a format-v1 YAML file. The text and the Markdown take their rows and words from
// the agenda package, as the interactive view does.
package export

import (
	"io"
	"time"

	"github.com/visitline/visitline/itinerary"
)

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
	// Compact asks the Markdown briefing for its short form: a line an
	// event under each day.
	Compact bool
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
	FormatCSV      Format = "csv"
	FormatHTML     Format = "html"
)

// WriteFunc writes events, indices into it.Events in display order, in one
// format.
type WriteFunc func(w io.Writer, it *itinerary.Itinerary, events []int, opt Options) error

// formats is the table of output formats, in the order they are listed.
var formats = []struct {
	format Format
	about  string // what the format is, when its name does not say it
	write  WriteFunc
}{
	{FormatText, "", Text},
	{FormatMarkdown, "a Markdown briefing", Markdown},
	{FormatJSON, "", JSON},
	{FormatICS, "", ICS},
	{FormatYAML, "the itinerary as a format-v1 file", YAML},
	{FormatCSV, "one row per event", CSV},
	{FormatHTML, "a page to print", HTML},
}

// Formats lists the accepted formats, in the order they are listed to a
// user.
func Formats() []Format {
	out := make([]Format, len(formats))
	for i, f := range formats {
		out[i] = f.format
	}
	return out
}

// Writer is the writer of format f, or nil when f is not a format.
func Writer(f Format) WriteFunc {
	for _, g := range formats {
		if g.format == f {
			return g.write
		}
	}
	return nil
}

// About says what format f is, for a user's list of formats ("a Markdown
// briefing"), or "" when its name says it.
func About(f Format) string {
	for _, g := range formats {
		if g.format == f {
			return g.about
		}
	}
	return ""
}
