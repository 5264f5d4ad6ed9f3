package itinerary

import (
	"iter"
	"math"
	"sort"
	"time"
)

// Extent is the stretch of time event i covers on a time axis: from its
// start to its end; a whole day for an all-day entry without an end; an
// instant (from equal to to) for a timed event without an end.
func (it *Itinerary) Extent(i int) (from, to time.Time) {
	e := &it.Events[i]
	switch {
	case e.HasEnd:
		return e.Start, e.End
	case e.AllDay:
		return e.Start, e.Start.In(e.Zone).AddDate(0, 0, 1)
	}
	return e.Start, e.Start
}

// ExtentIn is Extent on an axis in zone loc (nil: the event's own zone). A
// date-only entry keeps its calendar days in every zone, so on that axis it
// runs from loc's midnight starting its first day to loc's midnight after
// its last; a timed event's extent is the same in every zone.
func (it *Itinerary) ExtentIn(i int, loc *time.Location) (from, to time.Time) {
	e := &it.Events[i]
	if !e.AllDay || loc == nil {
		return it.Extent(i)
	}
	first, n := it.CoveredDays(i, loc)
	from = time.Date(first.Year(), first.Month(), first.Day(), 0, 0, 0, 0, loc)
	return from, from.AddDate(0, 0, n)
}

// Intervals is an interval index over a list of events: it finds the events
// whose extent meets a window of time in O(log n + k) for k events found,
// whatever their lengths. It is an implicit interval tree (as in Heng Li's
// cgranges): the events sorted by start form a complete binary search tree
// laid out in the array, each node keeping the latest end in its subtree.
type Intervals struct {
	events []int   // sorted by start; ties keep the given order
	start  []int64 // unix seconds
	end    []int64
	maxEnd []int64 // per node of the padded tree: the latest end below it
	root   int
	level  int // level of the root; leaves are level 0
}

// NewIntervals indexes events (indexes into it.Events) by their extents
// on an axis in zone loc (see ExtentIn). It keeps events, which must not change afterwards, when they are already
// in order of start (instant order is), and a sorted copy otherwise.
func (it *Itinerary) NewIntervals(events []int, loc *time.Location) *Intervals {
	x := &Intervals{events: events}
	n := len(events)
	x.start = make([]int64, n)
	x.end = make([]int64, n)
	sorted := true
	for k, i := range events {
		x.start[k], x.end[k] = it.boundsIn(i, loc)
		sorted = sorted && (k == 0 || x.start[k-1] <= x.start[k])
	}
	if !sorted {
		order := make([]int, n)
		for k := range order {
			order[k] = k
		}
		sort.SliceStable(order, func(a, b int) bool { return x.start[order[a]] < x.start[order[b]] })
		x.events = make([]int, n)
		start, end := make([]int64, n), make([]int64, n)
		for k, o := range order {
			x.events[k], start[k], end[k] = events[o], x.start[o], x.end[o]
		}
		x.start, x.end = start, end
	}
	// Pad to a complete tree of 2^(level+1)-1 nodes; the nodes past n have
	// no event of their own but may have children that do.
	size := 1
	for size < n+1 {
		size <<= 1
	}
	x.maxEnd = make([]int64, size-1)
	for k := range x.maxEnd {
		x.maxEnd[k] = math.MinInt64
		if k < n {
			x.maxEnd[k] = x.end[k]
		}
	}
	for lv := 1; 1<<lv <= len(x.maxEnd); lv++ {
		half := 1 << (lv - 1)
		for k := (1 << lv) - 1; k < len(x.maxEnd); k += 1 << (lv + 1) {
			x.maxEnd[k] = max(x.maxEnd[k], x.maxEnd[k-half], x.maxEnd[k+half])
		}
		x.level = lv
	}
	x.root = (1 << x.level) - 1
	return x
}

// Len is the number of events indexed.
func (x *Intervals) Len() int { return len(x.events) }

// Events are the indexed events sorted by start.
func (x *Intervals) Events() []int { return x.events }

// Search returns the position in Events of the first event starting at or
// after t (Len when there is none).
func (x *Intervals) Search(t time.Time) int {
	s := t.Unix()
	return sort.Search(len(x.start), func(k int) bool { return x.start[k] >= s })
}

// Overlapping yields the positions in Events of the events that meet the
// window [from, to), in order of start: those that start before to and end
// after from, and instants at or after from.
func (x *Intervals) Overlapping(from, to time.Time) iter.Seq[int] {
	lo, hi := from.Unix(), to.Unix()
	return func(yield func(int) bool) {
		if len(x.events) > 0 {
			x.walk(x.root, x.level, lo, hi, yield)
		}
	}
}

// walk visits the subtree of node k (at level lv) in order; it returns false
// when the caller stopped.
func (x *Intervals) walk(k, lv int, lo, hi int64, yield func(int) bool) bool {
	if x.maxEnd[k] < lo {
		return true // everything below ends before the window
	}
	if lv > 0 && !x.walk(k-1<<(lv-1), lv-1, lo, hi, yield) {
		return false
	}
	if k >= len(x.start) || x.start[k] >= hi {
		return true // this start and every later one is past the window
	}
	if x.end[k] > lo || x.start[k] >= lo {
		if !yield(k) {
			return false
		}
	}
	if lv > 0 {
		return x.walk(k+1<<(lv-1), lv-1, lo, hi, yield)
	}
	return true
}
