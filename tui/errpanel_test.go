package tui

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/muesli/termenv"
)

// TestErrorPanelLastPage: paging through the reload errors with E, every
// page but the last offers more; the last says E goes back to the first,
// as the footer does, and E does.
func TestErrorPanelLastPage(t *testing.T) {
	m := sized(New(Config{Itinerary: defaultItinerary(t), Name: "visit.yaml", Watch: "visit.yaml", Load: reloader("visit.yaml"), Now: beforeVisit}, renderer(termenv.Ascii)), 80, 24)
	m, _ = step(t, m, reloadedMsg{err: fmt.Errorf("x")})
	m.reloadErrors = nil
	for k := range 8 {
		m.reloadErrors = append(m.reloadErrors, fmt.Sprintf("visit.yaml:%d:3: problem %d", k+1, k+1))
	}
	m.settle()
	var pages []string
	for range 10 {
		v := m.View()
		pages = append(pages, v)
		if strings.Contains(v, "back to the first") {
			break
		}
		if !strings.Contains(v, "E shows more") || !strings.Contains(footerOf(m), "E more errors") && !strings.Contains(footerOf(m), "…") {
			t.Fatalf("page %d offers no more:\n%s", len(pages), v)
		}
		m = press(m, "E")
	}
	last := pages[len(pages)-1]
	if len(pages) < 2 || strings.Contains(last, "shows more") || !strings.Contains(last, "problem 8") || !strings.Contains(last, "of 9 · E goes back to the first") {
		t.Fatalf("last page after %d:\n%s", len(pages), last)
	}
	if !m.keys.MoreErrors.Enabled() || m.keys.MoreErrors.Help().Desc != "first errors" {
		t.Errorf("E's help on the last page: %q", m.keys.MoreErrors.Help().Desc)
	}
	if v := press(m, "E").View(); !strings.Contains(v, "lines 1–") || !strings.Contains(v, "did not reload") {
		t.Errorf("E on the last page does not go back to the first:\n%s", v)
	}
}

// TestMissingFileWraps: at 60×20 the notice that the file is missing is
// whole, wrapped in the panel, and the footer still ends with q quit.
func TestMissingFileWraps(t *testing.T) {
	path := filepath.Join("/tmp", "TestMissingFileWraps1234", "001", "live.yaml")
	m := sized(New(Config{Itinerary: defaultItinerary(t), Name: path, Watch: path, Load: reloader(path), Now: beforeVisit}, renderer(termenv.Ascii)), 60, 20)
	m, _ = step(t, m, fileChangedMsg{})
	m, _ = step(t, m, reloadedMsg{gen: m.reload.gen, err: fmt.Errorf("open: %w", fs.ErrNotExist), missing: true})
	v := m.View()
	if want := "⚠ " + path + " is missing; showing the last version until it is back"; !strings.Contains(flat(v), want) {
		t.Errorf("lacks %q:\n%s", want, v)
	}
	if f := strings.TrimRight(footerOf(m), " "); !strings.HasSuffix(f, "q quit") {
		t.Errorf("footer %q", f)
	}
	assertFitsWindow(t, v, 60, 20)
	if v = press(m, "j").View(); !strings.Contains(flat(v), "is missing") {
		t.Errorf("a key hides that the file is missing:\n%s", v)
	}
}
