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
	band := 0
	for _, d := range s.Days {
		band = max(band, len(d.Band))
	}
	band = min(band, max((v.h-1)/4, 1))
	for r := 0; r < band; r++ {
		l := runLine{c: c, sgr: v.sgr}
		l.add(cell("", side), rolePlain)
		for _, d := range s.Days {
			switch {
			case r < len(d.Band) && (r < band-1 || len(d.Band) == band):
				i := d.Band[r]
				l.add(cell(c.blockTitle(i, inner), inner), c.eventRole(i, sel))
			case r == band-1 && len(d.Band) > band:
				l.add(cell("+"+itoa(len(d.Band)-r), inner), roleFaint)
			default:
				l.add(cell("", inner), rolePlain)
			}
			l.add(" ", rolePlain)
		}
		lines = append(lines, l.String())
	}
	// The hours: the rows share the hours the week needs, each row as many
	// minutes as it takes to fit them.
	rows := v.h - len(lines)
	if rows <= 0 {
		return strings.Join(lines[:v.h], "\n")
	}
	span := (s.LastHour - s.FirstHour) * 60
	step := (span + rows - 1) / rows
	for _, nice := range []int{15, 20, 30, 60, 120, 180, 240, 360, 480} {
		if nice >= step {
			step = nice
			break
		}
	}
	for r := 0; r < rows; r++ {
		from := s.FirstHour*60 + r*step
		to := from + step
		l := runLine{c: c, sgr: v.sgr}
		nowRow := s.NowDay >= 0 && s.NowMinute >= from && s.NowMinute < to
		switch {
		case nowRow:
			l.add(cell(agenda.ClockLabel(s.NowMinute, side-1), side), roleNow)
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

// drawCell draws day k's column from minute from to to: each sub-column
// of overlapping blocks shows the block there, its title on its first
// row, and the now line crosses today.
func (v *weekView) drawCell(c *renderCtx, l *runLine, k, from, to, w, sel int) {
	d := &v.set.Days[k]
	now := v.set.NowDay == k && v.set.NowMinute >= from && v.set.NowMinute < to
	cols := 1
	for _, b := range d.Blocks {
		if b.From < to && b.To > from {
			cols = max(cols, b.Cols)
		}
	}
	cols = min(cols, w)
	for col := 0; col < cols; col++ {
		cw := w / cols
		if col == cols-1 {
			cw = w - cw*(cols-1)
		}
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
		switch {
		case found == nil && now:
			l.add(strings.Repeat("─", cw), roleNow)
		case found == nil:
			l.add(strings.Repeat(" ", cw), rolePlain)
		case found.From >= from:
			l.add(cell(c.blockTitle(found.Event, cw), cw), c.eventRole(found.Event, sel))
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
