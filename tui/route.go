package tui

import (
	"slices"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/visitline/visitline/itinerary"
)

// The root routes: it handles its own keys (the filter, the zone, the
// view, the pages, the focus) and passes the rest, and the mouse, to the
// component that has the focus, whose own key map and update act on them;
// then it brings the other panes in line with the selection.

// handleKey handles a key in the list view: the root's own keys, then
// those of the focused pane, to which it routes the rest.
func (m Model) handleKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	m.status = ""
	if m.pageOpen() {
		return m.pageKey(msg)
	}
	if key.Matches(msg, m.rem.keys.Dismiss) {
		m.rem.dismiss()
		return m, nil
	}
	if done, cmd := m.globalKey(msg); done {
		return m, cmd
	}
	switch m.focus {
	case focusTimeline:
		m.timelineKey(msg)
	case focusParticipants:
		m.participantsKey(msg)
	case focusCard:
		m.cardKey(msg)
	}
	return m, nil
}

// globalKey handles the keys that work whatever has the focus; it reports
// whether msg was one.
func (m *Model) globalKey(msg tea.KeyMsg) (bool, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Quit):
		return true, tea.Quit
	case key.Matches(msg, k.Help):
		m.openPage(true)
	case key.Matches(msg, k.About):
		m.openPage(false)
	case key.Matches(msg, k.Names):
		m.native = !m.native
		m.rerender()
	case m.cfg.ReadOnly && slices.Contains(k.Edit.Keys(), msg.String()):
		m.status = readOnlyNotice
	case key.Matches(msg, k.Edit):
		return true, m.edit()
	case slices.Contains(k.Edit.Keys(), msg.String()):
		m.status = m.noFileToEdit(m.selectedEvent())
	case key.Matches(msg, k.MoreErrors):
		m.scrollErrors()
	case key.Matches(msg, k.Refresh):
		m.status = "refreshing " + itinerary.QuoteName(m.sourceName()) + "…"
		return true, m.refresh()
	case key.Matches(msg, k.People):
		m.mode = modePicker
		return true, m.picker.open(m.it, m.words)
	case key.Matches(msg, k.Search):
		m.mode = modeSearch
		m.search.from = m.tl.wanted()
		m.setFocus(focusTimeline)
		cmd := m.search.input.Focus()
		m.search.input.CursorEnd()
		return true, cmd
	default:
		return m.layoutKey(msg), nil
	}
	return true, nil
}

// layoutKey handles the keys that change the filter or how the events are
// laid out; it reports whether msg was one.
func (m *Model) layoutKey(msg tea.KeyMsg) bool {
	k := m.keys
	switch {
	case key.Matches(msg, k.NextPerson):
		m.stepPerson(1)
	case key.Matches(msg, k.PrevPerson):
		m.stepPerson(-1)
	case key.Matches(msg, k.Zone):
		m.nextZone()
	case key.Matches(msg, k.Now):
		m.setFocus(focusTimeline)
		m.jumpToNow()
	case key.Matches(msg, k.View):
		m.toggleView()
	case m.view == viewLanes && key.Matches(msg, k.Group):
		m.nextGrouping()
	case key.Matches(msg, k.Gaps):
		m.gaps = !m.gaps
		m.relayRows(m.tl.wanted())
	case key.Matches(msg, k.SecondClock):
		m.hideSecond = !m.hideSecond
		m.rerender()
	case key.Matches(msg, k.AnyAll):
		m.filter.AnyPerson = !m.filter.AnyPerson
		m.refilter(m.tl.wanted())
	case key.Matches(msg, k.Calendar):
		m.stepCalendar()
	default:
		return false
	}
	return true
}

// timelineKey handles a key with the focus on the timeline: J and K go to
// the detail pane, tab and enter move the focus, esc drops a filter, and
// the rest go to the list or the lanes, whose selection the other panes
// then follow.
func (m *Model) timelineKey(msg tea.KeyMsg) {
	k := m.keys
	switch {
	case key.Matches(msg, m.det.keys.DetailUp, m.det.keys.DetailDown):
		m.det, _ = m.det.update(m.ctx(), msg)
		return
	case key.Matches(msg, k.Focus):
		m.focusParticipants(0)
		return
	case key.Matches(msg, k.Back):
		m.popFilter()
		return
	case m.view == viewLanes && m.ln.handles(msg):
		m.lanesUpdate(msg)
		return
	case m.view == viewWeek && m.wk.handles(msg):
		m.weekUpdate(msg)
		return
	case m.view == viewMonth && m.mo.handles(msg):
		m.monthUpdate(msg)
		return
	}
	if m.view == viewList {
		m.tl, _ = m.tl.update(msg)
	}
	m.showSelected()
}

// lanesUpdate passes msg to the lanes and, when they moved to another
// event or lane, selects their event in the timeline.
func (m *Model) lanesUpdate(msg tea.Msg) {
	lane, event := m.ln.selection()
	m.ln, _ = m.ln.update(m.ctx(), msg)
	if l, e := m.ln.selection(); e >= 0 && (l != lane || e != event) {
		m.tl.selectEvent(e)
		m.showSelected()
	}
}

func (m *Model) focusParticipants(part int) {
	i := m.tl.selected()
	if i < 0 || len(m.it.Events[i].Participants) == 0 {
		return
	}
	m.setFocus(focusParticipants)
	m.det.part = min(max(part, 0), len(m.it.Events[i].Participants)-1)
	m.det.show(m.ctx(), i)
}

// participantsKey handles a key with the focus on the participants: enter
// opens the card, f filters, esc and shift+tab go back to the timeline;
// the detail pane has the rest.
func (m *Model) participantsKey(msg tea.KeyMsg) {
	k := m.keys
	i := m.tl.selected()
	switch {
	case key.Matches(msg, m.det.keys.Open):
		m.setFocus(focusCard)
		m.card.open(m.ctx(), m.it.Events[i].Participants[m.det.part], i)
	case key.Matches(msg, m.det.keys.FilterPerson):
		m.filterTo(m.it.Events[i].Participants[m.det.part])
	case key.Matches(msg, k.Back, k.FocusBack, k.Focus):
		m.setFocus(focusTimeline)
		m.det.show(m.ctx(), i)
	default:
		m.det, _ = m.det.update(m.ctx(), msg)
	}
}

// cardKey handles a key with the focus on the card: enter goes to the
// highlighted event, f filters to the person, esc and shift+tab go back to
// the participants; the card has the rest.
func (m *Model) cardKey(msg tea.KeyMsg) {
	k := m.keys
	switch {
	case key.Matches(msg, m.card.keys.Open):
		m.jumpTo(m.card.selected())
	case key.Matches(msg, m.card.keys.FilterPerson):
		m.filterTo(m.card.person)
	case key.Matches(msg, k.Back, k.FocusBack):
		m.setFocus(focusParticipants)
		m.det.show(m.ctx(), m.tl.selected())
	default:
		m.card, _ = m.card.update(m.ctx(), msg)
	}
}

// jumpTo selects event i in the timeline and gives it the focus, clearing
// the filter when the filter hides it.
func (m *Model) jumpTo(i int) {
	if i < 0 {
		return
	}
	if !m.tl.selectEvent(i) {
		m.filter = itinerary.Filter{}
		m.refilter(i)
		m.status = "filter cleared to show " + m.it.Events[i].Title
	}
	m.setFocus(focusTimeline)
	m.showSelected()
	m.det.vp.GotoTop() // the event from its title down, not where its participants were scrolled to
}

// handleMouse routes the wheel to the pane under it, or to the open page,
// and selects the event clicked in the timeline.
func (m *Model) handleMouse(msg tea.MouseMsg) {
	l := m.lay
	if l.mode == tooSmall {
		return
	}
	if m.pageOpen() {
		m.page, _ = m.page.update(msg)
		return
	}
	inList := m.paneShown(focusTimeline) && msg.X >= l.list.x && msg.X < l.list.x+l.list.w && msg.Y >= l.list.y && msg.Y < l.list.y+l.list.h
	switch {
	case msg.Button == tea.MouseButtonLeft:
		if msg.Action == tea.MouseActionPress && inList {
			m.click(msg.X-l.list.x, msg.Y-l.list.y-1)
		}
	case msg.Button != tea.MouseButtonWheelUp && msg.Button != tea.MouseButtonWheelDown:
	case inList && m.view == viewLanes:
		m.lanesUpdate(msg)
	case inList:
		m.tl, _ = m.tl.update(msg)
		m.showSelected()
	default:
		m.det, _ = m.det.update(m.ctx(), msg)
	}
}

// click selects the event at column x of row y of the timeline's body (in
// the lanes, the event of the bar there, in its lane; in the week, the
// block's; in the month, it moves the cursor to the day there).
func (m *Model) click(x, y int) {
	switch m.view {
	case viewWeek:
		if i, day := m.wk.eventAt(x, y, m.tl.selected()); i >= 0 {
			m.wk.day, m.wk.followed = day, i
			m.tl.selectEvent(i)
			m.setFocus(focusTimeline)
			m.showSelected()
		}
		return
	case viewMonth:
		if day, ok := m.mo.dayAt(x, y); ok {
			if i := m.mo.moveTo(day); i >= 0 {
				m.tl.selectEvent(i)
			}
			m.setFocus(focusTimeline)
			m.showSelected()
		}
		return
	}
	if m.view == viewLanes {
		c := m.ctx()
		gutter, _ := m.ln.geometry(c.native)
		if k, i := m.ln.barAt(c, y, x-gutter-1); i >= 0 {
			m.ln.cur = k
			m.tl.selectEvent(i)
			m.setFocus(focusTimeline)
			m.showSelected()
		}
		return
	}
	if i, ok := m.tl.eventAt(y); ok {
		m.tl.selectEvent(i)
		m.setFocus(focusTimeline)
		m.showSelected()
	}
}

// paneShown reports whether the timeline (focusTimeline) or the detail side
// is on screen in the current layout.
func (m *Model) paneShown(f focus) bool {
	if m.lay.mode != single {
		return true
	}
	if f == focusTimeline {
		return m.focus == focusTimeline
	}
	return m.focus != focusTimeline
}

// toggleView cycles the views, list → lanes → week → month → list,
// keeping the selection.
func (m *Model) toggleView() {
	m.view = (m.view + 1) % views
	switch m.view {
	case viewList:
		m.tl.ensureVisible()
	case viewLanes:
		m.ln.build(m.tl.rows)
		m.ln.follow(m.ctx(), m.tl.selected())
	}
	m.syncCalendar()
}

// nextGrouping cycles the lanes through person, track, city and, with
// several calendars, calendar.
func (m *Model) nextGrouping() {
	m.ln.group = m.ln.group.Next(m.it)
	m.ln.build(m.tl.rows)
	m.ln.follow(m.ctx(), m.tl.selected())
}
