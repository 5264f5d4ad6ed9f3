package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// footerOf is the last line of the view.
func footerOf(m Model) string {
	v := m.View()
	return v[strings.LastIndex(v, "\n")+1:]
}

// TestPickerFooterEndsWithQuit: the people picker takes q and ?, so its
// footer ends with the key that still quits, with no separator left
// dangling, at every width; and that key quits while q types.
func TestPickerFooterEndsWithQuit(t *testing.T) {
	for w := minWidth; w <= 140; w += 3 {
		f := strings.TrimRight(footerOf(press(newModel(t, w, 24), "p")), " ")
		if !strings.HasSuffix(f, "ctrl+c quit") || strings.Contains(f, "• •") || strings.Contains(f, "… …") || ansi.StringWidth(f) > w {
			t.Errorf("%d columns: picker footer %q", w, f)
		}
	}
	m := press(newModel(t, 80, 24), "p", "q")
	if m.mode != modePicker || m.picker.input.Value() != "q" {
		t.Fatalf("q in the picker: mode %v, field %q", m.mode, m.picker.input.Value())
	}
	if _, cmd := m.Update(tea.KeyMsg{Type: tea.KeyCtrlC}); cmd == nil || cmd() != tea.Quit() {
		t.Error("ctrl+c in the picker does not quit")
	}
	// Back in the list, q quits again and the footer says so.
	m = press(m, "esc")
	if f := footerOf(m); !strings.HasSuffix(strings.TrimRight(f, " "), "q quit") {
		t.Errorf("list footer after the picker: %q", f)
	}
	if _, cmd := m.Update(keyMsg("q")); cmd == nil || cmd() != tea.Quit() {
		t.Error("q after the picker does not quit")
	}
}

// TestFooterCutsWholeItems: the keys that do not fit are dropped whole,
// with one "…" in their place, never cut inside a word.
func TestFooterCutsWholeItems(t *testing.T) {
	for w := minWidth; w <= 140; w++ {
		m := newModel(t, w, 24)
		f := strings.TrimRight(footerOf(m), " ")
		head, _, _ := strings.Cut(f, " • ? more keys")
		for _, item := range strings.Split(strings.TrimSuffix(head, " …"), " • ") {
			if strings.Contains(item, "…") {
				t.Errorf("%d columns: an item is cut: %q in %q", w, item, f)
			}
		}
		if strings.HasPrefix(f, "•") || strings.HasSuffix(f, "•") || ansi.StringWidth(footerOf(m)) != w {
			t.Errorf("%d columns: footer %q", w, f)
		}
	}
}
