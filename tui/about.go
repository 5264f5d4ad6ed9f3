package tui

import (
	"strings"

	"github.com/visitline/visitline/agenda"
	"github.com/visitline/visitline/itinerary"
)

// aboutContent is the i page for a screen width cells wide: the
// itinerary's title, subtitle, span, summary, calendars (when it gathers
// several: each with where it was read) and sources.
func aboutContent(it *itinerary.Itinerary, st *Styles, width int) string {
	out := &textLines{width: width}
	out.hang("  ", st.Title.Render(agenda.TitleText(it, width-4)), 4)
	if it.Subtitle != "" {
		out.hang("  ", it.Subtitle, 4)
	}
	out.hang("  ", st.Faint.Render(strings.Join([]string{agenda.SpanLabel(it, it.Zone), it.ZoneName(), agenda.Count(len(it.Events), "event"),
		agenda.Count(len(it.People), "person"), agenda.Count(len(it.Orgs), "organisation")}, " · ")), 4)
	if it.Summary != "" {
		out.add("")
		for _, para := range agenda.Paragraphs(it.Summary) {
			out.wrap(para, 2)
		}
	}
	if agenda.ShowsCalendars(it) {
		out.add("")
		out.add("  " + st.Heading.Render("Calendars"))
		for k := range it.Calendars {
			c := &it.Calendars[k]
			line := c.Name
			if c.Origin != "" {
				line += " — " + c.Origin
			}
			out.hang("  • ", itinerary.CleanLine(line), 4)
		}
	}
	if len(it.Sources) > 0 {
		out.add("")
		out.add("  " + st.Heading.Render("Sources"))
		for _, src := range it.Sources {
			out.hang("  • ", agenda.SourceLabel(src), 4)
		}
	}
	return out.String()
}
