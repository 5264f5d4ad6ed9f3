// Package calendar reads iCalendar files (RFC 5545) as other programs write
// them — Google, Outlook, Apple, Thunderbird, khal, calcurse — into
// itineraries: every VEVENT becomes an event, recurring ones expanded, and
// organisers and attendees become people.
//
// The calendar is turned into the yaml.Node tree of a format-v1 file, with
// each node's line set to the line of the calendar it came from, and loaded
// through itinerary.LoadNodeEvents, so a calendar is validated and indexed
// exactly as a YAML file is; the events' nodes are made a chunk at a time
// as the loader walks them (stream.go), never all at once.
package calendar

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/visitline/visitline/itinerary"
	"gopkg.in/yaml.v3"
)

// MaxOccurrences is how many occurrences of one repeating event are
// expanded; a series with more is cut there, with a warning and a note in
// the itinerary's subtitle and summary.
const MaxOccurrences = 1000

// MaxEvents is how many events (occurrences included) one calendar may
// give; the rest are left out with a warning.
const MaxEvents = 100_000

// maxProblems bounds the warnings kept for one file.
const maxProblems = 1000

// Sniff reports whether data is an iCalendar file: after a byte order mark
// and blank lines, its first line is BEGIN:VCALENDAR, or BEGIN:VEVENT or
// BEGIN:VTIMEZONE (a bare component, as khal stores one event).
func Sniff(data []byte) bool {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	data = bytes.TrimLeft(data, " \t\r\n")
	begin := ""
	for _, b := range []string{"BEGIN:VCALENDAR", "BEGIN:VEVENT", "BEGIN:VTIMEZONE"} {
		if len(data) >= len(b) && strings.EqualFold(string(data[:len(b)]), b) {
			begin = b
		}
	}
	if begin == "" {
		return false
	}
	// The line must end there, and the next must not continue it (a fold).
	rest := data[len(begin):]
	rest = bytes.TrimLeft(rest, " \t")
	switch {
	case len(rest) == 0:
		return true
	case rest[0] != '\r' && rest[0] != '\n':
		return false
	}
	rest = bytes.TrimPrefix(bytes.TrimPrefix(rest, []byte("\r")), []byte("\n"))
	return len(rest) == 0 || rest[0] != ' ' && rest[0] != '\t'

}

// Load reads data, named name in messages, as an iCalendar file. Problems
// that do not stop the load (a missing DTSTART, an unknown zone, a broken
// line) are the itinerary's warnings, as FILE:LINE: messages; a file with
// no calendar in it is an *itinerary.LoadError.
//
// The events' nodes are made in parallel chunks as the loader walks them,
// and dropped after (stream.go).
func Load(name string, data []byte) (it *itinerary.Itinerary, err error) {
	return loadCalendar(name, data, false)
}

// loadCalendar is Load; whole makes the node tree of the whole calendar first and
// loads it at once, as the reader did before it streamed: the reference
// the tests hold the streaming to.
func loadCalendar(name string, data []byte, whole bool) (it *itinerary.Itinerary, err error) {
	defer func() {
		if r := recover(); r != nil {
			it = nil
			err = internalError(name, r)
		}
	}()
	r := &reader{name: name, whole: whole}
	cal := r.read(data, whole)
	if cal == nil {
		return nil, &itinerary.LoadError{File: name, Problems: r.errors()}
	}
	if whole {
		it, err = itinerary.LoadNode(name, cal.root, r.problems)
	} else {
		it, err = itinerary.LoadNodeEvents(name, cal.root, cal.events(), len(cal.occs), cal.problems)
	}
	if it != nil {
		it.NoZone = r.noZone
		if len(r.revs) == len(it.Events) {
			for i := range it.Events {
				it.Events[i].Rev = r.revs[it.Events[i].FileIndex]
			}
		}
	}
	return it, err
}

// internalError is the error of a panic while reading.
func internalError(name string, v any) *itinerary.LoadError {
	return &itinerary.LoadError{File: name, Problems: []itinerary.Problem{{Message: fmt.Sprintf("cannot read this calendar (internal error: %v); please report it", v)}}}
}

// LoadReader reads at most itinerary.MaxFileSize bytes from r and loads
// them as an iCalendar file when Sniff says they are one, else as a YAML
// itinerary (itinerary.Load).
func LoadReader(name string, r io.Reader) (*itinerary.Itinerary, error) {
	it, _, err := LoadInput(name, r)
	return it, err
}

// LoadInput is LoadReader, also saying whether the input was a calendar.
func LoadInput(name string, r io.Reader) (it *itinerary.Itinerary, isCalendar bool, err error) {
	data, err := io.ReadAll(io.LimitReader(r, itinerary.MaxFileSize+1))
	if err != nil {
		return nil, false, &itinerary.LoadError{File: name, Problems: []itinerary.Problem{{Message: "cannot read: " + err.Error()}}}
	}
	if Sniff(data) {
		if len(data) > itinerary.MaxFileSize {
			return nil, true, &itinerary.LoadError{File: name, Problems: []itinerary.Problem{{Message: fmt.Sprintf("the file is larger than the limit of %d MiB", itinerary.MaxFileSize>>20)}}}
		}
		it, err := Load(name, data)
		return it, true, err
	}
	it, err = itinerary.Load(name, data)
	return it, false, err
}

// reader holds the state of one read.
type reader struct {
	name string
	// whole reads on one goroutine, as the reader did before it streamed
	// (the tests' reference, see loadCalendar).
	whole    bool
	problems []itinerary.Problem
	dropped  int
	// noZone is true when the calendar names no zone (see topZone).
	noZone bool
	// revs is the identity of each event node, in node order (Load
	// gives them to the events when there are as many).
	revs []itinerary.Revision
}

func (r *reader) warn(line int, format string, args ...any) {
	if len(r.problems) >= maxProblems {
		r.dropped++
		return
	}
	r.problems = append(r.problems, itinerary.Problem{Line: line, Message: fmt.Sprintf(format, args...), Warning: true})
}

func (r *reader) fail(line int, format string, args ...any) {
	r.problems = append(r.problems, itinerary.Problem{Line: line, Message: fmt.Sprintf(format, args...)})
}

func (r *reader) errors() []itinerary.Problem {
	var out []itinerary.Problem
	for _, p := range r.problems {
		if !p.Warning {
			out = append(out, p)
		}
	}
	return out
}

// read parses data into the node tree of an itinerary and its events, or
// returns nil when it is not a calendar at all; whole puts the events'
// nodes in the tree (see loadCalendar).
func (r *reader) read(data []byte, whole bool) *built {
	if k := bytes.IndexByte(data, 0); k >= 0 {
		line, col := itinerary.Position(data, k)
		r.problems = append(r.problems, itinerary.Problem{Line: line, Column: col, Message: itinerary.NULByte + " U+0000 is not allowed in iCalendar"})
		return nil
	}
	cals := r.components(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
	if len(cals) == 0 {
		r.fail(1, "no BEGIN:VCALENDAR: this is not an iCalendar file")
		return nil
	}
	return r.build(cals, whole)
}

// components lexes text into its components and chooses the calendars
// among them. A file of UTF-8 is unfolded and nested a part at a time
// (treeStream); another has its encoding decided on all its lines first.
func (r *reader) components(text []byte) []*component {
	if !r.whole && utf8.Valid(text) {
		// Valid UTF-8 stays valid unfolded: a fold takes out only ASCII.
		problems, dropped := len(r.problems), r.dropped
		if cals, ok := r.treeStream(text); ok {
			return cals
		}
		r.problems, r.dropped = r.problems[:problems], dropped
	}
	// The encoding is decided after unfolding (RFC 5545 3.1: a fold may
	// split a character, and unfolding restores it).
	lines, at := unfold(text)
	switch enc, first, damaged := decodeLines(lines); {
	case enc == windows1252:
		r.warn(1, "the file is not UTF-8; read as Windows-1252")
	case damaged > 0:
		r.warn(at[first], "%d bytes of the file are not UTF-8; each run of them is read as U+FFFD (�)", damaged)
	}
	return r.tree(lines, at)
}

// clip makes a value from the file safe and short enough to quote: as
// every message quotes values (itinerary.Quote), cut at 80 characters,
// with what a terminal would act on written as a visible escape.
func clip(s string) quoted {
	return quoted(s)
}

// quoted is a value as messages show it: %q quotes it, other verbs write
// it without the quotes.
type quoted string

// Format implements fmt.Formatter.
func (q quoted) Format(f fmt.State, verb rune) {
	s := itinerary.Quote(string(q))
	if verb != 'q' {
		// without the quotes, and without the escapes only quoting needs
		var b strings.Builder
		for i := 1; i < len(s)-1; i++ {
			if s[i] == '\\' && (s[i+1] == '"' || s[i+1] == '\\') {
				i++
			}
			b.WriteByte(s[i])
		}
		s = b.String()
	}
	io.WriteString(f, s)
}

// build maps the calendars to the node tree of an itinerary, without its
// events unless whole is set, and the occurrences of its events.
func (r *reader) build(cals []*component, whole bool) *built {
	first := cals[0]
	b := &builder{r: r, keep: whole, people: map[string]int{}, sources: map[string]int{}, slugs: map[string]int{}, sourceSlugs: map[string]int{},
		nameBytes: map[string]int{}, warnedBudget: map[string]bool{}}
	zs := &zones{defs: map[string]*component{}, cache: map[string]*zone{}, years: map[string][2]int{}, top: time.UTC}
	vevents := gather(cals, zs)
	b.zs = zs

	title := ""
	for _, name := range []string{"X-WR-CALNAME", "NAME"} {
		if p := first.prop(name); p != nil && title == "" {
			title = itinerary.CleanLine(unescapeText(p.Value))
		}
	}
	if title == "" {
		title = strings.TrimSuffix(filepath.Base(r.name), filepath.Ext(r.name))
		if r.name == "<stdin>" || title == "" {
			title = "Calendar"
		}
		title = itinerary.CleanLine(title)
	}
	summary := ""
	for _, name := range []string{"X-WR-CALDESC", "DESCRIPTION"} {
		if p := first.prop(name); p != nil && summary == "" {
			summary = strings.TrimSpace(itinerary.Clean(unescapeText(p.Value)))
		}
	}
	title, summary = cut(title, maxLine), cut(summary, maxText)
	var named bool
	zs.top, named = r.topZone(first, vevents, zs)
	r.noZone = !named

	events := b.events(vevents)
	r.revs = b.revs
	if len(vevents) == 0 {
		r.warn(first.Line, "the calendar has no events (no VEVENT)")
	}
	subtitle := ""
	if len(b.capped) > 0 {
		subtitle = fmt.Sprintf("repeating events cut at %d occurrences", MaxOccurrences)
		note := fmt.Sprintf("Repeating events are expanded up to %d occurrences each; these were cut there: %s.", MaxOccurrences, strings.Join(b.capped, ", "))
		summary = strings.TrimSpace(summary + "\n\n" + note)
	}
	if r.dropped > 0 {
		r.problems = append(r.problems, itinerary.Problem{Message: fmt.Sprintf("and %d more warnings", r.dropped), Warning: true})
	}

	root := mapping(first.Line)
	root.add("version", intScalar(1, 0))
	root.add("title", scalar(title, first.Line))
	root.addText("subtitle", subtitle, first.Line)
	root.add("timezone", scalar(zs.top.String(), first.Line))
	root.addText("summary", summary, first.Line)
	if len(b.sourceNodes) > 0 {
		root.add("sources", seq(first.Line, b.sourceNodes...))
	}
	if len(b.personNodes) > 0 {
		root.add("people", seq(first.Line, b.personNodes...))
	}
	var nodes []*yaml.Node
	if whole {
		for _, o := range events {
			nodes = append(nodes, o.node)
		}
	}
	root.add("events", seq(first.Line, nodes...))
	return &built{root: root.Node, occs: events, b: b}
}

// gather lists the VEVENTs of the calendars and their zones' definitions,
// and the years each TZID starts events in.
func gather(cals []*component, zs *zones) (vevents []*component) {
	for _, cal := range cals {
		for _, c := range cal.Children {
			switch c.Name {
			case "VTIMEZONE":
				// The TZID property is TEXT, escaped (Outlook's "Kuala
				// Lumpur\, Singapore"); the parameters naming it are not.
				if id := unescapeText(propValue(c, "TZID")); id != "" {
					zs.defs[id] = c
				}
			case "VEVENT":
				vevents = append(vevents, c)
				if p := c.prop("DTSTART"); p != nil && p.param("TZID") != "" {
					if w, ok := parseWall(p.Value); ok {
						tzid, _ := p.tzid()
						span, y := zs.years[tzid], w.Year()
						if span[0] == 0 || y < span[0] {
							span[0] = y
						}
						span[1] = max(span[1], y)
						zs.years[tzid] = span
					}
				}
			}
		}
	}
	return vevents
}

// topZone is the itinerary's zone: X-WR-TIMEZONE (which is also the zone
// of the calendar's floating times), else the zone most events start in,
// else UTC. named is false when the calendar names no zone: neither
// X-WR-TIMEZONE nor a known TZID, and no UTC time starts an event.
func (r *reader) topZone(cal *component, vevents []*component, zs *zones) (loc *time.Location, named bool) {
	if p := cal.prop("X-WR-TIMEZONE"); p != nil {
		if loc, ok := zs.lookup(p.Value); ok {
			zs.declared = loc
			return loc, true
		}
		r.warn(p.Line, "X-WR-TIMEZONE %q is not a known time zone; ignored", clip(p.Value))
	}
	count := map[string]int{}
	var order []string
	names := map[string]string{} // TZID → IANA name, "" when unknown
	for _, c := range vevents {
		p := c.prop("DTSTART")
		if p == nil {
			continue
		}
		tzid, _ := p.tzid()
		if tzid == "" {
			if v := strings.TrimSpace(p.Value); strings.HasSuffix(v, "Z") || strings.HasSuffix(v, "z") {
				named = true
			}
			continue
		}
		named = true
		name, seen := names[tzid]
		if seen {
			if name != "" {
				count[name]++
			}
			continue
		}
		if def := zs.defs[tzid]; def != nil && propValue(def, "X-LIC-LOCATION") != "" {
			if loc, ok := zs.lookup(propValue(def, "X-LIC-LOCATION")); ok {
				name = loc.String()
			}
		}
		if name == "" {
			if loc, ok := zs.lookup(tzid); ok {
				name = loc.String()
			}
		}
		names[tzid] = name
		if name == "" {
			continue
		}
		if count[name] == 0 {
			order = append(order, name)
		}
		count[name]++
	}
	best := ""
	for _, n := range order {
		if best == "" || count[n] > count[best] {
			best = n
		}
	}
	if best != "" {
		if loc, err := itinerary.LoadZone(best); err == nil {
			return loc, true
		}
	}
	return time.UTC, named
}

// node helpers: a format-v1 tree with positions from the calendar.

type mapNode struct {
	*yaml.Node
	// keys, when set, holds the key nodes made so far, shared by the
	// mappings (events) that have the same key at the same line.
	keys map[keyAt]*yaml.Node
}

type keyAt struct {
	key  string
	line int
}

func mapping(line int) mapNode {
	return mapNode{Node: &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: line}}
}

// remove deletes the field key, reporting whether it was there.
func (m mapNode) remove(key string) bool {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content = append(m.Content[:i], m.Content[i+2:]...)
			return true
		}
	}
	return false
}

func (m mapNode) add(key string, val *yaml.Node) {
	k := m.keys[keyAt{key, val.Line}]
	if k == nil {
		k = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key, Line: val.Line}
		if m.keys != nil {
			m.keys[keyAt{key, val.Line}] = k
		}
	}
	m.Content = append(m.Content, k, val)
}

// addText adds a text field unless it is empty (an empty field is an error
// in the format).
func (m mapNode) addText(key, val string, line int) {
	if strings.TrimSpace(val) != "" {
		m.add(key, scalar(val, line))
	}
}

func scalar(s string, line int) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s, Line: line}
}

func intScalar(n, line int) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: fmt.Sprint(n), Line: line}
}

func boolScalar(line int) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true", Line: line}
}

func seq(line int, items ...*yaml.Node) *yaml.Node {
	return &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: line, Content: items}
}
