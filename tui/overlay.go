package tui

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// The help (?) and about (i) pages are full-screen scrolling overlays. While
// one is open it takes every key: nothing reaches the view behind it.

// pages is the scrolling text of the open page, and its keys.
type pages struct {
	scrollPane
	keys pageKeyMap
}

func newPages(k KeyMap) pages { return pages{scrollPane: newScrollPane(), keys: newPageKeyMap(k)} }

// pageKeyMap is the keys of a page: they scroll it, and Close closes it.
// The root acts on Close, and on ? and i, which switch pages.
type pageKeyMap struct {
	Up, Down         key.Binding
	PageUp, PageDown key.Binding
	Top, Bottom      key.Binding
	Close            key.Binding
}

func newPageKeyMap(k KeyMap) pageKeyMap {
	km := pageKeyMap{Up: k.Up, Down: k.Down, PageUp: k.PageUp, PageDown: k.PageDown, Top: k.Top, Bottom: k.Bottom, Close: k.Close}
	km.Up.SetHelp("↑/k", "scroll up")
	km.Down.SetHelp("↓/j", "scroll down")
	return km
}

// into puts the keys into the key map of the help.
func (pk pageKeyMap) into(k *KeyMap) {
	k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom, k.Close = pk.Up, pk.Down, pk.PageUp, pk.PageDown, pk.Top, pk.Bottom, pk.Close
}

// update scrolls the page, by key or by wheel.
func (p pages) update(msg tea.Msg) (pages, tea.Cmd) {
	vp := &p.vp
	switch msg := msg.(type) {
	case tea.MouseMsg:
		switch msg.Button {
		case tea.MouseButtonWheelUp:
			vp.ScrollUp(3)
		case tea.MouseButtonWheelDown:
			vp.ScrollDown(3)
		}
	case tea.KeyMsg:
		switch k := p.keys; {
		case key.Matches(msg, k.Up):
			vp.ScrollUp(1)
		case key.Matches(msg, k.Down):
			vp.ScrollDown(1)
		case key.Matches(msg, k.PageUp):
			vp.PageUp()
		case key.Matches(msg, k.PageDown):
			vp.PageDown()
		case key.Matches(msg, k.Top):
			vp.GotoTop()
		case key.Matches(msg, k.Bottom):
			vp.GotoBottom()
		}
	}
	return p, nil
}

// pageOpen reports whether the help or the about page is on screen.
func (m Model) pageOpen() bool { return m.showHelp || m.showAbout }

// openPage shows the help page (help) or the about page from the top.
func (m *Model) openPage(help bool) {
	m.showHelp, m.showAbout = help, !help
	m.page.vp.GotoTop()
	m.renderPage()
}

// closePage goes back to the view behind the page.
func (m *Model) closePage() { m.showHelp, m.showAbout = false, false }

// renderPage lays out the open page for the current size.
func (m *Model) renderPage() {
	if !m.pageOpen() {
		return
	}
	m.page.setSize(m.width, m.lay.body.h-1)
	if m.showHelp {
		m.page.set(helpContentOf(m.km, &m.st, m.width))
		return
	}
	m.page.set(aboutContent(m.it, &m.st, m.width))
}

// pageKey handles a key while a page is open: the root closes the page or
// switches to the other, and the page scrolls.
func (m Model) pageKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, m.page.keys.Close):
		m.closePage()
	case key.Matches(msg, k.Help):
		if m.showHelp {
			m.closePage()
		} else {
			m.openPage(true)
		}
	case key.Matches(msg, k.About):
		if m.showAbout {
			m.closePage()
		} else {
			m.openPage(false)
		}
	case key.Matches(msg, k.Quit): // ctrl+c: q closes the page, above
		return m, tea.Quit
	default:
		var cmd tea.Cmd
		m.page, cmd = m.page.update(msg)
		return m, cmd
	}
	return m, nil
}

// pageView draws the open page under its title, which says where in the
// page the screen is.
func (m Model) pageView() string {
	title := "About this itinerary"
	if m.showHelp {
		title = "Keys and symbols"
	}
	title += " · " + hint(m.page.keys.Close)
	if n := len(m.page.lines); n > m.page.vp.Height {
		first := m.page.vp.YOffset + 1
		last := min(m.page.vp.YOffset+m.page.vp.Height, n)
		title += fmt.Sprintf(" · lines %d–%d of %d", first, last, n)
	}
	return m.paneTitle(title, true, m.width) + "\n" + m.page.view()
}
