package tui

import (
	"strings"
	"testing"
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
