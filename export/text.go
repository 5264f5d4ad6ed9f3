package export

import (
	"bufio"
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/visitline/visitline/agenda"
	"github.com/visitline/visitline/itinerary"
)

// timeColumn is the width of the time column of the text agenda.
const timeColumn = 14

// Text writes the plain agenda of events: a header, then the rows of the
// agenda — day headers, events, zone changes, continuations, the now line —
// with the same words as the interactive view. Each line is cut to
// opt.Width cells (0: never cut). It writes no escape codes.
func Text(w io.Writer, it *itinerary.Itinerary, events []int, opt Options) error {
	bw := bufio.NewWriter(w)
	line := func(s string) {
		if opt.Width > 0 && ansi.StringWidth(s) > opt.Width {
			s = ansi.Truncate(s, opt.Width, "…")
		}
		bw.WriteString(s)
		bw.WriteByte('\n')
	}
	l := agenda.New(it, events, agenda.Options{Zone: opt.Zone, Now: opt.Now})
	for _, s := range header(it, l, opt) {
		line(s)
	}
	if it.Summary != "" && len(opt.People) == 0 {
		// The summary holds what belongs to no one event (the default
		// visit's one on-record remark); a paragraph a line, for grep.
		for _, p := range strings.Split(strings.TrimSpace(it.Summary), "\n\n") {
			if p = strings.Join(strings.Fields(p), " "); p != "" {
				bw.WriteByte('\n')
				line(p)
			}
		}
	}
	col := timeColumn
	if opt.Zone == nil {
		col = ownZoneTimeColumn
	}
	for r := 0; r < l.Len(); r++ {
		row := l.Row(r)
		switch row.Kind {
		case agenda.DayHeader:
			d := l.DayText(row)
			bw.WriteByte('\n')
			line(d.Label + " · " + d.Count)
		case agenda.EventRow:
			t := l.EventText(row.Event(), 0, false)
			if t.People != "" {
				t.People = agenda.PeopleWithNative(it, t.Event)
			}
			line(eventLine(t, col))
		case agenda.Continuation:
			c := l.ContinuationText(row)
			line("  " + pad(c.Until, col+1) + "↳ " + c.Title + " · " + c.Day)
		case agenda.ZoneChange:
			line("  " + l.ZoneChangeText(row))
		case agenda.NowLine:
			line("  ── " + l.NowText(row) + " ──")
		case agenda.FreeTime:
			line("  " + pad("", col+1) + l.FreeTimeText(row))
		}
	}
	if len(events) == 0 {
		bw.WriteString("\n" + agenda.EmptyText(it, itinerary.Filter{People: opt.People}, false) + "\n")
	}
	return bw.Flush()
}

// ownZoneTimeColumn is the time column when every event shows its own
// zone: wide enough for "~22:00–06:10+1 CST".
const ownZoneTimeColumn = 19

// header is the title, the subtitle and a line saying which days, which
// zone, how many events and which filter.
func header(it *itinerary.Itinerary, l *agenda.Layout, opt Options) []string {
	out := []string{it.Title}
	if it.Subtitle != "" {
		out = append(out, it.Subtitle)
	}
	at, _, _ := it.Span()
	if !opt.Now.IsZero() {
		at = opt.Now
	}
	meta := []string{agenda.SpanLabel(it, opt.Zone), "times: " + agenda.ZoneName(opt.Zone, at)}
	if len(it.Events) > 0 {
		// Without events the span already says "no events".
		meta = append(meta, agenda.CountOf(l.Events(), len(it.Events), "event"))
	}
	if what := agenda.FilterLabel(it, itinerary.Filter{People: opt.People}, false); what != "" {
		meta = append(meta, what)
	}
	return append(out, strings.Join(meta, " · "))
}

// eventLine is "✓ ~09:00–11:30  [reported] Title · Place, City — A, B, C",
// with a journey's two ends after the title:
// a mark for past (✓), current (▶) and next (→) events when there is a
// now, the time, the badges before the title so that cutting a long line
// never hides them, then the place and every participant.
func eventLine(t agenda.EventText, col int) string {
	mark := "  "
	if t.HasNow {
		switch {
		case t.Moment == itinerary.Past:
			mark = "✓ "
		case t.Moment == itinerary.Current:
			mark = "▶ "
		case t.Next:
			mark = "→ "
		}
	}
	var b strings.Builder
	b.WriteString(mark)
	b.WriteString(pad(t.Time, col+1))
	for _, bd := range t.Badges {
		b.WriteString(bd.String())
		b.WriteByte(' ')
	}
	b.WriteString(t.Title)
	if t.Journey != "" {
		b.WriteString(" · ")
		b.WriteString(t.Journey)
	}
	if t.Place != "" {
		b.WriteString(" · ")
		b.WriteString(t.Place)
	}
	if t.People != "" {
		b.WriteString(" — ")
		b.WriteString(t.People)
	}
	return b.String()
}

// pad pads s with spaces to n cells, and one space past it when longer.
func pad(s string, n int) string {
	if w := ansi.StringWidth(s); w < n {
		return s + strings.Repeat(" ", n-w)
	}
	return s + " "
}
