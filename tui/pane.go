package tui

import (
	"regexp"
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

// revealLines scrolls as little as it takes to show content lines from to
// to (not included), an item wrapped on several lines; when they are more
// than the pane holds, their first ones.
func (p *scrollPane) revealLines(from, to int) {
	to = max(to, from+1)
	switch {
	case from < p.vp.YOffset || to-from > p.vp.Height:
		p.vp.SetYOffset(from)
	case to > p.vp.YOffset+p.vp.Height:
		p.vp.SetYOffset(to - p.vp.Height)
	}
}

// revealItem shows item k of a pane whose items start on lines starts,
// the last entry of which is the line after the last item.
func (p *scrollPane) revealItem(starts []int, k int) {
	if k >= 0 && k+1 < len(starts) {
		p.revealLines(starts[k], starts[k+1])
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
	t.hang(pad, s, indent)
}

// hang adds s wrapped with a hanging indent: the first line after lead, the
// others after hang spaces, each line wrapped to the room it has. Lines
// break between words; a word is cut only where it cannot fit on a line of
// its own. Widths are display widths.
func (t *textLines) hang(lead, s string, hang int) {
	pad := strings.Repeat(" ", hang)
	first := max(t.width-ansi.StringWidth(lead), 10)
	for k, l := range wrapLines(s, first, max(t.width-hang, 10)) {
		if k == 0 {
			t.add(lead + l)
			continue
		}
		t.add(pad + l)
	}
}

// wrapLines wraps s to first cells on its first line and rest on the
// others, and closes the styles open at the end of each line, opening them
// again on the next, so that every line stands on its own (panes are drawn
// side by side, line by line).
func wrapLines(s string, first, rest int) []string {
	// ansi.Wrap breaks after any hyphen; ids, dates and names keep theirs:
	// a non-breaking hyphen stands in for each while wrapping.
	s = strings.ReplaceAll(s, "-", nbHyphen)
	lines := strings.Split(ansi.Wrap(s, first, ""), "\n")
	if len(lines) > 1 && first != rest {
		if strings.HasPrefix(s, lines[0]) {
			// The first line is a prefix of s: wrap what follows it anew.
			tail := strings.TrimLeft(s[len(lines[0]):], " ")
			lines = append(lines[:1], strings.Split(ansi.Wrap(tail, rest, ""), "\n")...)
		} else {
			lines = strings.Split(ansi.Wrap(s, min(first, rest), ""), "\n")
		}
	}
	open := ""
	for k, l := range lines {
		l = open + l
		for _, seq := range sgr.FindAllString(l, -1) {
			params := strings.TrimSuffix(strings.TrimPrefix(seq, "\x1b["), "m")
			switch {
			case params == "" || params == "0":
				open = ""
			case strings.HasPrefix(params, "0;"):
				open = "\x1b[" + params[2:] + "m"
			default:
				open += seq
			}
		}
		if open != "" {
			l += "\x1b[m"
		}
		lines[k] = strings.ReplaceAll(l, nbHyphen, "-")
	}
	return lines
}

// nbHyphen is U+2011, a hyphen no line breaks after.
const nbHyphen = "\u2011"

// sgr matches a Select Graphic Rendition sequence (colours, attributes).
var sgr = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

func (t *textLines) String() string { return strings.Join(t.lines, "\n") }
