package tui

import (
	"slices"
	"sort"
	"time"
)

// Where the bars of a lane go: each event of a lane in the window placed in
// columns and stacked into rows.

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

// barAt returns the lane and the event of the bar at row y of the pane's
// body (0 is the row of dates) and column x of the axis, or -1, -1. It lays
// the lanes out as view does.
func (l *lanesView) barAt(c *renderCtx, y, x int) (int, int) {
	lines := axisRows
	for k := l.offset; k < l.count() && lines < l.height && y >= lines; k++ {
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
