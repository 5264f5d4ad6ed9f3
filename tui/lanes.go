package tui

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/visitline/visitline/agenda"
	"github.com/visitline/visitline/itinerary"
)

// viewMode is how the timeline pane draws the events.
type viewMode int

const (
	viewList  viewMode = iota // events under day headers
	viewLanes                 // a time axis with a lane per person, track or city
)

// grouping is what the lanes stand for; t cycles through them.
type grouping int

const (
	byPerson grouping = iota
	byTrack
	byCity
	groupings
)

func (g grouping) String() string {
	return [...]string{"person", "track", "city"}[g]
}

// laneScales are the zoom levels: how much time one column stands for.
var laneScales = []time.Duration{15 * time.Minute, 30 * time.Minute, time.Hour, 2 * time.Hour, 3 * time.Hour,
	6 * time.Hour, 12 * time.Hour, 24 * time.Hour}

// labelSteps are the candidate spacings of the axis labels; the first that
// leaves three columns from label to label is used.
var labelSteps = []time.Duration{time.Hour, 2 * time.Hour, 3 * time.Hour, 6 * time.Hour, 12 * time.Hour,
	24 * time.Hour, 48 * time.Hour, 72 * time.Hour, 168 * time.Hour}

// lane is one row of the lanes view (several screen rows where its events
// overlap). A lane is never changed once built; its interval index is in
// the lanes' memo.
type lane struct {
	person int    // the person of a person lane, else -1
	key    string // the track or city of the other lanes; "" with none
	none   bool   // the lane of the events with no person, track or city
	events []int  // instant order, which is index order
}

// index is lane k's interval index on an axis in the display zone, built
// on first use: a frame needs only the lanes on screen, so a search or a
// filter that keeps 100,000 events sorts them into lanes but indexes only
// the few that show. A change of zone moves the date-only entries, so each
// zone has indexes of its own.
func (l *lanesView) index(c *renderCtx, k int) *itinerary.Intervals {
	loc := c.displayZone()
	idx := l.memo.indexes[loc]
	if idx == nil {
		if l.memo.indexes == nil || len(l.memo.indexes) >= maxMemoZones {
			l.memo.indexes = map[*time.Location][]*itinerary.Intervals{}
		}
		idx = make([]*itinerary.Intervals, len(l.lanes))
		l.memo.indexes[loc] = idx
	}
	if idx[k] == nil {
		idx[k] = c.it.NewIntervals(l.lanes[k].events, loc)
	}
	return idx[k]
}

// extent is event i's stretch of time on the axis: a date-only entry
// covers its calendar days in the display zone.
func (c *renderCtx) extent(i int) (from, to time.Time) {
	return c.it.ExtentIn(i, c.displayZone())
}

// lanesView is the timeline drawn as time: a horizontal axis in the display
// zone and a lane per group, each event a bar at the axis's scale. It
// shares the selected event with the list (Model.tl); it adds the selected
// lane, the zoom, the window of time on screen and the scroll of lanes.
type lanesView struct {
	group    grouping
	lanes    []lane
	laneOf   []int32        // person -> lane (person grouping), -1 for none
	byKey    map[string]int // track or city -> lane
	noneLane int            // -1 when every event has a lane of its own
	maxLabel [2]int         // widest lane label: Latin, native
	memo     *laneMemo      // what drawing these lanes works out, made anew with them

	it     *itinerary.Itinerary // the itinerary the lanes were built from
	source []int                // its events in the lanes
	people []int                // the person filter they were built with
	built  grouping
	ready  bool

	cur    int       // selected lane; -1 when there are no lanes
	event  int       // selected event; -1 for none
	anchor time.Time // where in time j and k look for the nearest event
	scale  int       // index into laneScales
	from   time.Time // the time at the left edge of the axis
	offset int       // first lane on screen
	width  int
	height int // rows below the pane's title
}

func newLanesView() lanesView {
	return lanesView{cur: -1, event: -1, noneLane: -1, memo: &laneMemo{}}
}

// laneMemo is what drawing one set of lanes works out once and keeps: the
// lanes' interval indexes for each zone, the labels of the gutter for a
// width and a script, and the escape codes of the styles. build makes a new
// memo with every new set of lanes, and the lanes, the itinerary and the
// styles it was made from never change, so that the model's copies can
// share it: View on one copy may fill it in, but each entry is keyed by all
// it depends on (a copy with other lanes has another memo).
type laneMemo struct {
	indexes map[*time.Location][]*itinerary.Intervals // by display zone, then lane
	shown   shownLabels
	sgr     sgrCache
}

// maxMemoZones bounds the zones whose indexes the memo keeps.
const maxMemoZones = 8

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

func (l *lanesView) setSize(w, h int) {
	if w != l.width {
		l.from = time.Time{} // place the axis afresh for the new width
	}
	l.width, l.height = w, max(h, 1)
}

// build makes the lanes of events (instant order) in the current grouping,
// unless they are already made of the same events. With a person filter,
// only the filtered people have lanes.
func (l *lanesView) build(it *itinerary.Itinerary, events, people []int) {
	if l.ready && l.it == it && l.built == l.group && sameEvents(l.source, events) && slices.Equal(l.people, people) {
		return
	}
	l.it, l.source, l.people, l.built, l.ready = it, events, slices.Clone(people), l.group, true
	l.memo = &laneMemo{} // the old lanes' memo stays with the copies that show them
	var lists [][]int
	var keys []string
	var persons []int
	var none []int
	l.byKey = nil
	l.laneOf = nil
	switch l.group {
	case byPerson:
		l.laneOf = make([]int32, len(it.People))
		for p := range l.laneOf {
			l.laneOf[p] = -1
		}
		var allowed []bool
		if len(people) > 0 {
			allowed = make([]bool, len(it.People))
			for _, p := range people {
				allowed[p] = true
			}
		}
		for _, i := range events {
			placed := false
			for _, p := range it.Events[i].Participants {
				if allowed != nil && !allowed[p] {
					continue
				}
				k := l.laneOf[p]
				if k < 0 {
					k = int32(len(lists))
					l.laneOf[p] = k
					lists = append(lists, nil)
					persons = append(persons, p)
					keys = append(keys, "")
				}
				if n := len(lists[k]); n == 0 || lists[k][n-1] != i { // a participant may be listed twice
					lists[k] = append(lists[k], i)
				}
				placed = true
			}
			if !placed {
				none = append(none, i)
			}
		}
	default:
		l.byKey = map[string]int{}
		for _, i := range events {
			key := l.keyOf(it, i)
			if key == "" {
				none = append(none, i)
				continue
			}
			k, ok := l.byKey[key]
			if !ok {
				k = len(lists)
				l.byKey[key] = k
				lists = append(lists, nil)
				persons = append(persons, -1)
				keys = append(keys, key)
			}
			lists[k] = append(lists[k], i)
		}
	}
	l.lanes = make([]lane, 0, len(lists)+1)
	for k, list := range lists {
		l.lanes = append(l.lanes, lane{person: persons[k], key: keys[k], events: list})
	}
	l.noneLane = -1
	if len(none) > 0 {
		l.noneLane = len(l.lanes)
		l.lanes = append(l.lanes, lane{person: -1, none: true, events: none})
	}
	l.maxLabel = [2]int{}
	for k := range l.lanes {
		for s, native := range []bool{false, true} {
			l.maxLabel[s] = max(l.maxLabel[s], textWidth(l.label(it, k, native)))
		}
	}
	l.cur, l.offset = -1, 0
	if len(l.lanes) > 0 {
		l.cur = 0
	}
}

// sameEvents reports whether a and b are the same list (results are never
// modified once made, so the same backing array means the same events).
func sameEvents(a, b []int) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// keyOf is the track or city of event i in the track or city grouping.
func (l *lanesView) keyOf(it *itinerary.Itinerary, i int) string {
	if l.group == byCity {
		return it.Events[i].City
	}
	return it.Events[i].Track
}

// label names lane k in the gutter.
func (l *lanesView) label(it *itinerary.Itinerary, k int, native bool) string {
	ln := &l.lanes[k]
	switch {
	case ln.person >= 0:
		return it.Name(ln.person, native)
	case ln.none && l.group == byPerson:
		return "(no one named)"
	case ln.none:
		return "(no " + l.group.String() + ")"
	}
	return ln.key
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
		*sh = shownLabels{width: width, native: native, labels: make([]string, len(l.lanes))}
		seen := make(map[string]int, len(l.lanes))
		for n := range l.lanes {
			sh.labels[n] = fit(l.label(it, n, native), width)
			seen[sh.labels[n]]++
		}
		// The lanes whose cut labels clash try their ends, then their
		// initials ("SDdm"), taking the first that no other lane shows.
		var clash []int
		for n := range l.lanes {
			if seen[sh.labels[n]] > 1 && textWidth(l.label(it, n, native)) > width {
				clash = append(clash, n)
			}
		}
		for _, form := range []func(string) string{
			func(full string) string { return fit("…"+strings.TrimLeft(lastCells(full, width-1), " "), width) },
			func(full string) string { return fit(initials(full), width) },
		} {
			alt := make([]string, len(clash))
			for a, n := range clash {
				alt[a] = form(l.label(it, n, native))
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

// lanesOf appends the lanes event i is drawn in.
func (l *lanesView) lanesOf(it *itinerary.Itinerary, i int, out []int) []int {
	placed := false
	if l.group == byPerson {
		for _, p := range it.Events[i].Participants {
			if k := l.laneOf[p]; k >= 0 && !slices.Contains(out, int(k)) {
				out = append(out, int(k))
				placed = true
			}
		}
	} else if k, ok := l.byKey[l.keyOf(it, i)]; ok {
		out = append(out, k)
		placed = true
	}
	if !placed && l.noneLane >= 0 {
		out = append(out, l.noneLane)
	}
	return out
}

// position is where event i is among the events of lane k, or -1. A lane's
// events are in instant order, which is index order.
func (l *lanesView) position(k, i int) int {
	evs := l.lanes[k].events
	p := sort.SearchInts(evs, i)
	if p < len(evs) && evs[p] == i {
		return p
	}
	return -1
}

// follow makes event i the selection, keeping the lane when i is in it,
// else moving to the first lane i is in, and brings it into view.
func (l *lanesView) follow(c *renderCtx, i int) {
	if i != l.event && i >= 0 {
		l.anchor, _ = c.extent(i)
	}
	l.event = i
	if i < 0 || len(l.lanes) == 0 {
		return
	}
	if l.cur < 0 || l.position(l.cur, i) < 0 {
		var buf [8]int
		if ks := l.lanesOf(c.it, i, buf[:0]); len(ks) > 0 {
			l.cur = ks[0]
		}
	}
	l.reveal(c)
}

// displayZone is the zone of the axis: the display zone, or the
// itinerary's when each event shows its own.
func (c *renderCtx) displayZone() *time.Location {
	if c.zone == nil {
		return c.it.Zone
	}
	return c.zone
}

// nowTime is the now the rows were laid out for (zero for none).
func (c *renderCtx) nowTime() time.Time {
	if c.rows == nil {
		return time.Time{}
	}
	return c.rows.Options().Now
}

// cell is the time one column stands for.
func (l *lanesView) cell() time.Duration { return laneScales[l.scale] }

// geometry splits the pane's width into the gutter of lane labels and the
// columns of the axis. The gutter takes at most a fifth of the width: the
// labels are cut to fit (see gutterLabel).
func (l *lanesView) geometry(native bool) (gutter, cols int) {
	room := min(max(l.width/5, 3), 20)
	s := 0
	if native {
		s = 1
	}
	gutter = min(l.maxLabel[s], room)
	gutter = max(gutter, 2)
	return gutter, max(l.width-gutter-1, 1)
}

// col is the column of time t on the axis (negative before it).
func (l *lanesView) col(t time.Time) int {
	d := t.Sub(l.from)
	c := d / l.cell()
	if d < 0 && d%l.cell() != 0 {
		c--
	}
	return int(c)
}

// align moves t back to the start of its column in the display zone, so
// that columns start on the clock's quarter hours, hours or days.
func (l *lanesView) align(t time.Time, loc *time.Location) time.Time {
	lt := t.In(loc)
	midnight := time.Date(lt.Year(), lt.Month(), lt.Day(), 0, 0, 0, 0, loc)
	return midnight.Add(t.Sub(midnight) / l.cell() * l.cell())
}

// reveal scrolls the axis so the selected event is in view at the time
// nearest the anchor (its start, unless j or k brought the selection onto
// an event that was already under way), and the lanes so the selected lane
// is.
func (l *lanesView) reveal(c *renderCtx) {
	if l.event < 0 || l.cur < 0 {
		return
	}
	_, cols := l.geometry(c.native)
	start, end := c.extent(l.event)
	if l.anchor.After(start) && end.After(l.anchor) {
		start = l.anchor
	}
	if l.from.IsZero() || l.col(start) < 0 || l.col(start) >= cols-1 {
		l.from = l.align(start.Add(-time.Duration(cols/4)*l.cell()), c.displayZone())
	}
	l.revealLane(c)
}

// revealLane scrolls the lanes so the selected one is on screen, with as
// many lanes above it as fit.
func (l *lanesView) revealLane(c *renderCtx) {
	if l.cur < l.offset {
		l.offset = l.cur
		return
	}
	room := l.height - axisRows
	used := 0
	for k := l.cur; k >= l.offset; k-- {
		used += len(l.layout(c, k, room).rows)
		if used > room {
			l.offset = min(k+1, l.cur)
			return
		}
	}
}

// axisRows is the height of the axis: a row of dates, a row of hours.
const axisRows = 2

// zoom changes the scale by dir steps, keeping the selection where it is
// on the axis.
func (l *lanesView) zoom(c *renderCtx, dir int) {
	next := min(max(l.scale+dir, 0), len(laneScales)-1)
	if next == l.scale {
		return
	}
	at := c.nowTime()
	if l.event >= 0 {
		at, _ = c.extent(l.event)
	}
	col := max(l.col(at), 0)
	l.scale = next
	l.from = l.align(at.Add(-time.Duration(col)*l.cell()), c.displayZone())
	l.reveal(c)
}

// step moves the selection to the previous (-1) or next (1) event of the
// selected lane, or to its first or last with a larger n. It returns the
// event selected, or -1 when nothing changed.
func (l *lanesView) step(n int) int {
	if l.cur < 0 || l.event < 0 {
		return -1
	}
	evs := l.lanes[l.cur].events
	p := l.position(l.cur, l.event)
	if p < 0 {
		return -1
	}
	q := min(max(p+n, 0), len(evs)-1)
	if q == p {
		return -1
	}
	return evs[q]
}

// nearestIn returns the event of lane k to select on moving there from
// event from (-1 for none) with the anchor at t: from itself when the lane
// has it, else the event nearest to t. A timed event running at t is at
// distance 0, others at the gap from t to their nearest end; an all-day or
// multi-day entry counts a day more, so that one covering t loses to a
// timed event within a day of it. It looks at a bounded number of events
// around t, so a lane of any size answers quickly.
func (l *lanesView) nearestIn(c *renderCtx, k, from int, t time.Time) int {
	if from >= 0 && l.position(k, from) >= 0 {
		return from
	}
	const look = 16 // events tried on each side of t
	x := l.index(c, k)
	evs := x.Events()
	best, bestD := -1, time.Duration(0)
	try := func(i int) {
		a, b := c.extent(i)
		d := time.Duration(0)
		switch {
		case a.After(t):
			d = a.Sub(t)
		case b.After(a) && !b.After(t):
			d = t.Sub(b)
		case !b.After(a):
			d = t.Sub(a)
		}
		if c.it.Events[i].AllDay || b.Sub(a) >= 24*time.Hour {
			d += 24 * time.Hour
		}
		if best < 0 || d < bestD {
			best, bestD = i, d
		}
	}
	n := 0
	for p := range x.Overlapping(t, t.Add(time.Second)) {
		if try(evs[p]); bestD == 0 || n == look {
			break
		}
		n++
	}
	p := x.Search(t)
	for q := p - 1; q >= max(p-look, 0); q-- {
		try(evs[q])
	}
	for q := p; q < min(p+look, len(evs)); q++ {
		try(evs[q])
	}
	return best
}

// changeLane moves to the lane dir away and returns the event to select
// there (see nearestIn), or -1. The anchor stays where the last move along
// a lane left it, so that going down several lanes does not drift in time.
func (l *lanesView) changeLane(c *renderCtx, dir int) int {
	if l.cur < 0 || l.event < 0 {
		return -1
	}
	k := l.cur + dir
	if k < 0 || k >= len(l.lanes) {
		return -1
	}
	l.cur = k
	i := l.nearestIn(c, k, l.event, l.anchor)
	l.event = i // so that follow keeps the anchor
	return i
}

// lanesFitting is how many lanes fit the pane going from lane from in
// direction dir (1 down, -1 up), from included.
func (l *lanesView) lanesFitting(c *renderCtx, from, dir int) int {
	room := l.height - axisRows
	used, n := 0, 0
	for k := from; k >= 0 && k < len(l.lanes); k += dir {
		used += len(l.layout(c, k, room).rows)
		if used > room && n > 0 {
			break
		}
		n++
	}
	return n
}

// pageLanes moves a screenful of lanes down (dir 1) or up (-1), the
// selection with them, onto the event of its new lane nearest in time to
// the anchor, as j and k do. It returns that event, or -1 when nothing
// changed.
func (l *lanesView) pageLanes(c *renderCtx, dir int) int {
	if l.cur < 0 || l.event < 0 {
		return -1
	}
	// Down, by the lanes on screen; up, by the lanes that fit above them.
	n := max(l.lanesFitting(c, l.offset, 1), 1)
	if dir < 0 {
		if n = l.lanesFitting(c, l.offset-1, -1); n == 0 {
			n = l.cur // the first screenful: to the first lane
		}
	}
	k := min(max(l.cur+dir*n, 0), len(l.lanes)-1)
	if k == l.cur {
		return -1
	}
	l.offset = min(max(l.offset+dir*n, 0), k)
	l.cur = k
	i := l.nearestIn(c, k, l.event, l.anchor)
	l.event = i // so that follow keeps the anchor
	return i
}

// bar is an event placed on a row of a lane, in columns a (included) to b
// (not included), cut to the axis.
type bar struct {
	event       int
	a, b        int
	point       bool // no length: drawn as a mark
	left, right bool // goes on past the left or the right edge
}

// laneLayout is a lane's events in the window, stacked into rows so that
// no two share a column.
type laneLayout struct {
	rows   [][]bar
	hidden int // events that did not fit in the rows allowed
}

// maxLaneRows bounds the rows of one lane; the events that do not fit are
// counted in the gutter.
const maxLaneRows = 6

// layout stacks lane k's events in the window into at most room rows (and
// at least one). The selected event always gets a place.
func (l *lanesView) layout(c *renderCtx, k, room int) laneLayout {
	_, cols := l.geometry(c.native)
	room = min(max(room, 1), maxLaneRows)
	to := l.from.Add(time.Duration(cols) * l.cell())
	x := l.index(c, k)
	var bars []bar
	for p := range x.Overlapping(l.from, to) {
		i := x.Events()[p]
		from, end := c.extent(i)
		a := l.col(from)
		b := a + 1
		point := !end.After(from)
		if !point {
			b = l.col(end.Add(-time.Nanosecond)) + 1
		}
		bars = append(bars, bar{event: i, a: max(a, 0), b: min(b, cols), point: point, left: a < 0, right: b > cols})
	}
	out := stack(bars, room, -1)
	if out.hidden > 0 && l.event >= 0 && slices.ContainsFunc(bars, func(b bar) bool { return b.event == l.event }) {
		sel := slices.IndexFunc(bars, func(b bar) bool { return b.event == l.event })
		if !slices.ContainsFunc(out.rows, func(r []bar) bool { return slices.ContainsFunc(r, func(b bar) bool { return b.event == l.event }) }) {
			out = stack(bars, room, sel)
		}
	}
	if len(out.rows) == 0 {
		out.rows = [][]bar{nil}
	}
	return out
}

// stack puts bars (in order of start) on the first row where they fit, up
// to room rows; bar first (when not -1) is placed before the others.
func stack(bars []bar, room, first int) laneLayout {
	var out laneLayout
	var free []int // the first free column of each row
	place := func(b bar) {
		for r := range free {
			if free[r] <= b.a {
				out.rows[r] = append(out.rows[r], b)
				free[r] = b.b
				return
			}
		}
		if len(free) < room {
			out.rows = append(out.rows, []bar{b})
			free = append(free, b.b)
			return
		}
		out.hidden++
	}
	if first >= 0 {
		place(bars[first])
	}
	minFree := 0
	for n, b := range bars {
		if n == first {
			continue
		}
		if len(free) == room && b.a < minFree {
			out.hidden++ // every row is busy here: no need to look
			continue
		}
		place(b)
		if len(free) == room {
			minFree = slices.Min(free)
		}
	}
	if first >= 0 {
		for r := range out.rows { // the rows are drawn left to right
			sort.Slice(out.rows[r], func(a, b int) bool { return out.rows[r][a].a < out.rows[r][b].a })
		}
	}
	return out
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
	gutter, cols := l.geometry(c.native)
	loc := c.displayZone()
	lines := make([]string, 0, l.height)
	row := make([]gridCell, cols)
	blank := strings.Repeat(" ", gutter)

	// The day boundaries and the now line run down every lane.
	to := l.from.Add(time.Duration(cols) * l.cell())
	var bounds []int
	var dayStarts []time.Time
	lf := l.from.In(loc)
	day := time.Date(lf.Year(), lf.Month(), lf.Day(), 0, 0, 0, 0, loc)
	for d := day; d.Before(to); d = d.AddDate(0, 0, 1) {
		if !d.Before(l.from) {
			bounds = append(bounds, l.col(d))
		}
		dayStarts = append(dayStarts, d)
	}
	nowCol := -1
	if !c.nowTime().IsZero() && !c.nowTime().Before(l.from) && c.nowTime().Before(to) {
		nowCol = l.col(c.nowTime())
	}
	background := func() {
		for x := range row {
			row[x] = gridCell{" ", rolePlain}
		}
		if l.cell() < 24*time.Hour {
			for _, x := range bounds {
				row[x] = gridCell{"┊", roleFaint}
			}
		}
		if nowCol >= 0 {
			row[nowCol] = gridCell{"│", roleNow}
		}
	}

	// Dates: each day's label where its day starts, in the longest form
	// that fits two columns before the next day (the day at the left edge yields to
	// the next one when none does). Zoomed out to days a few columns wide,
	// a label may run over the days after it, whose labels then give way.
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
	lines = append(lines, blank+" "+l.renderCells(c, row))

	// Hours (or days, zoomed out) at a spacing with room for the labels.
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
	next = 0
	for t := l.firstLabel(step, loc); t.Before(to); t = nextLabel(t, step, loc) {
		x := l.col(t)
		if x < next || x < 0 {
			continue
		}
		label := t.In(loc).Format("15")
		if step >= 24*time.Hour {
			label = t.In(loc).Format("2")
		}
		if x+len(label) > cols {
			break // cut, it would read as another number
		}
		next = putText(row, x, cols, label, roleFaint) + 1
	}
	if nowCol >= 0 && row[nowCol].s == " " {
		row[nowCol] = gridCell{"▼", roleNow}
	}
	lines = append(lines, blank+" "+l.renderCells(c, row))

	sep := " "
	last = l.offset - 1
	for k := l.offset; k < len(l.lanes) && len(lines) < l.height; k++ {
		last = k
		lay := l.layout(c, k, l.height-len(lines))
		label := l.gutterLabel(c.it, k, gutter, c.native)
		labelRole := roleFaint
		if k == l.cur {
			labelRole = roleAccent
		}
		for r, bars := range lay.rows {
			if len(lines) == l.height {
				break
			}
			g := blank
			if r == 0 {
				g = l.memo.sgr.wrap(c, labelRole, fit(label, gutter))
			}
			if r == len(lay.rows)-1 && lay.hidden > 0 {
				more := fmt.Sprintf("+%d", lay.hidden)
				if len(lay.rows) == 1 {
					g = l.memo.sgr.wrap(c, labelRole, fit(label, max(gutter-len(more), 0))) + l.memo.sgr.wrap(c, roleBadge, more)
				} else {
					g = l.memo.sgr.wrap(c, roleBadge, fit(more, gutter))
				}
			}
			background()
			for n, b := range bars {
				limit := cols
				if n+1 < len(bars) {
					limit = bars[n+1].a
				}
				l.drawBar(c, row, b, k, limit)
			}
			lines = append(lines, g+sep+l.renderCells(c, row))
		}
	}
	for len(lines) < l.height {
		lines = append(lines, strings.Repeat(" ", l.width))
	}
	return strings.Join(lines, "\n"), last
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

// barAt returns the lane and the event of the bar at row y of the pane's
// body (0 is the row of dates) and column x of the axis, or -1, -1. It lays
// the lanes out as view does.
func (l *lanesView) barAt(c *renderCtx, y, x int) (int, int) {
	lines := axisRows
	for k := l.offset; k < len(l.lanes) && lines < l.height && y >= lines; k++ {
		lay := l.layout(c, k, l.height-lines)
		if r := y - lines; r < len(lay.rows) {
			for _, b := range lay.rows[r] {
				if x >= b.a && x < b.b {
					return k, b.event
				}
			}
			return -1, -1
		}
		lines += len(lay.rows)
	}
	return -1, -1
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
	edge := c.orgRole(l.lanes[k].person, b.event)
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
	marks := laneMarks(it, b.event)
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

// laneMarks are an event's badges in a bar, one column each: "~" for
// approximate times, "?" when reported, expected or planned, "×" when
// cancelled, "!" when someone in it is due elsewhere at the same time.
// The detail pane says each in words.
func laneMarks(it *itinerary.Itinerary, i int) string {
	e := &it.Events[i]
	var b strings.Builder
	if e.Approximate {
		b.WriteString("~")
	}
	switch e.Status {
	case itinerary.StatusConfirmed:
	case itinerary.StatusCancelled:
		b.WriteString("×")
	default:
		b.WriteString("?")
	}
	if it.OverlapCount(i) > 0 {
		b.WriteString("!")
	}
	return b.String()
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
	if l.offset == 0 && last >= len(l.lanes)-1 {
		return s
	}
	span := fmt.Sprintf("%d–%d of %d", l.offset+1, last+1, len(l.lanes))
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

// toggleView switches between the list and the lanes, keeping the
// selection.
func (m *Model) toggleView() {
	if m.view == viewLanes {
		m.view = viewList
		m.tl.ensureVisible()
		return
	}
	m.view = viewLanes
	m.ln.build(m.it, m.visible, m.filter.People)
	m.ln.follow(m.ctx(), m.tl.selected())
}

// nextGrouping cycles the lanes through person, track and city.
func (m *Model) nextGrouping() {
	m.ln.group = (m.ln.group + 1) % groupings
	m.ln.build(m.it, m.visible, m.filter.People)
	m.ln.follow(m.ctx(), m.tl.selected())
}

// lanesKey handles the keys that move in the lanes; it reports whether it
// used the key.
func (m *Model) lanesKey(msg tea.KeyMsg) bool {
	k := m.keys
	c := m.ctx()
	sel := -1
	switch {
	case key.Matches(msg, k.Left):
		sel = m.ln.step(-1)
	case key.Matches(msg, k.Right):
		sel = m.ln.step(1)
	case key.Matches(msg, k.Top):
		sel = m.ln.step(-len(m.visible))
	case key.Matches(msg, k.Bottom):
		sel = m.ln.step(len(m.visible))
	case key.Matches(msg, k.Up):
		sel = m.ln.changeLane(c, -1)
	case key.Matches(msg, k.Down):
		sel = m.ln.changeLane(c, 1)
	case key.Matches(msg, k.ZoomIn):
		m.ln.zoom(c, -1)
		return true
	case key.Matches(msg, k.ZoomOut):
		m.ln.zoom(c, 1)
		return true
	case key.Matches(msg, k.PageUp):
		sel = m.ln.pageLanes(c, -1)
	case key.Matches(msg, k.PageDown):
		sel = m.ln.pageLanes(c, 1)
	default:
		return false
	}
	if sel >= 0 {
		m.tl.selectEvent(sel)
		m.showSelected()
	}
	return true
}

// lanesMouse: the wheel over the lanes moves a lane up or down; a click
// on a bar selects its event in its lane.
func (m *Model) lanesMouse(msg tea.MouseMsg) {
	dir := 0
	switch msg.Button {
	case tea.MouseButtonWheelUp:
		dir = -1
	case tea.MouseButtonWheelDown:
		dir = 1
	case tea.MouseButtonLeft:
		if msg.Action != tea.MouseActionPress {
			break
		}
		c := m.ctx()
		gutter, _ := m.ln.geometry(c.native)
		if k, i := m.ln.barAt(c, msg.Y-m.lay.list.y-1, msg.X-m.lay.list.x-gutter-1); i >= 0 {
			m.ln.cur = k
			m.tl.selectEvent(i)
			m.focus = focusTimeline
			m.showSelected()
		}
	}
	if dir != 0 {
		if sel := m.ln.changeLane(m.ctx(), dir); sel >= 0 {
			m.tl.selectEvent(sel)
			m.showSelected()
		}
	}
	m.updateKeys()
}

// lanesPane is the timeline pane in the lanes view.
func (m Model) lanesPane() string {
	w := m.lay.list.w
	focused := m.focus == focusTimeline && m.mode == modeList
	if len(m.visible) == 0 {
		head := m.paneTitle(m.ln.title(0, len(m.it.Events), -1, w-2), focused, w)
		return head + "\n" + fitBlock(m.emptyMessage(), w, m.lay.list.h-1)
	}
	body, last := m.ln.view(m.ctx())
	return m.paneTitle(m.ln.title(len(m.visible), len(m.it.Events), last, w-2), focused, w) + "\n" + body
}

// updateLaneKeys enables the keys of the lanes and says what the shared
// ones do there.
func (m *Model) updateLaneKeys() {
	k := &m.keys
	lanes := m.view == viewLanes
	moving := lanes && m.focus == focusTimeline && m.tl.selected() >= 0
	k.View.SetEnabled(true)
	toggleHelp(&k.View, lanes, "list", "lanes")
	k.Group.SetEnabled(lanes)
	// The lanes draw no free time: b is the list's alone.
	k.Gaps.SetEnabled(!lanes)
	k.Group.SetHelp("t", "group by "+((m.ln.group+1)%groupings).String())
	k.Left.SetEnabled(moving)
	k.Right.SetEnabled(moving)
	k.ZoomIn.SetEnabled(lanes && m.ln.scale > 0)
	k.ZoomOut.SetEnabled(lanes && m.ln.scale < len(laneScales)-1)
	if lanes && m.focus == focusTimeline {
		// j and k offer only a lane there is: none with a single lane.
		k.Up.SetEnabled(moving && m.ln.cur > 0)
		k.Down.SetEnabled(moving && m.ln.cur < len(m.ln.lanes)-1)
		k.Up.SetHelp("↑/k", "lane above")
		k.Down.SetHelp("↓/j", "lane below")
		k.PageUp.SetEnabled(moving && m.ln.cur > 0)
		k.PageDown.SetEnabled(moving && m.ln.cur < len(m.ln.lanes)-1)
		k.PageUp.SetHelp("pgup", "lanes above")
		k.PageDown.SetHelp("pgdn", "lanes below")
	} else {
		k.Up.SetHelp("↑/k", "up")
		k.Down.SetHelp("↓/j", "down")
		k.PageUp.SetHelp("pgup", "page up")
		k.PageDown.SetHelp("pgdn", "page down")
	}
}
