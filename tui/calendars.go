package tui

import (
	"github.com/charmbracelet/x/ansi"
	"github.com/visitline/visitline/agenda"
	"github.com/visitline/visitline/itinerary"
)

// calendarMark is the one-cell mark of a row's calendar in its colour, ""
// when rows show no calendar (one calendar or none).
func (c *renderCtx) calendarMark(ct agenda.CalendarText, shown bool) string {
	if !shown {
		return ""
	}
	g := calendarGlyph(ct.Index)
	if ct.Index >= 0 && ct.Index < len(c.calStyle) {
		return c.calStyle[ct.Index].Render(g)
	}
	return g
}

// stepCalendar filters to the next calendar, one at a time, from all of
// them to the first, the second, ..., and back to all.
func (m *Model) stepCalendar() {
	n := len(m.it.Calendars)
	if n < 2 {
		return
	}
	next := 0
	if len(m.filter.Calendars) > 0 {
		next = m.filter.Calendars[len(m.filter.Calendars)-1] + 1
	}
	if next >= n {
		m.setCalendars(nil)
		return
	}
	m.setCalendars([]int{next})
}

// nextCalendarHelp is what C does next, for the footer: "only Work", "all
// calendars".
func (m *Model) nextCalendarHelp() string {
	n := len(m.it.Calendars)
	next := 0
	if len(m.filter.Calendars) > 0 {
		next = m.filter.Calendars[len(m.filter.Calendars)-1] + 1
	}
	if next >= n {
		return "all calendars"
	}
	return "only " + m.it.Calendars[next].Name
}

// setCalendars replaces the calendar filter, keeping the selection.
func (m *Model) setCalendars(cals []int) {
	m.filter.Calendars = cals
	m.recent = recentResults{}
	m.refilter(m.tl.wanted())
}

// keepCalendars maps the calendar filter of the old itinerary onto the
// calendars of it, by name: those that are gone drop out.
func keepCalendars(old, it *itinerary.Itinerary, cals []int) []int {
	if len(cals) == 0 {
		return nil
	}
	byName := make(map[string]int, len(it.Calendars))
	for j := range it.Calendars {
		if _, ok := byName[it.Calendars[j].Name]; !ok {
			byName[it.Calendars[j].Name] = j
		}
	}
	var out []int
	for _, k := range cals {
		if k < 0 || k >= len(old.Calendars) {
			continue
		}
		if j, ok := byName[old.Calendars[k].Name]; ok {
			out = append(out, j)
		}
	}
	return out
}

// withCalendars is the header's title line with the calendars named after
// it, in the room the title leaves ("Trip · 3 calendars: Work, Home +1"),
// or in its place when the title only counts them (a folder's "3
// calendars").
func (m Model) withCalendars(title string) string {
	it := m.it
	if !agenda.ShowsCalendars(it) {
		return title
	}
	if agenda.NamedByCalendars(it) {
		return m.st.Title.Render(agenda.TitleText(it, m.width))
	}
	room := m.width - ansi.StringWidth(title) - 3
	if room < len("99 calendars") {
		return title
	}
	return title + m.st.Faint.Render(" · "+agenda.CalendarsLabel(it, room))
}

// markWidth is the cells a block w cells wide gives its calendar's mark:
// one when the itinerary gathers several calendars and the block has room
// for a letter of its title beside it, else none.
func (c *renderCtx) markWidth(w int) int {
	if w >= 2 && agenda.ShowsCalendars(c.it) {
		return 1
	}
	return 0
}

// addBlock adds event i's block of the week or the month, label in w
// cells, to l: its calendar's mark in the calendar's colour first (see
// markWidth; the selected block's in the selection's), then the label in
// the event's role.
func (c *renderCtx) addBlock(l *runLine, i int, label string, w, sel int) {
	r := c.eventRole(i, sel)
	if mw := c.markWidth(w); mw > 0 {
		k := c.it.Events[i].Calendar
		mark := r
		if r != roleSelected && k >= 0 {
			mark = roleCalendar + role(k)
		}
		l.add(calendarGlyph(k), mark)
		w -= mw
	}
	l.add(cell(label, w), r)
}
