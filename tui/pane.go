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
	var open sgrState
	for k, l := range lines {
		// The styles in force where the line starts, then the line's own
		// sequences: open is the state the line leaves, of bounded size
		// however many sequences came before.
		prefix := open.String()
		limit := rest
		if k == 0 {
			limit = first
		}
		if ansi.StringWidth(l) > limit {
			// Only a character wider than the whole line (Hangul on a line
			// of one cell) overflows: it is cut, and … stands for it.
			l = ansi.Truncate(l, limit, "…")
		}
		for _, seq := range sgr.FindAllString(l, -1) {
			open.apply(seq[2 : len(seq)-1])
		}
		l = prefix + l
		if !open.plain() {
			l += "\x1b[m"
		}
		lines[k] = strings.ReplaceAll(l, nbHyphen, "-")
	}
	return lines
}

// sgrState is the graphic rendition in force at a point of styled text: the
// last colour of each kind and the attributes set, so that re-opening it on
// the next line costs one short sequence, not every sequence before it.
type sgrState struct {
	fg, bg, ul string     // colour parameters ("31", "38;5;123", "38:2::1:2:3")
	attrs      [10]string // by attribute number 1-9: its parameter ("4:3" for a curly underline), else ""
	overline   bool
}

func (s *sgrState) plain() bool { return *s == sgrState{} }

// apply changes the state by the parameters of one SGR sequence.
func (s *sgrState) apply(params string) {
	ps := strings.Split(params, ";")
	for i := 0; i < len(ps); i++ {
		switch code, _, _ := strings.Cut(ps[i], ":"); code {
		case "38", "48", "58":
			i += s.applyColour(code, ps, i)
		default:
			s.applyCode(code, ps[i])
		}
	}
}

// sgrOff lists, for each SGR code that turns attributes off, the attribute
// numbers it clears.
var sgrOff = map[string][]int{
	"22": {1, 2}, "23": {3}, "24": {4}, "25": {5, 6}, "27": {7}, "28": {8}, "29": {9},
}

// applyCode changes the state by one SGR parameter p, of code code, that is
// not an extended colour.
func (s *sgrState) applyCode(code, p string) {
	if off, ok := sgrOff[code]; ok {
		for _, a := range off {
			s.attrs[a] = ""
		}
		return
	}
	switch code {
	case "", "0":
		*s = sgrState{}
	case "1", "2", "3", "4", "5", "6", "7", "8", "9":
		if _, sub, colon := strings.Cut(p, ":"); code == "4" && colon && (sub == "0" || sub == "") {
			s.attrs[4] = "" // 4:0 is no underline
			return
		}
		s.attrs[code[0]-'0'] = p
	case "21":
		s.attrs[4] = "4:2"
	case "39":
		s.fg = ""
	case "49":
		s.bg = ""
	case "53":
		s.overline = true
	case "55":
		s.overline = false
	case "59":
		s.ul = ""
	default:
		s.applyBasicColour(code)
	}
}

// applyBasicColour sets the foreground or background of one of the 16
// basic colours (30-37, 90-97; 40-47, 100-107). Anything else (fonts,
// frames) is not re-opened.
func (s *sgrState) applyBasicColour(code string) {
	if n := len(code); n == 2 && (code[0] == '3' || code[0] == '9') && code[1] <= '7' {
		s.fg = code
	} else if (n == 2 && code[0] == '4' || n == 3 && code[:2] == "10") && code[n-1] <= '7' {
		s.bg = code
	}
}

// applyColour sets the colour of an extended-colour parameter ps[i] of code
// 38, 48 or 58, and returns how many of the parameters after it the colour
// took.
func (s *sgrState) applyColour(code string, ps []string, i int) int {
	p := ps[i]
	colour, n := p, 0
	if !strings.Contains(p, ":") && i+1 < len(ps) {
		// 38;5;N or 38;2;R;G;B: the colour takes the next parameters.
		switch ps[i+1] {
		case "5":
			n = 2
		case "2":
			n = 4
		}
		n = min(n, len(ps)-1-i)
		colour = strings.Join(ps[i:i+1+n], ";")
	}
	switch code {
	case "38":
		s.fg = colour
	case "48":
		s.bg = colour
	default:
		s.ul = colour
	}
	return n
}

// String is the one sequence that opens the state, "" when it is plain.
func (s *sgrState) String() string {
	if s.plain() {
		return ""
	}
	var ps []string
	for _, a := range s.attrs {
		if a != "" {
			ps = append(ps, a)
		}
	}
	if s.overline {
		ps = append(ps, "53")
	}
	for _, c := range []string{s.fg, s.bg, s.ul} {
		if c != "" {
			ps = append(ps, c)
		}
	}
	return "\x1b[" + strings.Join(ps, ";") + "m"
}

// nbHyphen is U+2011, a hyphen no line breaks after.
const nbHyphen = "\u2011"

// sgr matches a Select Graphic Rendition sequence (colours, attributes).
var sgr = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

func (t *textLines) String() string { return strings.Join(t.lines, "\n") }
