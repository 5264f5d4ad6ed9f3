package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/visitline/visitline/itinerary"
)

// The panel at the bottom of the body shows the errors of the last failed
// reload, and status messages too long for the footer. Each message wraps
// to the width with a hanging indent; when they take more lines than the
// panel has, E scrolls them.

// panelRoom is how many lines the panel may take of a body h lines tall.
func panelRoom(h int) int { return max(h*2/5, 4) }

// panelLines are the panel's lines, wrapped to width, without its
// scrolling.
func (m Model) panelLines() []string {
	out := &textLines{width: m.width}
	if m.status != "" && ansi.StringWidth(m.status) > m.width {
		out.hang("", m.st.Warning.Render(m.status), 2)
	}
	if len(m.reloadErrors) > 0 {
		out.hang("", m.st.Error.Render("✗ the file did not reload; showing the last good version. Fix it and save:"), 2)
		for _, e := range m.reloadErrors {
			out.hang("  ", m.st.Error.Render(itinerary.CleanLine(e)), 4)
		}
	}
	return out.lines
}

// errorsOverflow reports whether the panel has more lines than room.
func (m Model) errorsOverflow() bool {
	return len(m.reloadErrors) > 0 && len(m.panelLines()) > panelRoom(m.lay.body.h)
}

// scrollErrors shows the next panelful of the panel, then the first again.
func (m *Model) scrollErrors() {
	room := panelRoom(m.lay.body.h) - 1 // one line says where the panel is
	m.errOffset += room
	if m.errOffset >= len(m.panelLines()) {
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
	room := min(panelRoom(len(lines)), len(lines))
	if len(panel) > room {
		n := len(panel)
		from := min(m.errOffset, n-1)
		to := min(from+room-1, n)
		more := fmt.Sprintf("  lines %d–%d of %d · E shows more", from+1, to, n)
		panel = append(panel[from:to:to], m.st.Faint.Render(more))
	}
	for k, l := range panel {
		panel[k] = fit(l, m.width)
	}
	copy(lines[len(lines)-len(panel):], panel)
	return strings.Join(lines, "\n")
}
