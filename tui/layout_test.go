package tui

import "testing"

func TestComputeLayout(t *testing.T) {
	cases := []struct {
		w, h int
		want layout
	}{
		{39, 40, layout{mode: tooSmall}},
		{120, 11, layout{mode: tooSmall}},
		{40, 12, layout{mode: single, body: rect{0, 2, 40, 9}, list: rect{0, 2, 40, 9}, detail: rect{0, 2, 40, 9}}},
		{99, 23, layout{mode: single, body: rect{0, 2, 99, 20}, list: rect{0, 2, 99, 20}, detail: rect{0, 2, 99, 20}}},
		{80, 24, layout{mode: stacked, body: rect{0, 2, 80, 21}, list: rect{0, 2, 80, 11}, detail: rect{0, 14, 80, 9}}},
		{100, 12, layout{mode: sideBySide, body: rect{0, 2, 100, 9}, list: rect{0, 2, 55, 9}, detail: rect{56, 2, 44, 9}}},
		{120, 40, layout{mode: sideBySide, body: rect{0, 2, 120, 37}, list: rect{0, 2, 66, 37}, detail: rect{67, 2, 53, 37}}},
	}
	for _, c := range cases {
		got := computeLayout(c.w, c.h, 2, 1)
		if got != c.want {
			t.Errorf("%d×%d: got %+v, want %+v", c.w, c.h, got, c.want)
		}
		if got.mode == tooSmall {
			continue
		}
		// The panes never overlap and stay inside the body.
		if got.list.x+got.list.w > got.body.w || got.detail.x+got.detail.w > got.body.w ||
			got.detail.y+got.detail.h > got.body.y+got.body.h {
			t.Errorf("%d×%d: panes leave the body: %+v", c.w, c.h, got)
		}
	}
}
