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

	zone   *time.Location
	native bool
	clock  func() time.Time

	filter  itinerary.Filter
	visible []int // events the filter keeps, instant order

	focus    focus
	showHelp bool
	status   string // a one-off message for the footer

	tl   timeline
	det  detail
	card card
}

// New builds the model for cfg, rendering with r (nil: the default
// renderer, which detects the terminal's colours).
func New(cfg Config, r *lipgloss.Renderer) Model {
	if r == nil {
		r = lipgloss.DefaultRenderer()
	}
	m := Model{
		it:    cfg.Itinerary,
		cfg:   cfg,
		keys:  DefaultKeyMap(),
		st:    DefaultStyles(r),
		help:  help.New(),
		zone:  cfg.Zone,
		clock: time.Now,
		det:   newDetail(),
		card:  newCard(),
	}
	if m.zone == nil {
		m.zone = m.it.Zone
	}
	if !cfg.Now.IsZero() {
		frozen := cfg.Now
		m.clock = func() time.Time { return frozen }
	}
	m.orgStyle = m.st.orgStyles(m.it)
	m.help.Styles.ShortKey = m.st.Accent
	m.help.Styles.FullKey = m.st.Accent
	m.help.Styles.ShortDesc = m.st.Faint
	m.help.Styles.FullDesc = m.st.Faint
	m.filter.People = cfg.People
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
	m.tl.setRows(buildRows(m.it, m.visible, m.zone), want, m.it)
	m.showSelected()
}

func (m *Model) ctx() *renderCtx {
	return &renderCtx{it: m.it, st: &m.st, orgStyle: m.orgStyle, zone: m.zone, native: m.native, now: m.clock()}
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

// Init starts nothing: the first frame waits for the window size.
func (m Model) Init() tea.Cmd { return nil }

// Update dispatches messages.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.resize()
	case tea.KeyMsg:
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
	case key.Matches(msg, k.Names):
		m.native = !m.native
		m.rerender()
	case m.showHelp && key.Matches(msg, k.Back):
		m.showHelp = false
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

// rerender redraws the panes' content after a change of names or zone.
func (m *Model) rerender() {
	m.det.show(m.ctx(), m.tl.selected())
	if m.focus == focusCard {
		m.card.render(m.ctx())
	}
}

func (m *Model) handleMouse(msg tea.MouseMsg) {
	l := m.lay
	if l.mode == tooSmall || m.showHelp {
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
	k.Back.SetEnabled(!inList || m.showHelp)
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
	m.tl.width, m.tl.height = m.lay.list.w, max(m.lay.list.h-1, 1)
	m.tl.setSize(m.lay.list.w, m.lay.list.h-1)
	m.det.setSize(m.lay.detail.w, m.lay.detail.h-1)
	m.card.setSize(m.lay.detail.w, m.lay.detail.h-1)
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
	if m.showHelp {
		body = m.helpView()
	} else {
		body = m.bodyView()
	}
	return m.headerView() + "\n" + body + "\n" + m.footerView()
}

func (m Model) headerView() string {
	it := m.it
	title := m.st.Title.Render(it.Title)
	if it.Subtitle != "" {
		title += m.st.Subtitle.Render(" — " + it.Subtitle)
	}
	zone := itinerary.ZoneLabel(m.zone, m.clock())
	if first, _, ok := it.Span(); ok {
		zone = itinerary.ZoneLabel(m.zone, first)
	}
	names := "names: Latin"
	if m.native {
		names = "names: 한글"
	}
	info := []string{it.SpanLabel(m.zone), zone, fmt.Sprintf("%d events · %d people", len(it.Events), len(it.People)), names}
	return fit(title, m.width) + "\n" + fit(m.st.Faint.Render(strings.Join(info, " · ")), m.width)
}

func (m Model) footerView() string {
	if m.status != "" {
		return fit(m.st.Warning.Render(m.status), m.width)
	}
	return fit(m.help.ShortHelpView(m.keys.ShortHelp()), m.width)
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
	if len(m.visible) == 0 {
		title = "Timeline · no events"
	}
	return m.paneTitle(title, m.focus == focusTimeline, m.lay.list.w) + "\n" + m.tl.view(m.ctx())
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
	return m.paneTitle(title, m.focus != focusTimeline, w) + "\n" + fitBlock(content, w, m.lay.detail.h-1)
}

func (m Model) bodyView() string {
	l := m.lay
	switch l.mode {
	case sideBySide:
		left := strings.Split(m.listPane(), "\n")
		right := strings.Split(m.detailPane(), "\n")
		sep := m.st.Separator.Render("│")
		lines := make([]string, l.body.h)
		for y := range lines {
			lines[y] = lineAt(left, y, l.list.w) + sep + lineAt(right, y, l.detail.w)
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
