package itinerary

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// scanChunk reads a chunk of the events list (parseChunk's text and first
// line) without yaml.v3, for the shape that format-v1 files nearly always
// have: items that are block mappings of simple keys, each value on the
// key's line (a plain, a quoted scalar or a flow list of them), a block
// list of such scalars on the lines below it, or a literal or folded block
// text. It gives the very nodes yaml.v3 gives — kind, tag,
// style, value, line and column — and reports false on anything else
// (comments, anchors, tags, escapes, nested blocks, folded or multi-line
// scalars, tabs, any character yaml.v3 would refuse), which parseChunk
// then leaves to yaml.v3. FuzzScanChunk holds the two to that.
//
// yaml.v3's scanner is more than half of a large file's load; this reads
// each line once and makes the nodes from a few slabs.
func scanChunk(text []byte, first int) ([]*yaml.Node, bool) {
	if len(text) == 0 || text[len(text)-1] != '\n' || !scannable(text) {
		return nil, false
	}
	s := chunkScanner{text: text, line: first}
	var items []*yaml.Node
	itemIndent := -1
	for s.next() {
		ind, rest := s.indent()
		switch {
		case len(rest) == 0: // a blank line
		case itemIndent < 0 && isItemStart(rest) || ind == itemIndent && isItemStart(rest):
			itemIndent = ind
			m := s.item(ind, rest)
			if m == nil {
				return nil, false
			}
			items = append(items, m)
		default:
			return nil, false
		}
	}
	return items, len(items) > 0
}

// scannable reports whether every character of text is one yaml.v3 takes
// as printable (its is_printable: no tab, no control or C1 character, no
// byte-order mark, no character beyond U+FFFD) and no line ends in CR.
func scannable(text []byte) bool {
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && c != '\n') || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(text[i:])
		if r < 0xA0 || (r > 0xD7FF && r < 0xE000) || r == 0xFEFF || r > 0xFFFD {
			return false // also utf8.RuneError of a bad byte: U+FFFD is 3 bytes
		}
		if r == utf8.RuneError && n == 1 {
			return false
		}
		i += n
	}
	return true
}

// chunkScanner walks the lines of a chunk. Lines are 1-based in the file
// once first (the chunk's 0-based first line) is added, as yaml.v3's are
// after parseChunk's shift.
type chunkScanner struct {
	text []byte
	cur  []byte // the current line, without its "\n"
	pos  int    // where the next line starts
	line int    // the current line's number in the file
	slab []yaml.Node
	ptrs []*yaml.Node
	// pending holds a line already read that the caller has to see again
	// (the line that ended a literal block).
	pending bool
}

// next moves to the next line.
func (s *chunkScanner) next() bool {
	if s.pending {
		s.pending = false
		return true
	}
	if s.pos >= len(s.text) {
		return false
	}
	end := bytes.IndexByte(s.text[s.pos:], '\n')
	if end < 0 {
		end = len(s.text) - s.pos
	}
	s.cur = s.text[s.pos : s.pos+end]
	s.pos += end + 1
	s.line++
	return true
}

// indent is the current line's indentation and the rest of it.
func (s *chunkScanner) indent() (int, []byte) {
	rest := bytes.TrimLeft(s.cur, " ")
	return len(s.cur) - len(rest), rest
}

// node is a new node from the slab, at byte offset at of the current line.
func (s *chunkScanner) node(kind yaml.Kind, tag, value string, at int) *yaml.Node {
	n := s.alloc()
	*n = yaml.Node{Kind: kind, Tag: tag, Value: value, Line: s.line, Column: s.column(at)}
	return n
}

// alloc is a zero node from the slab.
func (s *chunkScanner) alloc() *yaml.Node {
	if len(s.slab) == cap(s.slab) {
		s.slab = make([]yaml.Node, 0, slabNodes)
	}
	s.slab = s.slab[:len(s.slab)+1]
	return &s.slab[len(s.slab)-1]
}

// column is the 1-based column of byte offset at of the current line, in
// characters as yaml.v3 counts them.
func (s *chunkScanner) column(at int) int {
	return utf8.RuneCount(s.cur[:at]) + 1
}

// content is a list of n node pointers that later appends cannot move.
func (s *chunkScanner) content(nodes ...*yaml.Node) []*yaml.Node {
	if len(s.ptrs)+len(nodes) > cap(s.ptrs) {
		s.ptrs = make([]*yaml.Node, 0, max(slabNodes, len(nodes)))
	}
	start := len(s.ptrs)
	s.ptrs = append(s.ptrs, nodes...)
	return s.ptrs[start:len(s.ptrs):len(s.ptrs)]
}

// item reads the list item that starts on the current line ("- key: …" at
// indentation ind) and the key lines under it, up to the next item.
func (s *chunkScanner) item(ind int, rest []byte) *yaml.Node {
	after := bytes.TrimLeft(rest[1:], " ")
	col := ind + len(rest) - len(after) // the first key's offset
	var pairs []*yaml.Node
	var m *yaml.Node
	for {
		k, v := s.pair(col)
		if k == nil {
			return nil
		}
		if m == nil {
			m = s.alloc()
			*m = yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: k.Line, Column: k.Column}
		}
		pairs = append(pairs, k, v)
		if !s.next() {
			break
		}
		ind, rest := s.indent()
		for len(rest) == 0 && s.next() { // blank lines
			ind, rest = s.indent()
		}
		if len(rest) == 0 {
			break
		}
		if ind != col || isItemStart(rest) {
			s.pending = true // the next item's line, or a line that ends the chunk's shape
			break
		}
	}
	m.Content = s.content(pairs...)
	return m
}

// pair reads "key: value" at byte offset col of the current line.
func (s *chunkScanner) pair(col int) (k, v *yaml.Node) {
	line := s.cur
	end := col
	for end < len(line) && isKeyByte(line[end]) {
		end++
	}
	if end == col || end-col > 128 || end >= len(line) || line[end] != ':' {
		return nil, nil // no key
	}
	key := string(line[col:end])
	k = s.node(yaml.ScalarNode, plainTag(key), key, col)
	if end+1 == len(line) {
		// The value on the lines below: a block list.
		if v = s.blockList(col); v == nil {
			return nil, nil
		}
		return k, v
	}
	if line[end+1] != ' ' {
		return nil, nil
	}
	at := end + 1
	for at < len(line) && line[at] == ' ' {
		at++
	}
	if at == len(line) {
		return nil, nil
	}
	switch line[at] {
	case '"', '\'':
		var after int
		v, after = s.quoted(at)
		if v != nil && !onlySpaces(line[after:]) {
			return nil, nil
		}
	case '[':
		v = s.flow(at)
	case '|', '>':
		v = s.literal(at, col)
	default:
		v = s.plain(at, len(line), false)
	}
	if v == nil {
		return nil, nil
	}
	return k, v
}

func isKeyByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

func onlySpaces(b []byte) bool { return len(bytes.TrimLeft(b, " ")) == 0 }

// blockList is the block list of one-line scalars on the lines after a
// key at offset col ("participants:", then "- p1" at the key's indentation
// or deeper); it leaves the line after it pending. Nil for anything else
// below the key: a blank line, a nested list or mapping, an item that goes
// on over lines.
func (s *chunkScanner) blockList(col int) *yaml.Node {
	if !s.next() {
		return nil
	}
	ind, rest := s.indent()
	if ind < col || !isItemStart(rest) {
		return nil
	}
	seq := s.node(yaml.SequenceNode, "!!seq", "", ind)
	var items []*yaml.Node
	for {
		at := skipSpaces(s.cur, ind+1)
		if at == ind+1 || at == len(s.cur) {
			return nil // "-" alone, or with nothing after it
		}
		var n *yaml.Node
		if c := s.cur[at]; c == '"' || c == '\'' {
			var after int
			if n, after = s.quoted(at); n != nil && !onlySpaces(s.cur[after:]) {
				return nil
			}
		} else {
			n = s.plain(at, len(s.cur), false)
		}
		if n == nil {
			return nil
		}
		items = append(items, n)
		if !s.next() {
			break
		}
		next, rest := s.indent()
		if len(rest) == 0 {
			return nil
		}
		if next != ind || !isItemStart(rest) {
			s.pending = true
			break
		}
	}
	seq.Content = s.content(items...)
	return seq
}

// plainFirst holds the characters a plain scalar that scanChunk reads may
// not start with: YAML's indicators, and a space.
const plainFirst = "-?:,[]{}#&*!|>'\"%@` "

// plain is the plain scalar at line offsets [at, end): a block value runs to
// the end of the line, a flow list's item to its comma or bracket. It is
// nil where yaml.v3 would read more or other than a string of these bytes:
// a key inside (": "), a comment (" #"), a flow indicator in a list.
func (s *chunkScanner) plain(at, end int, flow bool) *yaml.Node {
	b := bytes.TrimRight(s.cur[at:end], " ")
	if len(b) == 0 || strings.IndexByte(plainFirst, b[0]) >= 0 || b[len(b)-1] == ':' ||
		bytes.Contains(b, []byte(": ")) || bytes.Contains(b, []byte(" #")) ||
		flow && bytes.ContainsAny(b, "[]{},:#?") {
		return nil
	}
	v := string(b)
	if v == "<<" {
		return nil // the merge key's tag
	}
	return s.node(yaml.ScalarNode, plainTag(v), v, at)
}

// plainTag is the tag yaml.v3 resolves a plain scalar to. Only scalars
// starting with a character of its resolve table can be other than a
// string; of those, the common wall clock "2024-01-26 09:00" is a string
// too (no timestamp without seconds, no number), and the rest are asked of
// yaml.v3 itself.
func plainTag(v string) string {
	switch c := v[0]; {
	case c >= '0' && c <= '9' && isWallClock(v):
		return "!!str"
	case c == '+' || c == '-' || c == '.' || c >= '0' && c <= '9' || strings.IndexByte("yYnNtTfFoO~", c) >= 0:
		return (&yaml.Node{Kind: yaml.ScalarNode, Value: v}).ShortTag()
	}
	return "!!str"
}

// isWallClock reports the shape dddd-dd-dd dd:dd.
func isWallClock(v string) bool {
	if len(v) != len("2006-01-02 15:04") {
		return false
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch i {
		case 4, 7:
			if c != '-' {
				return false
			}
		case 10:
			if c != ' ' {
				return false
			}
		case 13:
			if c != ':' {
				return false
			}
		default:
			if c < '0' || c > '9' {
				return false
			}
		}
	}
	return true
}

// quoted is the single- or double-quoted scalar that starts at offset at,
// and the offset after it; nil when it does not end on this line or has
// an escape sequence.
func (s *chunkScanner) quoted(at int) (*yaml.Node, int) {
	line := s.cur
	q := line[at]
	var value []byte
	i := at + 1
	for {
		j := bytes.IndexByte(line[i:], q)
		if j < 0 {
			return nil, 0
		}
		part := line[i : i+j]
		if q == '"' && bytes.IndexByte(part, '\\') >= 0 {
			return nil, 0
		}
		value = append(value, part...)
		i += j + 1
		if q == '\'' && i < len(line) && line[i] == '\'' {
			value = append(value, '\'') // '' is a quote
			i++
			continue
		}
		break
	}
	n := s.node(yaml.ScalarNode, "!!str", string(value), at)
	n.Style = yaml.DoubleQuotedStyle
	if q == '\'' {
		n.Style = yaml.SingleQuotedStyle
	}
	return n, i
}

// flow is the flow list [a, "b", c] that starts at offset at and ends the
// line.
func (s *chunkScanner) flow(at int) *yaml.Node {
	line := s.cur
	seq := s.node(yaml.SequenceNode, "!!seq", "", at)
	seq.Style = yaml.FlowStyle
	var items []*yaml.Node
	i := skipSpaces(line, at+1)
	if i < len(line) && line[i] == ']' {
		i++
	} else {
		for {
			var n *yaml.Node
			if i < len(line) && (line[i] == '"' || line[i] == '\'') {
				n, i = s.quoted(i)
			} else {
				end := i + bytes.IndexAny(line[i:], ",]")
				if end < i {
					return nil
				}
				n, i = s.plain(i, end, true), end
			}
			if n == nil {
				return nil
			}
			items = append(items, n)
			i = skipSpaces(line, i)
			if i >= len(line) || line[i] != ',' && line[i] != ']' {
				return nil
			}
			i++
			if line[i-1] == ']' {
				break
			}
			i = skipSpaces(line, i)
			if i >= len(line) || line[i] == ']' || line[i] == ',' {
				return nil // a trailing or empty item
			}
		}
	}
	if !onlySpaces(line[i:]) {
		return nil
	}
	if len(items) > 0 {
		seq.Content = s.content(items...)
	}
	return seq
}

func skipSpaces(b []byte, i int) int {
	for i < len(b) && b[i] == ' ' {
		i++
	}
	return i
}

// literal is the block text whose indicator (|, |- or |+, or folded: >,
// >- or >+) is at offset at of a key at offset col; it reads the lines of
// the text and leaves the line after it pending. Nil for leading blank
// lines, lines of spaces deeper than the text, an empty text, and in a
// folded text a line indented deeper than the first (YAML keeps those
// lines' breaks, which is left to yaml.v3).
func (s *chunkScanner) literal(at, col int) *yaml.Node {
	head := bytes.TrimRight(s.cur[at:], " ")
	if len(head) > 2 || len(head) == 2 && head[1] != '-' && head[1] != '+' {
		return nil
	}
	folded := head[0] == '>'
	n := s.node(yaml.ScalarNode, "!!str", "", at)
	n.Style = yaml.LiteralStyle
	if folded {
		n.Style = yaml.FoldedStyle
	}
	var value []byte
	indent, breaks, lines := -1, 0, 0
	for s.next() {
		ind, rest := s.indent()
		switch {
		case len(rest) == 0 && (indent < 0 || len(s.cur) > indent):
			return nil // a blank line first, or spaces that would be text
		case len(rest) == 0:
			breaks++
			continue
		case indent < 0 && ind <= col:
			return nil // an empty text
		case indent < 0:
			indent = ind
		case ind < indent:
			s.pending = true
		case folded && ind > indent:
			return nil
		}
		if s.pending {
			break
		}
		switch {
		case lines > 0 && folded && breaks == 0:
			value = append(value, ' ') // a line break folded into a space
		case lines > 0 && !folded:
			breaks++ // the line break before this line, as it is
		}
		for ; breaks > 0; breaks-- {
			value = append(value, '\n')
		}
		value = append(value, s.cur[indent:]...)
		lines++
	}
	if lines == 0 {
		return nil
	}
	n.Value = string(chomp(value, head, breaks))
	return n
}

// chomp ends a block text's value as its indicator head says: clip (| or
// >) keeps the last line's break, strip (-) none, keep (+) every break
// after the text, of which breaks are the blank lines.
func chomp(value, head []byte, breaks int) []byte {
	switch {
	case len(head) == 1:
		value = append(value, '\n')
	case head[1] == '+':
		for breaks++; breaks > 0; breaks-- {
			value = append(value, '\n')
		}
	}
	return value
}

// slabNodes is how many nodes one slab holds: 64 of yaml.Node's 160-odd
// bytes stay a small object, which the collector reuses at once, where a
// chunk's one large slab stayed in the process's memory.
const slabNodes = 64
