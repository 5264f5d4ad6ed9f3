package calendar

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// property is one content line of an iCalendar file, unfolded, with the
// line of the file it starts on.
type property struct {
	Name   string              // upper case
	Params map[string][]string // keys upper case, values unquoted
	Value  string              // raw value, not yet unescaped
	Line   int
}

// caret decodes RFC 6868's escapes in a parameter value: ^' a double
// quote, ^n a line break, ^^ a caret.
var caret = strings.NewReplacer("^^", "^", "^'", `"`, "^n", "\n", "^N", "\n")

// param returns the first value of the parameter name, or "".
func (p *property) param(name string) string {
	if v := p.Params[name]; len(v) > 0 {
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
}

// prop returns the first property called name, or nil.
func (c *component) prop(name string) *property {
	if ps := c.props(name); len(ps) > 0 {
		return ps[0]
	}
	return nil
}

// props returns every property called name, in file order. The index is
// built at the first call, so that looking up the properties of an event
// for each of its occurrences does not walk them all each time.
func (c *component) props(name string) []*property {
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
// lines.
func unfold(text string) (lines []string, at []int) {
	physical := 0
	var cur strings.Builder
	curLine := 0
	flush := func() {
		if curLine > 0 {
			lines = append(lines, cur.String())
			at = append(at, curLine)
		}
		cur.Reset()
		curLine = 0
	}
	for len(text) > 0 {
		i := strings.IndexAny(text, "\r\n")
		var l string
		if i < 0 {
			l, text = text, ""
		} else {
			l = text[:i]
			if text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
			text = text[i+1:]
		}
		physical++
		if len(l) > 0 && (l[0] == ' ' || l[0] == '\t') && curLine > 0 {
			cur.WriteString(l[1:])
			continue
		}
		flush()
		if strings.TrimSpace(l) == "" {
			continue
		}
		cur.WriteString(l)
		curLine = physical
	}
	flush()
	return lines, at
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
		if p.Params == nil {
			p.Params = map[string][]string{}
		}
		p.Params[key] = append(p.Params[key], vals...)
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
