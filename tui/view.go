package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/visitline/visitline/agenda"
)

// View renders the whole screen.
func (m Model) View() string {
	if m.width == 0 {
		return ""
	}
	if m.lay.mode == tooSmall {
		msg := fmt.Sprintf("Terminal too small: %d×%d.\nvisitline needs at least %d×%d.\n%s", m.width, m.height, minWidth, minHeight, hint(m.keys.Quit))
		return lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, msg)
	}
	var body string
	switch {
	case m.pageOpen():
		body = m.pageView()
	case m.mode == modePicker:
		title := m.paneTitle("Filter by person · type to narrow", true, m.width)
		body = title + "\n" + fitBlock(m.picker.view(m.ctx(), m.filter.People), m.width, m.lay.body.h-1)
	default:
		body = m.bodyView()
	}
	body = m.withPanel(body)
	return m.headerView() + "\n" + body + "\n" + m.footerView()
}

func (m Model) headerView() string {
	it := m.it
	title := m.st.Title.Render(it.Title)
	if it.Subtitle != "" {
		title += m.st.Subtitle.Render(" — " + it.Subtitle)
	}
	title = m.withCalendars(title)
	if mark := m.offlineMark(); mark != "" {
		// The mark stays whole: the title gives way.
		if rest := m.width - lipgloss.Width(mark) - 2; rest > 0 {
			title = strings.TrimRight(fit(title, rest), " ") + "  " + mark
		} else {
			title = mark
		}
	}
	zone := "times: " + m.zoneName()
	now := m.clock()
	if first, last, ok := it.Span(); ok && !now.Before(first) && !now.After(last) {
		zone = m.st.Now.Render("now "+now.In(m.clockZone()).Format("15:04")) + m.st.Faint.Render(" · "+zone)
	}
	// Which names show, when the file has names in two scripts.
	var names []string
	switch {
	case m.words.native == "":
	case m.native:
		names = []string{"names: " + m.words.native}
	default:
		names = []string{"names: Latin"}
	}
	parts := []string{m.span.label, zone}
	if !m.dates.Empty() {
		// The days the view opened on, until esc widens them.
		parts[0] = m.st.Selected.Render("["+m.dates.Label()+"]") + m.st.Faint.Render(" of "+m.span.label)
	}
	if len(it.Events) > 0 {
		// Without events the span already says "no events".
		parts = append(parts, agenda.Count(len(it.Events), "event"))
	}
	if len(it.People) > 0 {
		parts = append(parts, agenda.Count(len(it.People), "person"))
	}
	info := m.st.Faint.Render(strings.Join(append(parts, names...), " · "))
	if !m.filter.Empty() {
		if !m.dates.Empty() {
			zone = "[" + m.dates.Label() + "] · " + zone
		}
		info = m.filterChips() + m.st.Faint.Render(" · "+strings.Join(append([]string{zone}, names...), " · "))
	}
	return fit(title, m.width) + "\n" + fit(info, m.width)
}

// filterChips shows the active filter: a chip per person, the search, and
// how many events are left: "[Chey Tae-won] · 1 of 12 events".
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
	for _, k := range m.filter.Calendars {
		if k >= 0 && k < len(m.it.Calendars) {
			if s != "" {
				s += " "
			}
			s += m.calStyle[k].Render(calendarGlyph(k)) + m.st.Selected.Render("["+m.it.Calendars[k].Name+"]")
		}
	}
	if q := strings.TrimSpace(m.filter.Query.Text); q != "" {
		if s != "" {
			s += " "
		}
		s += m.st.Selected.Render("[/" + q + "]")
	}
	return s + m.st.Accent.Render(" · "+agenda.CountOf(len(m.visible), len(m.it.Events), "event"))
}

func (m Model) footerView() string {
	if m.mode == modeSearch {
		count := m.st.Faint.Render(fmt.Sprintf(" · %d of %d · %s · %s", len(m.visible), len(m.it.Events), hint(m.search.keys.Accept), hint(m.search.keys.Cancel)))
		return fit(m.search.input.View()+count, m.width)
	}
	if r := m.rem.text(m.clock()); r != "" {
		return fit(m.st.Warning.Render(r)+m.st.Faint.Render(" · "+hint(m.rem.keys.Dismiss)), m.width)
	}
	if m.status != "" && ansi.StringWidth(m.status) <= m.width { // a longer one is in the panel
		return fit(m.st.Warning.Render(m.status), m.width)
	}
	return m.helpLine
}

// shortHelp renders the footer's key help for the enabled keys of k.
func (m Model) shortHelp(k KeyMap) string {
	// ?, i (where there is room) and q come last but are never cut: the
	// rest is cut to the room left.
	last := []key.Binding{k.Help, k.About, k.Quit}
	switch {
	case m.pageOpen():
		last = []key.Binding{k.Close, k.Quit}
	case m.width < 80:
		last = []key.Binding{k.Help, k.Quit}
	}
	var rest []key.Binding
	for _, b := range k.ShortHelp() {
		if b.Help() != k.Help.Help() && b.Help() != k.Quit.Help() && b.Help() != k.About.Help() && b.Help() != k.Close.Help() {
			rest = append(rest, b)
		}
	}
	return fit(m.helpItems(rest, last), m.width)
}

// helpItems joins the help of the enabled bindings of rest and then of
// last, as help.Model does (its styles, its separator), but never cuts
// last: the items of rest that do not fit the room left are dropped from
// the first that does not, whole, leaving "…" in their place. An empty side
// leaves no separator behind.
func (m Model) helpItems(rest, last []key.Binding) string {
	h := m.help
	sep := h.Styles.ShortSeparator.Inline(true).Render(h.ShortSeparator)
	ellipsis := h.Styles.Ellipsis.Inline(true).Render(h.Ellipsis)
	item := func(b key.Binding) string {
		return h.Styles.ShortKey.Inline(true).Render(b.Help().Key) + " " + h.Styles.ShortDesc.Inline(true).Render(b.Help().Desc)
	}
	join := func(bs []key.Binding) []string {
		var out []string
		for _, b := range bs {
			if b.Enabled() && b.Help().Key != "" {
				out = append(out, item(b))
			}
		}
		return out
	}
	tail := strings.Join(join(last), sep)
	room := m.width - ansi.StringWidth(tail)
	if tail != "" {
		room -= ansi.StringWidth(sep)
	}
	items := join(rest)
	var head strings.Builder
	used := 0
	for k, it := range items {
		w := ansi.StringWidth(it)
		if k > 0 {
			w += ansi.StringWidth(sep)
		}
		// Room for this item, and for " …" after it unless it is the last.
		need := w
		if k < len(items)-1 {
			need += 1 + ansi.StringWidth(ellipsis)
		}
		if used+need > room {
			if k > 0 {
				head.WriteString(" " + ellipsis)
			}
			break
		}
		if k > 0 {
			head.WriteString(sep)
		}
		head.WriteString(it)
		used += w
	}
	switch {
	case head.Len() == 0:
		return tail
	case tail == "":
		return head.String()
	}
	return head.String() + sep + tail
}

// paneTitle renders a pane's title row; the focused pane's is marked.
func (m Model) paneTitle(title string, focused bool, width int) string {
	if focused {
		return fit("❯ "+m.st.PaneTitleFocused.Render(title), width)
	}
	return fit("  "+m.st.PaneTitle.Render(title), width)
}

func (m Model) listPane() string {
	switch m.view {
	case viewLanes:
		return m.lanesPane()
	case viewWeek:
		return m.weekPane()
	case viewMonth:
		return m.monthPane()
	}
	title := "Timeline · " + agenda.CountOf(len(m.visible), len(m.it.Events), "event")
	head := m.paneTitle(title, m.focus == focusTimeline && m.mode == modeList, m.lay.list.w) + "\n"
	if len(m.visible) == 0 {
		return head + fitBlock(m.emptyMessage(), m.lay.list.w, m.lay.list.h-1)
	}
	return head + m.tl.view()
}

// emptyMessage says why the timeline is empty and how to get back.
func (m Model) emptyMessage() string {
	if len(m.it.Events) == 0 {
		return "\n  " + agenda.EmptyItinerary
	}
	how := hint(m.keys.Back)
	switch {
	case m.mode == modeSearch:
		// The field has the keys: Esc there takes back the search.
		how = hint(m.search.keys.Cancel)
	case m.keys.AnyAll.Enabled() && !m.filter.AnyPerson:
		how += " · " + hint(m.keys.AnyAll)
	}
	text := ansi.Wrap(agenda.NoMatch(m.it, m.filter, m.native)+" — "+how, max(m.lay.list.w-4, 10), "")
	return "\n  " + m.st.Warning.Render(strings.ReplaceAll(text, "\n", "\n  "))
}

func (m Model) detailPane() string {
	w := m.lay.detail.w
	var title, content string
	switch m.focus {
	case focusCard:
		title = "Card · " + m.it.Name(m.card.person, m.native) + " · " + hint(m.keys.Back)
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

// lanesPane is the timeline pane in the lanes view.
func (m Model) lanesPane() string {
	w := m.lay.list.w
	focused := m.focus == focusTimeline && m.mode == modeList
	if len(m.visible) == 0 {
		head := m.paneTitle(m.ln.title(0, len(m.it.Events), -1, w-2), focused, w)
		return head + "\n" + fitBlock(m.emptyMessage(), w, m.lay.list.h-1)
	}
	body, last := m.ln.view(m.ctx())
	return m.paneTitle(m.ln.title(len(m.visible), len(m.it.Events), last, w-2), focused, w) + "\n" + body
}
