package tui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/visitline/visitline/agenda"
)

// zoneCycle is the order z steps through: the starting zone, the
// itinerary's, each event's own (nil), this machine's, UTC.
func zoneCycle(start, own *time.Location) []*time.Location {
	var out []*time.Location
	seen := map[string]bool{}
	for _, z := range []*time.Location{start, own, nil, time.Local, time.UTC} {
		name := "own"
		if z != nil {
			name = z.String()
		}
		if !seen[name] {
			seen[name] = true
			out = append(out, z)
		}
	}
	return out
}

// zoneName names the display zone for the header.
func (m *Model) zoneName() string {
	at := m.clock()
	if first, _, ok := m.it.Span(); ok && m.zone != time.Local {
		at = first
	}
	return agenda.ZoneName(m.zone, at)
}

// clockZone is the zone the clock is told in: the display zone, or the
// itinerary's when each event shows its own.
func (m *Model) clockZone() *time.Location {
	if m.zone == nil {
		return m.it.Zone
	}
	return m.zone
}

// nextZone moves the display zone one step along the cycle.
func (m *Model) nextZone() {
	k := 0
	for i, z := range m.zones {
		if z == m.zone {
			k = i
		}
	}
	m.zone = m.zones[(k+1)%len(m.zones)]
	m.relayRows(m.tl.selected())
	m.rerender()
}

// jumpToNow selects the current timed event, else the next one.
func (m *Model) jumpToNow() {
	now := m.clock()
	if i := m.it.NowEvent(m.visible, now); i >= 0 {
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
