package tui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
)

// KeyMap is every key the interactive view handles, each declared once with
// its help text: the reference that --help and the ? page list (see
// reference). Each component takes its own bindings from it into a small
// key map of its own (timelineKeyMap, lanesKeyMap, detailKeyMap, ...), in
// its own words, and enables those that do something in its state, as the
// root does its own (globalKeyMap); the footer is the ShortHelp of the key
// maps in effect (Model.activeKeys), so it never lists a key that does
// nothing.
type KeyMap struct {
	Up, Down             key.Binding
	PageUp, PageDown     key.Binding
	Top, Bottom          key.Binding
	DetailUp, DetailDown key.Binding
	Focus, FocusBack     key.Binding
	Open                 key.Binding
	Back                 key.Binding
	Names                key.Binding
	Zone                 key.Binding
	Now                  key.Binding
	Gaps                 key.Binding
	Edit                 key.Binding
	MoreErrors           key.Binding
	Refresh              key.Binding // fetches a subscribed URL again now

	View, Group     key.Binding
	Left, Right     key.Binding
	ZoomIn, ZoomOut key.Binding
	// PrevPeriod and NextPeriod move the week or the month view by a
	// week or a month ([ and ] filter by person).
	PrevPeriod, NextPeriod key.Binding

	People             key.Binding
	Search             key.Binding
	NextPerson         key.Binding
	PrevPerson         key.Binding
	AnyAll             key.Binding
	FilterPerson       key.Binding
	Calendar           key.Binding // filters by calendar, one at a time
	InputUp, InputDown key.Binding
	Accept, Cancel     key.Binding

	Dismiss     key.Binding // hides the reminder on the status line
	SecondClock key.Binding // shows or hides the second --tz clock

	About key.Binding
	Help  key.Binding
	Close key.Binding // closes the help or about page
	Quit  key.Binding
}

// DefaultKeyMap returns the keys of the view.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:         key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:       key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:     key.NewBinding(key.WithKeys("pgup", "ctrl+u"), key.WithHelp("pgup", "page up")),
		PageDown:   key.NewBinding(key.WithKeys("pgdown", "ctrl+d"), key.WithHelp("pgdn", "page down")),
		Top:        key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g/home", "first")),
		Bottom:     key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G/end", "last")),
		DetailUp:   key.NewBinding(key.WithKeys("K"), key.WithHelp("K", "scroll details up")),
		DetailDown: key.NewBinding(key.WithKeys("J"), key.WithHelp("J", "scroll details down")),
		Focus:      key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "participants")),
		FocusBack:  key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "timeline")),
		Open:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Back:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Names:      key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "한글/Latin names")),

		Zone:         key.NewBinding(key.WithKeys("z"), key.WithHelp("z", "next time zone")),
		Now:          key.NewBinding(key.WithKeys("."), key.WithHelp(".", "jump to now")),
		Gaps:         key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "show free time")),
		Edit:         key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit")),
		MoreErrors:   key.NewBinding(key.WithKeys("E"), key.WithHelp("E", "more errors")),
		Refresh:      key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refresh")),
		View:         key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "lanes")),
		Group:        key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "group by track")),
		Left:         key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "earlier")),
		Right:        key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "later")),
		ZoomIn:       key.NewBinding(key.WithKeys("+", "="), key.WithHelp("+", "zoom in")),
		ZoomOut:      key.NewBinding(key.WithKeys("-"), key.WithHelp("-", "zoom out")),
		PrevPeriod:   key.NewBinding(key.WithKeys("<", ","), key.WithHelp("<", "earlier")),
		NextPeriod:   key.NewBinding(key.WithKeys(">"), key.WithHelp(">", "later")),
		People:       key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "filter by person")),
		Search:       key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search")),
		NextPerson:   key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "next person")),
		PrevPerson:   key.NewBinding(key.WithKeys("["), key.WithHelp("[", "previous person")),
		AnyAll:       key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "all of / any of")),
		FilterPerson: key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "filter to this person")),
		Calendar:     key.NewBinding(key.WithKeys("C"), key.WithHelp("C", "next calendar")),
		InputUp:      key.NewBinding(key.WithKeys("up", "ctrl+p"), key.WithHelp("↑", "up")),
		InputDown:    key.NewBinding(key.WithKeys("down", "ctrl+n"), key.WithHelp("↓", "down")),
		Accept:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "done")),
		Cancel:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		Dismiss:      key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "dismiss reminder")),
		SecondClock:  key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "second clock")),
		About:        key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "about")),
		Help:         key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "more keys")),
		Close:        key.NewBinding(key.WithKeys("esc", "q"), key.WithHelp("esc/q", "close")),
		Quit:         key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
	}
}

// ShortHelp is the one-line help of the footer, in its order.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.InputDown, k.InputUp, k.Accept, k.Cancel,
		k.Down, k.Up, k.Focus, k.Open, k.FilterPerson, k.Back, k.People, k.Search, k.Calendar, k.Help, k.Quit,
		k.Left, k.Right, k.View, k.PageDown, k.PageUp, k.Group, k.ZoomIn, k.ZoomOut, k.PrevPeriod, k.NextPeriod,
		k.Close, k.Zone, k.Now, k.AnyAll, k.FocusBack, k.Edit, k.MoreErrors, k.Refresh, k.Names, k.Gaps, k.Dismiss, k.SecondClock}
}

// keyDoc is a binding with its long help: what it does, said more fully
// than the footer has room for, for --help and the ? page ("" when the
// footer's words say it all).
type keyDoc struct {
	key.Binding
	long string
}

// reference is every binding of the list view with its long help, in the
// columns of the ? page (see helpGroups).
func (k KeyMap) reference() [][]keyDoc {
	return [][]keyDoc{
		{
			{k.Up, "previous event (in a list: previous item)"},
			{k.Down, "next event (in a list: next item)"},
			{k.PageUp, "page up (in the lanes: the screenful of lanes above)"},
			{k.PageDown, "page down (in the lanes: the screenful of lanes below)"},
			{k.Top, ""},
			{k.Bottom, ""},
		},
		{
			{k.Focus, "move the focus into the selected event's participants"},
			{k.FocusBack, "move the focus back to the timeline"},
			{k.Open, "open: a participant's card, or the card's event in the timeline"},
			{k.Back, "back (card, participants, timeline); in the timeline, drop the last filter"},
			{k.DetailUp, ""},
			{k.DetailDown, ""},
		},
		{
			{k.People, "people picker: type a name, 한글, organisation or role"},
			{k.Search, "search as you type: words, @person, !exclude"},
			{k.NextPerson, "filter to the next person, one at a time"},
			{k.PrevPerson, "filter to the previous person"},
			{k.AnyAll, "with several people: events with all of them, or any"},
			{k.FilterPerson, ""},
			{k.Calendar, "with several calendars: only the first, the next, ..., then all of them again"},
		},
		{
			{k.View, "switch the view: list, lanes (a time axis, a lane per person or group), week, month, in turn"},
			{k.Group, "lanes: group by person, track, city or (with several calendars) calendar, in turn"},
			{k.Left, "lanes: the previous event in the lane"},
			{k.Right, "lanes: the next event in the lane"},
			{k.ZoomIn, "lanes: less time a column (down to 15 min)"},
			{k.ZoomOut, "lanes: more time a column (up to a day)"},
			{k.PrevPeriod, "week and month: the week or month before (h/l: a day; j/k: week: the event before/after in the day, month: a week)"},
			{k.NextPeriod, "week and month: the week or month after (month: enter opens the list on the day)"},
		},
		{
			{k.Zone, "times in the itinerary's zone, each venue's, this machine's, UTC"},
			{k.Now, "select the current event, else the next"},
			{k.Gaps, "list: show or hide free time between events"},
			{k.SecondClock, "with --tz given twice: show or hide the second zone's clock beside the times"},
			{k.Names, "names in their own script (경계현) or romanised (Kyung Kye-hyun)"},
			{k.Edit, "open the file in $VISUAL or $EDITOR at the selected event's line (not the built-in itinerary or standard input: they have no file)"},
			{k.MoreErrors, "scroll the panel of reload errors"},
			{k.Refresh, "fetch a subscribed calendar (a URL) again now, or read the file again"},
			{k.Dismiss, "hide the reminder on the status line (it goes by itself when the event starts)"},
			{k.About, "about this itinerary: summary and sources"},
			{k.Help, "all keys"},
			{k.Close, "close this page (help or about)"},
			{k.Quit, ""},
		},
	}
}

// FullHelp is the help shown by "?", in columns.
func (k KeyMap) FullHelp() [][]key.Binding {
	var cols [][]key.Binding
	for _, col := range k.reference() {
		bs := make([]key.Binding, len(col))
		for i, d := range col {
			bs[i] = d.Binding
		}
		cols = append(cols, bs)
	}
	return cols
}

// helpGroups names the columns of FullHelp, for the ? page.
var helpGroups = []string{"Move", "Focus", "Filter and search", "Lanes, week, month", "View"}

// all lists every binding of the list view once, for --help; the keys of
// the text fields come after, from inputKeys.
func (k KeyMap) all() []keyDoc {
	var out []keyDoc
	for _, col := range k.reference() {
		out = append(out, col...)
	}
	return out
}

// inputKeys are the keys of the people picker and the search field.
func (k KeyMap) inputKeys() []keyDoc {
	return []keyDoc{
		{k.InputUp, "previous person (picker)"},
		{k.InputDown, "next person (picker)"},
		{k.Accept, "add or remove the highlighted person / keep the search"},
		{k.Cancel, "close the picker / clear the search"},
	}
}

// keyRow is one line of the key reference: the keys as a user types them
// and what they do.
type keyRow struct{ keys, desc string }

// longHelp is what a binding does in the key reference: its long help, or
// its footer's words when they say it all.
func longHelp(d keyDoc) string {
	if d.long != "" {
		return d.long
	}
	return d.Help().Desc
}

// referenceRows lists bindings with their keys spelled out and what they
// do as describe says it, for --help and the ? page.
func referenceRows(docs []keyDoc, describe func(keyDoc) string) []keyRow {
	rows := make([]keyRow, 0, len(docs))
	for _, d := range docs {
		names := make([]string, len(d.Keys()))
		for i, k := range d.Keys() {
			names[i] = keyName(k)
		}
		rows = append(rows, keyRow{strings.Join(names, ", "), describe(d)})
	}
	return rows
}

// inputRows are the keys of the text fields with what they do.
func inputRows() []keyRow {
	return append(referenceRows(DefaultKeyMap().inputKeys(), longHelp), keyRow{otherKeys, "type into the field"})
}

// otherKeys stands for the keys a text field takes as typed text.
const otherKeys = "other keys"

// mouseRow says what the mouse does.
var mouseRow = keyRow{"mouse", "wheel scrolls, a click selects a row"}

// HelpText describes the keys of the interactive view for --help, from the
// same key map as the in-app help.
func HelpText() string {
	var b strings.Builder
	b.WriteString("Keys of the interactive view:\n")
	for _, r := range append(referenceRows(DefaultKeyMap().all(), longHelp), mouseRow) {
		fmt.Fprintf(&b, "  %-22s %s\n", r.keys, r.desc)
	}
	b.WriteString("In the people picker (p) and the search field (/):\n")
	for _, r := range inputRows() {
		fmt.Fprintf(&b, "  %-22s %s\n", r.keys, r.desc)
	}
	return b.String()
}

// keyName spells a key as a user types it.
func keyName(k string) string {
	switch k {
	case "pgup":
		return "PgUp"
	case "pgdown":
		return "PgDn"
	case "home":
		return "Home"
	case "end":
		return "End"
	case "esc":
		return "Esc"
	case "enter":
		return "Enter"
	case "tab":
		return "Tab"
	case "shift+tab":
		return "Shift+Tab"
	case "up":
		return "↑"
	case "down":
		return "↓"
	case "left":
		return "←"
	case "right":
		return "→"
	}
	return k
}

// globalKeyMap is the root's own keys: those that work whatever has the
// focus (the filter, the zone, the view, the pages, quitting) and those
// that move the focus. The focused component has the others (see
// Model.activeKeys).
type globalKeyMap struct {
	Focus, FocusBack key.Binding
	Back             key.Binding // in the timeline it drops the last filter
	Names            key.Binding
	Zone             key.Binding
	Now              key.Binding
	Gaps             key.Binding
	Edit             key.Binding
	MoreErrors       key.Binding
	Refresh          key.Binding
	View, Group      key.Binding
	People           key.Binding
	Search           key.Binding
	NextPerson       key.Binding
	PrevPerson       key.Binding
	AnyAll           key.Binding
	Calendar         key.Binding
	SecondClock      key.Binding
	About            key.Binding
	Help             key.Binding
	Quit             key.Binding
}

func newGlobalKeyMap(k KeyMap) globalKeyMap {
	return globalKeyMap{Focus: k.Focus, FocusBack: k.FocusBack, Back: k.Back, Names: k.Names, Zone: k.Zone, Now: k.Now,
		Gaps: k.Gaps, Edit: k.Edit, MoreErrors: k.MoreErrors, View: k.View, Group: k.Group, People: k.People,
		Search: k.Search, NextPerson: k.NextPerson, PrevPerson: k.PrevPerson, AnyAll: k.AnyAll, About: k.About,
		Help: k.Help, Quit: k.Quit, SecondClock: k.SecondClock, Calendar: k.Calendar, Refresh: k.Refresh}
}

// into puts the keys into the key map of the help.
func (g globalKeyMap) into(k *KeyMap) {
	k.Focus, k.FocusBack, k.Back, k.Names, k.Zone, k.Now = g.Focus, g.FocusBack, g.Back, g.Names, g.Zone, g.Now
	k.Gaps, k.Edit, k.MoreErrors, k.View, k.Group, k.People = g.Gaps, g.Edit, g.MoreErrors, g.View, g.Group, g.People
	k.Search, k.NextPerson, k.PrevPerson, k.AnyAll, k.About = g.Search, g.NextPerson, g.PrevPerson, g.AnyAll, g.About
	k.Help, k.Quit, k.SecondClock, k.Calendar, k.Refresh = g.Help, g.Quit, g.SecondClock, g.Calendar, g.Refresh
}

// only enables the keys keep and disables every other.
func (g *globalKeyMap) only(keep ...*key.Binding) {
	for _, b := range []*key.Binding{&g.Focus, &g.FocusBack, &g.Back, &g.Names, &g.Zone, &g.Now, &g.Gaps, &g.Edit,
		&g.MoreErrors, &g.View, &g.Group, &g.People, &g.Search, &g.NextPerson, &g.PrevPerson, &g.AnyAll, &g.About,
		&g.Help, &g.Quit, &g.SecondClock, &g.Calendar, &g.Refresh} {
		b.SetEnabled(slices.Contains(keep, b))
	}
}

// activeKeys is the key map in effect, for the help: the root's keys and
// those of the component that has the keys.
func (m *Model) activeKeys() KeyMap {
	var k KeyMap // the zero binding is disabled
	m.keys.into(&k)
	switch {
	case m.mode == modePicker:
		m.picker.keys.into(&k)
		return k
	case m.mode == modeSearch:
		m.search.keys.into(&k)
		return k
	case m.pageOpen():
		m.page.keys.into(&k)
		return k
	}
	m.rem.keys.into(&k)
	switch {
	case m.focus == focusParticipants:
		m.det.keys.into(&k)
	case m.focus == focusCard:
		m.card.keys.into(&k)
	case m.view == viewLanes:
		m.ln.keys.into(&k)
	case m.view == viewWeek:
		m.wk.keys.into(&k)
	case m.view == viewMonth:
		m.mo.keys.into(&k)
	default:
		m.tl.keys.into(&k)
	}
	if m.view == viewLanes {
		// The zoom is offered beside the lanes whatever has the focus.
		k.ZoomIn, k.ZoomOut = m.ln.keys.ZoomIn, m.ln.keys.ZoomOut
	}
	return k
}

// updateKeys enables the bindings that do something now, the root's and
// each component's; it runs after every change of state.
func (m *Model) updateKeys() {
	k := &m.keys
	switch {
	case m.mode != modeList:
		// The field takes q and ?; ctrl+c still quits.
		k.only(&k.Quit)
		k.Quit.SetKeys("ctrl+c")
		k.Quit.SetHelp("ctrl+c", "quit")
	case m.pageOpen():
		// A page takes every key: only its own are offered.
		k.only(&k.Help, &k.About, &k.Quit)
		k.Quit.SetKeys("q", "ctrl+c")
		k.Quit.SetHelp("ctrl+c", "quit")
		toggleHelp(&k.Help, m.showHelp, "close help", "more keys")
		toggleHelp(&k.About, m.showAbout, "close about", "about")
	default:
		m.updateListKeys()
	}
	m.tl.updateKeys()
	m.ln.updateKeys()
	m.rem.updateKeys()
	m.wk.updateKeys()
	m.det.updateKeys()
	m.card.updateKeys()
}

// updateListKeys enables the root's keys while the timeline, the detail
// pane or the card has the keys.
func (m *Model) updateListKeys() {
	k := &m.keys
	k.Quit.SetKeys(m.km.Quit.Keys()...)
	k.Quit.SetHelp(m.km.Quit.Help().Key, "quit")
	k.Help.SetHelp(m.km.Help.Help().Key, "more keys")
	k.About.SetHelp(m.km.About.Help().Key, "about")
	// Without a file e only says why: the footer does not offer it.
	k.Edit.SetEnabled(m.fileOf(m.selectedEvent()) != "")
	overflow, last := m.errorsPaged()
	k.MoreErrors.SetEnabled(overflow)
	toggleHelp(&k.MoreErrors, last, "first errors", "more errors")
	k.Names.SetEnabled(m.words.native != "" && len(m.km.Names.Keys()) > 0)
	k.Names.SetHelp(m.km.Names.Help().Key, m.words.native+"/Latin names")
	lanes := m.view == viewLanes
	for _, b := range []*key.Binding{&k.About, &k.Zone, &k.Search, &k.Help, &k.Quit, &k.View} {
		b.SetEnabled(true)
	}
	k.Now.SetEnabled(len(m.visible) > 0)
	k.SecondClock.SetEnabled(m.cfg.Second != nil)
	k.Refresh.SetEnabled(m.cfg.Load != nil)
	toggleHelp(&k.SecondClock, !m.hideSecond, "hide second clock", "show second clock")
	// The lanes draw no free time: b is the list's alone.
	k.Gaps.SetEnabled(m.view == viewList)
	toggleHelp(&k.Gaps, m.gaps, "hide free time", "show free time")
	k.People.SetEnabled(len(m.it.People) > 0)
	k.NextPerson.SetEnabled(len(m.it.People) > 0)
	k.PrevPerson.SetEnabled(len(m.it.People) > 0)
	k.AnyAll.SetEnabled(len(m.filter.People) > 1)
	toggleHelp(&k.AnyAll, m.filter.AnyPerson, "show all of them", "show any of them")
	k.Calendar.SetEnabled(len(m.it.Calendars) > 1)
	k.Calendar.SetHelp(m.km.Calendar.Help().Key, m.nextCalendarHelp())
	k.View.SetHelp(k.View.Help().Key, viewNames[(m.view+1)%views])
	k.Group.SetEnabled(lanes)
	k.Group.SetHelp("t", "group by "+m.ln.group.Next(m.it).String())

	sel := m.tl.selected()
	inList := m.focus == focusTimeline
	k.Focus.SetEnabled(inList && sel >= 0 && len(m.it.Events[sel].Participants) > 0)
	k.FocusBack.SetEnabled(!inList)
	// In the timeline enter does what tab does (in the month it opens the
	// list on the day); the help says so once.
	focus, help := m.km.Focus.Keys(), m.km.Focus.Help().Key
	if inList && m.view != viewMonth && !slices.Contains(focus, "enter") {
		focus, help = append(slices.Clip(focus), "enter"), help+"/enter"
	}
	k.Focus.SetKeys(focus...)
	k.Focus.SetHelp(help, "participants")
	filtered := !m.filter.Empty()
	k.Back.SetEnabled(!inList || filtered || !m.dates.Empty())
	switch {
	case inList && len(m.filter.People) > 0:
		k.Back.SetHelp(m.km.Back.Help().Key, "drop "+m.it.Name(m.filter.People[len(m.filter.People)-1], m.native))
	case inList && !m.filter.Query.Empty():
		k.Back.SetHelp(m.km.Back.Help().Key, "clear search")
	case inList && len(m.filter.Calendars) > 0:
		k.Back.SetHelp(m.km.Back.Help().Key, "all calendars")
	case inList && !m.dates.Empty():
		k.Back.SetHelp(m.km.Back.Help().Key, "all days")
	default:
		k.Back.SetHelp(m.km.Back.Help().Key, "back")
	}
}

// hint is a binding's help as the view's titles and messages quote it:
// "esc close about".
func hint(b key.Binding) string {
	return b.Help().Key + " " + b.Help().Desc
}

// toggleHelp sets the help of a key that switches something: what it does
// when the thing is on, or when it is off.
func toggleHelp(b *key.Binding, on bool, whenOn, whenOff string) {
	desc := whenOff
	if on {
		desc = whenOn
	}
	b.SetHelp(b.Help().Key, desc)
}
