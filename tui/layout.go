package tui

// layoutMode is how the panes share the screen.
type layoutMode int

const (
	// tooSmall: only a message saying so.
	tooSmall layoutMode = iota
	// single: one pane at a time, the one with the focus.
	single
	// stacked: the timeline above the detail pane.
	stacked
	// sideBySide: the timeline left, the detail pane right.
	sideBySide
)

// Minimum and switch-over sizes of the layout.
const (
	minWidth         = 40
	minHeight        = 12
	sideBySideWidth  = 100
	stackedMinHeight = 24
)

// rect is a region of the screen, in cells.
type rect struct{ x, y, w, h int }

// layout is where everything goes for one terminal size.
type layout struct {
	mode   layoutMode
	body   rect // between header and footer
	list   rect // the timeline pane, its title row included
	detail rect // the detail pane, its title row included
}

// computeLayout places the panes in a w×h terminal whose header and footer
// take headerH and footerH rows. It is pure so that a table test can pin it.
func computeLayout(w, h, headerH, footerH int) layout {
	if w < minWidth || h < minHeight {
		return layout{mode: tooSmall}
	}
	body := rect{0, headerH, w, max(h-headerH-footerH, 1)}
	switch {
	case w >= sideBySideWidth:
		lw := w * 11 / 20
		return layout{
			mode: sideBySide, body: body,
			list:   rect{0, body.y, lw, body.h},
			detail: rect{lw + 1, body.y, w - lw - 1, body.h}, // one column of separator
		}
	case h >= stackedMinHeight:
		lh := (body.h - 1) * 11 / 20
		return layout{
			mode: stacked, body: body,
			list:   rect{0, body.y, w, lh},
			detail: rect{0, body.y + lh + 1, w, body.h - lh - 1}, // one row of separator
		}
	}
	return layout{mode: single, body: body, list: body, detail: body}
}
