package tui

import (
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/visitline/visitline/agenda"
	"github.com/visitline/visitline/itinerary"
)

// Config is what the view starts with.
type Config struct {
	Itinerary *itinerary.Itinerary
	// Name is the name the itinerary was loaded under, for messages.
	Name string
	// Watch is the file to reload when it changes; "" for none. With
	// Changes set it is only the source's name in the reload's messages.
	Watch string
	// Changes, when not nil, signals that the source changed on disk: the
	// command's own watch of a folder or several files (internal/source).
	// Run then watches no file itself.
	Changes <-chan struct{}
	// Failures, when not nil, are the problems of the files of a folder or
	// several files that did not load in the source's last load (the others
	// did): the panel shows them at start and after each reload.
	Failures func() []string
	// Notice is a line the status shows when the view opens (a watch that
	// met its limit); "" for none.
	Notice string
	// Load reads the itinerary's source again (after a change of Watch, or
	// after e); nil when it cannot be read again. The view reads nothing
	// itself: the command's source package makes the loader.
	Load func() (*itinerary.Itinerary, error)
	// Progress, when not nil, is where Load reports how far it has got,
	// for the mark of a slow reload.
	Progress *LoadProgress
	// Stdin says that the itinerary came from standard input, for the
	// editor's messages.
	Stdin bool
	// Zone is the starting display zone; nil means the itinerary's.
	Zone *time.Location
	// File is the file the itinerary was loaded from, which e opens in an
	// editor; "" for standard input and the built-in itinerary.
	File string
	// Now freezes the clock when not zero (--now).
	Now time.Time
	// People is the starting person filter.
	People []int
	// Calendars is the starting calendar filter (--calendar), indexes
	// into the itinerary's Calendars.
	Calendars []int
	// Lanes starts in the lanes view (--view lanes).
	Lanes bool
	// View, when not "", is the view to start in: list, lanes, week or
	// month (--view, the config file's view:).
	View string
	// Keys rebinds actions of the key map by name (see ActionNames), from
	// the config file.
	Keys map[string][]string
	// Colors are the colours of the roles past, now, overlap, cancelled
	// and org (the organisations without a colour), from the config file.
	Colors map[string]string
	// Theme is "light" or "dark" to say the terminal's background, ""
	// to ask the terminal.
	Theme string
	// WeekStart is the first day of the week and month views' weeks; nil
	// for Monday.
	WeekStart *time.Weekday
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
	// NoBell rings no bell when a reminder shows (--no-bell).
	NoBell bool
	// Dates is the days to open on (--day, --from, --to); esc widens
	// them to all.
	Dates agenda.DateRange
	// LoadChanged, when not nil, is Load for a reload after a watched file
	// changed or an edit: a folder's subscribed URLs keep their copies.
	LoadChanged func() (*itinerary.Itinerary, error)
	// Refresh, when not zero, loads the source again this often (a
	// subscribed URL: --refresh).
	Refresh time.Duration
	// RefreshAtStart loads the source again as soon as the view opens:
	// it opened on a subscribed URL's cached copy.
	RefreshAtStart bool
	// Status says after each load whether the itinerary is the last good
	// copy of a subscribed URL that could not be fetched, fetched at asOf,
	// and why; nil for a source that is always what it says.
	Status func() (offline bool, asOf time.Time, why error)
	// URL is the subscribed calendar the itinerary came from, without its
	// password, when it came from one: read-only, which e says.
	URL string
	// Second is the second clock's zone (a second --tz), shown beside the
	// time of every timed row until key c hides it; nil for none.
	Second *time.Location

	// changes signals that the source changed on disk: Changes, or the
	// watch of Watch that RunLoading starts.
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
	keys     globalKeyMap // the root's own; each component has its own
	km       KeyMap       // the user's key map, which the root's keys reset to
	st       Styles
	orgStyle []lipgloss.Style
	calStyle []lipgloss.Style // of each calendar, when the itinerary gathers several
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
	failed       []string // the files of a gathered source that did not load, whose events are not shown
	errOffset    int      // first line of the panel shown (E scrolls)
	reload       reloadState

	filter  itinerary.Filter
	visible []int // events the filter keeps, instant order

	focus     focus
	mode      mode
	showHelp  bool
	showAbout bool
	page      pages  // the help or about page
	status    string // a one-off message for the footer

	helpLine string        // the footer's key help, rendered when the keys or the width change
	helpSig  string        // the keys and width helpLine was rendered for
	span     spanLabel     // the header's days, for the itinerary and zone it was made for
	recent   recentResults // results of recent searches, never changed in place

	tl     timeline
	view   viewMode
	ln     lanesView
	wk     weekView
	mo     monthView
	det    detail
	card   card
	picker picker
	search searchBar
	rem    reminderLine
	fresh  freshness // a subscribed URL's copy: offline, as of when
	// hideSecond hides the second clock (key c).
	hideSecond bool
	// dates is the days the view opened on (--day, --from, --to) until
	// esc widens them to all.
	dates agenda.DateRange
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
	if cfg.Theme != "" {
		r.SetHasDarkBackground(cfg.Theme == "dark")
	}
	km := DefaultKeyMap()
	km.Rebind(cfg.Keys)
	weekStart := time.Monday
	if cfg.WeekStart != nil {
		weekStart = *cfg.WeekStart
	}
	m := Model{
		it:     cfg.Itinerary,
		cfg:    cfg,
		keys:   newGlobalKeyMap(km),
		km:     km,
		st:     DefaultStyles(r),
		help:   help.New(),
		zone:   cfg.Zone,
		clock:  time.Now,
		tl:     timeline{keys: newTimelineKeyMap(km)},
		det:    newDetail(km),
		card:   newCard(km),
		page:   newPages(km),
		picker: newPicker(km),
		search: newSearchBar(km),
		ln:     newLanesView(km),
		rem:    newReminderLine(km, cfg.NoBell),
		dates:  cfg.Dates,
		wk:     newWeekView(km, weekStart),
		mo:     newMonthView(km, weekStart),
	}
	if m.zone == nil && !cfg.Venue {
		m.zone = m.it.DisplayZone(cfg.Floating)
	}
	m.takeStatus()
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
	m.st.applyColors(cfg.Colors)
	m.orgStyle = m.st.orgStyles(m.it)
	m.calStyle = m.st.calendarStyles(m.it)
	if c := cfg.Colors["org"]; c != "" {
		m.orgFallback(c)
	}
	m.words = wordsOf(m.it)
	m.help.Styles.ShortKey = m.st.Accent
	m.help.Styles.FullKey = m.st.Accent
	m.help.Styles.ShortDesc = m.st.Faint
	m.help.Styles.FullDesc = m.st.Faint
	m.filter.People = append([]int(nil), cfg.People...)
	m.filter.Calendars = append([]int(nil), cfg.Calendars...)
	if cfg.Lanes {
		m.view = viewLanes
	}
	if v, ok := viewByName(cfg.View); ok {
		m.view = v
	}
	m.refilter(m.startEvent())
	if cfg.Card && len(cfg.People) > 0 {
		m.setFocus(focusCard)
		m.card.open(m.ctx(), cfg.People[0], m.tl.selected())
	}
	m.rem.check(m.it, m.visible, m.clock()) // no bell before the view is up
	if cfg.Failures != nil {
		m.failed = cfg.Failures()
	}
	if cfg.Notice != "" {
		m.status = "⚠ " + itinerary.CleanLine(cfg.Notice)
	}
	m.settle()
	return m
}

// startEvent is the event selected at start: the current or next timed
// one when now falls inside the itinerary (see itinerary.NowEvent), else
// the first.
func (m *Model) startEvent() int {
	first, last, ok := m.it.Span()
	now := m.clock()
	if !ok || now.Before(first) || now.After(last) {
		return -1
	}
	return m.it.NowEvent(m.selectEvents(), now)
}

// refilter lays out the events of the filter and their rows again,
// keeping event want selected (or the nearest in time).
func (m *Model) refilter(want int) { m.layRows(want, agenda.Options{}) }

// relayRows lays the timeline's rows out again for the same filter and
// events.
func (m *Model) relayRows(want int) { m.layRows(want, agenda.Options{Shown: m.visible}) }

// layRows lays the rows of the filter out, its events chosen as events
// says (see agenda.Options.Within and Shown).
func (m *Model) layRows(want int, events agenda.Options) {
	rows := agenda.New(m.it, agenda.Options{Filter: m.filter, Within: events.Within, Shown: events.Shown,
		Dates: m.dates, Zone: m.zone, Now: m.clock(), FreeTime: m.gaps})
	m.visible = rows.Shown()
	m.tl.setRows(rows, want)
	if m.view == viewLanes {
		m.ln.build(m.tl.rows)
	}
	m.showSelected()
}

func (m *Model) ctx() *renderCtx {
	return &renderCtx{it: m.it, rows: m.tl.rows, st: &m.st, orgStyle: m.orgStyle, calStyle: m.calStyle, zone: m.zone, native: m.native,
		words: m.filter.Query.Words, cancelHint: hint(m.picker.keys.Cancel), second: m.secondZone()}
}

// selectEvents is the events the filter keeps on the days of --day,
// --from and --to (all days once esc widened them).
func (m *Model) selectEvents() []int {
	return m.dates.Keep(m.it, m.it.Select(m.filter), m.zone)
}

// secondZone is the second clock's zone while it is shown, else nil.
func (m *Model) secondZone() *time.Location {
	if m.hideSecond {
		return nil
	}
	return m.cfg.Second
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
	m.syncCalendar()
}

// settle brings what is derived from the state up to date, once at the
// end of every Update: the keys that do something, the footer's help and
// the timeline's lines on screen.
func (m *Model) settle() {
	if m.span.it != m.it || m.span.zone != m.zone {
		m.span = spanLabel{it: m.it, zone: m.zone, label: agenda.SpanLabel(m.it, m.zone)}
	}
	m.updateKeys()
	keys := m.activeKeys()
	var sig strings.Builder
	sig.WriteString(strconv.Itoa(m.width))
	if m.pageOpen() {
		sig.WriteString("|page")
	}
	for _, b := range append(keys.ShortHelp(), keys.Help, keys.About, keys.Quit, keys.Close) {
		if b.Enabled() {
			sig.WriteString("|" + hint(b))
		}
	}
	if sig.String() != m.helpSig {
		m.helpSig, m.helpLine = sig.String(), m.shortHelp(keys)
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
	if cmd := m.refreshTick(); cmd != nil {
		cmds = append(cmds, cmd)
	}
	if m.cfg.RefreshAtStart && m.cfg.Load != nil {
		cmds = append(cmds, func() tea.Msg { return refreshNowMsg{} })
	}
	return tea.Batch(cmds...)
}

// warmSearch makes a reloaded itinerary's search texts in the background,
// which it makes only when first asked for, so that the next search typed
// does not wait for them (the command warms the first load's).
func warmSearch(it *itinerary.Itinerary) tea.Cmd {
	if it == nil {
		return nil
	}
	return func() tea.Msg {
		it.WarmSearch()
		return nil
	}
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
		// The rows are laid out again only when the minute crossed a start,
		// an end or midnight; else the layout is kept, with the clock moved.
		if m.tl.rows == nil {
			m.relayRows(m.tl.wanted())
		} else {
			m.tl.setRows(m.tl.rows.At(m.clock()), m.tl.wanted())
			m.showSelected()
		}
		return m, tea.Batch(tick(time.Time(msg)), m.rem.check(m.it, m.visible, m.clock()))
	case fileChangedMsg:
		return m, tea.Batch(m.reload.changed(m.sourceName(), m.cfg.loadChanged(), false), waitForChange(m.cfg.changes))
	case reloadedMsg:
		fresh, next := m.reload.finished(msg)
		if !fresh {
			return m, next // the file changed again since: its content is stale
		}
		m.status, m.errOffset = "", 0 // the panel replaces the last status
		m.takeStatus()
		m.reloaded(msg)
		m.renderPage()
		return m, warmSearch(m.it)
	case refreshMsg:
		return m, tea.Batch(m.refresh(), m.refreshTick())
	case refreshNowMsg:
		return m, m.refresh()
	case editorDoneMsg:
		cmd := m.edited(msg)
		return m, cmd
	case editorLoadedMsg:
		m, cmd := m.update(msg.reloadedMsg)
		if msg.err == nil && m.reload.landed == msg.gen {
			m.status = "reloaded " + itinerary.QuoteName(msg.file) + " after editing"
		}
		return m, cmd
	case slowReloadMsg:
		m.reload.slowed(msg.gen)
		return m, m.reloadProgress(msg.gen)
	case reloadTickMsg:
		return m, m.reloadProgress(msg.gen)
	case ItineraryMsg:
		m.status, m.errOffset = "", 0
		m.reloaded(msg.reloaded(&m.reload, m.cfg.Watch))
		m.renderPage()
	}
	return m, nil
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

// resize recomputes the layout and the panes' sizes.
func (m *Model) resize() {
	m.help.Width = m.width
	m.lay = computeLayout(m.width, m.height, lipgloss.Height(m.headerView()), 1)
	m.tl.setSize(m.lay.list.w, m.lay.list.h-1)
	m.ln.setSize(m.lay.list.w, m.lay.list.h-1)
	m.wk.setSize(m.lay.list.w, m.lay.list.h-1)
	m.mo.setSize(m.lay.list.w, m.lay.list.h-1)
	m.det.setSize(m.lay.detail.w, m.lay.detail.h-1)
	m.card.setSize(m.lay.detail.w, m.lay.detail.h-1)
	m.picker.setSize(m.width, m.lay.body.h-2)
	m.search.input.Width = max(m.width-20, 1)
	m.rerender()
	m.renderPage()
}
