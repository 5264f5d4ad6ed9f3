package export

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/visitline/visitline/itinerary"
)

// timeColumn is the width of the time column of the text agenda.
const timeColumn = 14

// Text writes the plain agenda of events: a header, then a line per day in
// the display zone and a line per event, each cut to opt.Width cells. It
// writes no escape codes.
func Text(w io.Writer, it *itinerary.Itinerary, events []int, opt Options) error {
	width := opt.Width
	if width <= 0 {
		width = 80
	}
	bw := bufio.NewWriter(w)
	line := func(s string) {
		bw.WriteString(ansi.Truncate(s, width, "…"))
		bw.WriteByte('\n')
	}
	loc := displayZone(it, opt)
	line(it.Title)
	if it.Subtitle != "" {
		line(it.Subtitle)
	}
	zone := "Times in " + loc.String()
	switch {
	case opt.Zone == nil:
		zone = "Times in each event's own zone"
	case opt.Zone == time.Local:
		abbr, _ := time.Now().In(time.Local).Zone()
		zone = "Times in this machine's zone (" + abbr + ")"
	}
	meta := []string{zone, countLabel(len(events), len(it.Events))}
	if what := it.DescribeFilter(itinerary.Filter{People: opt.People}, false); what != "" {
		meta = append(meta, what)
	}
	line(strings.Join(meta, " · "))

	hasNow := !opt.Now.IsZero()
	next := -1
	if hasNow {
		next = it.NextActive(events, opt.Now)
	}
	nowShown := !hasNow
	nowBefore := -1 // the now line goes before the first event after now
	if hasNow && len(events) > 0 && !opt.Now.Before(it.Events[events[0]].Start) {
		nowBefore = it.NextAfter(events, opt.Now)
	}
	for _, day := range it.Days(events, opt.Zone) {
		bw.WriteByte('\n')
		line(itinerary.DayLabel(day.Date))
		for _, i := range day.Events {
			if !nowShown && i == nowBefore {
				line(fmt.Sprintf("  ── now %s ──", opt.Now.In(loc).Format("Mon 2 Jan 15:04")))
				nowShown = true
			}
			line(eventLine(it, i, opt, next))
		}
	}
	if len(events) == 0 {
		bw.WriteString("\nNo events match.\n")
	}
	return bw.Flush()
}

func countLabel(shown, total int) string {
	if shown == total {
		return fmt.Sprintf("%d events", total)
	}
	return fmt.Sprintf("%d of %d events", shown, total)
}

// eventLine is "  ~09:00–11:30  [reported] Title · Place, City — A, B +4".
func eventLine(it *itinerary.Itinerary, i int, opt Options, next int) string {
	e := &it.Events[i]
	marker := "  "
	if !opt.Now.IsZero() {
		switch it.MomentOf(i, opt.Now) {
		case itinerary.Past:
			marker = "✓ "
		case itinerary.Current:
			marker = "▶ "
		default:
			if i == next {
				marker = "→ "
			}
		}
	}
	when := it.TimeRange(i, opt.Zone)
	if opt.Zone == nil && e.OwnZone {
		abbr, _ := e.Start.In(e.Zone).Zone()
		when += " " + abbr
	}
	var b strings.Builder
	b.WriteString(marker)
	b.WriteString(when)
	for pad := timeColumn - ansi.StringWidth(when); pad > 0; pad-- {
		b.WriteByte(' ')
	}
	b.WriteByte(' ')
	// The status comes first, so that cutting a long line never hides it.
	if e.Status != itinerary.StatusConfirmed {
		fmt.Fprintf(&b, "[%s] ", e.Status)
	}
	b.WriteString(e.Title)
	if where := e.Where(); where != "" {
		b.WriteString(" · ")
		b.WriteString(where)
	}
	if len(e.Participants) > 0 {
		b.WriteString(" — ")
		b.WriteString(it.PeopleSummary(i, 3, false))
	}
	return b.String()
}
