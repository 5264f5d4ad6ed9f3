package tui

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"
	"github.com/visitline/visitline/agenda"
	"github.com/visitline/visitline/itinerary"
)

// Drawing the week: a line of day labels, the band of date-only and
// multi-day entries, then the hours down the side with each timed event a
// block in its day's column, overlapping blocks side by side. The work of
// a frame is bounded by the screen and agenda's caps on a day, not by the
// itinerary.

// runLine builds a line of text in runs of one role's style each, wrapped
// in the escape codes of sgr, which the week's (or month's) memo keeps.
type runLine struct {
	b    strings.Builder
	run  strings.Builder
	role role
	c    *renderCtx
	sgr  *sgrCache
}

func (l *runLine) add(s string, r role) {
	if r != l.role {
		l.flush()
		l.role = r
	}
	l.run.WriteString(s)
}

func (l *runLine) flush() {
	if l.run.Len() == 0 {
		return
	}
	l.b.WriteString(l.sgr.wrap(l.c, l.role, l.run.String()))
	l.run.Reset()
}

func (l *runLine) String() string { l.flush(); return l.b.String() }

// cell is s cut or padded to exactly w cells.
func cell(s string, w int) string {
	if w <= 0 {
		return ""
	}
	n := len(s)
	if !isASCII(s) { // else a byte is a cell, and most cells are blank or ASCII
		if n = ansi.StringWidth(s); n > w {
			s = ansi.Truncate(s, w, "")
			n = ansi.StringWidth(s)
		}
	} else if n > w {
		s, n = s[:w], w
	}
	return s + strings.Repeat(" ", w-n)
}

// isASCII reports whether s is printable ASCII only.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7f {
			return false
		}
	}
	return true
}

// eventRole is how an event shows in the week and the month: selected,
// cancelled, past, else its organisation's colour.
func (c *renderCtx) eventRole(i, sel int) role {
	e := &c.it.Events[i]
	switch {
	case i == sel:
		return roleSelected
	case e.Status == itinerary.StatusCancelled:
		return roleCancelled
	case !c.nowTime().IsZero() && e.End.Before(c.nowTime()):
		return rolePast
	}
	return c.orgRole(-1, i)
}

// weekGeometry is the side's width and each day column's width (its last
// cell a gap) in a pane w cells wide.
func weekGeometry(w int) (side, col int) {
	side = 6
	if w < 60 {
		side = 3
	}
	return side, max((w-side)/7, 2)
}

// view draws the week in w×h cells.
func (v *weekView) view(c *renderCtx, sel int) string {
	s := v.set
	side, cw := weekGeometry(v.w)
	inner := cw - 1
	lines := make([]string, 0, v.h)
	// The day labels.
	head := runLine{c: c, sgr: v.sgr}
	head.add(strings.Repeat(" ", side), rolePlain)
	for k, d := range s.Days {
		st := roleDay
		switch {
		case k == v.day:
			st = roleSelected
		case d.Today:
			st = roleNow
		}
		head.add(cell(agenda.ColumnLabel(d.Date, inner), inner), st)
		head.add(" ", rolePlain)
	}
	lines = append(lines, head.String())
	// The band: as many lines as its fullest day needs, up to a quarter of
	// the pane.
	band, rows, step := v.grid()
	for r := 0; r < band; r++ {
		l := runLine{c: c, sgr: v.sgr}
		l.add(cell("", side), rolePlain)
		for _, d := range s.Days {
			switch {
			case r < len(d.Band) && (r < band-1 || len(d.Band) == band):
				i := d.Band[r]
				c.addBlock(&l, i, c.blockTitle(i, inner-c.markWidth(inner)), inner, sel)
			case r == band-1 && len(d.Band) > band:
				l.add(cell("+"+itoa(len(d.Band)-r), inner), roleFaint)
			default:
				l.add(cell("", inner), rolePlain)
			}
			l.add(" ", rolePlain)
		}
		lines = append(lines, l.String())
	}
	if rows <= 0 {
		return strings.Join(lines[:v.h], "\n")
	}
	for r := 0; r < rows; r++ {
		from := s.FirstHour*60 + r*step
		to := from + step
		l := runLine{c: c, sgr: v.sgr}
		nowRow := s.NowDay >= 0 && s.NowMinute >= from && s.NowMinute < to
		switch {
		case nowRow && from%60 == 0 && from < 24*60:
			// The row's own hour, in the now colour: the clock would read
			// as the row's start (QA: "15:40" above "16:00" on a 3-hour row).
			l.add(cell(agenda.HourLabel(from/60, side-1), side), roleNow)
		case from >= 24*60:
			l.add(cell("", side), rolePlain)
		case from%60 == 0: // every step divides an hour or is whole hours
			l.add(cell(agenda.HourLabel(from/60, side-1), side), roleFaint)
		default:
			l.add(cell("", side), rolePlain)
		}
		for k := range s.Days {
			v.drawCell(c, &l, k, from, to, inner, sel)
			l.add(" ", rolePlain)
		}
		lines = append(lines, l.String())
	}
	return strings.Join(lines, "\n")
}

// grid is the week's lines below the day labels: the band's, then the
// hours' rows, each step minutes. The band has as many lines as its
// fullest day needs, up to a quarter of the pane; the rows share the hours
// the week needs, each row as many minutes as it takes to fit them.
func (v *weekView) grid() (band, rows, step int) {
	s := v.set
	for _, d := range s.Days {
		band = max(band, len(d.Band))
	}
	band = min(band, max((v.h-1)/4, 1))
	rows = v.h - 1 - band
	if rows <= 0 {
		return band, rows, 60
	}
	span := (s.LastHour - s.FirstHour) * 60
	step = (span + rows - 1) / rows
	for _, nice := range []int{15, 20, 30, 60, 120, 180, 240, 360, 480} {
		if nice >= step {
			step = nice
			break
		}
	}
	return band, rows, step
}

// eventAt is the event drawn at column x of line y of the week (line 0 the
// day labels) and its day's column, or -1 where no event is drawn.
func (v *weekView) eventAt(x, y, sel int) (event, day int) {
	if v.set == nil || y < 1 || y >= v.h {
		return -1, -1
	}
	side, cw := weekGeometry(v.w)
	inner := cw - 1
	if x < side || (x-side)/cw >= len(v.set.Days) || (x-side)%cw >= inner {
		return -1, -1
	}
	day, x = (x-side)/cw, (x-side)%cw
	d := &v.set.Days[day]
	band, rows, step := v.grid()
	if r := y - 1; r < band {
		if r < len(d.Band) && (r < band-1 || len(d.Band) == band) {
			return d.Band[r], day
		}
		return -1, -1
	}
	r := y - 1 - band
	if r >= rows {
		return -1, -1
	}
	from := v.set.FirstHour*60 + r*step
	to := from + step
	cols := min(colsIn(d, from, to), inner)
	col := min(x/(inner/cols), cols-1)
	if b := blockIn(d, from, to, col, cols, sel); b != nil {
		return b.Event, day
	}
	return -1, -1
}

// drawCell draws day k's column from minute from to to: each sub-column
// of overlapping blocks shows the block there, its title on its first
// row, and the now line crosses today.
func (v *weekView) drawCell(c *renderCtx, l *runLine, k, from, to, w, sel int) {
	d := &v.set.Days[k]
	now := v.set.NowDay == k && v.set.NowMinute >= from && v.set.NowMinute < to
	cols := min(colsIn(d, from, to), w)
	for col := 0; col < cols; col++ {
		cw := w / cols
		if col == cols-1 {
			cw = w - cw*(cols-1)
		}
		found := blockIn(d, from, to, col, cols, sel)
		switch {
		case found == nil && now:
			l.add(strings.Repeat("─", cw), roleNow)
		case found == nil:
			l.add(strings.Repeat(" ", cw), rolePlain)
		case found.From >= from:
			c.addBlock(l, found.Event, c.blockTitle(found.Event, cw-c.markWidth(cw)), cw, sel)
		default:
			l.add(cell("│", cw), c.eventRole(found.Event, sel))
		}
	}
}

// narrowTitle is the width under which a block's title is too cut to
// read, and the block shows its kind's glyph and the title's initials.
const narrowTitle = 8

// blockTitle is event i's label in a block w cells wide: its title, or
// below narrowTitle its kind's glyph and its title's initials ("◎TSP").
func (c *renderCtx) blockTitle(i, w int) string {
	e := &c.it.Events[i]
	if w >= narrowTitle {
		return e.Title
	}
	return kindGlyph[e.Kind] + titleInitials(e.Title)
}

// titleInitials is the first letter or digit of each word of s, upper
// case; a word of only punctuation ("—") has none.
func titleInitials(s string) string {
	var b strings.Builder
	for _, word := range strings.Fields(s) {
		for _, r := range word {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				b.WriteRune(unicode.ToUpper(r))
				break
			}
		}
	}
	return b.String()
}

// colsIn is the sub-columns day d's blocks take from minute from to to.
func colsIn(d *agenda.WeekDay, from, to int) int {
	cols := 1
	for _, b := range d.Blocks {
		if b.From < to && b.To > from {
			cols = max(cols, b.Cols)
		}
	}
	return cols
}

// blockIn is the block drawn in sub-column col of cols from minute from to
// to (the selected event's when it is one of them), or nil.
func blockIn(d *agenda.WeekDay, from, to, col, cols, sel int) *agenda.Block {
	var found *agenda.Block
	for n := range d.Blocks {
		b := &d.Blocks[n]
		if b.From < to && b.To > from && b.Col*cols/max(b.Cols, 1) == col {
			found = b
			if b.Event == sel {
				break
			}
		}
	}
	return found
}

func itoa(n int) string { return strconv.Itoa(n) }

// weekPane is the timeline pane in the week view.
func (m Model) weekPane() string {
	w := m.lay.list.w
	focused := m.focus == focusTimeline && m.mode == modeList
	title := "Week · "
	if m.wk.set != nil {
		title += m.wk.set.Label()
	}
	title += " · " + agenda.CountOf(len(m.visible), len(m.it.Events), "event")
	head := m.paneTitle(title, focused, w)
	if m.wk.set == nil {
		return head + "\n" + fitBlock(m.emptyMessage(), w, m.lay.list.h-1)
	}
	return head + "\n" + fitBlock(m.wk.view(m.ctx(), m.tl.selected()), w, m.lay.list.h-1)
}
