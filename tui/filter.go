package tui

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/visitline/visitline/agenda"
)

// setQuery applies a new search text, narrowing the previous result when
// the query only grew, and reusing recent results when it shrinks again
// (backspace).
func (m *Model) setQuery(text string) {
	m.setQueryKeeping(text, m.tl.wanted())
}

// setQueryKeeping is setQuery keeping event want selected (or the nearest).
func (m *Model) setQueryKeeping(text string, want int) {
	q := m.it.ParseQuery(text)
	prev := m.filter.Query
	m.filter.Query = q
	key := m.filterKey()
	var events agenda.Options // which events: by default, look in the whole itinerary
	switch cached, ok := m.recent.results[key]; {
	case ok:
		events.Shown = cached
	case q.Narrows(prev):
		events.Within = m.visible
	}
	m.layRows(want, events)
	m.recent = m.recent.with(key, m.visible)
}

// filterKey identifies the current filter for the results cache.
func (m *Model) filterKey() string {
	return fmt.Sprintf("%v|%v|%v|%s", m.filter.People, m.filter.AnyPerson, m.filter.Calendars, m.filter.Query.Text)
}

// recentResults keeps the events of the last few searches. Neither the
// map nor the results are changed once made: with returns a new map, so
// copies of the model never see each other's searches.
type recentResults struct {
	results map[string][]int
}

// maxRecent bounds the results kept; past it the cache starts again.
const maxRecent = 64

// with returns the results with events remembered for key.
func (r recentResults) with(key string, events []int) recentResults {
	next := make(map[string][]int, min(len(r.results)+1, maxRecent))
	if len(r.results) < maxRecent {
		for k, v := range r.results {
			next[k] = v
		}
	}
	next[key] = events
	return recentResults{results: next}
}

// setPeople replaces the person filter, keeping the selection.
func (m *Model) setPeople(people []int) {
	m.filter.People = people
	m.refilter(m.tl.wanted())
}

// inputKey handles a key while the picker or the search field is open:
// ctrl+c quits, the root acts on enter and esc, and the field has the
// rest.
func (m Model) inputKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	if key.Matches(msg, m.keys.Quit) {
		return m, tea.Quit
	}
	var cmd tea.Cmd
	switch m.mode {
	case modePicker:
		switch k := m.picker.keys; {
		case key.Matches(msg, k.Accept):
			if p := m.picker.selected(); p >= 0 {
				m.togglePerson(p)
			}
			m.closeInput()
		case key.Matches(msg, k.Cancel):
			m.closeInput()
		default:
			m.picker, cmd = m.picker.update(m.it, msg)
		}
	case modeSearch:
		switch k := m.search.keys; {
		case key.Matches(msg, k.Accept):
			m.closeInput()
		case key.Matches(msg, k.Cancel):
			// Esc takes back the whole search, and the selection with it.
			m.search.input.SetValue("")
			want := m.tl.wanted()
			if m.search.from >= 0 {
				want = m.search.from
			}
			m.setQueryKeeping("", want)
			m.closeInput()
		default:
			before := m.search.input.Value()
			m.search, cmd = m.search.update(msg)
			if m.search.input.Value() != before {
				m.setQuery(m.search.input.Value())
			}
		}
	}
	return m, cmd
}

func (m *Model) closeInput() {
	m.mode = modeList
	m.picker.close()
	m.search.input.Blur()
}

// togglePerson adds person p to the filter, or takes them out when they
// are in it already.
func (m *Model) togglePerson(p int) {
	people := make([]int, 0, len(m.filter.People)+1)
	found := false
	for _, q := range m.filter.People {
		if q == p {
			found = true
			continue
		}
		people = append(people, q)
	}
	if !found {
		people = append(people, p)
	}
	m.setPeople(people)
}

// stepPerson filters to the next (dir 1) or previous (dir -1) person with
// events, in file order, from the last person of the filter.
func (m *Model) stepPerson(dir int) {
	n := len(m.it.People)
	if n == 0 {
		return
	}
	from := -1
	if len(m.filter.People) > 0 {
		from = m.filter.People[len(m.filter.People)-1]
	} else if dir < 0 {
		from = n
	}
	for step := 1; step <= n; step++ {
		p := ((from+dir*step)%n + n) % n
		if len(m.it.EventsOf(p)) > 0 {
			m.setPeople([]int{p})
			return
		}
	}
}

// popFilter removes the last person of the filter, or else the search.
func (m *Model) popFilter() {
	switch {
	case len(m.filter.People) > 0:
		m.setPeople(m.filter.People[:len(m.filter.People)-1])
	case !m.filter.Query.Empty():
		m.search.input.SetValue("")
		m.setQuery("")
	case len(m.filter.Calendars) > 0:
		m.setCalendars(nil)
	case !m.dates.Empty():
		// The days of --day, --from and --to go last: all days show.
		m.dates = agenda.DateRange{}
		m.recent = recentResults{}
		m.refilter(m.tl.wanted())
	}
}

// filterTo makes person p the whole person filter and returns to the
// timeline.
func (m *Model) filterTo(p int) {
	m.setFocus(focusTimeline)
	m.setPeople([]int{p})
}
