package itinerary

import (
	"container/heap"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// index precomputes what the queries use on every keystroke: each person's
// events, each event's search text and each event's overlaps.
func (it *Itinerary) index() {
	if len(it.Events) > 0 {
		it.first = it.Events[0].Start
		for i := range it.Events {
			if end := it.Events[i].End; end.After(it.last) {
				it.last = end
			}
		}
	}
	it.byPerson = make([][]int, len(it.People))
	for i := range it.Events {
		for _, p := range it.Events[i].Participants {
			it.byPerson[p] = append(it.byPerson[p], i)
		}
	}
	it.searchOnce = sync.Once{} // the search texts are made when first asked for (searchIndex)
	it.findOverlaps()
	it.lazy = lazyIndexes{} // the lanes' groups and extents, made when first asked for
	it.personText = make([]personText, len(it.People))
	for i := range it.People {
		p := &it.People[i]
		pt := personText{id: Fold(p.ID), role: Fold(p.Role), names: nameForms(p)}
		if o := it.OrgOf(i); o != nil {
			pt.org = Fold(o.Name + " " + o.Native + " " + o.ID)
		}
		it.personText[i] = pt
	}
}

// searchIndex makes the search texts the first time a search needs them:
// a printer or a check never does, and so never holds them.
func (it *Itinerary) searchIndex() { it.searchOnce.Do(it.buildSearch) }

// WarmSearch makes the search texts now (a view does, in the background,
// so that its first search does not wait for them). It is safe to call
// from several goroutines.
func (it *Itinerary) WarmSearch() { it.searchIndex() }

// buildSearch makes the search text of every event.
func (it *Itinerary) buildSearch() {
	// All the search texts live in one string, each followed by a NUL, so
	// that a search can jump from match to match with strings.Index.
	it.search = make([]string, len(it.Events))
	it.searchStart = make([]int32, len(it.Events)+1)
	var all strings.Builder
	all.Grow(it.searchSize()) // grown by doubling, it would hold up to three times its text
	var b strings.Builder
	for i := range it.Events {
		e := &it.Events[i]
		b.Reset()
		for _, s := range []string{e.Title, e.Place, e.City, e.Notes, e.Track} {
			b.WriteString(s)
			b.WriteByte('\n')
		}
		for _, t := range e.Topics {
			b.WriteString(t)
			b.WriteByte('\n')
		}
		for _, p := range e.Participants {
			b.WriteString(it.People[p].Name)
			b.WriteByte('\n')
			b.WriteString(it.People[p].Native)
			b.WriteByte('\n')
		}
		it.searchStart[i] = int32(all.Len())
		all.WriteString(Fold(b.String()))
		all.WriteByte(0)
	}
	it.searchAll = all.String()
	it.searchStart[len(it.Events)] = int32(len(it.searchAll))
	for i := range it.Events {
		it.search[i] = it.searchAll[it.searchStart[i] : it.searchStart[i+1]-1]
	}
}

// searchSize is about the length of every event's search text (folding
// may change a few lengths).
func (it *Itinerary) searchSize() int {
	n := 0
	for i := range it.Events {
		e := &it.Events[i]
		n += len(e.Title) + len(e.Place) + len(e.City) + len(e.Notes) + len(e.Track) + 6
		for _, t := range e.Topics {
			n += len(t) + 1
		}
		for _, p := range e.Participants {
			n += len(it.People[p].Name) + len(it.People[p].Native) + 2
		}
	}
	return n
}

// Overlap is a person due at two events at once.
type Overlap struct {
	Person int
	// Other is the index of the event that overlaps the one asked about.
	Other int
}

// MaxNamedOverlaps is how many overlaps each event keeps by name (K); the
// rest are only counted, so that a file of thousands of events at the same
// hour costs no more than one of them for each.
const MaxNamedOverlaps = 8

// Overlaps returns up to MaxNamedOverlaps overlaps of event i, ordered by
// the other event: for each person in it who is also in another event at
// the same time, that event. OverlapCount says how many there are in all.
// Cancelled and all-day events never overlap.
func (it *Itinerary) Overlaps(i int) []Overlap {
	return it.overlaps[i]
}

// OverlapCount is how many overlaps event i has, named or not: one for
// each person and other event.
func (it *Itinerary) OverlapCount(i int) int {
	return int(it.overlapCount[i])
}

// PersonOverlaps reports whether person p is due at another event during
// event i.
func (it *Itinerary) PersonOverlaps(p, i int) bool {
	evs := it.byPerson[p]
	k := sort.SearchInts(evs, i)
	return k < len(evs) && evs[k] == i && it.personOverlap[p][k]
}

func overlapping(a, b *Event) bool {
	if a.AllDay || b.AllDay || a.Status == StatusCancelled || b.Status == StatusCancelled {
		return false
	}
	return a.Start.Before(b.End) && b.Start.Before(a.End)
}

// findOverlaps sweeps each person's events in start order. Counts come
// from binary searches in the sorted starts and ends, so that they cost
// O(log n) an event whatever their size; names come from the events still
// running (a heap by end) and the ones starting before the event ends,
// MaxNamedOverlaps at most. In all O(m log m) for a person with m events.
func (it *Itinerary) findOverlaps() {
	n := len(it.Events)
	it.overlaps = make([][]Overlap, n)
	it.overlapCount = make([]int32, n)
	it.personOverlap = make([][]bool, len(it.People))
	var evs, pos []int // the person's events that can overlap, and where they are in byPerson
	var ends []time.Time
	zero := map[time.Time]int{} // zero-length events at each instant
	for p, all := range it.byPerson {
		it.personOverlap[p] = make([]bool, len(all))
		evs, pos, ends = evs[:0], pos[:0], ends[:0]
		clear(zero)
		for k, i := range all {
			e := &it.Events[i]
			if e.AllDay || e.Status == StatusCancelled {
				continue
			}
			evs = append(evs, i)
			pos = append(pos, k)
			ends = append(ends, e.End)
			if e.End.Equal(e.Start) {
				zero[e.Start.UTC()]++
			}
		}
		if len(evs) < 2 {
			continue
		}
		slices.SortFunc(ends, func(a, b time.Time) int { return a.Compare(b) })
		running := &endHeap{events: it.Events}
		for k, i := range evs {
			e := &it.Events[i]
			// Others with start < e.End, less those with end <= e.Start;
			// a zero-length e has no start < its end, so the zero-length
			// others at its instant were taken away without being counted.
			started := sort.Search(len(evs), func(j int) bool { return !it.Events[evs[j]].Start.Before(e.End) })
			ended := sort.Search(len(ends), func(j int) bool { return ends[j].After(e.Start) })
			count := started - ended
			if e.End.Equal(e.Start) {
				count += zero[e.Start.UTC()]
			} else {
				count-- // itself
			}
			if count <= 0 {
				heap.Push(running, i)
				continue
			}
			it.overlapCount[i] += int32(count)
			it.personOverlap[p][pos[k]] = true
			for running.Len() > 0 && !it.Events[running.items[0]].End.After(e.Start) {
				heap.Pop(running)
			}
			named := it.overlaps[i]
			checked := 0
			for _, j := range running.items {
				if len(named) == MaxNamedOverlaps || checked == 2*MaxNamedOverlaps {
					break
				}
				checked++
				if overlapping(&it.Events[j], e) {
					named = append(named, Overlap{Person: p, Other: j})
				}
			}
			checked = 0
			for _, j := range evs[k+1:] {
				if len(named) == MaxNamedOverlaps || checked == 2*MaxNamedOverlaps || !it.Events[j].Start.Before(e.End) {
					break
				}
				checked++
				if overlapping(&it.Events[j], e) {
					named = append(named, Overlap{Person: p, Other: j})
				}
			}
			it.overlaps[i] = named
			heap.Push(running, i)
		}
	}
	for i := range it.overlaps {
		slices.SortStableFunc(it.overlaps[i], func(a, b Overlap) int { return a.Other - b.Other })
	}
}

// endHeap holds event indexes, the one that ends first on top.
type endHeap struct {
	events []Event
	items  []int
}

func (h *endHeap) Len() int { return len(h.items) }
func (h *endHeap) Less(a, b int) bool {
	return h.events[h.items[a]].End.Before(h.events[h.items[b]].End)
}
func (h *endHeap) Swap(a, b int) { h.items[a], h.items[b] = h.items[b], h.items[a] }
func (h *endHeap) Push(x any)    { h.items = append(h.items, x.(int)) }
func (h *endHeap) Pop() any {
	x := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return x
}

// OverlapWarnings lists each pair of overlapping events once, as warnings at
// the later event in the file: "event "x": Adaeze Okafor is also at "Working
// lunch" (12:00–13:30)". An event with more overlaps than it names says how
// many more. At most MaxProblems warnings are written out; a last one
// counts the rest.
func (it *Itinerary) OverlapWarnings() []Problem {
	order := make([]int, len(it.Events))
	for i := range it.Events {
		order[it.Events[i].FileIndex] = i
	}
	var out []Problem
	more := 0
	add := func(e *Event, msg func() string) {
		if len(out) == MaxProblems-1 {
			more++
			return
		}
		out = append(out, Problem{Line: e.Pos.Line, Column: e.Pos.Column, Warning: true, Message: msg(), File: e.File})
	}
	for _, i := range order {
		e := &it.Events[i]
		for _, o := range it.overlaps[i] {
			if it.Events[o.Other].FileIndex > e.FileIndex {
				continue
			}
			add(e, func() string {
				return fmt.Sprintf("%s: %s is also at %s (%s) at the same time", eventName(e), it.People[o.Person].Name, Quote(it.Events[o.Other].Title), it.TimeRange(o.Other, nil))
			})
		}
		if rest := it.OverlapCount(i) - len(it.overlaps[i]); rest > 0 {
			add(e, func() string {
				return fmt.Sprintf("%s: and %d more overlaps (one person at two events at once)", eventName(e), rest)
			})
		}
	}
	if more > 0 {
		out = append(out, Problem{Warning: true, Message: fmt.Sprintf("and %d more overlap warnings", more)})
	}
	return out
}

func eventName(e *Event) string {
	if e.ID != "" {
		return fmt.Sprintf("event %q", e.ID)
	}
	if e.File != "" {
		// gathered from several files: its number is not its file's
		return fmt.Sprintf("event %s", Quote(e.Title))
	}
	return fmt.Sprintf("event #%d", e.FileIndex+1)
}
