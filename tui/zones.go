package tui

import (
	"slices"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/visitline/visitline/agenda"
)

// zoneCycle is the order z steps through: the starting zone, the
// itinerary's, each event's own (nil), this machine's, UTC; a zone that
// tells the same clock, under the same abbreviation, from from to to as one
// before it is left out (this machine's zone when it is UTC, or the
// itinerary's).
func zoneCycle(start, own, local *time.Location, from, to time.Time) []*time.Location {
	var out []*time.Location
	for _, z := range []*time.Location{start, own, nil, local, time.UTC} {
		if !slices.ContainsFunc(out, func(y *time.Location) bool { return sameZone(y, z, from, to) }) {
			out = append(out, z)
		}
	}
	return out
}

// maxZoneChanges bounds the walk of sameZone: past it, two zones count as
// different.
const maxZoneChanges = 10000

// sameZone reports whether a and b (nil: each event's own) tell the same
// offset and abbreviation at every instant from from to to.
func sameZone(a, b *time.Location, from, to time.Time) bool {
	if a == nil || b == nil || a == b {
		return a == b
	}
	if a.String() == b.String() && a.String() != "Local" {
		return true
	}
	t := from
	for range maxZoneChanges {
		na, oa := t.In(a).Zone()
		nb, ob := t.In(b).Zone()
		if na != nb || oa != ob {
			return false
		}
		// The next instant either zone changes.
		_, endA := t.In(a).ZoneBounds()
		_, endB := t.In(b).ZoneBounds()
		next := endA
		if next.IsZero() || !endB.IsZero() && endB.Before(next) {
			next = endB
		}
		if next.IsZero() || next.After(to) {
			return true
		}
		t = next
	}
	return false
}

// zoneName names the display zone for the header.
func (m *Model) zoneName() string {
	at := m.clock()
	if first, _, ok := m.it.Span(); ok && m.zone != time.Local {
		at = first
	}
	return agenda.ZoneName(m.zone, at)
}

// clockZone is the zone the clock is told in: the display zone, or when
// each venue shows its own, the zone the itinerary is in now (as the now
// line says).
func (m *Model) clockZone() *time.Location { return agenda.ClockZone(m.it, m.zone, m.clock()) }

// nextZone moves the display zone one step along the cycle.
func (m *Model) nextZone() {
	k := 0
	for i, z := range m.zones {
		if z == m.zone {
			k = i
		}
	}
	m.zone = m.zones[(k+1)%len(m.zones)]
	m.relayRows(m.tl.wanted())
	m.rerender()
}

// jumpToNow selects the current timed event, else the next one.
func (m *Model) jumpToNow() {
	// The rows are laid out again at every minute, with the clock.
	if i := m.tl.rows.Current(); i >= 0 {
		m.tl.selectEvent(i)
	} else if len(m.visible) > 0 {
		m.tl.selectEvent(m.visible[len(m.visible)-1])
		m.status = "the itinerary is over; the last event is selected"
	}
	m.showSelected()
}

// tickMsg is the minute clock.
type tickMsg time.Time

// tick fires at the start of the next minute, so the now marker moves with
// the clock and nothing runs in between.
func tick(now time.Time) tea.Cmd {
	return tea.Tick(untilNextMinute(now), func(t time.Time) tea.Msg { return tickMsg(t) })
}

// untilNextMinute is how long from now to the start of the next minute.
func untilNextMinute(now time.Time) time.Duration {
	return now.Truncate(time.Minute).Add(time.Minute).Sub(now)
}
