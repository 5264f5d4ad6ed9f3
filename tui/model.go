package tui

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/visitline/visitline/agenda"
	"github.com/visitline/visitline/itinerary"
)

// Config is what the view starts with.
type Config struct {
	Itinerary *itinerary.Itinerary
	// Name is the name the itinerary was loaded under ("<stdin>" for
	// standard input), for the editor's messages.
	Name string
	// Watch is the file to reload when it changes; "" for none.
	Watch string
	// Zone is the starting display zone; nil means the itinerary's.
	Zone *time.Location
	// File is the file the itinerary was loaded from, which e opens in an
	// editor; "" for standard input and the built-in itinerary.
	File string
	// Now freezes the clock when not zero (--now).
	Now time.Time
	// People is the starting person filter.
	People []int
	// Lanes starts in the lanes view (--view lanes).
	Lanes bool
	// Calendar says that standard input was an iCalendar file, for the
	// editor's messages.
	Calendar bool
	// Venue starts in each venue's own zone (--tz venue), Zone being nil.
	Venue bool
	// Floating is the zone floating times are read in when the file is
	// loaded again (--tz); nil for this machine's, as the loader reads them.
	Floating *time.Location
	// ReadOnly refuses e with "read-only over SSH" (visitline serve):
	// nothing the view does writes a file.
	ReadOnly bool
	// Card opens the view on the card of the first of People.
	Card bool

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
	words  fileWords // what the itinerary's names hold
	clock  func() time.Time
	frozen bool
	gaps   bool

	reloadErrors []string // why the last save did not load; the view keeps the last good itinerary
	errOffset    int      // first line of the panel shown (E scrolls)
	reload       reloadState

	filter  itinerary.Filter
	visible []int // events the filter keeps, instant order

	focus     focus
	mode      mode
	showHelp  bool
	showAbout bool
	page      scrollPane // the help or about page
	status    string     // a one-off message for the footer

	helpLine string        // the footer's key help, rendered when the keys or the width change
	helpSig  string        // the keys and width helpLine was rendered for
	span     spanLabel     // the header's days, for the itinerary and zone it was made for
	recent   recentResults // results of recent searches, never changed in place

	tl     timeline
	view   viewMode
	ln     lanesView
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
		page:   newScrollPane(),
		picker: newPicker(),
		search: newSearchBar(),
		ln:     newLanesView(),
	}
	if m.zone == nil && !cfg.Venue {
		m.zone = m.it.Zone
	}
	from, to, ok := m.it.Span()
	if now := m.clock(); !ok {
		from, to = now, now
	}
	m.zones = zoneCycle(m.zone, m.it.Zone, time.Local, from, to)
	if !cfg.Now.IsZero() {
		frozen := cfg.Now
		m.clock = func() time.Time { return frozen }
		m.frozen = true
	}
	m.orgStyle = m.st.orgStyles(m.it)
	m.words = wordsOf(m.it)
	m.help.Styles.ShortKey = m.st.Accent
	m.help.Styles.FullKey = m.st.Accent
	m.help.Styles.ShortDesc = m.st.Faint
	m.help.Styles.FullDesc = m.st.Faint
	m.filter.People = append([]int(nil), cfg.People...)
	if cfg.Lanes {
		m.view = viewLanes
	}
	m.refilter(m.startEvent())
	if cfg.Card && len(cfg.People) > 0 {
		m.setFocus(focusCard)
		m.card.open(m.ctx(), cfg.People[0], m.tl.selected())
	}
	m.settle()
	return m
}

// startEvent is the event selected at start: the current or next timed
// one when now falls inside the itinerary (see itinerary.NowEvent), else
// the first.
func (m *Model) startEvent() int {
	events := m.it.Select(m.filter)
	first, last, ok := m.it.Span()
	now := m.clock()
	if !ok || now.Before(first) || now.After(last) {
		return -1
	}
	return m.it.NowEvent(events, now)
}

// refilter recomputes the visible events and rows, keeping event want
// selected (or the nearest in time).
func (m *Model) refilter(want int) {
	m.visible = m.it.Select(m.filter)
	m.relayRows(want)
}

// relayRows lays the timeline's rows out again from m.visible.
func (m *Model) relayRows(want int) {
	m.tl.setRows(agenda.New(m.it, m.visible, agenda.Options{Zone: m.zone, Now: m.clock(), FreeTime: m.gaps}), want)
	if m.view == viewLanes {
		m.ln.build(m.it, m.visible, m.filter.People)
	}
	m.showSelected()
}

func (m *Model) ctx() *renderCtx {
	return &renderCtx{it: m.it, rows: m.tl.rows, st: &m.st, orgStyle: m.orgStyle, zone: m.zone, native: m.native,
		words: m.filter.Query.Words, cancelHint: hint(m.keys.Cancel)}
}

// spanLabel is the header's days and length; making it walks every
// event, so it is made again only when the itinerary or the zone changes.
type spanLabel struct {
	it    *itinerary.Itinerary
	zone  *time.Location
	label string
}

// setFocus is the one place the focus changes. Leaving the participants
// drops the focused participant.
func (m *Model) setFocus(f focus) {
	m.focus = f
	if f == focusTimeline {
		m.det.part = -1
	}
}

// showSelected renders the selected event into the detail pane.
func (m *Model) showSelected() {
	if m.det.event != m.tl.selected() && m.focus == focusParticipants {
		m.setFocus(focusTimeline)
	}
	if m.det.event != m.tl.selected() {
		m.det.part = -1
	}
	m.det.show(m.ctx(), m.tl.selected())
	if m.view == viewLanes {
		m.ln.follow(m.ctx(), m.tl.selected())
	}
}

// settle brings what is derived from the state up to date, once at the
// end of every Update: the keys that do something, the footer's help and
// the timeline's lines on screen.
func (m *Model) settle() {
	if m.span.it != m.it || m.span.zone != m.zone {
		m.span = spanLabel{it: m.it, zone: m.zone, label: agenda.SpanLabel(m.it, m.zone)}
	}
	m.updateKeys()
	var sig strings.Builder
	sig.WriteString(strconv.Itoa(m.width))
	if m.pageOpen() {
		sig.WriteString("|page")
	}
	for _, b := range append(m.keys.ShortHelp(), m.keys.Help, m.keys.About, m.keys.Quit, m.keys.Close) {
		if b.Enabled() {
			sig.WriteString("|" + hint(b))
		}
	}
	if sig.String() != m.helpSig {
		m.helpSig, m.helpLine = sig.String(), m.shortHelp()
	}
	m.tl.render(m.ctx())
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

// Update dispatches messages, then settles what is derived from the state.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m, cmd := m.update(msg)
	m.settle()
	return m, cmd
}

func (m Model) update(msg tea.Msg) (Model, tea.Cmd) {
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
		m.relayRows(m.tl.wanted())
		return m, tick(time.Time(msg))
	case fileChangedMsg:
		return m, tea.Batch(m.reload.changed(m.cfg.Watch), waitForChange(m.cfg.changes))
	case reloadedMsg:
		fresh, next := m.reload.finished(msg)
		if !fresh {
			return m, next // the file changed again since: its content is stale
		}
		m.status, m.errOffset = "", 0 // the panel replaces the last status
		m.reloaded(msg)
		m.renderPage()
	case editorDoneMsg:
		cmd := m.edited(msg)
		return m, cmd
	case editorLoadedMsg:
		m, cmd := m.update(msg.reloadedMsg)
		if msg.err == nil && m.reload.landed == msg.gen {
			m.status = "reloaded " + itinerary.QuoteName(m.cfg.File) + " after editing"
		}
		return m, cmd
	case slowReloadMsg:
		m.reload.slowed(msg.gen)
	case ItineraryMsg:
		m.status, m.errOffset = "", 0
		m.reloaded(msg.reloaded(&m.reload, m.cfg.Watch))
		m.renderPage()
	}
	return m, nil
}

func (m Model) handleKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	k := m.keys
	m.status = ""
	if m.pageOpen() {
		return m.pageKey(msg)
	}
	switch {
	case key.Matches(msg, k.Quit):
		return m, tea.Quit
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
		cmd := m.edit()
		return m, cmd
	case m.cfg.File == "" && slices.Contains(k.Edit.Keys(), msg.String()):
		m.status = m.noFileToEdit()
	case key.Matches(msg, k.MoreErrors):
		m.scrollErrors()
	case key.Matches(msg, k.People):
		m.mode = modePicker
		cmd := m.picker.open(m.it, m.words)
		return m, cmd
	case key.Matches(msg, k.Search):
		m.mode = modeSearch
		m.search.from = m.tl.wanted()
		m.setFocus(focusTimeline)
		cmd := m.search.input.Focus()
		m.search.input.CursorEnd()
		return m, cmd
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
	case key.Matches(msg, k.AnyAll):
		m.filter.AnyPerson = !m.filter.AnyPerson
		m.refilter(m.tl.wanted())
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
	return m, nil
}

func (m *Model) timelineKey(msg tea.KeyMsg) {
	if m.view == viewLanes && m.lanesKey(msg) {
		return
	}
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
		m.tl.move(-m.tl.events())
	case key.Matches(msg, k.Bottom):
		m.tl.move(m.tl.events())
	case key.Matches(msg, k.DetailUp):
		m.det.vp.ScrollUp(3)
		return
	case key.Matches(msg, k.DetailDown):
		m.det.vp.ScrollDown(3)
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
	m.setFocus(focusParticipants)
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
		m.det.vp.HalfPageUp()
		return
	case key.Matches(msg, k.PageDown, k.DetailDown):
		m.det.vp.HalfPageDown()
		return
	case key.Matches(msg, k.Open):
		m.setFocus(focusCard)
		m.card.open(m.ctx(), m.it.Events[i].Participants[m.det.part], i)
		return
	case key.Matches(msg, k.FilterPerson):
		m.filterTo(m.it.Events[i].Participants[m.det.part])
		return
	case key.Matches(msg, k.Back, k.FocusBack, k.Focus):
		m.setFocus(focusTimeline)
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
		m.setFocus(focusParticipants)
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
	m.setFocus(focusTimeline)
	m.showSelected()
}

// rerender redraws the panes' content after a change of names or zone.
func (m *Model) rerender() {
	m.det.show(m.ctx(), m.tl.selected())
	if m.focus == focusCard {
		m.card.render(m.ctx())
	}
	if m.view == viewLanes {
		m.ln.reveal(m.ctx())
	}
}

func (m *Model) handleMouse(msg tea.MouseMsg) {
	l := m.lay
	if l.mode == tooSmall {
		return
	}
	if m.pageOpen() {
		switch msg.Button {
		case tea.MouseButtonWheelUp:
			m.page.vp.ScrollUp(3)
		case tea.MouseButtonWheelDown:
			m.page.vp.ScrollDown(3)
		}
		return
	}
	inList := m.paneShown(focusTimeline) && msg.X >= l.list.x && msg.X < l.list.x+l.list.w && msg.Y >= l.list.y && msg.Y < l.list.y+l.list.h
	if m.view == viewLanes && inList {
		m.lanesMouse(msg)
		return
	}
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
			m.det.vp.ScrollUp(-n)
		} else {
			m.det.vp.ScrollDown(n)
		}
	case tea.MouseButtonLeft:
		if msg.Action != tea.MouseActionPress || !inList {
			return
		}
		if i, ok := m.tl.eventAt(msg.Y - l.list.y - 1); ok {
			m.tl.selectEvent(i)
			m.setFocus(focusTimeline)
			m.showSelected()
		}
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

// resize recomputes the layout and the panes' sizes.
func (m *Model) resize() {
	m.help.Width = m.width
	m.lay = computeLayout(m.width, m.height, lipgloss.Height(m.headerView()), 1)
	m.tl.setSize(m.lay.list.w, m.lay.list.h-1)
	m.ln.setSize(m.lay.list.w, m.lay.list.h-1)
	m.det.setSize(m.lay.detail.w, m.lay.detail.h-1)
	m.card.setSize(m.lay.detail.w, m.lay.detail.h-1)
	m.picker.setSize(m.width, m.lay.body.h-2)
	m.search.input.Width = max(m.width-20, 1)
	m.rerender()
	m.renderPage()
}
