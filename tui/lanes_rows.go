package tui

import (
	"slices"

	"github.com/visitline/visitline/agenda"
)

// The lanes' rows — which lanes exist for a grouping, the events of each,
// their labels and their marks — are agenda's (agenda.Lanes); the view
// keeps the set it shows and makes a new one when the events or the
// grouping change.

// grouping is what the lanes stand for; t cycles through them.
type grouping = agenda.Grouping

// build makes the lanes of the layout's events in the current grouping,
// unless they are already made of the same events. With a person filter,
// only the filtered people have lanes.
func (l *lanesView) build(rows *agenda.Layout) {
	it, events, people := rows.Itinerary(), rows.Shown(), rows.Filter().People
	if l.ready && l.it == it && l.built == l.group && sameEvents(l.source, events) && slices.Equal(l.people, people) {
		return
	}
	l.it, l.source, l.people, l.built, l.ready = it, events, slices.Clone(people), l.group, true
	l.memo = &laneMemo{} // the old lanes' memo stays with the copies that show them
	l.set = agenda.Lanes(rows, l.group)
	l.cur, l.offset = -1, 0
	if l.set.Len() > 0 {
		l.cur = 0
	}
}

// sameEvents reports whether a and b are the same list (results are never
// modified once made, so the same backing array means the same events).
func sameEvents(a, b []int) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// count is the number of lanes.
func (l *lanesView) count() int {
	if l.set == nil {
		return 0
	}
	return l.set.Len()
}

// position is where event i is among the events of lane k, or -1.
func (l *lanesView) position(k, i int) int { return l.set.Position(k, i) }
