package itinerary

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Clean makes text from a data file safe for a terminal: it removes escape
// sequences (CSI, OSC, DCS and the rest, 7- and 8-bit), C0 controls other
// than newline, DEL, C1 controls, bidirectional controls and the characters
// terminals disagree on the width of (see widthTrouble), turns tabs into
// spaces and carriage returns into newlines, and normalises to NFC.
func Clean(s string) string {
	if isPlain(s) {
		return norm.NFC.String(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	prev := rune(0) // the last rune kept
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			i++ // invalid byte: drop it
			continue
		case r == 0x1b: // ESC
			i = skipEscape(s, i+size)
			continue
		case r == 0x9b: // 8-bit CSI
			i = skipCSI(s, i+size)
			continue
		case r == 0x90 || r == 0x9d || r == 0x98 || r == 0x9e || r == 0x9f: // DCS, OSC, SOS, PM, APC
			i = skipString(s, i+size)
			continue
		case r == '\n':
			b.WriteByte('\n')
		case r == '\r':
			if i+1 >= len(s) || s[i+1] != '\n' {
				b.WriteByte('\n')
			}
		case r == '\t':
			b.WriteString("    ")
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			// other controls are dropped
		case isBidiControl(r):
			// dropped: they can reorder what the reader sees
		case widthTrouble(r, prev):
			// dropped: the view would measure the line at another width
			// than the terminal draws it
		case newerThanTerminals(r):
			b.WriteRune(utf8.RuneError)
			prev = utf8.RuneError
		default:
			b.WriteString(s[i : i+size])
			prev = r
		}
		i += size
	}
	return norm.NFC.String(b.String())
}

// CleanLine is Clean for one-line fields (titles, names, places): line breaks
// and runs of spaces become single spaces and the ends are trimmed.
func CleanLine(s string) string {
	return strings.Join(strings.Fields(Clean(s)), " ")
}

// isPlain reports whether s holds only printable ASCII and safe non-ASCII
// runes, so Clean has nothing to strip.
func isPlain(s string) bool {
	prev := rune(0)
	for _, r := range s {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == utf8.RuneError || isBidiControl(r) || widthTrouble(r, prev) || newerThanTerminals(r) {
			return false
		}
		prev = r
	}
	return true
}

// isBidiControl reports the embeddings, overrides and isolates, and the
// marks (LRM, RLM, ALM), which can reorder or hide what the reader sees.
func isBidiControl(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f || r == 0x061c
}

// widthTrouble reports the characters that terminals (tmux, glibc's
// wcwidth) and the view's measure (go-runewidth, lipgloss) give different
// widths, so that a row holding one would wrap or leave a gap: the soft
// hyphen, the prepended concatenation marks (U+0600–U+0605 and the like),
// the emoji skin-tone modifiers, the variation selectors that ask for text
// or emoji presentation, and a zero-width joiner after an emoji (which
// makes one glyph of a family or a profession). prev is the rune before r.
// Without them the emoji and the text stay, each measured the same way.
func widthTrouble(r, prev rune) bool {
	switch {
	case r < 0xad:
		return false
	case r == 0xad, // soft hyphen
		r >= 0x0600 && r <= 0x0605, r == 0x06dd, r == 0x070f, r == 0x0890, r == 0x0891, r == 0x08e2,
		r == 0x110bd, r == 0x110cd, // prepended concatenation marks
		r >= 0x1f3fb && r <= 0x1f3ff, // skin tones
		r == 0xfe0e, r == 0xfe0f:     // text and emoji presentation selectors
		return true
	case r == 0x200d: // zero-width joiner
		return isEmoji(prev)
	}
	return false
}

// newerThanTerminals reports the emoji and the CJK ideographs assigned
// after Unicode 14.0 (🫨 🩷 🛜, Extensions H, I and J, and those of later
// versions). The view measures them as two cells, while terminals whose
// character tables predate them (tmux 3.3 with glibc 2.36, Debian 12) draw
// nothing, so that a row holding one comes out short. They become U+FFFD
// (�), one cell everywhere. In the pictograph blocks and planes 2 and 3
// every code point outside the ranges Unicode 14.0 assigned counts.
func newerThanTerminals(r rune) bool {
	switch {
	case r < 0x1f6d8:
		return false
	case r <= 0x1f6dc: // 1F6DD–1F6DF are Unicode 14.0
		return true
	case r >= 0x1fa70 && r <= 0x1faff: // Symbols and Pictographs Extended-A
		for _, a := range pictographs14 {
			if r >= a[0] && r <= a[1] {
				return false
			}
		}
		return true
	case r >= 0x20000 && r <= 0x3ffff: // the ideographic planes
		for _, a := range ideographs14 {
			if r >= a[0] && r <= a[1] {
				return false
			}
		}
		return true
	}
	return false
}

// pictographs14 and ideographs14 are what Unicode 14.0 assigned in
// Symbols and Pictographs Extended-A and in planes 2 and 3.
var (
	pictographs14 = [][2]rune{{0x1fa70, 0x1fa74}, {0x1fa78, 0x1fa7c}, {0x1fa80, 0x1fa86}, {0x1fa90, 0x1faac},
		{0x1fab0, 0x1faba}, {0x1fac0, 0x1fac5}, {0x1fad0, 0x1fad9}, {0x1fae0, 0x1fae7}, {0x1faf0, 0x1faf6}}
	ideographs14 = [][2]rune{{0x20000, 0x2a6df}, {0x2a700, 0x2b738}, {0x2b740, 0x2b81d}, {0x2b820, 0x2cea1},
		{0x2ceb0, 0x2ebe0}, {0x2f800, 0x2fa1d}, {0x30000, 0x3134a}}
)

// isEmoji is a cheap test for the pictographs a zero-width joiner joins.
func isEmoji(r rune) bool {
	return (r >= 0x1f000 && r <= 0x1faff) || (r >= 0x2600 && r <= 0x27bf) || (r >= 0x2300 && r <= 0x23ff) || (r >= 0x2b00 && r <= 0x2bff)
}

// skipEscape returns the index just past the escape sequence whose ESC
// ended at i.
func skipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case '[':
		return skipCSI(s, i+1)
	case ']', 'P', 'X', '^', '_':
		return skipString(s, i+1)
	}
	// Two-character sequences, and those with intermediate bytes (ESC ( B).
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
		i++
	}
	if i < len(s) {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return i
}

// skipCSI skips parameter and intermediate bytes and the final byte.
func skipCSI(s string, i int) int {
	for i < len(s) {
		c := s[i]
		i++
		if c >= 0x40 && c <= 0x7e {
			return i
		}
		if c < 0x20 || c > 0x3f && c < 0x40 {
			return i
		}
	}
	return i
}

// skipString skips a control string up to its terminator: BEL, ESC \ or the
// 8-bit ST.
func skipString(s string, i int) int {
	for i < len(s) {
		switch {
		case s[i] == 0x07:
			return i + 1
		case s[i] == 0x1b:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			return i + 1
		case strings.HasPrefix(s[i:], "\u009c"):
			return i + len("\u009c")
		}
		i++
	}
	return i
}
