package export

import (
	"bufio"
	"io"
	"strings"

	"github.com/visitline/visitline/agenda"
	"github.com/visitline/visitline/itinerary"
)

// markdownCompact writes the short briefing (--compact): the title and the
// header line, then under a heading for each day one list item for each
// event — time, badges, title, place and participants with their native
// names — so that a day of eight events is some twenty lines. Notes,
// roles, topics and sources are left to the full briefing.
func markdownCompact(w io.Writer, it *itinerary.Itinerary, events []int, opt Options) error {
	bw := bufio.NewWriter(w)
	md := mdWriter{w: bw}
	l := agenda.New(it, agenda.Options{Filter: opt.Filter(), Shown: events, Zone: opt.Zone, Now: opt.Now})
	lines := header(l)
	md.block("# " + mdInline(lines[0]))
	var head []string
	for _, s := range lines[1:] {
		head = append(head, mdInline(s))
	}
	md.block(strings.Join(head, "\\\n"))
	var items []string
	flush := func() {
		if len(items) > 0 {
			md.block(items...)
			items = nil
		}
	}
	for r := 0; r < l.Len(); r++ {
		row := l.Row(r)
		switch row.Kind {
		case agenda.DayHeader:
			flush()
			md.block("## " + mdInline(agenda.DayLabel(row.Date())))
		case agenda.EventRow:
			items = append(items, "- "+compactEvent(l, row.Event()))
		case agenda.Continuation:
			c := l.ContinuationText(row)
			items = append(items, "- *"+mdInline(strings.TrimSpace(c.Until+" "+c.Title+" continues, "+c.Day))+"*")
		case agenda.ZoneChange:
			items = append(items, "- *"+mdInline(l.ZoneChangeText(row))+"*")
		case agenda.NowLine:
			items = append(items, "- **── "+mdInline(l.NowText(row))+" ──**")
		}
	}
	flush()
	if len(events) == 0 {
		md.block(mdInline(agenda.EmptyText(it, opt.Filter(), false)))
	}
	return bw.Flush()
}

// compactEvent is "**~09:00–11:30** [reported] Title · Place — A (가), B".
func compactEvent(l *agenda.Layout, i int) string {
	it := l.Itinerary()
	t := l.EventText(i, 0, false)
	var b strings.Builder
	b.WriteString("**" + mdInline(t.Time) + "** ")
	var rest strings.Builder
	for _, bd := range t.Badges {
		rest.WriteString(bd.String() + " ")
	}
	if tag := t.CalendarTag(); tag != "" {
		rest.WriteString(tag + " ")
	}
	rest.WriteString(t.Title)
	for _, s := range []string{t.Journey, t.Place} {
		if s != "" {
			rest.WriteString(" · " + s)
		}
	}
	if t.People != "" {
		rest.WriteString(" — " + agenda.PeopleWithNative(it, i))
	}
	b.WriteString(mdInline(rest.String()))
	return b.String()
}
