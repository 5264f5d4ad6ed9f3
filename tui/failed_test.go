package tui

import (
	"strings"
	"testing"

	"github.com/muesli/termenv"
)

// TestFailedFilesPanel: the files of a folder that did not load are named
// in the panel at start (their escapes cleaned) and after each reload,
// until the source says they load again.
func TestFailedFilesPanel(t *testing.T) {
	failed := []string{"cal/work/bad.yaml:1:8: \x1b[31mdid not find expected node content"}
	cfg := Config{Itinerary: defaultItinerary(t), Now: beforeVisit, Failures: func() []string { return failed }}
	m := sized(New(cfg, renderer(termenv.Ascii)), 100, 30)
	v := m.View()
	if !strings.Contains(v, "some sources did not load; the others are shown") || !strings.Contains(v, "cal/work/bad.yaml:1:8:") || strings.ContainsRune(v, 0x1b) {
		t.Fatalf("at start:\n%s", v)
	}
	failed = nil
	next, _ := m.Update(ItineraryMsg{Itinerary: defaultItinerary(t)})
	if v := next.(Model).View(); strings.Contains(v, "did not load") {
		t.Errorf("after the fix:\n%s", v)
	}
}

// TestNoticeAtStart: the watch's warning shows in the status line when the
// view opens, cleaned.
func TestNoticeAtStart(t *testing.T) {
	cfg := Config{Itinerary: defaultItinerary(t), Now: beforeVisit, Notice: "watching the first 4096 folders only (the watch limit)\x1b[2J"}
	v := sized(New(cfg, renderer(termenv.Ascii)), 120, 30).View()
	if !strings.Contains(v, "⚠ watching the first 4096 folders only (the watch limit)") || strings.ContainsRune(v, 0x1b) {
		t.Errorf("the notice:\n%s", v)
	}
}
