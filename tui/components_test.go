package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// TestPageFromTheLanesOffersItsOwnKeys: the ? page opened from the lanes
// offers its own paging keys; with one binding shared by every pane, its
// footer said "pgdn lanes below".
func TestPageFromTheLanesOffersItsOwnKeys(t *testing.T) {
	for _, w := range []int{120, 80} {
		for _, page := range []string{"?", "i"} {
			f := footerOf(press(newModel(t, w, 24), "v", page))
			if !strings.Contains(f, "pgdn page down") || strings.Contains(f, "lanes") {
				t.Errorf("%d columns, %s from the lanes: footer %q", w, page, f)
			}
		}
	}
}

// TestFocusedPaneOffersItsKeys: the footer offers the keys of the pane
// with the focus, in that pane's words, and the lanes' zoom beside the
// lanes whatever has the focus.
func TestFocusedPaneOffersItsKeys(t *testing.T) {
	cases := []struct {
		keys      []string
		want, not []string
	}{
		{nil, []string{"↓/j down", "tab/enter participants"}, []string{"lane below", "zoom", "open card"}},
		{[]string{"v"}, []string{"↓/j lane below", "→/l later", "- zoom out"}, []string{"free time"}},
		{[]string{"tab"}, []string{"↓/j down", "enter open card", "f filter to this person"}, []string{"tab/enter"}},
		{[]string{"v", "tab"}, []string{"↓/j down", "enter open card"}, []string{"lane below", "later"}},
		{[]string{"tab", "enter"}, []string{"enter go to event", "esc back"}, []string{"open card", "pgdn"}},
		{[]string{"p"}, []string{"enter add/remove person", "esc close", "ctrl+c quit"}, []string{"q quit"}},
	}
	for _, c := range cases {
		m := press(newModel(t, 200, 40), c.keys...)
		f := footerOf(m)
		if lanes := m.view == viewLanes; m.activeKeys().ZoomOut.Enabled() != lanes {
			t.Errorf("%v: zoom out offered %v in the lanes %v", c.keys, !lanes, lanes)
		}
		for _, w := range c.want {
			if !strings.Contains(f, w) {
				t.Errorf("%v: the footer lacks %q: %q", c.keys, w, f)
			}
		}
		for _, n := range c.not {
			if strings.Contains(f, n) {
				t.Errorf("%v: the footer has %q: %q", c.keys, n, f)
			}
		}
	}
}

// TestClickInTheLanesTakesTheFocus: a click on a bar with the focus on the
// participants gives the timeline the focus as a click in the list does,
// dropping the participant's mark; the mark stayed, and J then paged the
// detail pane by halves, as if the participants still had the focus.
func TestClickInTheLanesTakesTheFocus(t *testing.T) {
	m := press(newModel(t, 120, 40), "v", "tab")
	x, y := -1, -1
	for row, line := range strings.Split(m.View(), "\n") {
		if k := strings.Index(line, "❯"); k >= 0 && row > 4 && ansi.StringWidth(line[:k]) < m.lay.list.w {
			x, y = ansi.StringWidth(line[:k]), row
			break
		}
	}
	if x < 0 {
		t.Fatalf("no selected bar:\n%s", m.View())
	}
	next, _ := m.Update(tea.MouseMsg{X: x + 1, Y: y, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
	m = next.(Model)
	if m.focus != focusTimeline || m.det.part != -1 {
		t.Errorf("after the click: focus %v, participant %d", m.focus, m.det.part)
	}
	if strings.Contains(m.det.view(), "❯") {
		t.Errorf("the detail pane still marks a participant:\n%s", m.det.view())
	}
}
