package tui

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/visitline/visitline/agenda"
	"github.com/visitline/visitline/itinerary"
)

// Drawing the week: a line of day labels, the band of date-only and
// multi-day entries, then the hours down the side with each timed event a
// block in its day's column, overlapping blocks side by side. The work of
// a frame is bounded by the screen and agenda's caps on a day, not by the
// itinerary.

// runLine builds a line of text in runs of one style each, wrapped in
// the escape codes of frame, which renders each style once a frame.
type runLine struct {
	b     strings.Builder
	run   strings.Builder
	style *lipgloss.Style
	frame *styleCodes
}

// styleCodes are the escape codes that start and end each style used in
// one frame; made for each frame, never kept in the model.
type styleCodes map[*lipgloss.Style][2]string

// wrap returns s in style st.
func (f *styleCodes) wrap(st *lipgloss.Style, s string) string {
	if f == nil {
		return st.Render(s)
	}
	code, ok := (*f)[st]
	if !ok {
		const marker = "\uE000"
		out := st.Render(marker)
		k := strings.Index(out, marker)
		if k < 0 { // a style that changes its text: render it each time
			return st.Render(s)
		}
		code = [2]string{out[:k], out[k+len(marker):]}
		if *f == nil {
			*f = styleCodes{}
		}
		(*f)[st] = code
	}
	return code[0] + s + code[1]
}

func (l *runLine) add(s string, st *lipgloss.Style) {
	if st != l.style {
		l.flush()
		l.style = st
	}
	l.run.WriteString(s)
}

func (l *runLine) flush() {
	if l.run.Len() == 0 {
		return
	}
	if l.style != nil {
		l.b.WriteString(l.frame.wrap(l.style, l.run.String()))
	} else {
		l.b.WriteString(l.run.String())
	}
	l.run.Reset()
}

func (l *runLine) String() string { l.flush(); return l.b.String() }

// cell is s cut or padded to exactly w cells.
func cell(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if ansi.StringWidth(s) > w {
		s = ansi.Truncate(s, w, "")
	}
	return s + strings.Repeat(" ", w-ansi.StringWidth(s))
}

// eventStyle is how an event shows in the week and the month: selected,
// cancelled, past, else its organisation's colour.
func (c *renderCtx) eventStyle(i, sel int) *lipgloss.Style {
	e := &c.it.Events[i]
	switch {
	case i == sel:
		return &c.st.Selected
	case e.Status == itinerary.StatusCancelled:
		return &c.st.Cancelled
	case !c.nowTime().IsZero() && e.End.Before(c.nowTime()):
		return &c.st.Past
	}
	return c.style(c.orgRole(-1, i))
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
	frame := &styleCodes{}
	// The day labels.
	head := runLine{frame: frame}
	head.add(strings.Repeat(" ", side), nil)
	for k, d := range s.Days {
		st := &c.st.DayHeader
		switch {
		case k == v.day:
			st = &c.st.Selected
		case d.Today:
			st = &c.st.Now
		}
		head.add(cell(agenda.ColumnLabel(d.Date, inner), inner), st)
		head.add(" ", nil)
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
		l := runLine{frame: frame}
		l.add(cell("", side), nil)
		for _, d := range s.Days {
			switch {
			case r < len(d.Band) && (r < band-1 || len(d.Band) == band):
				i := d.Band[r]
				l.add(cell(c.blockTitle(i, inner), inner), c.eventStyle(i, sel))
			case r == band-1 && len(d.Band) > band:
				l.add(cell("+"+itoa(len(d.Band)-r), inner), &c.st.Faint)
			default:
				l.add(cell("", inner), nil)
			}
			l.add(" ", nil)
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
		l := runLine{frame: frame}
		nowRow := s.NowDay >= 0 && s.NowMinute >= from && s.NowMinute < to
		switch {
		case nowRow:
			l.add(cell(agenda.ClockLabel(s.NowMinute, side-1), side), &c.st.Now)
		case from >= 24*60:
			l.add(cell("", side), nil)
		case from%60 == 0: // every step divides an hour or is whole hours
			l.add(cell(agenda.HourLabel(from/60, side-1), side), &c.st.Faint)
		default:
			l.add(cell("", side), nil)
		}
		for k := range s.Days {
			v.drawCell(c, &l, k, from, to, inner, sel)
			l.add(" ", nil)
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
			l.add(strings.Repeat("─", cw), &c.st.Now)
		case found == nil:
			l.add(strings.Repeat(" ", cw), nil)
		case found.From >= from:
			l.add(cell(c.blockTitle(found.Event, cw), cw), c.eventStyle(found.Event, sel))
		default:
			l.add(cell("│", cw), c.eventStyle(found.Event, sel))
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
