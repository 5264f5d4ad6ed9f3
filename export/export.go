// Package export writes an itinerary, as selected by the itinerary package's
// filter engine, as a plain-text agenda, a Markdown briefing, JSON or RFC
// 5545 iCalendar, or as a format-v1 YAML file. The text and the Markdown take their rows and words from
// the agenda package, as the interactive view does.
package export

import (
	"io"
	"time"

	"github.com/visitline/visitline/agenda"
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
	// Calendars are the calendar filter (--calendar), indexes into the
	// itinerary's Calendars: only their events are written.
	Calendars []int
	// Width is the text agenda's line width in cells; 0 never cuts.
	Width int
	// Second is the second clock's zone (a second --tz), shown beside the
	// time of every timed row of the text agenda and the briefing; nil for
	// none.
	Second *time.Location
	// Dates keeps only the events that cover a part of its days.
	Dates agenda.DateRange
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

// WriteFunc writes the events opt's filter keeps in one format.
type WriteFunc func(w io.Writer, it *itinerary.Itinerary, opt Options) error

// Filter is the filter opt.People and opt.Calendars make.
func (opt Options) Filter() itinerary.Filter {
	return itinerary.Filter{People: opt.People, Calendars: opt.Calendars}
}

// selected makes a writer of the events opt's filter keeps (indices into
// it.Events in instant order) out of one that is given them: the formats
// that write the itinerary's events directly rather than an agenda.
func selected(write func(io.Writer, *itinerary.Itinerary, []int, Options) error) WriteFunc {
	return func(w io.Writer, it *itinerary.Itinerary, opt Options) error {
		return write(w, it, opt.Dates.Keep(it, it.Select(opt.Filter()), opt.Zone), opt)
	}
}

// formats is the table of output formats, in the order they are listed.
var formats = []struct {
	format Format
	about  string // what the format is, when its name does not say it
	write  WriteFunc
}{
	{FormatText, "", Text},
	{FormatMarkdown, "a Markdown briefing", Markdown},
	{FormatJSON, "", selected(JSON)},
	{FormatICS, "", selected(ICS)},
	{FormatYAML, "the itinerary as a format-v1 file", selected(YAML)},
	{FormatCSV, "one row per event", selected(CSV)},
	{FormatHTML, "a page to print", selected(HTML)},
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
