package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/viewport"
	"github.com/charmbracelet/x/ansi"
)

// scrollPane is scrolling text whose lines are fitted to the pane's width
// once, when it is set, so that drawing a frame only slices them. The
// viewport keeps the scroll position and its scrolling methods; its View is
// not used.
type scrollPane struct {
	vp    viewport.Model
	lines []string
}

func newScrollPane() scrollPane { return scrollPane{vp: viewport.New(0, 0)} }

func (p *scrollPane) setSize(w, h int) {
	p.vp.Width, p.vp.Height = w, max(h, 1)
}

// set replaces the content.
func (p *scrollPane) set(content string) {
	p.vp.SetContent(content)
	p.lines = fitLines(content, p.vp.Width)
}

// reveal scrolls as little as it takes to show content line l.
func (p *scrollPane) reveal(l int) {
	if l < p.vp.YOffset {
		p.vp.SetYOffset(l)
	} else if l >= p.vp.YOffset+p.vp.Height {
		p.vp.SetYOffset(l - p.vp.Height + 1)
	}
}

func (p *scrollPane) view() string {
	return window(p.lines, p.vp.YOffset, p.vp.Height, p.vp.Width)
}

// fitLines splits content into lines of exactly width cells.
func fitLines(content string, width int) []string {
	lines := strings.Split(content, "\n")
	for k, l := range lines {
		lines[k] = fit(l, width)
	}
	return lines
}

// window returns h lines of lines from offset, padded with blank lines of
// width cells.
func window(lines []string, offset, h, width int) string {
	out := make([]string, h)
	blank := ""
	for y := range out {
		if k := offset + y; k >= 0 && k < len(lines) {
			out[y] = lines[k]
			continue
		}
		if blank == "" {
			blank = strings.Repeat(" ", width)
		}
		out[y] = blank
	}
	return strings.Join(out, "\n")
}

// textLines builds the content of a pane of a given width, line by line.
type textLines struct {
	lines []string
	width int
}

func (t *textLines) add(s string) { t.lines = append(t.lines, s) }

// wrap adds s wrapped to the width, each line indented.
func (t *textLines) wrap(s string, indent int) {
	pad := strings.Repeat(" ", indent)
	for _, l := range strings.Split(ansi.Wrap(s, max(t.width-indent, 10), ""), "\n") {
		t.add(pad + l)
	}
}

func (t *textLines) String() string { return strings.Join(t.lines, "\n") }
