package tui

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/visitline/visitline/itinerary"
)

// rowKind is what a row of the timeline shows.
type rowKind int

const (
	rowDay   rowKind = iota // a day header
	rowEvent                // an event
	rowNow                  // the now marker
	rowGap                  // free time between events
	rowZone                 // the venue's zone changes
)

// row is one line of the timeline, kept small: a search can lay out a
// hundred thousand of them.
type row struct {
	kind  rowKind
	event int32 // rowEvent; rowZone: the event in the new zone
	// prev is, for rowZone, the event before the change; for rowDay, the
	// number of events that day; for rowGap, the free minutes.
	prev int32
	day  int32 // rowDay: days since 1970-01-01
}

func (r row) date() time.Time { return time.Unix(int64(r.day)*86400, 0).UTC() }

// rowOptions are the extra rows a timeline shows.
type rowOptions struct {
	now  time.Time // the now marker goes before the first event after now, when now is inside the events
	gaps bool      // free-time rows
}

// buildRows lays out events (instant order) under day headers in zone, with
// the now marker, zone changes and, when asked, free time.
func buildRows(it *itinerary.Itinerary, events []int, zone *time.Location, opt rowOptions) []row {
	days := it.Days(events, zone)
	changes := 0
	for k := 1; k < len(events); k++ {
		if it.ZoneChanged(events[k-1], events[k]) {
			changes++
		}
	}
	size := len(events) + len(days) + changes + 16 // the +16: day order may differ a little from instant order
	if opt.gaps {
		size += len(events)
	}
	rows := make([]row, 0, size)
	nowAt := -1 // the event the now marker goes before
	if !opt.now.IsZero() && len(events) > 0 && !opt.now.Before(it.Events[events[0]].Start) {
		nowAt = it.NextAfter(events, opt.now)
	}
	var gapAfter map[int]time.Duration
	if opt.gaps {
		gaps := it.Gaps(events)
		gapAfter = make(map[int]time.Duration, len(gaps))
		for _, g := range gaps {
			gapAfter[g.After] = g.End.Sub(g.Start)
		}
	}
	prev := -1
	for _, d := range days {
		rows = append(rows, row{kind: rowDay, day: int32(d.Date.Unix() / 86400), prev: int32(len(d.Events))})
		for _, i := range d.Events {
			if prev >= 0 {
				if it.ZoneChanged(prev, i) {
					rows = append(rows, row{kind: rowZone, event: int32(i), prev: int32(prev)})
				}
			}
			if i == nowAt {
				rows = append(rows, row{kind: rowNow})
			}
			rows = append(rows, row{kind: rowEvent, event: int32(i)})
			if g, ok := gapAfter[i]; ok {
				rows = append(rows, row{kind: rowGap, prev: int32(g / time.Minute)})
			}
			prev = i
		}
	}
	return rows
}

// timeline is the scrolling list of days and events with one selected
// event. It renders only the rows on screen.
type timeline struct {
	rows      []row
	eventRows []int   // the row of each event, in order
	posOf     []int32 // event index -> position in eventRows, or -1; reused between filters
	cur       int     // selected position in eventRows; -1 when empty
	offset    int     // first row on screen
	width     int
	height    int // rows on screen
	cache     *rowCache
	prevRows  []row // the rows posOf was filled from
	dayRows   []int // the row of each day header, in order
}

// rowCache keeps rendered rows between frames, so that a key that moves the
// selection re-renders two rows, not the screen. It is emptied when the rows
// change or anything a row shows does (see renderCtx.signature).
type rowCache struct {
	sig   string
	lines map[int]string // by row index
}

// maxCachedRows bounds the cache; past it the cache starts again.
const maxCachedRows = 2000

func (rc *rowCache) reset(sig string) {
	rc.sig = sig
	clear(rc.lines)
}

// setRows replaces the rows, keeping the selection on the same event when
// it is still there, else on the nearest one in time (want).
func (t *timeline) setRows(rows []row, want int, it *itinerary.Itinerary) {
	t.rows = rows
	if t.cache == nil {
		t.cache = &rowCache{lines: map[int]string{}}
	}
	t.cache.reset("")
	if len(t.posOf) != len(it.Events) {
		t.posOf = make([]int32, len(it.Events))
		for i := range t.posOf {
			t.posOf[i] = -1
		}
	} else {
		for _, r := range t.eventRows { // only the entries set last time
			if ev := t.oldEvent(r); ev >= 0 {
				t.posOf[ev] = -1
			}
		}
	}
	t.eventRows = t.eventRows[:0]
	t.dayRows = t.dayRows[:0]
	for r, rw := range rows {
		switch rw.kind {
		case rowEvent:
			t.posOf[rw.event] = int32(len(t.eventRows))
			t.eventRows = append(t.eventRows, r)
		case rowDay:
			t.dayRows = append(t.dayRows, r)
		}
	}
	t.prevRows = rows
	t.cur = -1
	if len(t.eventRows) == 0 {
		t.offset = 0
		return
	}
	t.cur = 0
	if want >= 0 {
		if p := t.posOf[want]; p >= 0 {
			t.cur = int(p)
		} else {
			t.cur = t.nearest(it, it.Events[want].Start)
		}
	}
	t.ensureVisible()
}

// nearest returns the position of the event whose start is closest to at.
func (t *timeline) nearest(it *itinerary.Itinerary, at time.Time) int {
	best, bestD := 0, time.Duration(-1)
	for p, r := range t.eventRows {
		d := it.Events[t.rows[r].event].Start.Sub(at)
		if d < 0 {
			d = -d
		}
		if bestD < 0 || d < bestD {
			best, bestD = p, d
		}
	}
	return best
}

func (t *timeline) setSize(w, h int) {
	t.width, t.height = w, max(h, 1)
	t.ensureVisible()
}

// selected returns the selected event, or -1.
func (t *timeline) selected() int {
	if t.cur < 0 {
		return -1
	}
	return int(t.rows[t.eventRows[t.cur]].event)
}

// move moves the selection by n events, stopping at the ends.
func (t *timeline) move(n int) {
	if t.cur < 0 {
		return
	}
	t.cur = min(max(t.cur+n, 0), len(t.eventRows)-1)
	t.ensureVisible()
}

// page moves the selection by a screenful of rows.
func (t *timeline) page(dir int) {
	if t.cur < 0 {
		return
	}
	target := t.eventRows[t.cur] + dir*max(t.height-1, 1)
	// The first event row at or past the target in the direction of travel.
	p := t.cur
	for p+dir >= 0 && p+dir < len(t.eventRows) && (t.eventRows[p]-target)*dir < 0 {
		p += dir
	}
	t.cur = p
	t.offset += dir * max(t.height-1, 1)
	t.clampOffset()
	t.ensureVisible()
}

// selectEvent selects event i if it is in the timeline.
func (t *timeline) selectEvent(i int) bool {
	if i < 0 || i >= len(t.posOf) || t.posOf[i] < 0 {
		return false
	}
	t.cur = int(t.posOf[i])
	t.ensureVisible()
	return true
}

// oldEvent is the event of row r of the rows before the last setRows.
func (t *timeline) oldEvent(r int) int {
	if r < len(t.prevRows) && t.prevRows[r].kind == rowEvent {
		return int(t.prevRows[r].event)
	}
	return -1
}

// scroll moves the view by n rows without leaving the selection off screen.
func (t *timeline) scroll(n int) {
	t.offset += n
	t.clampOffset()
	if t.cur < 0 {
		return
	}
	r := t.eventRows[t.cur]
	switch {
	case r <= t.offset: // the first line is a day header, sticky or not
		t.cur = t.firstEventAtOrAfter(t.offset + 1)
	case r >= t.offset+t.height:
		t.cur = t.lastEventBefore(t.offset + t.height)
	}
}

func (t *timeline) firstEventAtOrAfter(row int) int {
	return min(sort.SearchInts(t.eventRows, row), len(t.eventRows)-1)
}

func (t *timeline) lastEventBefore(row int) int {
	return max(sort.SearchInts(t.eventRows, row)-1, 0)
}

func (t *timeline) clampOffset() {
	t.offset = min(t.offset, len(t.rows)-t.height)
	t.offset = max(t.offset, 0)
}

// ensureVisible scrolls so the selected row is on screen below the first
// line, which always shows a day header (see firstRow).
func (t *timeline) ensureVisible() {
	if t.cur < 0 {
		t.offset = 0
		return
	}
	r := t.eventRows[t.cur]
	if r-1 < t.offset {
		t.offset = max(r-1, 0)
	}
	if r >= t.offset+t.height {
		t.offset = r - t.height + 1
	}
	t.clampOffset()
}

// firstRow says how the rows from offset are drawn so that the first line
// is the header of the day of the first row under it: from start, after a
// sticky copy of header when sticky. Row offset shows as it is when it is a
// day header; else it is hidden under the sticky header, unless the next
// row is a day header, which then comes first.
func (t *timeline) firstRow() (start, header int, sticky bool) {
	if t.offset >= len(t.rows) || t.rows[t.offset].kind == rowDay || t.height < 2 {
		return t.offset, -1, false
	}
	start = t.offset + 1
	if start < len(t.rows) && t.rows[start].kind == rowDay {
		return start, -1, false
	}
	d := sort.SearchInts(t.dayRows, start) - 1
	if d < 0 {
		return t.offset, -1, false
	}
	return start, t.dayRows[d], true
}

// eventAt returns the event on screen row y (0 is the first row of the
// list), if there is one.
func (t *timeline) eventAt(y int) (int, bool) {
	start, _, sticky := t.firstRow()
	if sticky {
		y--
	}
	r := start + y
	if y < 0 || y >= t.height || r >= len(t.rows) || t.rows[r].kind != rowEvent {
		return -1, false
	}
	return int(t.rows[r].event), true
}

// view renders the rows on screen, each exactly t.width cells wide.
func (t *timeline) view(c *renderCtx) string {
	lines := make([]string, 0, t.height)
	sel := -1
	if t.cur >= 0 {
		sel = t.eventRows[t.cur]
	}
	c.width = t.width
	cache := t.cache
	if cache == nil {
		cache = &rowCache{lines: map[int]string{}}
		t.cache = cache
	}
	if sig := c.signature(); sig != cache.sig || len(cache.lines) > maxCachedRows {
		cache.reset(sig)
	}
	start, header, sticky := t.firstRow()
	if sticky {
		if line, ok := cache.lines[header]; ok {
			lines = append(lines, line)
		} else {
			lines = append(lines, c.dayRow(t.rows[header], t.width))
			cache.lines[header] = lines[0]
		}
	}
	for r := start; r < len(t.rows) && len(lines) < t.height; r++ {
		rw := t.rows[r]
		if r != sel {
			if line, ok := cache.lines[r]; ok {
				lines = append(lines, line)
				continue
			}
		}
		switch rw.kind {
		case rowDay:
			lines = append(lines, c.dayRow(rw, t.width))
		case rowEvent:
			lines = append(lines, c.eventRow(int(rw.event), t.width, r == sel))
		case rowNow:
			lines = append(lines, c.nowRow(t.width))
		case rowGap:
			lines = append(lines, fit(c.st.Faint.Render("  "+strings.Repeat(" ", c.timeWidth())+"┄ free "+itinerary.DurationLabel(time.Duration(rw.prev)*time.Minute)), t.width))
		case rowZone:
			_, shift := c.it.ZoneShift(int(rw.prev), int(rw.event))
			e := &c.it.Events[rw.event]
			label := fmt.Sprintf("  ⟶ venue in %s (%s), %s", e.Zone, zoneAbbr(e.Start, e.Zone), itinerary.SignedHours(shift))
			lines = append(lines, fit(c.st.Faint.Render(label), t.width))
		}
		if r != sel {
			cache.lines[r] = lines[len(lines)-1]
		}
	}
	for len(lines) < t.height {
		lines = append(lines, strings.Repeat(" ", t.width))
	}
	return strings.Join(lines, "\n")
}

// renderCtx is what rendering a row needs to know of the model.
type renderCtx struct {
	it       *itinerary.Itinerary
	st       *Styles
	orgStyle []lipgloss.Style
	zone     *time.Location // nil: each event's own zone
	native   bool
	now      time.Time
	next     int      // the next event after now, or -1
	words    []string // search words to highlight
	width    int      // of the pane being drawn
}

// signature sums up everything besides the row itself that decides how a
// row looks; rows rendered under one signature can be reused.
func (c *renderCtx) signature() string {
	return fmt.Sprintf("%d|%p|%v|%q|%d|%d", c.width, c.zone, c.native, c.words, c.now.Unix()/60, c.next)
}

func (c *renderCtx) nowRow(width int) string {
	label := "── now " + c.now.In(c.displayZone()).Format("15:04") + " "
	return fit(c.st.Now.Render(label+strings.Repeat("─", max(width-ansi.StringWidth(label), 0))), width)
}

// displayZone is the zone clock times are shown in: the display zone, or
// the itinerary's when each event shows its own.
func (c *renderCtx) displayZone() *time.Location {
	if c.zone == nil {
		return c.it.Zone
	}
	return c.zone
}

// timeWidth is the width of the time column for the pane width.
func (c *renderCtx) timeWidth() int {
	switch {
	case c.width < compactWidth:
		return compactTimeColumn
	case c.zone == nil:
		return ownZoneTimeColumn
	}
	return timeColumn
}

// momentBadge says "now · 35 min left" for a current event and "in 1 h 20
// min" for the next one.
func (c *renderCtx) momentBadge(i int) string {
	e := &c.it.Events[i]
	if c.now.IsZero() || e.Status == itinerary.StatusCancelled {
		return ""
	}
	switch c.it.MomentOf(i, c.now) {
	case itinerary.Current:
		if e.HasEnd && !e.AllDay {
			return "now · " + itinerary.DurationLabel(e.End.Sub(c.now)) + " left"
		}
		return "now"
	case itinerary.Future:
		// The countdown matters on the day: within a day of the start, or
		// once the itinerary is under way.
		first, _, _ := c.it.Span()
		if i == c.next && (e.Start.Sub(c.now) <= 24*time.Hour || !c.now.Before(first)) {
			return "in " + itinerary.DurationLabel(e.Start.Sub(c.now))
		}
	}
	return ""
}

func (c *renderCtx) dayRow(rw row, width int) string {
	label := itinerary.DayLabel(rw.date())
	count := fmt.Sprintf(" · %d", rw.prev)
	if rw.prev == 1 {
		count += " event"
	} else {
		count += " events"
	}
	return fit(c.st.DayHeader.Render(label)+c.st.Faint.Render(count), width)
}

// The time column: wide enough for "~22:00–06:10+1", or in panes narrower
// than compactWidth, for the start time alone.
const (
	timeColumn        = 14
	ownZoneTimeColumn = 19
	compactTimeColumn = 7
	compactWidth      = 60
)

// eventRow renders one event: selection mark, time range, kind glyph in the
// main participant's organisation colour, the badges (now, status,
// overlap: before the title, so that cutting a long line never hides
// them), title, place and participants.
func (c *renderCtx) eventRow(i, width int, selected bool) string {
	it, st := c.it, c.st
	e := &it.Events[i]
	c.width = width
	when := it.TimeRange(i, c.zone)
	if width < compactWidth {
		// Narrow panes show the start only: the detail pane has the rest.
		when, _, _ = strings.Cut(when, "–")
	}
	if c.zone == nil && e.OwnZone && !e.AllDay {
		when += " " + zoneAbbr(e.Start, e.Zone)
	}
	when = padRight(when, c.timeWidth())
	glyph := kindGlyph[e.Kind]
	badge := ""
	if e.Status != itinerary.StatusConfirmed {
		badge = " [" + string(e.Status) + "]"
	}
	if len(it.Overlaps(i)) > 0 {
		badge += " [! overlap]"
	}
	moment := ""
	if mb := c.momentBadge(i); mb != "" {
		moment = " [" + mb + "]"
	}
	where := ""
	if w := e.Where(); w != "" {
		where = " · " + w
	}
	people := ""
	if len(e.Participants) > 0 {
		people = " — " + it.PeopleSummary(i, 2, c.native)
	}
	if selected {
		plain := "❯ " + when + glyph + moment + badge + " " + e.Title + where + people
		return st.Selected.Render(fit(plain, width))
	}
	titleStyle := lipgloss.Style{}
	switch {
	case e.Status == itinerary.StatusCancelled:
		titleStyle = st.Cancelled
	case !c.now.IsZero() && it.MomentOf(i, c.now) == itinerary.Past:
		titleStyle = st.Past
	}
	glyphStyle := st.Accent
	if len(e.Participants) > 0 {
		if o := it.People[e.Participants[0]].Org; o >= 0 {
			glyphStyle = c.orgStyle[o]
		}
	}
	var b strings.Builder
	b.WriteString("  ")
	b.WriteString(st.Faint.Render(when))
	b.WriteString(glyphStyle.Render(glyph))
	if moment != "" {
		b.WriteString(st.Now.Render(moment))
	}
	if badge != "" {
		b.WriteString(st.Badge.Render(badge))
	}
	b.WriteByte(' ')
	b.WriteString(highlight(e.Title, c.words, titleStyle, st.Match))
	b.WriteString(highlight(where+people, c.words, st.Faint, st.Match))
	return fit(b.String(), width)
}

// fit cuts s to width cells with "…" and pads it with spaces to exactly
// width cells. Widths are display widths: Hangul takes two cells.
func fit(s string, width int) string {
	if width <= 0 {
		return ""
	}
	if ansi.StringWidth(s) > width {
		s = ansi.Truncate(s, width, "…")
	}
	if pad := width - ansi.StringWidth(s); pad > 0 {
		s += strings.Repeat(" ", pad)
	}
	return s
}

// padRight pads plain s with spaces to n cells.
func padRight(s string, n int) string {
	if w := ansi.StringWidth(s); w < n {
		return s + strings.Repeat(" ", n-w)
	}
	return s + " "
}
