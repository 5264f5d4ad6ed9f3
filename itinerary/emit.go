package itinerary

import (
	"bytes"
	"errors"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// The writer of format v1 writes the text yaml.v3 would give the file's
// node tree with an indent of 2 (block mappings; block lists of mappings,
// "  - " before an item's first key; flow lists of scalars; no line ever
// folded, yaml.v3 setting no width), without the tree: yaml.v3's emitter
// keeps every event of a document until the document ends
// (go-yaml/yaml#873), and building and encoding the nodes was most of the
// writer's time. A scalar is written here when its spelling is certain
// (plain, single-quoted, double-quoted without escapes, literal), by
// yaml.v3's own rules for choosing a style (emitterc.go,
// yaml_emitter_analyze_scalar and yaml_emitter_select_scalar_style); any
// other is encoded by yaml.v3 alone in the same place of the same
// structure, and its text cut out, so that the bytes are yaml.v3's by
// construction.

// yamlText is the text being written.
type yamlText struct {
	b   []byte
	err error
}

// yamlMap writes the keys of one block mapping: the top level (indent 0)
// or an item of a top-level list (indent 4).
type yamlMap struct {
	t      *yamlText
	indent int
	// first says that no key is written yet: the first of a list item
	// follows "  - ".
	first bool
	// flowKey is the key of the flow list being written, and flowFirst
	// says that none of its items is written yet.
	flowKey   string
	flowFirst bool
}

const yamlSpaces = "      "

// list writes key as the start of a block list of mappings.
func (m *yamlMap) list(key string) {
	m.key(key)
	m.t.b = append(m.t.b, '\n')
}

// item starts the mapping of the next item of a top-level list.
func (t *yamlText) item() yamlMap { return yamlMap{t: t, indent: 4, first: true} }

// end ends an item: one with no keys is an empty flow mapping.
func (m *yamlMap) end() {
	if m.first {
		m.t.b = append(m.t.b, "  - {}\n"...)
	}
}

// key writes the key and its colon.
func (m *yamlMap) key(key string) {
	t := m.t
	if m.first && m.indent > 0 {
		t.b = append(t.b, "  - "...)
	} else {
		t.b = append(t.b, yamlSpaces[:m.indent]...)
	}
	m.first = false
	t.b = append(t.b, key...)
	t.b = append(t.b, ':')
}

// raw writes a value that is plain as it is: true, 1.
func (m *yamlMap) raw(key, v string) {
	m.key(key)
	m.t.b = append(m.t.b, ' ')
	m.t.b = append(m.t.b, v...)
	m.t.b = append(m.t.b, '\n')
}

// str writes a text field, leaving out an empty one.
func (m *yamlMap) str(key, v string) {
	if v != "" {
		m.value(key, v, false)
	}
}

// text writes a text field that may have several lines (always in
// literal style then), leaving out an empty one.
func (m *yamlMap) text(key, v string) {
	if v != "" {
		m.value(key, v, true)
	}
}

// value writes v as the value of key; text says it is a text field.
func (m *yamlMap) value(key, v string, text bool) {
	m.key(key)
	t := m.t
	t.b = append(t.b, ' ')
	switch style := blockStyle(v); style {
	case stylePlain, styleSingle, styleDouble:
		t.b = append(appendQuoted(t.b, v, style), '\n')
	case styleLiteral:
		t.b = appendLiteral(t.b, v, m.indent+2)
	default:
		t.appendByYAMLv3(key, ystrOrText(v, text), m.indent, false)
	}
}

// appendQuoted appends v as a plain, single- or double-quoted scalar
// (double: one with nothing to escape).
func appendQuoted(b []byte, v string, style scalarStyle) []byte {
	switch style {
	case styleSingle:
		return appendSingle(b, v)
	case styleDouble:
		return append(append(append(b, '"'), v...), '"')
	}
	return append(b, v...)
}

// appendByYAMLv3 appends the scalar n as yaml.v3 writes it under key (in a flow
// list when flow), for the strings this writer does not spell itself.
func (t *yamlText) appendByYAMLv3(key string, n *yaml.Node, indent int, flow bool) {
	s, err := byYAMLv3(key, n, indent, flow)
	if err != nil {
		t.err = errors.Join(t.err, err)
	}
	t.b = append(t.b, s...)
}

// flowStart writes key as the start of a flow list.
func (m *yamlMap) flowStart(key string) {
	m.key(key)
	m.t.b = append(m.t.b, " ["...)
	m.flowKey, m.flowFirst = key, true
}

// flowItem writes v as the next item of a flow list.
func (m *yamlMap) flowItem(v string) {
	t := m.t
	if !m.flowFirst {
		t.b = append(t.b, ", "...)
	}
	m.flowFirst = false
	switch style := flowStyle(v); style {
	case stylePlain, styleSingle, styleDouble:
		t.b = appendQuoted(t.b, v, style)
	default:
		t.appendByYAMLv3(m.flowKey, ystr(v), m.indent, true)
	}
}

// flowEnd ends a flow list.
func (m *yamlMap) flowEnd() {
	m.t.b = append(m.t.b, "]\n"...)
}

func appendSingle(b []byte, v string) []byte {
	b = append(b, '\'')
	for {
		i := strings.IndexByte(v, '\'')
		if i < 0 {
			break
		}
		b = append(b, v[:i+1]...)
		b = append(b, '\'')
		v = v[i+1:]
	}
	return append(append(b, v...), '\'')
}

// appendLiteral writes v, which has a line break and neither begins with
// a space or a break nor has a space before a break, as a literal block
// whose lines are indented by indent. The text ends with a line break.
// (yaml.v3 means to end a document whose last block keeps its final
// breaks, "|+", with "...", but the indicator it writes after deciding so
// undoes that: it never writes one.)
func appendLiteral(b []byte, v string, indent int) []byte {
	switch {
	case !strings.HasSuffix(v, "\n"):
		b = append(b, "|-"...)
	case strings.HasSuffix(v, "\n\n"):
		b = append(b, "|+"...)
	default:
		b = append(b, '|')
	}
	// Each line on a line of its own, indented unless it is empty.
	end := "\n"
	if strings.HasSuffix(v, "\n") {
		end = "" // the last break ends the block
	}
	b = append(b, '\n')
	for {
		line, rest, more := strings.Cut(v, "\n")
		if line != "" {
			b = append(b, yamlSpaces[:indent]...)
			b = append(b, line...)
		}
		if !more {
			break
		}
		b = append(b, '\n')
		v = rest
	}
	return append(b, end...)
}

// byYAMLv3 is the text yaml.v3 writes for the scalar v as the value of key
// in a block mapping at indent (0, or 4 in an item of a top-level list),
// or with flow as the one item of a flow list there: the same structure
// as in the whole file, with a stand-in key after it that is cut off. The
// text of a value ends with its line break; that of an item has none.
func byYAMLv3(key string, v *yaml.Node, indent int, flow bool) (string, error) {
	val := v
	if flow {
		val = &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle, Content: []*yaml.Node{v}}
	}
	standIn := ystr(yamlStandIn)
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: []*yaml.Node{ystr(key), val, standIn, standIn}}
	prefix := key + ": "
	if indent > 0 {
		list := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Content: []*yaml.Node{m}}
		m = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: []*yaml.Node{standIn, list}}
		prefix = yamlStandIn + ":\n  - " + prefix
	}
	if flow {
		prefix += "["
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{m}}); err != nil {
		return "", err
	}
	if err := enc.Close(); err != nil {
		return "", err
	}
	s, ok := strings.CutPrefix(buf.String(), prefix)
	end := strings.LastIndex(s, "\n"+yamlSpaces[:indent]+yamlStandIn+": "+yamlStandIn+"\n")
	if !ok || end < 0 {
		return "", errors.New("yaml: a value not written as expected")
	}
	s = s[:end+1]
	if flow {
		s, ok = strings.CutSuffix(s, "]\n")
		if !ok {
			return "", errors.New("yaml: a list item not written as expected")
		}
	}
	return s, nil
}

// yamlStandIn is a key and value that stand in for what follows a value
// yaml.v3 writes alone; it is cut off at the start of a line, where
// nothing of the value can be (its lines are indented, and yaml.v3 does
// not fold lines).
const yamlStandIn = "visitline-stand-in"

// ystr is a string scalar, double-quoted where quotedForLoaders says.
func ystr(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	if quotedForLoaders(s) {
		n.Style = yaml.DoubleQuotedStyle
	}
	return n
}

// ystrOrText is ystr, or with text a text field's scalar: literal when it
// has several lines.
func ystrOrText(s string, text bool) *yaml.Node {
	n := ystr(s)
	if text && strings.Contains(s, "\n") {
		n.Style = yaml.LiteralStyle
	}
	return n
}

// scalarStyle is how a scalar is written.
type scalarStyle int

const (
	styleYAMLv3  scalarStyle = iota // only yaml.v3 can say
	stylePlain                      // as it is
	styleSingle                     // in single quotes, each quote doubled
	styleDouble                     // in double quotes, with nothing to escape
	styleLiteral                    // a literal block (appendLiteral)
)

// scalarScan is what yaml_emitter_analyze_scalar learns of a scalar that
// decides its style, for the scalars written here.
type scalarScan struct {
	other       bool // a character written here in no style: a control, a tab, a break but \n, one yaml.v3 escapes
	newline     bool
	quote       bool // " or \, escaped in double quotes
	edgeSpace   bool // a space first or last
	spaceBreak  bool // a space before a line break
	blockMarker bool // an indicator that keeps it from being plain in a block
	flowMarker  bool // one that keeps it from being plain in a flow list
}

// blockStyle is the style yaml.v3 gives v as a value in a block mapping.
func blockStyle(v string) scalarStyle {
	if v == "" {
		return styleYAMLv3
	}
	s := scan(v)
	switch {
	case s.other:
		return styleYAMLv3
	case s.newline:
		// yaml.v3 writes every string with a line break in literal style
		// where a block may hold it; one that begins with a space or a
		// break takes an indentation indicator.
		if s.spaceBreak || v[len(v)-1] == ' ' || v[0] == ' ' || v[0] == '\n' {
			return styleYAMLv3
		}
		return styleLiteral
	}
	return oneLineStyle(v, s, s.blockMarker)
}

// flowStyle is the style yaml.v3 gives v as an item of a flow list.
func flowStyle(v string) scalarStyle {
	if v == "" {
		return styleYAMLv3
	}
	s := scan(v)
	if s.other || s.newline {
		return styleYAMLv3
	}
	return oneLineStyle(v, s, s.flowMarker)
}

// oneLineStyle is the style of v, of one line: double-quoted when it is
// quoted for other loaders or yaml.v3 resolves it as other than a string,
// else plain unless marker or a space at an edge keeps it from that, else
// single-quoted.
func oneLineStyle(v string, s scalarScan, marker bool) scalarStyle {
	switch {
	case quotedForLoaders(v) || !resolvesString(v):
		if s.quote {
			return styleYAMLv3
		}
		return styleDouble
	case !marker && !s.edgeSpace:
		return stylePlain
	}
	return styleSingle
}

// scan reads v as yaml_emitter_analyze_scalar does, for the scalars
// written here; others are marked other.
func scan(v string) scalarScan {
	var s scalarScan
	if strings.HasPrefix(v, "---") || strings.HasPrefix(v, "...") {
		s.blockMarker, s.flowMarker = true, true
	}
	s.edgeSpace = v[0] == ' ' || v[len(v)-1] == ' '
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c >= utf8.RuneSelf {
			r, w := utf8.DecodeRuneInString(v[i:])
			s.other = s.other || w == 1 || !printableRune(r) // w 1: not UTF-8, which yaml.v3 refuses
			i += w - 1
			continue
		}
		next := byte(0) // what follows, 0 at the end
		if i+1 < len(v) {
			next = v[i+1]
		}
		switch {
		case c == '\n':
			s.newline = true
			s.spaceBreak = s.spaceBreak || i > 0 && v[i-1] == ' '
		case c < ' ' || c == 0x7f:
			s.other = true
		case c == '"' || c == '\\':
			s.quote = true
		}
		if i == 0 {
			s.firstIndicator(c, next)
		} else {
			s.laterIndicator(c, next, v[i-1])
		}
	}
	return s
}

// firstIndicator marks the indicators c makes as the first character,
// next following it.
func (s *scalarScan) firstIndicator(c, next byte) {
	blankAfter := next == 0 || next == ' ' || next == '\t'
	switch c {
	case '#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
		s.blockMarker, s.flowMarker = true, true
	case '?', ':':
		s.flowMarker = true
		s.blockMarker = s.blockMarker || blankAfter
	case '-':
		if blankAfter {
			s.blockMarker, s.flowMarker = true, true
		}
	}
}

// laterIndicator marks the indicators c makes after the first character,
// between prev and next.
func (s *scalarScan) laterIndicator(c, next, prev byte) {
	switch c {
	case ',', '?', '[', ']', '{', '}':
		s.flowMarker = true
	case ':':
		s.flowMarker = true
		s.blockMarker = s.blockMarker || next == 0 || next == ' ' || next == '\t'
	case '#':
		if prev == ' ' || prev == '\t' || prev == '\n' {
			s.blockMarker, s.flowMarker = true, true
		}
	}
}

// printableRune says whether yaml.v3 writes r as it is in every style:
// printable (yamlprivateh.go, is_printable), not a line break, not the
// byte order mark.
func printableRune(r rune) bool {
	return r >= 0xa0 && r <= 0xd7ff && r != 0x2028 && r != 0x2029 ||
		r >= 0xe000 && r <= 0xfffd && r != 0xfeff
}

// resolveHints are the first bytes of the plain scalars yaml.v3 may
// resolve as other than a string (resolve.go, resolveTable).
const resolveHints = "+-0123456789yYnNtTfFoO~."

// resolvesString says whether yaml.v3 reads v, plain, as a string: if not,
// it writes it double-quoted.
func resolvesString(v string) bool {
	if v == "" || strings.IndexByte(resolveHints, v[0]) < 0 {
		return true
	}
	if len(v) >= 5 && digits(v[:4]) && v[4] == '-' {
		// Perhaps a timestamp: only a wall clock to the minute is
		// certainly none (yaml.v3 reads none without seconds).
		if isWallMinutes(v) {
			return true
		}
	} else if strings.IndexFunc(v, notInNumber) >= 0 {
		// No number has it, nor any value yaml.v3 knows by name.
		return true
	}
	return (&yaml.Node{Kind: yaml.ScalarNode, Value: v}).ShortTag() == "!!str"
}

// notInNumber says whether r is in no number strconv parses (with a base
// prefix, an exponent, underscores, Inf or NaN) and in none of the names
// yaml.v3 resolves (true, null, .inf, ~).
func notInNumber(r rune) bool {
	return !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '.' || r == '_' || r == '+' || r == '-' || r == '~')
}
