package tui

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/visitline/visitline/agenda"
	"github.com/visitline/visitline/itinerary"
)

// Drawing the lanes: the axis, the gutter of labels and the bars, cell by
// cell, and the pane's title.

// labelSteps are the candidate spacings of the axis labels; the first that
// leaves three columns from label to label is used.
var labelSteps = []time.Duration{time.Hour, 2 * time.Hour, 3 * time.Hour, 6 * time.Hour, 12 * time.Hour,
	24 * time.Hour, 48 * time.Hour, 72 * time.Hour, 168 * time.Hour}

// role is what a cell of the lanes shows, which decides its style.
type role int

const (
	rolePlain role = iota
	roleFaint
	roleNow
	roleBadge
	roleDay
	roleAccent
	roleSelected
	rolePast
	roleCancelled
	roleOrg // roleOrg + o: organisation o's colour
)

// roleCalendar + k is calendar k's colour: far above the organisations'
// roles, whose count a file gives.
const roleCalendar role = 1 << 30

// style is the style of role r.
func (c *renderCtx) style(r role) *lipgloss.Style {
	st := c.st
	switch r {
	case roleFaint:
		return &st.Faint
	case roleNow:
		return &st.Now
	case roleBadge:
		return &st.Badge
	case roleDay:
		return &st.DayHeader
	case roleAccent:
		return &st.Accent
	case roleSelected:
		return &st.Selected
	case rolePast:
		return &st.Past
	case roleCancelled:
		return &st.Cancelled
	}
	if r >= roleCalendar {
		if int(r-roleCalendar) < len(c.calStyle) {
			return &c.calStyle[r-roleCalendar]
		}
		return nil
	}
	if r >= roleOrg && int(r-roleOrg) < len(c.orgStyle) {
		return &c.orgStyle[r-roleOrg]
	}
	return nil
}

// sgrCache keeps the escape codes that start and end each role's style, so
// that a frame of lanes wraps its runs of text in them instead of asking
// Lip Gloss to render (and convert colours) for every run.
type sgrCache struct {
	codes map[role][2]string
}

// wrap returns s in role r's style.
func (sc *sgrCache) wrap(c *renderCtx, r role, s string) string {
	if r == rolePlain || s == "" {
		return s
	}
	code, ok := sc.codes[r]
	if !ok {
		const marker = "\uE000"
		out := c.style(r).Render(marker)
		k := strings.Index(out, marker)
		if k < 0 { // a style that changes its text: render it each time
			return c.style(r).Render(s)
		}
		code = [2]string{out[:k], out[k+len(marker):]}
		if sc.codes == nil {
			sc.codes = map[role][2]string{}
		}
		sc.codes[r] = code
	}
	return code[0] + s + code[1]
}

// initials shortens a label to the first letter of each word: "Sam
// Altman" → "SA".
func initials(s string) string {
	var b strings.Builder
	for _, w := range strings.Fields(s) {
		r, n := utf8.DecodeRuneInString(w)
		if r == '(' && n < len(w) {
			r, _ = utf8.DecodeRuneInString(w[n:])
		}
		b.WriteRune(r)
	}
	return b.String()
}

// shownLabels are the lanes' labels cut to a gutter width, for the Latin
// or the native names.
type shownLabels struct {
	width  int
	native bool
	labels []string
}

// gutterLabel is lane k's label as the gutter shows it, cut to width
// cells. A label too wide keeps its start and ends in "…"; when that reads
// the same as another lane's, it shows its end instead ("…-young"), or its
// initials, so that two lanes read alike only when no form tells them
// apart. The labels
// are made for all lanes at once, when the width, the names or the lanes
// change.
func (l *lanesView) gutterLabel(it *itinerary.Itinerary, k, width int, native bool) string {
	sh := &l.memo.shown
	if sh.labels == nil || sh.width != width || sh.native != native {
		*sh = shownLabels{width: width, native: native, labels: make([]string, l.count())}
		seen := make(map[string]int, l.count())
		for n := range l.count() {
			sh.labels[n] = fit(l.set.Label(n, native), width)
			seen[sh.labels[n]]++
		}
		// The lanes whose cut labels clash try their ends, then their
		// initials ("SDdm"), taking the first that no other lane shows.
		var clash []int
		for n := range l.count() {
			if seen[sh.labels[n]] > 1 && textWidth(l.set.Label(n, native)) > width {
				clash = append(clash, n)
			}
		}
		for _, form := range []func(string) string{
			func(full string) string { return fit("…"+strings.TrimLeft(lastCells(full, width-1), " "), width) },
			func(full string) string { return fit(initials(full), width) },
		} {
			alt := make([]string, len(clash))
			for a, n := range clash {
				alt[a] = form(l.set.Label(n, native))
				seen[alt[a]]++
			}
			rest := clash[:0]
			for a, n := range clash {
				if seen[alt[a]] == 1 {
					seen[sh.labels[n]]--
					sh.labels[n] = alt[a]
				} else {
					seen[alt[a]]--
					rest = append(rest, n)
				}
			}
			clash = rest
		}
	}
	return sh.labels[k]
}

// lastCells is the end of s that fits n cells.
func lastCells(s string, n int) string {
	w := 0
	for k := len(s); k > 0; {
		r, size := utf8.DecodeLastRuneInString(s[:k])
		rw := ansi.StringWidth(string(r))
		if w+rw > n {
			return s[k:]
		}
		w += rw
		k -= size
	}
	return s
}

// textWidth is ansi.StringWidth with a shortcut for plain ASCII, which
// most names are.
func textWidth(s string) int {
	for k := 0; k < len(s); k++ {
		if s[k] >= utf8.RuneSelf {
			return ansi.StringWidth(s)
		}
	}
	return len(s)
}

// gridCell is one column of a drawn row: its text (empty for the second
// half of a wide character) and style (nil: none).
type gridCell struct {
	s string
	r role
}

// view renders the axis and the lanes on screen, each line exactly
// l.width cells wide; last is the last lane on screen.
func (l *lanesView) view(c *renderCtx) (out string, last int) {
	_, cols := l.geometry(c.native)
	g := l.frameGrid(c, cols)
	lines := make([]string, 0, l.height)
	row := make([]gridCell, cols)
	blank := strings.Repeat(" ", g.gutter)
	l.dateRow(row, g.dayStarts)
	lines = append(lines, blank+" "+l.renderCells(c, row))
	l.hourRow(row, g)
	lines = append(lines, blank+" "+l.renderCells(c, row))
	lines, last = l.laneLines(c, lines, row, g)
	for len(lines) < l.height {
		lines = append(lines, strings.Repeat(" ", l.width))
	}
	return strings.Join(lines, "\n"), last
}

// laneFrame is what every row of a frame of lanes is drawn on: the gutter's
// width, the window of time, where its days start, and the columns of the
// day boundaries and of now (-1 when now is off screen), which run down
// every lane.
type laneFrame struct {
	gutter    int
	loc       *time.Location
	to        time.Time
	dayStarts []time.Time
	bounds    []int
	nowCol    int
}

// frameGrid works out the frame for the window on screen, cols columns wide.
func (l *lanesView) frameGrid(c *renderCtx, cols int) laneFrame {
	g := laneFrame{loc: c.displayZone(), nowCol: -1}
	g.gutter, _ = l.geometry(c.native)
	g.to = l.from.Add(time.Duration(cols) * l.cell())
	lf := l.from.In(g.loc)
	day := time.Date(lf.Year(), lf.Month(), lf.Day(), 0, 0, 0, 0, g.loc)
	for d := day; d.Before(g.to); d = d.AddDate(0, 0, 1) {
		if !d.Before(l.from) {
			g.bounds = append(g.bounds, l.col(d))
		}
		g.dayStarts = append(g.dayStarts, d)
	}
	if now := c.nowTime(); !now.IsZero() && !now.Before(l.from) && now.Before(g.to) {
		g.nowCol = l.col(now)
	}
	return g
}

// background clears row to the frame's day boundaries and now line.
func (l *lanesView) background(row []gridCell, g laneFrame) {
	for x := range row {
		row[x] = gridCell{" ", rolePlain}
	}
	if l.cell() < 24*time.Hour {
		for _, x := range g.bounds {
			row[x] = gridCell{"┊", roleFaint}
		}
	}
	if g.nowCol >= 0 {
		row[g.nowCol] = gridCell{"│", roleNow}
	}
}

// dateRow draws the dates into row: each day's label where its day starts,
// in the longest form that fits two columns before the next day (the day
// at the left edge yields to the next one when none does). Zoomed out to
// days a few columns wide, a label may run over the days after it, whose
// labels then give way.
func (l *lanesView) dateRow(row []gridCell, dayStarts []time.Time) {
	cols := len(row)
	for x := range row {
		row[x] = gridCell{" ", rolePlain}
	}
	next := 0
	for n, d := range dayStarts {
		x := max(l.col(d), 0)
		if x < next {
			continue
		}
		own := cols // two spaces from the next day's label, so two never read as one
		if n+1 < len(dayStarts) {
			own = l.col(dayStarts[n+1]) - 2
		}
		label := dayLabelFitting(d, own-x)
		if label == "" && l.cell() >= 6*time.Hour && n > 0 {
			label = dayLabelFitting(d, cols-x)
		}
		if label == "" {
			continue
		}
		next = putText(row, x, cols, label, roleDay) + 2
	}
}

// hourRow draws the hours (or days, zoomed out) into row, at a spacing
// with room for the labels, and marks now where no label is in the way.
func (l *lanesView) hourRow(row []gridCell, g laneFrame) {
	cols := len(row)
	for x := range row {
		row[x] = gridCell{" ", rolePlain}
	}
	step := labelSteps[len(labelSteps)-1]
	for _, s := range labelSteps {
		if s >= 3*l.cell() {
			step = s
			break
		}
	}
	next := 0
	for t := l.firstLabel(step, g.loc); t.Before(g.to); t = nextLabel(t, step, g.loc) {
		x := l.col(t)
		if x < next || x < 0 {
			continue
		}
		label := t.In(g.loc).Format("15")
		if step >= 24*time.Hour {
			label = t.In(g.loc).Format("2")
		}
		if x+len(label) > cols {
			break // cut, it would read as another number
		}
		next = putText(row, x, cols, label, roleFaint) + 1
	}
	if g.nowCol >= 0 && row[g.nowCol].s == " " {
		row[g.nowCol] = gridCell{"▼", roleNow}
	}
}

// laneLines appends the lines of the lanes from the first on screen to
// lines, until the pane is full; last is the last lane on screen.
func (l *lanesView) laneLines(c *renderCtx, lines []string, row []gridCell, g laneFrame) (out []string, last int) {
	cols := len(row)
	blank := strings.Repeat(" ", g.gutter)
	sep := " "
	last = l.offset - 1
	for k := l.offset; k < l.count() && len(lines) < l.height; k++ {
		last = k
		lay := l.layout(c, k, l.height-len(lines))
		label := l.gutterLabel(c.it, k, g.gutter, c.native)
		labelRole := roleFaint
		if k == l.cur {
			labelRole = roleAccent
		}
		for r, bars := range lay.rows {
			if len(lines) == l.height {
				break
			}
			gut := blank
			if r == 0 {
				gut = l.memo.sgr.wrap(c, labelRole, fit(label, g.gutter))
			}
			if r == len(lay.rows)-1 && lay.hidden > 0 {
				more := fmt.Sprintf("+%d", lay.hidden)
				if len(lay.rows) == 1 {
					gut = l.memo.sgr.wrap(c, labelRole, fit(label, max(g.gutter-len(more), 0))) + l.memo.sgr.wrap(c, roleBadge, more)
				} else {
					gut = l.memo.sgr.wrap(c, roleBadge, fit(more, g.gutter))
				}
			}
			l.background(row, g)
			for n, b := range bars {
				limit := cols
				if n+1 < len(bars) {
					limit = bars[n+1].a
				}
				l.drawBar(c, row, b, k, limit)
			}
			lines = append(lines, gut+sep+l.renderCells(c, row))
		}
	}
	return lines, last
}

// dayLabelFitting is the longest of day d's labels ("Wed 17 Jan 2024",
// "Wed 17 Jan", "Wed 17") no wider than room, or "" when none fits.
func dayLabelFitting(d time.Time, room int) string {
	for _, label := range []string{agenda.DayLabel(d), agenda.ShortDayLabel(d), d.Format("Mon 2")} {
		if len(label) <= room {
			return label
		}
	}
	return ""
}

// firstLabel is the first label time at or after the left edge: a
// multiple of step from local midnight (for steps of a day or more, a
// midnight).
func (l *lanesView) firstLabel(step time.Duration, loc *time.Location) time.Time {
	lf := l.from.In(loc)
	t := time.Date(lf.Year(), lf.Month(), lf.Day(), 0, 0, 0, 0, loc)
	for t.Before(l.from) {
		t = nextLabel(t, step, loc)
	}
	return t
}

// nextLabel is the label after t: step later, by the calendar for whole
// days so that labels stay on midnight across DST changes.
func nextLabel(t time.Time, step time.Duration, loc *time.Location) time.Time {
	if step >= 24*time.Hour {
		return t.In(loc).AddDate(0, 0, int(step/(24*time.Hour)))
	}
	return t.Add(step)
}

// drawBar draws bar b of lane k into row; its title may run on beside it
// up to column limit (the next bar).
func (l *lanesView) drawBar(c *renderCtx, row []gridCell, b bar, k, limit int) {
	it := c.it
	e := &it.Events[b.event]
	selected := b.event == l.event
	edge := c.orgRole(l.set.Lane(k).Person, b.event)
	text := rolePlain
	switch {
	case e.Status == itinerary.StatusCancelled:
		text = roleCancelled
	case !c.nowTime().IsZero() && it.MomentOf(b.event, c.nowTime()) == itinerary.Past:
		text = rolePast
	}
	if selected {
		edge, text = roleSelected, roleSelected
	}
	marks := agenda.Marks(it, b.event)
	title := e.Title
	if b.point || b.b-b.a < 2 {
		mark := kindGlyph[e.Kind]
		if selected {
			mark = "❯"
		}
		row[b.a] = gridCell{mark, edge}
		// Beside the mark: the badges and the title, cut with "…" (at
		// worst to "…" alone), else nothing: never the badges without it.
		x := b.a + 1
		room := limit - 1 - (x + 1)
		if room >= ansi.StringWidth(marks)+min(ansi.StringWidth(title), 1) {
			x = putText(row, x, limit-1, " ", rolePlain)
			x = putText(row, x, limit-1, marks, roleBadge)
			putText(row, x, limit-1, ansi.Truncate(title, limit-1-x, "…"), text)
		}
		return
	}
	left, right, fill := "[", "]", "─"
	if b.left {
		left = "◂"
	}
	if b.right {
		right = "▸"
	}
	if selected {
		left, fill = "❯", "━"
	}
	for x := b.a; x < b.b; x++ {
		if row[x].r != roleNow || selected {
			row[x] = gridCell{fill, edge}
		}
	}
	row[b.a] = gridCell{left, edge}
	row[b.b-1] = gridCell{right, edge}
	inner := b.b - b.a - 2
	want := ansi.StringWidth(marks) + ansi.StringWidth(title)
	beside := limit - b.b - 1
	x, end := b.a+1, b.b-1
	if want > inner && beside > inner && beside >= min(want, 8) {
		x, end = b.b+1, limit-1 // room beside the bar: the title goes there
	}
	x = putText(row, x, end, marks, roleBadge)
	putText(row, x, end, ansi.Truncate(title, end-x, "…"), text)
}

// orgRole is the colour of event i in a lane: the lane's person's
// organisation, else the first participant's, else the accent.
func (c *renderCtx) orgRole(person, i int) role {
	if person < 0 && len(c.it.Events[i].Participants) > 0 {
		person = c.it.Events[i].Participants[0]
	}
	if person >= 0 {
		if o := c.it.People[person].Org; o >= 0 {
			return roleOrg + role(o)
		}
	}
	return roleAccent
}

// putText writes s into row from column x, stopping before column end; a
// character two columns wide takes two cells. It returns the column after
// the text.
func putText(row []gridCell, x, end int, s string, r role) int {
	end = min(end, len(row))
	for _, ch := range s {
		w := 1
		if ch >= 0x80 { // text from the file is free of control characters
			w = ansi.StringWidth(string(ch))
		}
		if w == 0 {
			continue
		}
		if x+w > end {
			break
		}
		row[x] = gridCell{string(ch), r}
		for k := 1; k < w; k++ {
			row[x+k] = gridCell{"", r}
		}
		x += w
	}
	return x
}

// renderCells joins the cells of a row, rendering each run of one style
// once.
func (l *lanesView) renderCells(c *renderCtx, row []gridCell) string {
	var b, run strings.Builder
	cur := rolePlain
	flush := func() {
		b.WriteString(l.memo.sgr.wrap(c, cur, run.String()))
		run.Reset()
	}
	for _, cl := range row {
		if cl.r != cur {
			flush()
			cur = cl.r
		}
		run.WriteString(cl.s)
	}
	flush()
	return b.String()
}

// title is the lanes pane's title, room cells at most: the grouping, the
// count, the scale and, when some lanes are off screen, which are on it
// (first to last). Where it does not fit, the other parts shorten or go
// first, so that the lanes on screen stay named.
func (l *lanesView) title(shown, total, last, room int) string {
	events := agenda.CountOf(shown, total, "event")
	group := "Lanes by " + l.group.String()
	scale := agenda.DurationLabel(l.cell())
	s := group + " · " + events + " · " + scale + " a column"
	if l.offset == 0 && last >= l.count()-1 {
		return s
	}
	span := fmt.Sprintf("%d–%d of %d", l.offset+1, last+1, l.count())
	forms := []string{
		s + " · lanes " + span,
		group + " · " + events + " · " + scale + " · lanes " + span,
		group + " · " + scale + " · lanes " + span,
		group + " · lanes " + span,
		"Lanes " + span,
		span,
	}
	for _, f := range forms {
		if ansi.StringWidth(f) <= room {
			return f
		}
	}
	return span
}
