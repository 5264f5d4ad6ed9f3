package tui

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// The help (?) and about (i) pages are full-screen scrolling overlays. While
// one is open it takes every key: nothing reaches the view behind it.

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
		m.page.set(helpContent(&m.st, m.width))
		return
	}
	m.page.set(aboutContent(m.it, &m.st, m.width))
}

// pageKey handles a key while a page is open.
func (m Model) pageKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	k := m.keys
	vp := &m.page.vp
	switch {
	case key.Matches(msg, k.Close):
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
	return m, nil
}

// pageView draws the open page under its title, which says where in the
// page the screen is.
func (m Model) pageView() string {
	title := "About this itinerary"
	if m.showHelp {
		title = "Keys and symbols"
	}
	title += " · " + hint(m.keys.Close)
	if n := len(m.page.lines); n > m.page.vp.Height {
		first := m.page.vp.YOffset + 1
		last := min(m.page.vp.YOffset+m.page.vp.Height, n)
		title += fmt.Sprintf(" · lines %d–%d of %d", first, last, n)
	}
	return m.paneTitle(title, true, m.width) + "\n" + m.page.view()
}
