package tui

import (
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/visitline/visitline/agenda"
	"github.com/visitline/visitline/itinerary"
)

// The lanes view's state and navigation: the selected lane and event, the
// zoom, the window of time on screen and the scroll of lanes.

// viewMode is how the timeline pane draws the events.
type viewMode int

const (
	viewList  viewMode = iota // events under day headers
	viewLanes                 // a time axis with a lane per person, track, city or calendar
	viewWeek                  // seven day columns, hours down the side
	viewMonth                 // the month's grid, a row a week
)

// laneScales are the zoom levels: how much time one column stands for.
var laneScales = []time.Duration{15 * time.Minute, 30 * time.Minute, time.Hour, 2 * time.Hour, 3 * time.Hour,
	6 * time.Hour, 12 * time.Hour, 24 * time.Hour}

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
		idx = make([]*itinerary.Intervals, l.count())
		l.memo.indexes[loc] = idx
	}
	if idx[k] == nil {
		idx[k] = c.it.NewIntervals(l.set.Events(k), loc)
	}
	return idx[k]
}

// extent is event i's stretch of time on the axis: a date-only entry
// covers its calendar days in the display zone.
func (c *renderCtx) extent(i int) (from, to time.Time) {
	return agenda.Extent(c.it, i, c.zone)
}

// lanesView is the timeline drawn as time: a horizontal axis in the display
// zone and a lane per group, each event a bar at the axis's scale. It
// shares the selected event with the list (Model.tl); it adds the selected
// lane, the zoom, the window of time on screen and the scroll of lanes.
type lanesView struct {
	group grouping
	set   *agenda.LaneSet // the lanes shown; nil before the first build
	memo  *laneMemo       // what drawing these lanes works out, made anew with them

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

	keys lanesKeyMap
}

func newLanesView(k KeyMap) lanesView {
	return lanesView{cur: -1, event: -1, memo: &laneMemo{}, keys: newLanesKeyMap(k)}
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

func (l *lanesView) setSize(w, h int) {
	if w != l.width {
		l.from = time.Time{} // place the axis afresh for the new width
	}
	l.width, l.height = w, max(h, 1)
}

// follow makes event i the selection, keeping the lane when i is in it,
// else moving to the first lane i is in, and brings it into view.
func (l *lanesView) follow(c *renderCtx, i int) {
	if i != l.event && i >= 0 {
		l.anchor, _ = c.extent(i)
	}
	l.event = i
	if i < 0 || l.count() == 0 {
		return
	}
	if l.cur < 0 || l.position(l.cur, i) < 0 {
		var buf [8]int
		if ks := l.set.LanesOf(i, buf[:0]); len(ks) > 0 {
			l.cur = ks[0]
		}
	}
	l.reveal(c)
}

// displayZone is the zone of the axis: the display zone, or the
// itinerary's when each event shows its own.
func (c *renderCtx) displayZone() *time.Location { return agenda.AxisZone(c.it, c.zone) }

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
	widest := 0
	if l.set != nil {
		widest = l.set.MaxLabel(native)
	}
	gutter = min(widest, room)
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
	evs := l.set.Events(l.cur)
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
	if k < 0 || k >= l.count() {
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
	for k := from; k >= 0 && k < l.count(); k += dir {
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
	k := min(max(l.cur+dir*n, 0), l.count()-1)
	if k == l.cur {
		return -1
	}
	l.offset = min(max(l.offset+dir*n, 0), k)
	l.cur = k
	i := l.nearestIn(c, k, l.event, l.anchor)
	l.event = i // so that follow keeps the anchor
	return i
}

// lanesKeyMap is the keys of the lanes: they move along a lane, from lane
// to lane and zoom.
type lanesKeyMap struct {
	Left, Right      key.Binding
	Up, Down         key.Binding
	PageUp, PageDown key.Binding
	Top, Bottom      key.Binding
	ZoomIn, ZoomOut  key.Binding
}

func newLanesKeyMap(k KeyMap) lanesKeyMap {
	km := lanesKeyMap{Left: k.Left, Right: k.Right, Up: k.Up, Down: k.Down, PageUp: k.PageUp, PageDown: k.PageDown,
		Top: k.Top, Bottom: k.Bottom, ZoomIn: k.ZoomIn, ZoomOut: k.ZoomOut}
	km.Up.SetHelp("↑/k", "lane above")
	km.Down.SetHelp("↓/j", "lane below")
	km.PageUp.SetHelp("pgup", "lanes above")
	km.PageDown.SetHelp("pgdn", "lanes below")
	return km
}

// into puts the keys into the key map of the help.
func (lk lanesKeyMap) into(k *KeyMap) {
	k.Left, k.Right, k.Up, k.Down, k.PageUp, k.PageDown = lk.Left, lk.Right, lk.Up, lk.Down, lk.PageUp, lk.PageDown
	k.Top, k.Bottom, k.ZoomIn, k.ZoomOut = lk.Top, lk.Bottom, lk.ZoomIn, lk.ZoomOut
}

// updateKeys enables the keys that move the selection where there is
// somewhere to go: j and k offer only a lane there is, none with a single
// lane.
func (l *lanesView) updateKeys() {
	k := &l.keys
	moving := l.event >= 0
	k.Left.SetEnabled(moving)
	k.Right.SetEnabled(moving)
	k.Up.SetEnabled(moving && l.cur > 0)
	k.Down.SetEnabled(moving && l.cur < l.count()-1)
	k.PageUp.SetEnabled(moving && l.cur > 0)
	k.PageDown.SetEnabled(moving && l.cur < l.count()-1)
	k.Top.SetEnabled(true)
	k.Bottom.SetEnabled(true)
	k.ZoomIn.SetEnabled(l.scale > 0)
	k.ZoomOut.SetEnabled(l.scale < len(laneScales)-1)
}

// update handles the keys that move in the lanes, and the wheel over them,
// which moves a lane up or down. A move to another event or lane changes
// the lanes' selection (see selection); the root then selects that event
// in the timeline.
func (l lanesView) update(c *renderCtx, msg tea.Msg) (lanesView, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		l.key(c, msg)
	case tea.MouseMsg:
		switch msg.Button {
		case tea.MouseButtonWheelUp:
			l.changeLane(c, -1)
		case tea.MouseButtonWheelDown:
			l.changeLane(c, 1)
		}
	}
	return l, nil
}

// key handles a key of the lanes.
func (l *lanesView) key(c *renderCtx, msg tea.KeyMsg) {
	k := l.keys
	switch {
	case key.Matches(msg, k.Left):
		l.stepTo(c, l.step(-1))
	case key.Matches(msg, k.Right):
		l.stepTo(c, l.step(1))
	case key.Matches(msg, k.Top):
		l.stepTo(c, l.step(-len(l.source)))
	case key.Matches(msg, k.Bottom):
		l.stepTo(c, l.step(len(l.source)))
	case key.Matches(msg, k.Up):
		l.changeLane(c, -1)
	case key.Matches(msg, k.Down):
		l.changeLane(c, 1)
	case key.Matches(msg, k.ZoomIn):
		l.zoom(c, -1)
	case key.Matches(msg, k.ZoomOut):
		l.zoom(c, 1)
	case key.Matches(msg, k.PageUp):
		l.pageLanes(c, -1)
	case key.Matches(msg, k.PageDown):
		l.pageLanes(c, 1)
	}
}

// handles reports whether msg is a key of the lanes.
func (l *lanesView) handles(msg tea.KeyMsg) bool {
	k := l.keys
	return key.Matches(msg, k.Left, k.Right, k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom, k.ZoomIn, k.ZoomOut)
}

// stepTo selects event i (-1: none, nothing changes) along the lane,
// anchoring j and k at its start.
func (l *lanesView) stepTo(c *renderCtx, i int) {
	if i >= 0 {
		l.anchor, _ = c.extent(i)
		l.event = i
	}
}

// selection is the selected lane and event.
func (l *lanesView) selection() (lane, event int) { return l.cur, l.event }
