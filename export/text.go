package export

import (
	"bufio"
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/visitline/visitline/agenda"
	"github.com/visitline/visitline/itinerary"
)

// Text writes the plain agenda of the events opt's filter keeps: a header, then the rows of the
// agenda — day headers, events, zone changes, continuations, the now line —
// with the same words as the interactive view. Each line is cut to
// opt.Width cells (0: never cut). It writes no escape codes.
func Text(w io.Writer, it *itinerary.Itinerary, opt Options) error {
	bw := bufio.NewWriter(w)
	line := func(s string) {
		if opt.Width > 0 && ansi.StringWidth(s) > opt.Width {
			s = ansi.Truncate(s, opt.Width, "…")
		}
		bw.WriteString(s)
		bw.WriteByte('\n')
	}
	l := agenda.New(it, agenda.Options{Filter: opt.Filter(), Dates: opt.Dates, Zone: opt.Zone, Now: opt.Now})
	for _, s := range header(l) {
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
	col := agenda.TimeColumn(opt.Zone, false, 0)
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
			if opt.Second != nil {
				t.Time = pad(t.Time, col) + agenda.SecondClock(it, row.Event(), opt.Zone, opt.Second)
			}
			line(eventLine(t, col+secondColumn(opt)))
		case agenda.Continuation:
			c := l.ContinuationText(row)
			line("  " + pad(c.Until, col+1+secondColumn(opt)) + "↳ " + c.Title + " · " + c.Day)
		case agenda.ZoneChange:
			line("  " + l.ZoneChangeText(row))
		case agenda.NowLine:
			line("  ── " + l.NowText(row) + " ──")
		case agenda.FreeTime:
			line("  " + pad("", col+1+secondColumn(opt)) + l.FreeTimeText(row))
		}
	}
	if l.Empty() {
		bw.WriteString("\n" + agenda.EmptyText(it, l.Filter(), false) + "\n")
	}
	return bw.Flush()
}

// secondColumn is the width the second clock adds to the time column.
func secondColumn(opt Options) int {
	if opt.Second == nil {
		return 0
	}
	return agenda.SecondClockWidth + 1
}

// header is the title, the subtitle, a line saying which days, which
// zone, how many events and which filter, and one naming the calendars
// when there are several.
func header(l *agenda.Layout) []string {
	h := l.Header()
	out := []string{h.Title}
	if h.Subtitle != "" {
		out = append(out, h.Subtitle)
	}
	out = append(out, h.MetaLine())
	if h.Calendars != "" {
		out = append(out, h.Calendars)
	}
	return out
}

// eventLine is "✓ ~09:00–11:30  [reported] Title · Place, City — A, B, C"
// ("[reported] [Work] Title" when the itinerary gathers several calendars),
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
	if tag := t.CalendarTag(); tag != "" {
		b.WriteString(tag + " ")
	}
	b.WriteString(t.Title)
	b.WriteString(t.After())
	return b.String()
}

// pad pads s with spaces to n cells, and one space past it when longer.
func pad(s string, n int) string {
	if w := ansi.StringWidth(s); w < n {
		return s + strings.Repeat(" ", n-w)
	}
	return s + " "
}
