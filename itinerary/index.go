package itinerary

import (
	"fmt"
	"sort"
	"strings"

	"golang.org/x/text/unicode/norm"
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
	// All the search texts live in one string, each followed by a NUL, so
	// that a search can jump from match to match with strings.Index.
	it.search = make([]string, len(it.Events))
	it.searchStart = make([]int32, len(it.Events)+1)
	var all strings.Builder
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
	it.overlaps = it.findOverlaps()
	it.personText = make([]personText, len(it.People))
	for i := range it.People {
		p := &it.People[i]
		pt := personText{id: Fold(p.ID), name: Fold(p.Name), native: Fold(p.Native), role: Fold(p.Role)}
		if o := it.OrgOf(i); o != nil {
			pt.org = Fold(o.Name + " " + o.Native + " " + o.ID)
		}
		it.personText[i] = pt
	}
}

// Fold is the form text is compared in: NFC, lower case.
func Fold(s string) string {
	return strings.ToLower(norm.NFC.String(s))
}

// Overlap is a person due at two events at once.
type Overlap struct {
	Person int
	// Other is the index of the event that overlaps the one asked about.
	Other int
}

// Overlaps returns the overlaps of event i: for each person in it who is
// also in another event at the same time, that event. Cancelled and all-day
// events never overlap.
func (it *Itinerary) Overlaps(i int) []Overlap {
	return it.overlaps[i]
}

func overlapping(a, b *Event) bool {
	if a.AllDay || b.AllDay || a.Status == StatusCancelled || b.Status == StatusCancelled {
		return false
	}
	return a.Start.Before(b.End) && b.Start.Before(a.End)
}

// findOverlaps sweeps each person's events in start order, keeping the ones
// still running.
func (it *Itinerary) findOverlaps() map[int][]Overlap {
	out := map[int][]Overlap{}
	for p, evs := range it.byPerson {
		var running []int
		for _, i := range evs {
			e := &it.Events[i]
			kept := running[:0]
			for _, r := range running {
				if it.Events[r].End.After(e.Start) {
					kept = append(kept, r)
				}
			}
			running = kept
			for _, r := range running {
				if overlapping(&it.Events[r], e) {
					out[r] = append(out[r], Overlap{Person: p, Other: i})
					out[i] = append(out[i], Overlap{Person: p, Other: r})
				}
			}
			running = append(running, i)
		}
	}
	for i := range out {
		sort.SliceStable(out[i], func(a, b int) bool { return out[i][a].Other < out[i][b].Other })
	}
	return out
}

// OverlapWarnings lists each pair of overlapping events once, as warnings at
// the later event: "event "x": Adaeze Okafor is also at "Working lunch" (12:00–13:30)".
func (it *Itinerary) OverlapWarnings() []Problem {
	var out []Problem
	for i := range it.Events {
		for _, o := range it.overlaps[i] {
			if o.Other > i {
				continue
			}
			e := &it.Events[i]
			out = append(out, Problem{
				Line: e.Pos.Line, Column: e.Pos.Column, Warning: true,
				Message: fmt.Sprintf("%s: %s is also at %q (%s) at the same time", eventName(e), it.People[o.Person].Name, it.Events[o.Other].Title, it.TimeRange(o.Other, nil)),
			})
		}
	}
	return sortProblems(out)
}

func eventName(e *Event) string {
	if e.ID != "" {
		return fmt.Sprintf("event %q", e.ID)
	}
	return fmt.Sprintf("event #%d", e.FileIndex+1)
}
