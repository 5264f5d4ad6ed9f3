package calendar

import (
	"bytes"
	"math"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// property is one content line of an iCalendar file, unfolded, with the
// line of the file it starts on.
type property struct {
	Name   string      // upper case
	Value  string      // raw value, not yet unescaped
	Line   int         // the line of the file it starts on
	Params *parameters // nil when the line has none
}

// parameters are the parameters of a content line, in file order, a name
// as often as it is given. first, where each name's first parameter is,
// is made only for a line with more than fewParams of them: most lines
// have one parameter or none, and a file has a million lines.
type parameters struct {
	list  []param
	first map[string]int
}

// param is one parameter of a content line: its name in upper case and
// its values, unquoted.
type param struct {
	name string
	vals []string
}

// fewParams is how many parameters a line may have before property.param
// looks them up in an index instead of walking them.
const fewParams = 16

// caret decodes RFC 6868's escapes in a parameter value: ^' a double
// quote, ^n a line break, ^^ a caret.
var caret = strings.NewReplacer("^^", "^", "^'", `"`, "^n", "\n", "^N", "\n")

// param returns the first value of the parameter name, or "".
func (p *property) param(name string) string {
	var v []string
	switch ps := p.Params; {
	case ps == nil:
	case ps.first != nil:
		if i, ok := ps.first[name]; ok {
			v = ps.list[i].vals
		}
	default:
		for i := range ps.list {
			if ps.list[i].name == name {
				v = ps.list[i].vals
				break
			}
		}
	}
	if len(v) > 0 {
		if strings.IndexByte(v[0], '^') >= 0 {
			return caret.Replace(v[0])
		}
		return v[0]
	}
	return ""
}

// tzid is p's TZID parameter, with an escaped comma (which parameters do
// not have, RFC 5545 §3.2) read as a comma; escaped says one was.
func (p *property) tzid() (id string, escaped bool) {
	id = p.param("TZID")
	if strings.Contains(id, `\,`) {
		return strings.ReplaceAll(id, `\,`, ","), true
	}
	return id, false
}

// component is a BEGIN/END block with its properties and children.
type component struct {
	Name     string
	Line     int
	Props    []*property
	Children []*component
	byName   map[string][]*property
	pre      *prepared // a VEVENT's text, read ahead (prepare.go)
}

// prop returns the first property called name, or nil.
func (c *component) prop(name string) *property {
	if len(c.Props) <= fewProps {
		for _, p := range c.Props {
			if p.Name == name {
				return p
			}
		}
		return nil
	}
	if ps := c.props(name); len(ps) > 0 {
		return ps[0]
	}
	return nil
}

// fewProps is how many properties a component may have and be walked for
// a name rather than indexed.
const fewProps = 24

// props returns every property called name, in file order. A component of
// more than fewProps properties has an index, built at the first call, so
// that looking up the properties of an event for each of its occurrences
// does not walk them all each time; a smaller one is walked (the index
// would cost more than its properties: a calendar's events have a dozen).
func (c *component) props(name string) []*property {
	if len(c.Props) <= fewProps {
		var out []*property
		for i, p := range c.Props {
			if p.Name == name {
				if out == nil {
					out = c.Props[i : i+1 : i+1]
					continue
				}
				out = append(out, p)
			}
		}
		return out
	}
	if c.byName == nil {
		c.byName = make(map[string][]*property, len(c.Props))
		for _, p := range c.Props {
			c.byName[p.Name] = append(c.byName[p.Name], p)
		}
	}
	return c.byName[name]
}

// maxDepth bounds how deeply components may nest.
const maxDepth = 16

// The encodings decodeLines tells apart.
const (
	utf8Text = iota
	windows1252
)

// decodeLines makes the unfolded lines UTF-8 text. Text that is valid
// UTF-8 stays as it is. Text with bytes that are not is read as
// Windows-1252 (what old Outlook exports are) only when it is clearly not
// UTF-8: it holds fewer well-formed multi-byte UTF-8 characters than bad
// bytes (in Windows-1252 text a letter such as é is one byte, followed by
// ASCII, which is never well-formed UTF-8, so such text has no UTF-8
// characters at all). Otherwise it is UTF-8 with damage, and each run of
// bad bytes becomes one U+FFFD: a damaged byte costs its character, not
// the file. first is the index of the first damaged line, damaged the
// count of bad bytes.
func decodeLines(lines []string) (enc, first, damaged int) {
	good := 0
	first = -1
	for i, l := range lines {
		if isASCII(l) {
			continue
		}
		for j := 0; j < len(l); {
			r, size := utf8.DecodeRuneInString(l[j:])
			switch {
			case r == utf8.RuneError && size == 1:
				damaged++
				if first < 0 {
					first = i
				}
			case size > 1:
				good++
			}
			j += size
		}
	}
	if damaged == 0 {
		return utf8Text, 0, 0
	}
	if good < damaged {
		dec := charmap.Windows1252.NewDecoder()
		for i, l := range lines {
			if isASCII(l) {
				continue
			}
			if out, err := dec.String(l); err == nil {
				lines[i] = out
			} else {
				lines[i] = strings.ToValidUTF8(l, "\uFFFD")
			}
		}
		return windows1252, first, damaged
	}
	for i, l := range lines[first:] {
		if !utf8.ValidString(l) {
			lines[first+i] = strings.ToValidUTF8(l, "\uFFFD")
		}
	}
	return utf8Text, first, damaged
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// unfold splits text into logical content lines (RFC 5545 3.1: a line
// starting with a space or a tab continues the previous one), with the
// number of the physical line each starts on. CRLF, LF and lone CR all end
// lines. Each line is a string of its own, so that the text is not held
// by the lines that outlive it.
func unfold(text []byte) (lines []string, at []int) {
	unfoldEach(text, math.MaxInt, func(l []string, a []int) { lines, at = l, a })
	return lines, at
}

// unfoldEach is unfold handing the lines to emit n at a time, and the
// rest at the end (emit is called at least once; the slices are its).
func unfoldEach(text []byte, n int, emit func(lines []string, at []int)) {
	// Room for the lines of a file written as calendars are (lines of
	// some 50 bytes): growing the lists a line at a time copies them over
	// and over. A file of blank lines does not get room for them all.
	room := min(max(bytes.Count(text, []byte{'\n'}), bytes.Count(text, []byte{'\r'}))+1, len(text)/16+1, n)
	lines, at := make([]string, 0, room), make([]int, 0, room)
	physical := 0
	var first []byte  // the current line's first physical line
	var joined []byte // the current line with its continuations, once it has one
	folded := false
	curLine := 0
	flush := func() {
		if curLine > 0 {
			if folded {
				lines = append(lines, string(joined))
			} else {
				lines = append(lines, string(first))
			}
			at = append(at, curLine)
			if len(lines) == n {
				emit(lines, at)
				lines, at = make([]string, 0, room), make([]int, 0, room)
			}
		}
		joined, folded, curLine = joined[:0], false, 0
	}
	for len(text) > 0 {
		i := bytes.IndexAny(text, "\r\n")
		var l []byte
		if i < 0 {
			l, text = text, nil
		} else {
			l = text[:i]
			if text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
			text = text[i+1:]
		}
		physical++
		if len(l) > 0 && (l[0] == ' ' || l[0] == '\t') && curLine > 0 {
			if !folded {
				joined, folded = append(joined[:0], first...), true
			}
			joined = append(joined, l[1:]...)
			continue
		}
		flush()
		if len(bytes.TrimSpace(l)) == 0 {
			continue
		}
		first, curLine = l, physical
	}
	flush()
	emit(lines, at)
}

// parseLine splits a content line into name, parameters and value
// (RFC 5545 3.1: name *(";" param) ":" value, with parameter values
// optionally in double quotes). ok is false when there is no colon.
func parseLine(s string, line int) (*property, bool) {
	p := &property{Line: line}
	i := strings.IndexAny(s, ";:")
	if i <= 0 {
		return nil, false
	}
	p.Name = strings.ToUpper(strings.TrimSpace(s[:i]))
	for s[i] == ';' {
		s = s[i+1:]
		eq := strings.IndexAny(s, "=;:")
		if eq < 0 {
			return nil, false
		}
		key := strings.ToUpper(strings.TrimSpace(s[:eq]))
		if s[eq] != '=' {
			// a parameter without a value: keep going from here
			i = eq
			continue
		}
		s = s[eq+1:]
		var vals []string
		for {
			var v string
			if strings.HasPrefix(s, `"`) {
				end := strings.IndexByte(s[1:], '"')
				if end < 0 {
					return nil, false
				}
				v, s = s[1:1+end], s[2+end:]
			} else {
				end := strings.IndexAny(s, ",;:")
				// Outlook escapes a comma in a TZID as in text ("Kuala
				// Lumpur\, Singapore"), unquoted: it does not end the value.
				for end > 0 && s[end] == ',' && s[end-1] == '\\' {
					next := strings.IndexAny(s[end+1:], ",;:")
					if next < 0 {
						return nil, false
					}
					end += 1 + next
				}
				if end < 0 {
					return nil, false
				}
				v, s = s[:end], s[end:]
			}
			vals = append(vals, v)
			if !strings.HasPrefix(s, ",") {
				break
			}
			s = s[1:]
		}
		p.addParam(key, vals)
		if s == "" {
			return nil, false
		}
		i = 0
		if s[0] != ';' && s[0] != ':' {
			return nil, false
		}
	}
	p.Value = s[i+1:]
	return p, true
}

// addParam adds the parameter key with its values.
func (p *property) addParam(key string, vals []string) {
	if p.Params == nil {
		p.Params = &parameters{}
	}
	ps := p.Params
	if ps.first == nil && len(ps.list) == fewParams {
		ps.first = make(map[string]int, 2*fewParams)
		for i := len(ps.list) - 1; i >= 0; i-- {
			ps.first[ps.list[i].name] = i
		}
	}
	if _, seen := ps.first[key]; ps.first != nil && !seen {
		ps.first[key] = len(ps.list)
	}
	ps.list = append(ps.list, param{key, vals})
}

// unescapeText undoes RFC 5545 TEXT escaping: \n, \N, \, \; and \\.
func unescapeText(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch s[i] {
		case 'n', 'N':
			b.WriteByte('\n')
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// splitText splits a multi-valued TEXT (CATEGORIES) at unescaped commas.
func splitText(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case ',':
			out = append(out, unescapeText(s[start:i]))
			start = i + 1
		}
	}
	return append(out, unescapeText(s[start:]))
}
