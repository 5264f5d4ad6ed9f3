// Package tui is the interactive timeline of visitline: a Bubble Tea view
// of an itinerary that renders what the itinerary package computed.
package tui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/visitline/visitline/itinerary"
)

// Config is what the view starts with.
type Config struct {
	Itinerary *itinerary.Itinerary
	// Name is the file name shown in messages.
	Name string
	// Watch is the file to reload when it changes; "" for none.
	Watch string
	// Zone is the starting display zone; nil means the itinerary's.
	Zone *time.Location
	// Now freezes the clock when not zero (--now).
	Now time.Time
	// People is the starting person filter.
	People []int

	// changes signals that Watch changed on disk (set by Run).
	changes <-chan struct{}
}

// focus is which part of the view takes the keys.
type focus int

const (
	focusTimeline focus = iota
	focusParticipants
	focusCard
)

// Model is the root of the view: a short dispatcher over the timeline, the
// detail pane and the participant card.
type Model struct {
	it       *itinerary.Itinerary
	cfg      Config
	keys     KeyMap
	st       Styles
	orgStyle []lipgloss.Style
	help     help.Model

	width, height int
	lay           layout

	zone   *time.Location // display zone; nil shows each event in its own
	zones  []*time.Location
	native bool
	clock  func() time.Time
	frozen bool
	gaps   bool

	reloadErrors []string // why the last save did not load; the view keeps the last good itinerary

	filter  itinerary.Filter
	visible []int // events the filter keeps, instant order

	focus     focus
	mode      mode
	showHelp  bool
	showAbout bool
	status    string // a one-off message for the footer

	chrome *chromeCache
	recent *recentResults

	tl     timeline
	det    detail
	card   card
	picker picker
	search searchBar
}

// mode is whether a text field has the keys.
type mode int

const (
	modeList mode = iota
	modePicker
	modeSearch
)

// New builds the model for cfg, rendering with r (nil: the default
// renderer, which detects the terminal's colours).
func New(cfg Config, r *lipgloss.Renderer) Model {
	if r == nil {
		r = lipgloss.DefaultRenderer()
	}
	m := Model{
		it:     cfg.Itinerary,
		cfg:    cfg,
		keys:   DefaultKeyMap(),
		st:     DefaultStyles(r),
		help:   help.New(),
		zone:   cfg.Zone,
		clock:  time.Now,
		det:    newDetail(),
		card:   newCard(),
		picker: newPicker(),
		search: newSearchBar(),
		chrome: &chromeCache{},
		recent: &recentResults{},
	}
	if m.zone == nil {
		m.zone = m.it.Zone
	}
	m.zones = zoneCycle(m.zone, m.it.Zone)
	if !cfg.Now.IsZero() {
		frozen := cfg.Now
		m.clock = func() time.Time { return frozen }
		m.frozen = true
	}
	m.orgStyle = m.st.orgStyles(m.it)
	m.help.Styles.ShortKey = m.st.Accent
	m.help.Styles.FullKey = m.st.Accent
	m.help.Styles.ShortDesc = m.st.Faint
	m.help.Styles.FullDesc = m.st.Faint
	m.filter.People = append([]int(nil), cfg.People...)
	m.refilter(m.startEvent())
	m.updateKeys()
	return m
}

// startEvent is the event selected at start: the current or next one when
// now falls inside the itinerary, else the first.
func (m *Model) startEvent() int {
	events := m.it.Select(m.filter)
	first, last, ok := m.it.Span()
	now := m.clock()
	if !ok || now.Before(first) || now.After(last) {
		return -1
	}
	for _, i := range events {
		if m.it.MomentOf(i, now) == itinerary.Current {
			return i
		}
	}
	return m.it.NextAfter(events, now)
}

// refilter recomputes the visible events and rows, keeping event want
// selected (or the nearest in time).
func (m *Model) refilter(want int) {
	m.visible = m.it.Select(m.filter)
	m.relayRows(want)
}

// relayRows rebuilds the timeline rows from m.visible.
func (m *Model) relayRows(want int) {
	m.tl.setRows(buildRows(m.it, m.visible, m.zone, rowOptions{now: m.clock(), gaps: m.gaps}), want, m.it)
	m.showSelected()
}

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
	switch {
	case m.zone == nil:
		return "each venue's own zone"
	case m.zone == time.Local:
		abbr, _ := m.clock().In(time.Local).Zone()
		return "this machine's zone (" + abbr + ")"
	}
	at := m.clock()
	if first, _, ok := m.it.Span(); ok {
		at = first
	}
	return itinerary.ZoneLabel(m.zone, at)
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

// jumpToNow selects the current event, else the next one.
func (m *Model) jumpToNow() {
	now := m.clock()
	for _, i := range m.visible {
		if m.it.MomentOf(i, now) == itinerary.Current {
			m.tl.selectEvent(i)
			m.showSelected()
			return
		}
	}
	if i := m.it.NextAfter(m.visible, now); i >= 0 {
		m.tl.selectEvent(i)
	} else if len(m.visible) > 0 {
		m.tl.selectEvent(m.visible[len(m.visible)-1])
		m.status = "the itinerary is over; the last event is selected"
	}
	m.showSelected()
}

// setQuery applies a new search text, narrowing the previous result when
// the query only grew, and reusing recent results when it shrinks again
// (backspace).
func (m *Model) setQuery(text string) {
	want := m.tl.selected()
	q := m.it.ParseQuery(text)
	prev := m.filter.Query
	m.filter.Query = q
	key := m.filterKey()
	switch cached, ok := m.recent.results[key]; {
	case ok:
		m.visible = cached
	case q.Narrows(prev):
		m.visible = m.it.SelectFrom(m.filter, m.visible)
	default:
		m.visible = m.it.Select(m.filter)
	}
	m.recent.remember(key, m.visible)
	m.relayRows(want)
}

// filterKey identifies the current filter for the results cache.
func (m *Model) filterKey() string {
	return fmt.Sprintf("%v|%v|%s", m.filter.People, m.filter.AnyPerson, m.filter.Query.Text)
}

// recentResults keeps the events of the last few searches. Results are
// never modified once made, so they can be shared.
type recentResults struct {
	results map[string][]int
}

// maxRecent bounds the results cache; past it the cache starts again.
const maxRecent = 64

func (r *recentResults) remember(key string, events []int) {
	if r.results == nil || len(r.results) >= maxRecent {
		r.results = map[string][]int{}
	}
	r.results[key] = events
}

// setPeople replaces the person filter, keeping the selection.
func (m *Model) setPeople(people []int) {
	m.filter.People = people
	m.refilter(m.tl.selected())
}

func (m *Model) ctx() *renderCtx {
	now := m.clock()
	return &renderCtx{it: m.it, st: &m.st, orgStyle: m.orgStyle, zone: m.zone, native: m.native, now: now,
		next: m.it.NextActive(m.visible, now), words: m.filter.Query.Words}
}

// showSelected renders the selected event into the detail pane.
func (m *Model) showSelected() {
	if m.det.event != m.tl.selected() {
		m.det.part = -1
		if m.focus == focusParticipants {
			m.focus = focusTimeline
		}
	}
	m.det.show(m.ctx(), m.tl.selected())
}

// Init starts the minute clock (unless --now froze it) and the wait for
// changes of the file.
func (m Model) Init() tea.Cmd {
	var cmds []tea.Cmd
	if !m.frozen {
		cmds = append(cmds, tick(m.clock()))
	}
	if m.cfg.changes != nil {
		cmds = append(cmds, waitForChange(m.cfg.changes))
	}
	return tea.Batch(cmds...)
}

// tickMsg is the minute clock.
type tickMsg time.Time

// tick fires at the start of the next minute, so the now marker moves with
// the clock and nothing runs in between.
func tick(now time.Time) tea.Cmd {
	return tea.Tick(now.Truncate(time.Minute).Add(time.Minute).Sub(now), func(t time.Time) tea.Msg { return tickMsg(t) })
}

// Update dispatches messages.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.resize()
	case tea.KeyMsg:
		if m.mode != modeList {
			// A text field gets every key first, pasted runes and all.
			return m.inputKey(msg)
		}
		// Bubble Tea v1 merges runes read together (key repeat, paste) into
		// one KeyMsg: handle each rune as its own key.
		if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 {
			var cmds []tea.Cmd
			for _, r := range msg.Runes {
				var cmd tea.Cmd
				m, cmd = m.handleKey(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt})
				cmds = append(cmds, cmd)
			}
			return m, tea.Batch(cmds...)
		}
		return m.handleKey(msg)
	case tea.MouseMsg:
		m.handleMouse(msg)
	case tickMsg:
		m.relayRows(m.tl.selected())
		return m, tick(time.Time(msg))
	case fileChangedMsg:
		return m, tea.Batch(loadFile(m.cfg.Watch), waitForChange(m.cfg.changes))
	case reloadedMsg:
		m.reloaded(msg)
		m.updateKeys()
	}
	return m, nil
}

func (m Model) handleKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	k := m.keys
	m.status = ""
	switch {
	case key.Matches(msg, k.Quit):
		return m, tea.Quit
	case key.Matches(msg, k.Help):
		m.showHelp = !m.showHelp
		m.showAbout = false
	case key.Matches(msg, k.About):
		m.showAbout = !m.showAbout
		m.showHelp = false
	case key.Matches(msg, k.Names):
		m.native = !m.native
		m.rerender()
	case (m.showHelp || m.showAbout) && key.Matches(msg, k.Back):
		m.showHelp, m.showAbout = false, false
	case key.Matches(msg, k.People):
		m.showHelp, m.showAbout = false, false
		m.mode = modePicker
		cmd := m.picker.open(m.it)
		m.updateKeys()
		return m, cmd
	case key.Matches(msg, k.Search):
		m.showHelp, m.showAbout = false, false
		m.mode = modeSearch
		m.focus = focusTimeline
		m.det.part = -1
		cmd := m.search.input.Focus()
		m.search.input.CursorEnd()
		m.updateKeys()
		return m, cmd
	case key.Matches(msg, k.NextPerson):
		m.stepPerson(1)
	case key.Matches(msg, k.PrevPerson):
		m.stepPerson(-1)
	case key.Matches(msg, k.Zone):
		m.nextZone()
	case key.Matches(msg, k.Now):
		m.focus = focusTimeline
		m.det.part = -1
		m.jumpToNow()
	case key.Matches(msg, k.Gaps):
		m.gaps = !m.gaps
		m.relayRows(m.tl.selected())
	case key.Matches(msg, k.AnyAll):
		m.filter.AnyPerson = !m.filter.AnyPerson
		m.refilter(m.tl.selected())
	default:
		switch m.focus {
		case focusTimeline:
			m.timelineKey(msg)
		case focusParticipants:
			m.participantsKey(msg)
		case focusCard:
			m.cardKey(msg)
		}
	}
	m.updateKeys()
	return m, nil
}

// inputKey handles a key while the picker or the search field is open.
func (m Model) inputKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	k := m.keys
	var cmd tea.Cmd
	switch m.mode {
	case modePicker:
		switch {
		case msg.Type == tea.KeyCtrlC:
			return m, tea.Quit
		case key.Matches(msg, k.InputUp):
			m.picker.move(-1)
		case key.Matches(msg, k.InputDown):
			m.picker.move(1)
		case key.Matches(msg, k.Accept):
			if p := m.picker.selected(); p >= 0 {
				m.togglePerson(p)
			}
			m.closeInput()
		case key.Matches(msg, k.Cancel):
			m.closeInput()
		default:
			cmd = m.picker.update(m.it, msg)
		}
	case modeSearch:
		switch {
		case msg.Type == tea.KeyCtrlC:
			return m, tea.Quit
		case key.Matches(msg, k.Accept):
			m.closeInput()
		case key.Matches(msg, k.Cancel):
			m.search.input.SetValue("")
			m.setQuery("")
			m.closeInput()
		default:
			var changed bool
			changed, cmd = m.search.update(msg)
			if changed {
				m.setQuery(m.search.input.Value())
			}
		}
	}
	m.updateKeys()
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
	}
}

func (m *Model) timelineKey(msg tea.KeyMsg) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Up):
		m.tl.move(-1)
	case key.Matches(msg, k.Down):
		m.tl.move(1)
	case key.Matches(msg, k.PageUp):
		m.tl.page(-1)
	case key.Matches(msg, k.PageDown):
		m.tl.page(1)
	case key.Matches(msg, k.Top):
		m.tl.move(-len(m.tl.eventRows))
	case key.Matches(msg, k.Bottom):
		m.tl.move(len(m.tl.eventRows))
	case key.Matches(msg, k.DetailUp):
		m.det.vp.LineUp(3)
		return
	case key.Matches(msg, k.DetailDown):
		m.det.vp.LineDown(3)
		return
	case key.Matches(msg, k.Focus):
		m.focusParticipants(0)
		return
	case key.Matches(msg, k.Back):
		m.popFilter()
		return
	}
	m.showSelected()
}

func (m *Model) focusParticipants(part int) {
	i := m.tl.selected()
	if i < 0 || len(m.it.Events[i].Participants) == 0 {
		return
	}
	m.focus = focusParticipants
	m.det.part = min(max(part, 0), len(m.it.Events[i].Participants)-1)
	m.det.show(m.ctx(), i)
}

func (m *Model) participantsKey(msg tea.KeyMsg) {
	k := m.keys
	i := m.tl.selected()
	n := len(m.it.Events[i].Participants)
	switch {
	case key.Matches(msg, k.Up):
		m.det.part = max(m.det.part-1, 0)
	case key.Matches(msg, k.Down):
		m.det.part = min(m.det.part+1, n-1)
	case key.Matches(msg, k.PageUp, k.DetailUp):
		m.det.vp.HalfViewUp()
		return
	case key.Matches(msg, k.PageDown, k.DetailDown):
		m.det.vp.HalfViewDown()
		return
	case key.Matches(msg, k.Open):
		m.focus = focusCard
		m.card.open(m.ctx(), m.it.Events[i].Participants[m.det.part], i)
		return
	case key.Matches(msg, k.FilterPerson):
		m.filterTo(m.it.Events[i].Participants[m.det.part])
		return
	case key.Matches(msg, k.Back, k.FocusBack, k.Focus):
		m.focus = focusTimeline
		m.det.part = -1
	}
	m.det.show(m.ctx(), i)
}

func (m *Model) cardKey(msg tea.KeyMsg) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Up):
		m.card.move(m.ctx(), -1)
	case key.Matches(msg, k.Down):
		m.card.move(m.ctx(), 1)
	case key.Matches(msg, k.Top):
		m.card.move(m.ctx(), -len(m.card.events))
	case key.Matches(msg, k.Bottom):
		m.card.move(m.ctx(), len(m.card.events))
	case key.Matches(msg, k.Open):
		m.jumpTo(m.card.selected())
	case key.Matches(msg, k.FilterPerson):
		m.filterTo(m.card.person)
	case key.Matches(msg, k.Back, k.FocusBack):
		m.focus = focusParticipants
		m.det.show(m.ctx(), m.tl.selected())
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
	m.focus = focusTimeline
	m.det.part = -1
	m.showSelected()
}

// filterTo makes person p the whole person filter and returns to the
// timeline.
func (m *Model) filterTo(p int) {
	m.focus = focusTimeline
	m.det.part = -1
	m.setPeople([]int{p})
}

// rerender redraws the panes' content after a change of names or zone.
func (m *Model) rerender() {
	m.det.show(m.ctx(), m.tl.selected())
	if m.focus == focusCard {
		m.card.render(m.ctx())
	}
}

func (m *Model) handleMouse(msg tea.MouseMsg) {
	l := m.lay
	if l.mode == tooSmall || m.showHelp || m.showAbout {
		return
	}
	inList := m.paneShown(focusTimeline) && msg.X >= l.list.x && msg.X < l.list.x+l.list.w && msg.Y >= l.list.y && msg.Y < l.list.y+l.list.h
	switch msg.Button {
	case tea.MouseButtonWheelUp, tea.MouseButtonWheelDown:
		n := 3
		if msg.Button == tea.MouseButtonWheelUp {
			n = -3
		}
		if inList {
			m.tl.scroll(n)
			m.showSelected()
		} else if n < 0 {
			m.det.vp.LineUp(-n)
		} else {
			m.det.vp.LineDown(n)
		}
	case tea.MouseButtonLeft:
		if msg.Action != tea.MouseActionPress || !inList {
			return
		}
		if i, ok := m.tl.eventAt(msg.Y - l.list.y - 1); ok {
			m.tl.selectEvent(i)
			m.focus = focusTimeline
			m.showSelected()
		}
	}
	m.updateKeys()
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

// updateKeys enables the bindings that do something now; it runs after
// every change of state.
func (m *Model) updateKeys() {
	k := &m.keys
	input := m.mode != modeList
	for _, b := range []*key.Binding{&k.InputUp, &k.InputDown} {
		b.SetEnabled(m.mode == modePicker)
	}
	k.Accept.SetEnabled(input)
	k.Cancel.SetEnabled(input)
	if m.mode == modePicker {
		k.Accept.SetHelp("enter", "add/remove person")
		k.Cancel.SetHelp("esc", "close")
	} else {
		k.Accept.SetHelp("enter", "keep search")
		k.Cancel.SetHelp("esc", "clear search")
	}
	if input {
		for _, b := range []*key.Binding{&k.Up, &k.Down, &k.PageUp, &k.PageDown, &k.Top, &k.Bottom, &k.DetailUp, &k.DetailDown,
			&k.Focus, &k.FocusBack, &k.Open, &k.Back, &k.Names, &k.People, &k.Search, &k.NextPerson, &k.PrevPerson,
			&k.AnyAll, &k.FilterPerson, &k.Help, &k.Quit, &k.Zone, &k.Now, &k.Gaps, &k.About} {
			b.SetEnabled(false)
		}
		return
	}
	k.Names.SetEnabled(true)
	k.About.SetEnabled(true)
	if m.showAbout {
		k.About.SetHelp("i", "close about")
	} else {
		k.About.SetHelp("i", "about")
	}
	k.Zone.SetEnabled(true)
	k.Now.SetEnabled(len(m.visible) > 0)
	k.Gaps.SetEnabled(true)
	if m.gaps {
		k.Gaps.SetHelp("b", "hide free time")
	} else {
		k.Gaps.SetHelp("b", "show free time")
	}
	k.Help.SetEnabled(true)
	k.Quit.SetEnabled(true)
	k.People.SetEnabled(len(m.it.People) > 0)
	k.Search.SetEnabled(true)
	k.NextPerson.SetEnabled(len(m.it.People) > 0)
	k.PrevPerson.SetEnabled(len(m.it.People) > 0)
	k.AnyAll.SetEnabled(len(m.filter.People) > 1)
	if m.filter.AnyPerson {
		k.AnyAll.SetHelp("a", "all of them")
	} else {
		k.AnyAll.SetHelp("a", "any of them")
	}
	k.FilterPerson.SetEnabled(m.focus != focusTimeline)
	sel := m.tl.selected()
	hasParts := sel >= 0 && len(m.it.Events[sel].Participants) > 0
	inList := m.focus == focusTimeline
	k.PageUp.SetEnabled(m.focus != focusCard)
	k.PageDown.SetEnabled(m.focus != focusCard)
	k.Top.SetEnabled(m.focus != focusParticipants)
	k.Bottom.SetEnabled(m.focus != focusParticipants)
	k.Up.SetEnabled(sel >= 0)
	k.Down.SetEnabled(sel >= 0)
	k.DetailUp.SetEnabled(m.focus != focusCard && sel >= 0)
	k.DetailDown.SetEnabled(m.focus != focusCard && sel >= 0)
	k.Focus.SetEnabled(inList && hasParts)
	k.FocusBack.SetEnabled(!inList)
	// In the timeline enter does what tab does; the help says so once.
	k.Open.SetEnabled(!inList)
	if inList {
		k.Focus.SetKeys("tab", "enter")
		k.Focus.SetHelp("tab/enter", "participants")
	} else {
		k.Focus.SetKeys("tab")
		k.Focus.SetHelp("tab", "participants")
	}
	switch m.focus {
	case focusParticipants:
		k.Open.SetHelp("enter", "open card")
	case focusCard:
		k.Open.SetHelp("enter", "go to event")
	}
	filtered := !m.filter.Empty()
	k.Back.SetEnabled(!inList || m.showHelp || m.showAbout || filtered)
	switch {
	case m.showHelp:
		k.Back.SetHelp("esc", "close help")
	case m.showAbout:
		k.Back.SetHelp("esc", "close about")
	case inList && len(m.filter.People) > 0:
		k.Back.SetHelp("esc", "drop "+m.it.Name(m.filter.People[len(m.filter.People)-1], m.native))
	case inList && filtered:
		k.Back.SetHelp("esc", "clear search")
	default:
		k.Back.SetHelp("esc", "back")
	}
	if m.showHelp {
		k.Help.SetHelp("?", "close help")
	} else {
		k.Help.SetHelp("?", "more keys")
	}
}

// resize recomputes the layout and the panes' sizes.
func (m *Model) resize() {
	m.help.Width = m.width
	m.lay = computeLayout(m.width, m.height, lipgloss.Height(m.headerView()), 1)
	m.tl.setSize(m.lay.list.w, m.lay.list.h-1)
	m.det.setSize(m.lay.detail.w, m.lay.detail.h-1)
	m.card.setSize(m.lay.detail.w, m.lay.detail.h-1)
	m.picker.setSize(m.width, m.lay.body.h-2)
	m.search.input.Width = max(m.width-20, 1)
	m.rerender()
}

// View renders the whole screen.
func (m Model) View() string {
	if m.width == 0 {
		return ""
	}
	if m.lay.mode == tooSmall {
		msg := fmt.Sprintf("Terminal too small: %d×%d.\nvisitline needs at least %d×%d.\nq quits.", m.width, m.height, minWidth, minHeight)
		return lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, msg)
	}
	var body string
	switch {
	case m.showHelp:
		body = m.helpView()
	case m.showAbout:
		body = m.aboutView()
	case m.mode == modePicker:
		title := m.paneTitle("Filter by person · type to narrow", true, m.width)
		body = title + "\n" + fitBlock(m.picker.view(m.ctx(), m.filter.People), m.width, m.lay.body.h-1)
	default:
		body = m.bodyView()
	}
	if len(m.reloadErrors) > 0 {
		body = m.withErrorPanel(body)
	}
	return m.headerView() + "\n" + body + "\n" + m.footerView()
}

// withErrorPanel lays the errors of the last failed reload over the bottom
// of the body, at most a third of it.
func (m Model) withErrorPanel(body string) string {
	lines := strings.Split(body, "\n")
	room := max(len(lines)/3, 2)
	panel := []string{m.st.Error.Render(fit("✗ the file did not reload; showing the last good version. Fix it and save:", m.width))}
	for k, e := range m.reloadErrors {
		if len(panel) == room-1 && k < len(m.reloadErrors)-1 {
			panel = append(panel, fit(m.st.Error.Render(fmt.Sprintf("  … and %d more", len(m.reloadErrors)-k)), m.width))
			break
		}
		panel = append(panel, fit(m.st.Error.Render("  "+e), m.width))
	}
	panel = panel[:min(len(panel), room)]
	copy(lines[len(lines)-len(panel):], panel)
	return strings.Join(lines, "\n")
}

func (m Model) headerView() string {
	it := m.it
	title := m.st.Title.Render(it.Title)
	if it.Subtitle != "" {
		title += m.st.Subtitle.Render(" — " + it.Subtitle)
	}
	zone := "times: " + m.zoneName()
	now := m.clock()
	if first, last, ok := it.Span(); ok && !now.Before(first) && !now.After(last) {
		zone = m.st.Now.Render("now "+now.In(m.ctx().displayZone()).Format("15:04")) + m.st.Faint.Render(" · "+zone)
	}
	names := "names: Latin"
	if m.native {
		names = "names: 한글"
	}
	info := m.st.Faint.Render(strings.Join([]string{it.SpanLabel(m.zone), zone, fmt.Sprintf("%d events · %d people", len(it.Events), len(it.People)), names}, " · "))
	if !m.filter.Empty() {
		info = m.filterChips() + m.st.Faint.Render(" · "+strings.Join([]string{zone, names}, " · "))
	}
	return fit(title, m.width) + "\n" + fit(info, m.width)
}

// filterChips shows the active filter: a chip per person, the search, and
// how many events are left: "[Chey Tae-won] · 1 of 11 events".
func (m Model) filterChips() string {
	var chips []string
	for _, p := range m.filter.People {
		chips = append(chips, m.st.Selected.Render("["+m.it.Name(p, m.native)+"]"))
	}
	s := strings.Join(chips, " ")
	if len(m.filter.People) > 1 {
		if m.filter.AnyPerson {
			s += m.st.Faint.Render(" any of")
		} else {
			s += m.st.Faint.Render(" all of")
		}
	}
	if q := strings.TrimSpace(m.filter.Query.Text); q != "" {
		if s != "" {
			s += " "
		}
		s += m.st.Selected.Render("[/" + q + "]")
	}
	return s + m.st.Accent.Render(fmt.Sprintf(" · %d of %d events", len(m.visible), len(m.it.Events)))
}

func (m Model) footerView() string {
	if m.mode == modeSearch {
		count := m.st.Faint.Render(fmt.Sprintf(" · %d of %d · enter keep · esc clear", len(m.visible), len(m.it.Events)))
		return fit(m.search.input.View()+count, m.width)
	}
	if m.status != "" {
		return fit(m.st.Warning.Render(m.status), m.width)
	}
	return m.helpLine()
}

// helpLine renders the short help, reusing the last rendering while the
// enabled keys and the width are the same.
func (m Model) helpLine() string {
	var sig strings.Builder
	fmt.Fprint(&sig, m.width)
	for _, b := range m.keys.ShortHelp() {
		if b.Enabled() {
			sig.WriteString("|" + b.Help().Key + " " + b.Help().Desc)
		}
	}
	if m.chrome != nil && m.chrome.helpSig == sig.String() {
		return m.chrome.help
	}
	line := fit(m.help.ShortHelpView(m.keys.ShortHelp()), m.width)
	if m.chrome != nil {
		m.chrome.helpSig, m.chrome.help = sig.String(), line
	}
	return line
}

// chromeCache keeps the rendered help line between frames.
type chromeCache struct {
	helpSig, help string
}

// aboutView is the itinerary's own description: title, subtitle, span,
// summary and sources.
func (m Model) aboutView() string {
	it := m.it
	out := &textLines{width: m.width - 2}
	out.add(m.paneTitle("About this itinerary · esc closes", true, m.width))
	out.wrap(m.st.Title.Render(it.Title), 2)
	if it.Subtitle != "" {
		out.wrap(it.Subtitle, 2)
	}
	out.wrap(m.st.Faint.Render(fmt.Sprintf("%s · %s · %d events · %d people · %d organisations",
		it.SpanLabel(m.it.Zone), it.ZoneName(), len(it.Events), len(it.People), len(it.Orgs))), 2)
	if it.Summary != "" {
		out.add("")
		for _, para := range itinerary.Paragraphs(it.Summary) {
			out.wrap(para, 2)
		}
	}
	if len(it.Sources) > 0 {
		out.add("")
		out.add("  " + m.st.Heading.Render("Sources"))
		for _, src := range it.Sources {
			out.wrap(sourceLine(src), 4)
		}
	}
	return fitBlock(out.String(), m.width, m.lay.body.h)
}

func (m Model) helpView() string {
	h := m.help
	h.ShowAll = true
	return fitBlock("\n"+h.FullHelpView(m.keys.FullHelp()), m.width, m.lay.body.h)
}

// paneTitle renders a pane's title row; the focused pane's is marked.
func (m Model) paneTitle(title string, focused bool, width int) string {
	if focused {
		return fit("❯ "+m.st.PaneTitleFocused.Render(title), width)
	}
	return fit("  "+m.st.PaneTitle.Render(title), width)
}

func (m Model) listPane() string {
	title := fmt.Sprintf("Timeline · %d events", len(m.visible))
	if len(m.visible) != len(m.it.Events) {
		title = fmt.Sprintf("Timeline · %d of %d events", len(m.visible), len(m.it.Events))
	}
	head := m.paneTitle(title, m.focus == focusTimeline && m.mode == modeList, m.lay.list.w) + "\n"
	if len(m.visible) == 0 {
		return head + fitBlock(m.emptyMessage(), m.lay.list.w, m.lay.list.h-1)
	}
	return head + m.tl.view(m.ctx())
}

// emptyMessage says why the timeline is empty and how to get back.
func (m Model) emptyMessage() string {
	if len(m.it.Events) == 0 {
		return "\n  This itinerary has no events yet."
	}
	what := m.it.DescribeFilter(m.filter, m.native)
	hint := "esc clears"
	if n := len(m.filter.People); n > 1 {
		hint = "esc drops " + m.it.Name(m.filter.People[n-1], m.native)
		if !m.filter.AnyPerson {
			hint += " · a shows any of them"
		}
	}
	text := ansi.Wrap("No events "+what+" — "+hint, max(m.lay.list.w-4, 10), "")
	return "\n  " + m.st.Warning.Render(strings.ReplaceAll(text, "\n", "\n  "))
}

func (m Model) detailPane() string {
	w := m.lay.detail.w
	var title, content string
	switch m.focus {
	case focusCard:
		title = "Card · " + m.it.Name(m.card.person, m.native) + " · esc back"
		content = m.card.view()
	case focusParticipants:
		title = "Details · participants"
		content = m.det.view()
	default:
		title = "Details"
		content = m.det.view()
	}
	return m.paneTitle(title, m.focus != focusTimeline, w) + "\n" + content
}

func (m Model) bodyView() string {
	l := m.lay
	switch l.mode {
	case sideBySide:
		left := strings.Split(m.listPane(), "\n")
		right := strings.Split(m.detailPane(), "\n")
		// Both panes draw lines of exactly their width: no measuring here.
		sep := m.st.Separator.Render("│")
		lines := make([]string, l.body.h)
		for y := range lines {
			lines[y] = paneLine(left, y, l.list.w) + sep + paneLine(right, y, l.detail.w)
		}
		return strings.Join(lines, "\n")
	case stacked:
		return m.listPane() + "\n" + m.st.Separator.Render(strings.Repeat("─", l.body.w)) + "\n" + m.detailPane()
	}
	if m.focus == focusTimeline {
		return m.listPane()
	}
	return m.detailPane()
}

// paneLine is line y of a pane whose lines are already w cells wide.
func paneLine(lines []string, y, w int) string {
	if y < len(lines) {
		return lines[y]
	}
	return strings.Repeat(" ", w)
}

func lineAt(lines []string, y, w int) string {
	if y < len(lines) {
		return fit(lines[y], w)
	}
	return fit("", w)
}

// fitBlock makes content exactly h lines of exactly w cells.
func fitBlock(content string, w, h int) string {
	lines := strings.Split(content, "\n")
	out := make([]string, h)
	for y := range out {
		out[y] = lineAt(lines, y, w)
	}
	return strings.Join(out, "\n")
}
