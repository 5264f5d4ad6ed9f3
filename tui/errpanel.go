package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/visitline/visitline/itinerary"
)

// The panel at the bottom of the body shows the errors of the last failed
// reload, what the footer cannot say whole (that the file is missing, or
// being reloaded) and status messages too long for the footer. Each
// message wraps to the width with a hanging indent; when they take more
// lines than the panel has, E scrolls them, a page at a time, then back to
// the first.

// panelRoom is how many lines the panel may take of a body h lines tall.
func panelRoom(h int) int { return max(h*2/5, 4) }

// panelLines are the panel's lines, wrapped to width, without its
// scrolling.
func (m Model) panelLines() []string {
	out := &textLines{width: m.width}
	if notice := m.reloadNotice(); notice != "" {
		out.hang("", notice, 2)
	}
	if m.status != "" && ansi.StringWidth(m.status) > m.width {
		out.hang("", m.st.Warning.Render(m.status), 2)
	}
	if len(m.reloadErrors) > 0 {
		out.hang("", m.st.Error.Render("✗ the file did not reload; showing the last good version. Fix it and save:"), 2)
		for _, e := range m.reloadErrors {
			out.hang("  ", m.st.Error.Render(itinerary.CleanLine(e)), 4)
		}
	}
	if len(m.failed) > 0 && len(m.reloadErrors) == 0 {
		out.hang("", m.st.Warning.Render("⚠ some sources did not load; the others are shown (a file is read again when it is saved):"), 2)
		for _, e := range m.failed {
			out.hang("  ", m.st.Warning.Render(itinerary.CleanLine(e)), 4)
		}
	}
	return out.lines
}

// panelPage is the part of the panel's n lines on screen: lines from to to
// (not included), and whether that is all of them (no scrolling) and
// whether it is the last page.
func (m Model) panelPage(n int) (from, to int, whole, last bool) {
	room := min(panelRoom(m.lay.body.h), m.lay.body.h)
	if n <= room {
		return 0, n, true, true
	}
	page := max(room-1, 1) // one line says where the panel is
	from = min(m.errOffset, n-1)
	to = min(from+page, n)
	return from, to, false, to == n
}

// errorsPaged reports whether the panel of errors has more lines than
// room (E scrolls it), and whether it shows its last ones (E goes back to
// the first).
func (m Model) errorsPaged() (overflow, last bool) {
	if len(m.reloadErrors) == 0 && len(m.failed) == 0 {
		return false, true
	}
	_, _, whole, last := m.panelPage(len(m.panelLines()))
	return !whole, last
}

// scrollErrors shows the next panelful of the panel, then the first again.
func (m *Model) scrollErrors() {
	n := len(m.panelLines())
	from, to, _, last := m.panelPage(n)
	m.errOffset = from + (to - from)
	if last {
		m.errOffset = 0
	}
}

// withPanel lays the panel over the bottom of the body, when it has
// anything to say.
func (m Model) withPanel(body string) string {
	panel := m.panelLines()
	if len(panel) == 0 {
		return body
	}
	lines := strings.Split(body, "\n")
	n := len(panel)
	if from, to, whole, last := m.panelPage(n); !whole {
		more := fmt.Sprintf("  lines %d–%d of %d", from+1, to, n)
		switch {
		case !m.keys.MoreErrors.Enabled():
		case last:
			more += " · E goes back to the first"
		default:
			more += " · E shows more"
		}
		panel = append(panel[from:to:to], m.st.Faint.Render(more))
	}
	panel = panel[:min(len(panel), len(lines))]
	for k, l := range panel {
		panel[k] = fit(l, m.width)
	}
	copy(lines[len(lines)-len(panel):], panel)
	return strings.Join(lines, "\n")
}
