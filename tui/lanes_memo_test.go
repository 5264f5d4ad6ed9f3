package tui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/muesli/termenv"
)

// TestOldCopyRendersAfterLanesChanges: a copy of the model kept from before
// an Update in the lanes renders what it rendered before, whatever the newer
// copy did: switch views, regroup the lanes (fewer or more of them), change
// the zone, filter or search. Their memos (lane indexes, gutter labels,
// escape codes) belong to the lanes they were made for.
func TestOldCopyRendersAfterLanesChanges(t *testing.T) {
	cases := []struct {
		start, keys []string
	}{
		{nil, []string{"v"}},
		{[]string{"v"}, []string{"v"}},
		{[]string{"v"}, []string{"t"}},
		{[]string{"v"}, []string{"t", "t"}},
		{[]string{"v", "t"}, []string{"t"}},
		{[]string{"v", "t", "t"}, []string{"t"}},
		{[]string{"v"}, []string{"z"}},
		{[]string{"v", "z"}, []string{"z"}},
		{[]string{"v"}, []string{"]"}},
		{[]string{"v", "t"}, []string{"]"}},
		{[]string{"v"}, []string{"/", "s", "e", "o", "u", "l"}},
		{[]string{"v", "t"}, []string{"/", "s", "e", "o", "u", "l"}},
		{[]string{"v"}, []string{"n", "-", "l"}},
		{[]string{"v"}, []string{"-", "-", "-"}},
		{[]string{"v", "l"}, []string{"j", "pgdown"}},
		{[]string{"v"}, []string{"tab", "enter"}},
	}
	for _, size := range [][2]int{{120, 40}, {80, 24}} {
		for _, c := range cases {
			old := press(newModel(t, size[0], size[1]), c.start...)
			before := old.View()
			newer := press(old, c.keys...)
			if newer.View() == before {
				t.Fatalf("%d×%d %v then %v changed nothing on screen", size[0], size[1], c.start, c.keys)
			}
			got := func() (v string) {
				defer func() {
					if r := recover(); r != nil {
						v = fmt.Sprintf("panic: %v", r)
					}
				}()
				return old.View()
			}()
			if got != before {
				t.Errorf("%d×%d %v then %v: the old copy renders\n%s\nwas:\n%s", size[0], size[1], c.start, c.keys, got, before)
			}
		}
	}
}

// TestOldCopyRendersAfterResize: the gutter labels are made again for a
// new width; a copy at the old width still shows its own.
func TestOldCopyRendersAfterResize(t *testing.T) {
	for _, start := range [][]string{{"v"}, {"v", "t"}, {"v", "t", "t"}} {
		old := press(newModel(t, 120, 40), start...)
		before := old.View()
		if sized(old, 60, 20).View() == before {
			t.Fatal("the resize changed nothing")
		}
		if got := old.View(); got != before {
			t.Errorf("%v: after a resize of a newer copy the old one renders\n%s\nwas:\n%s", start, got, before)
		}
	}
}

// TestReloadInTheLanes: a reload that drops an event while the lanes show
// builds the lanes again from the new itinerary (they held the old one's
// events, and indexing them panicked).
func TestReloadInTheLanes(t *testing.T) {
	m := sized(New(Config{Itinerary: conferenceTrip(t), Watch: "sf.yaml", Load: reloader("sf.yaml"), Now: beforeVisit, Lanes: true}, renderer(termenv.Ascii)), 120, 40)
	m = press(m, "G")
	m, _ = step(t, m, fileChangedMsg{})
	old, before := m, m.View()
	m, _ = step(t, m, reloadedMsg{gen: m.reload.gen, it: withoutEvent(t, "flight-home")})
	v := m.View()
	if got := old.View(); got != before {
		t.Errorf("after the reload the old copy renders\n%s\nwas:\n%s", got, before)
	}
	if !strings.Contains(v, "reloaded") || strings.Contains(v, "Flight San Francisco to Frankfurt") {
		t.Errorf("after the reload:\n%s", v)
	}
	for k := range m.ln.count() {
		for _, i := range m.ln.set.Events(k) {
			if i >= len(m.it.Events) {
				t.Fatalf("lane %d holds event %d of %d", k, i, len(m.it.Events))
			}
		}
	}
}
