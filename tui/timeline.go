package tui

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/visitline/visitline/agenda"
	"github.com/visitline/visitline/itinerary"
)

// timeline is the scrolling list of days and events with one selected
// event. Its rows come from an agenda.Layout, which is never changed once
// built; the lines on screen are rendered once per Update (render) into a
// new frame, so a copy of the timeline keeps showing its own rows.
type timeline struct {
	rows *agenda.Layout
	cur  int // selected position among the event rows; -1 when empty
	// kept is the event selected before a filter left no events, so that
	// the selection comes back to it when events show again; keeping
	// says whether there is one.
	kept    int
	keeping bool
	offset  int // first row on screen
	width   int
	height  int // rows on screen

	lines *lineMemo // rendered rows of this layout, shared by the copies that show it
	frame []string  // the lines on screen, as last rendered

	keys timelineKeyMap
}

// timelineKeyMap is the keys of the list: they move the selection.
type timelineKeyMap struct {
	Up, Down         key.Binding
	PageUp, PageDown key.Binding
	Top, Bottom      key.Binding
}

func newTimelineKeyMap(k KeyMap) timelineKeyMap {
	return timelineKeyMap{Up: k.Up, Down: k.Down, PageUp: k.PageUp, PageDown: k.PageDown, Top: k.Top, Bottom: k.Bottom}
}

// into puts the keys into the key map of the help.
func (tk timelineKeyMap) into(k *KeyMap) {
	k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom = tk.Up, tk.Down, tk.PageUp, tk.PageDown, tk.Top, tk.Bottom
}

// updateKeys enables the keys that move a selection there is.
func (t *timeline) updateKeys() {
	sel := t.selected() >= 0
	for _, b := range []*key.Binding{&t.keys.Up, &t.keys.Down, &t.keys.PageUp, &t.keys.PageDown} {
		b.SetEnabled(sel)
	}
	t.keys.Top.SetEnabled(true)
	t.keys.Bottom.SetEnabled(true)
}

// update moves the selection on a key, or scrolls on the wheel.
func (t timeline) update(msg tea.Msg) (timeline, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, t.keys.Up):
			t.move(-1)
		case key.Matches(msg, t.keys.Down):
			t.move(1)
		case key.Matches(msg, t.keys.PageUp):
			t.page(-1)
		case key.Matches(msg, t.keys.PageDown):
			t.page(1)
		case key.Matches(msg, t.keys.Top):
			t.move(-t.events())
		case key.Matches(msg, t.keys.Bottom):
			t.move(t.events())
		}
	case tea.MouseMsg:
		switch msg.Button {
		case tea.MouseButtonWheelUp:
			t.scroll(-3)
		case tea.MouseButtonWheelDown:
			t.scroll(3)
		}
	}
	return t, nil
}

// lineMemo keeps rendered rows of one layout, so that a key that moves the
// selection redraws two rows and paging back redraws none. A line depends
// only on the layout, the row and the signature, and a memo belongs to the
// one layout it names (render makes a new memo for any other), so copies
// of the model that share it can never read a line made for other rows;
// lines are only added, never changed, and only in Update: View reads the
// frame.
type lineMemo struct {
	rows  *agenda.Layout // the layout the lines are of
	sig   string
	lines map[int]string // by row
	// labels are the widths of the rows' time labels, by row, twice: even
	// keys for wide panes, odd for narrow ones (see timeLabelWidth).
	labels map[int]int
}

// labelWidth returns the width of row r's time label, measured once.
func (lm *lineMemo) labelWidth(c *renderCtx, r int, rw agenda.Row) int {
	key := 2 * r
	if c.width < compactWidth {
		key++
	}
	if w, ok := lm.labels[key]; ok {
		return w
	}
	if lm.labels == nil || len(lm.labels) >= maxMemoLines {
		lm.labels = make(map[int]int, 64)
	}
	w := c.timeLabelWidth(rw)
	lm.labels[key] = w
	return w
}

// maxMemoLines bounds the memo; past it the memo starts again.
const maxMemoLines = 2000

// line returns the memo's line for row r under sig, or renders and keeps it.
func (lm *lineMemo) line(sig string, r int, render func() string) string {
	if lm.sig != sig || len(lm.lines) >= maxMemoLines {
		lm.sig, lm.lines = sig, make(map[int]string, 64)
	}
	if l, ok := lm.lines[r]; ok {
		return l
	}
	l := render()
	lm.lines[r] = l
	return l
}

// setRows replaces the rows, keeping the selection on event want when it
// is still there, else on the event nearest to it in time. With no rows,
// want is kept for the next rows (see wanted).
func (t *timeline) setRows(rows *agenda.Layout, want int) {
	t.rows = rows
	t.lines = &lineMemo{rows: rows}
	t.cur = -1
	t.kept, t.keeping = want, want >= 0
	if rows.Events() == 0 {
		t.offset = 0
		return
	}
	t.keeping = false
	t.cur = 0
	if want >= 0 {
		if p := rows.Position(want); p >= 0 {
			t.cur = p
		} else {
			t.cur = rows.Nearest(rows.Itinerary().Events[want].Start)
		}
	}
	t.ensureVisible()
}

func (t *timeline) setSize(w, h int) {
	t.width, t.height = w, max(h, 1)
	t.ensureVisible()
}

// events is the number of events in the timeline.
func (t *timeline) events() int {
	if t.rows == nil {
		return 0
	}
	return t.rows.Events()
}

// wanted is the event the selection should stay on when the rows change:
// the selected one, or while no event shows the one selected before.
func (t *timeline) wanted() int {
	if t.cur < 0 && t.keeping {
		return t.kept
	}
	return t.selected()
}

// selected returns the selected event, or -1.
func (t *timeline) selected() int {
	if t.cur < 0 {
		return -1
	}
	return t.rows.EventAt(t.cur)
}

// selectedRow is the row of the selected event, or -1.
func (t *timeline) selectedRow() int {
	if t.cur < 0 {
		return -1
	}
	return t.rows.EventRow(t.cur)
}

// move moves the selection by n events, stopping at the ends.
func (t *timeline) move(n int) {
	if t.cur < 0 {
		return
	}
	t.cur = min(max(t.cur+n, 0), t.rows.Events()-1)
	t.ensureVisible()
}

// page moves the selection by a screenful of rows.
func (t *timeline) page(dir int) {
	if t.cur < 0 {
		return
	}
	step := dir * max(t.height-1, 1)
	target := t.rows.EventRow(t.cur) + step
	if dir > 0 {
		t.cur = min(t.firstEventAtOrAfter(target), t.rows.Events()-1)
	} else {
		t.cur = max(t.lastEventBefore(target+1), 0)
	}
	t.offset += step
	t.clampOffset()
	t.ensureVisible()
}

// selectEvent selects event i if it is in the timeline.
func (t *timeline) selectEvent(i int) bool {
	if t.rows == nil {
		return false
	}
	p := t.rows.Position(i)
	if p < 0 {
		return false
	}
	t.cur = p
	t.ensureVisible()
	return true
}

// scroll moves the view by n rows without leaving the selection off screen.
func (t *timeline) scroll(n int) {
	t.offset += n
	t.clampOffset()
	if t.cur < 0 {
		return
	}
	r := t.rows.EventRow(t.cur)
	switch {
	case r <= t.offset: // the first line is a day header, sticky or not
		t.cur = min(t.firstEventAtOrAfter(t.offset+1), t.rows.Events()-1)
	case r >= t.offset+t.height:
		t.cur = max(t.lastEventBefore(t.offset+t.height), 0)
	}
}

// firstEventAtOrAfter is the position of the first event at or after row,
// or the number of events when there is none.
func (t *timeline) firstEventAtOrAfter(row int) int {
	return sort.Search(t.rows.Events(), func(p int) bool { return t.rows.EventRow(p) >= row })
}

// lastEventBefore is the position of the last event before row, or -1.
func (t *timeline) lastEventBefore(row int) int {
	return t.firstEventAtOrAfter(row) - 1
}

func (t *timeline) clampOffset() {
	n := 0
	if t.rows != nil {
		n = t.rows.Len()
	}
	t.offset = min(t.offset, n-t.height)
	t.offset = max(t.offset, 0)
}

// ensureVisible scrolls so the selected row is on screen below the first
// line, which always shows a day header (see firstRow).
func (t *timeline) ensureVisible() {
	if t.cur < 0 {
		t.offset = 0
		return
	}
	r := t.rows.EventRow(t.cur)
	// The lines that lead up to the event (the now line, the change of
	// zone) come into view with it when it is scrolled to from below.
	top := r
	for top > 0 && r-top < 2 {
		if k := t.rows.Row(top - 1).Kind; k != agenda.NowLine && k != agenda.ZoneChange {
			break
		}
		top--
	}
	if r-1 < t.offset {
		t.offset = max(r-1, 0)
	}
	if top < r && top-1 < t.offset && r < top-1+t.height {
		t.offset = max(top-1, 0)
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
	if t.rows == nil || t.offset >= t.rows.Len() || t.rows.Row(t.offset).Kind == agenda.DayHeader || t.height < 2 {
		return t.offset, -1, false
	}
	start = t.offset + 1
	if start < t.rows.Len() && t.rows.Row(start).Kind == agenda.DayHeader {
		return start, -1, false
	}
	header = t.rows.DayHeaderOf(start)
	if header < 0 {
		return t.offset, -1, false
	}
	return start, header, true
}

// eventAt returns the event on screen row y (0 is the first row of the
// list), if there is one.
func (t *timeline) eventAt(y int) (int, bool) {
	start, _, sticky := t.firstRow()
	if sticky {
		y--
	}
	r := start + y
	if t.rows == nil || y < 0 || y >= t.height || r >= t.rows.Len() || t.rows.Row(r).Kind != agenda.EventRow {
		return -1, false
	}
	return t.rows.Row(r).Event(), true
}

// render draws the rows on screen, each exactly t.width cells wide, into a
// new frame.
func (t *timeline) render(c *renderCtx) {
	c.width = t.width
	frame := make([]string, 0, t.height)
	n, sel := 0, t.selectedRow()
	if t.rows != nil {
		n = t.rows.Len()
	}
	if t.lines == nil || t.lines.rows != t.rows {
		t.lines = &lineMemo{rows: t.rows}
	}
	start, header, sticky := t.firstRow()
	c.labels = 0
	for r := start; r < n && r-start < t.height; r++ {
		c.labels = max(c.labels, t.lines.labelWidth(c, r, t.rows.Row(r)))
	}
	sig := c.signature()
	if sticky {
		frame = append(frame, t.lines.line(sig, header, func() string { return c.row(t.rows.Row(header), t.width, false) }))
	}
	for r := start; r < n && len(frame) < t.height; r++ {
		if r == sel {
			frame = append(frame, c.row(t.rows.Row(r), t.width, true))
			continue
		}
		frame = append(frame, t.lines.line(sig, r, func() string { return c.row(t.rows.Row(r), t.width, false) }))
	}
	for len(frame) < t.height {
		frame = append(frame, strings.Repeat(" ", t.width))
	}
	t.frame = frame
}

// view is the last rendered frame.
func (t *timeline) view() string { return strings.Join(t.frame, "\n") }

// renderCtx is what rendering a row needs to know of the model.
type renderCtx struct {
	it       *itinerary.Itinerary
	rows     *agenda.Layout
	st       *Styles
	orgStyle []lipgloss.Style
	calStyle []lipgloss.Style // of each calendar
	zone     *time.Location   // nil: each event's own zone
	native   bool
	words    []string // search words to highlight
	width    int      // of the pane being drawn
	// labels is the width of the widest time label on screen (see
	// timeLabelWidth), which the time column makes room for.
	labels int

	cancelHint string // what closes a text field, from the key map
	// second is the second clock's zone (a second --tz, key c), or nil.
	second *time.Location
}

// signature sums up everything besides the layout and the row itself that
// decides how a row looks; rows rendered under one signature can be reused.
func (c *renderCtx) signature() string {
	var b strings.Builder
	b.WriteString(strconv.Itoa(c.width))
	b.WriteString("|")
	b.WriteString(strconv.Itoa(c.timeWidth()))
	if c.second != nil {
		b.WriteString("|" + c.second.String())
	}
	if c.native {
		b.WriteString("|native")
	}
	for _, w := range c.words {
		b.WriteString("|")
		b.WriteString(w)
	}
	return b.String()
}

// row renders row rw of the layout.
func (c *renderCtx) row(rw agenda.Row, width int, selected bool) string {
	l := c.rows
	switch rw.Kind {
	case agenda.DayHeader:
		d := l.DayText(rw)
		return fit(c.st.DayHeader.Render(d.Label)+c.st.Faint.Render(" · "+d.Count), width)
	case agenda.EventRow:
		return c.eventRow(rw.Event(), width, selected)
	case agenda.Continuation:
		ct := l.ContinuationText(rw)
		return fit(c.st.Faint.Render("  "+padRight(ct.Until, c.timeWidth()+c.secondWidth())+"↳ "+ct.Title+" · "+ct.Day), width)
	case agenda.NowLine:
		label := "── " + l.NowText(rw) + " "
		return fit(c.st.Now.Render(label+strings.Repeat("─", max(width-ansi.StringWidth(label), 0))), width)
	case agenda.FreeTime:
		return fit(c.st.Faint.Render("  "+strings.Repeat(" ", c.timeWidth()+c.secondWidth())+l.FreeTimeText(rw)), width)
	case agenda.ZoneChange:
		return fit(c.st.Faint.Render("  "+l.ZoneChangeText(rw)), width)
	}
	return fit("", width)
}

// timeWidth is the width of the time column for the pane width: the
// column for the common labels, or more when a label on screen is wider,
// so that every label has a space after it and the glyphs and arrows
// after them stay in one column.
func (c *renderCtx) timeWidth() int {
	return agenda.TimeColumn(c.zone, c.width < compactWidth, c.labels)
}

// secondWidth is the width of the second clock's column: its whole range
// ("Sun 01:00–02:30 KST"), or in panes narrower than compactWidth its start
// alone ("Sun 01:00 KST"); 0 without a second clock.
func (c *renderCtx) secondWidth() int {
	switch {
	case c.second == nil:
		return 0
	case c.width < compactWidth:
		return compactSecondColumn
	}
	return agenda.SecondClockWidth + 1
}

// compactSecondColumn is the second clock's start in a narrow pane:
// "Sun ~01:00 KST ".
const compactSecondColumn = 15

// secondClock is what the second clock's column shows for event i.
func (c *renderCtx) secondClock(i int) string {
	zone := c.rows.Options().Zone
	if c.width < compactWidth {
		return padRight(agenda.SecondClockStart(c.it, i, zone, c.second), compactSecondColumn)
	}
	return padRight(agenda.SecondClock(c.it, i, zone, c.second), agenda.SecondClockWidth+1)
}

// timeLabelWidth is the width of what row rw shows in the time column:
// an event's time (its start alone in narrow panes), a continuation's
// "until 06:10"; 0 for other rows.
func (c *renderCtx) timeLabelWidth(rw agenda.Row) int {
	switch rw.Kind {
	case agenda.EventRow:
		zone := c.rows.Options().Zone
		if c.width < compactWidth {
			return ansi.StringWidth(agenda.StartLabel(c.it, rw.Event(), zone))
		}
		return ansi.StringWidth(agenda.TimeLabel(c.it, rw.Event(), zone))
	case agenda.Continuation:
		return ansi.StringWidth(c.rows.ContinuationText(rw).Until)
	}
	return 0
}

// compactWidth is the pane width below which the time column shows the
// start time alone (see agenda.TimeColumn).
const compactWidth = 60

// eventRow renders one event: selection mark, time, kind glyph in the
// main participant's organisation colour, the badges (before the title,
// so that cutting a long line never hides them), title, a journey's two
// ends, place and participants.
func (c *renderCtx) eventRow(i, width int, selected bool) string {
	it, st := c.it, c.st
	e := &it.Events[i]
	c.width = width
	t := c.rows.EventText(i, 2, c.native)
	when := t.Time
	if width < compactWidth {
		// Narrow panes show the start only: the detail pane has the rest.
		when = t.Start
	}
	when = padRight(when, c.timeWidth())
	if c.second != nil {
		when += c.secondClock(i)
	}
	glyph := kindGlyph[e.Kind]
	// After the title, as in the text agenda: a journey's two ends, the
	// place, the participants.
	after := t.After()
	if selected {
		var b strings.Builder
		b.WriteString("❯ " + when)
		if agenda.ShowsCalendars(it) {
			b.WriteString(calendarGlyph(t.Calendar.Index))
		}
		b.WriteString(glyph)
		for _, bd := range t.Badges {
			b.WriteString(" " + bd.String())
		}
		b.WriteString(" " + t.Title + after)
		return st.Selected.Render(fit(b.String(), width))
	}
	titleStyle := lipgloss.Style{}
	switch {
	case t.Cancelled:
		titleStyle = st.Cancelled
	case t.HasNow && t.Moment == itinerary.Past:
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
	b.WriteString(c.calendarMark(t.Calendar, agenda.ShowsCalendars(it)))
	b.WriteString(glyphStyle.Render(glyph))
	for _, bd := range t.Badges {
		style := st.Badge
		if bd.Kind == agenda.BadgeMoment {
			style = st.Now
		}
		b.WriteString(style.Render(" " + bd.String()))
	}
	b.WriteByte(' ')
	b.WriteString(highlight(t.Title, c.words, titleStyle, st.Match))
	b.WriteString(highlight(after, c.words, st.Faint, st.Match))
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
