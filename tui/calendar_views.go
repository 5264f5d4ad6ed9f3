package tui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/visitline/visitline/agenda"
)

// The root's side of the week and month views: which view is which, the
// routing of their keys, and the list opened on a month's day.

// views is the number of views v cycles through.
const views = 4

// viewNames are the views' names, as --view and the config file take them.
var viewNames = [views]string{"list", "lanes", "week", "month"}

// ViewNames lists the views by name, in the order v cycles them.
func ViewNames() []string { return viewNames[:] }

// viewByName is the view of a name.
func viewByName(name string) (viewMode, bool) {
	for v, n := range viewNames {
		if n == name {
			return viewMode(v), true
		}
	}
	return viewList, false
}

// syncCalendar brings the week or month on screen in line with the rows
// and the selection.
func (m *Model) syncCalendar() {
	switch m.view {
	case viewWeek:
		m.wk.sync(m.tl.rows, m.tl.selected())
	case viewMonth:
		m.mo.sync(m.tl.rows, m.tl.selected())
	}
}

// weekUpdate passes msg to the week and selects the event it moved to.
func (m *Model) weekUpdate(msg tea.KeyMsg) {
	if i := m.wk.update(msg, m.tl.selected()); i >= 0 {
		m.tl.selectEvent(i)
	}
	m.showSelected()
}

// monthUpdate passes msg to the month; enter opens the list on the
// cursor's day (its first event, else the event nearest its start).
func (m *Model) monthUpdate(msg tea.KeyMsg) {
	i, open := m.mo.update(msg)
	if open {
		m.openDay(m.mo.day)
		return
	}
	if i >= 0 {
		m.tl.selectEvent(i)
	}
	m.showSelected()
}

// openDay shows the list with the selection on day (midnight UTC).
func (m *Model) openDay(day time.Time) {
	if d := m.mo.cursor(); d != nil && len(d.Events) > 0 {
		m.tl.selectEvent(d.Events[0])
	} else if m.tl.rows != nil {
		zone := agenda.ClockZone(m.it, m.zone, m.clock())
		at := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, zone)
		if p := m.tl.rows.Nearest(at); p >= 0 {
			m.tl.selectEvent(m.tl.rows.EventAt(p))
		}
	}
	m.view = viewList
	m.tl.ensureVisible()
	m.showSelected()
}
