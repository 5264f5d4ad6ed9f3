package itinerary

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// The fields allowed in each mapping, in the order the format document
// gives them; error messages list them in this order.
var (
	topFields      = []string{"version", "id", "title", "subtitle", "timezone", "summary", "remind", "calendars", "sources", "orgs", "people", "events"}
	calendarFields = []string{"name", "color"}
	sourceFields   = []string{"id", "publisher", "title", "date", "url"}
	orgFields      = []string{"id", "name", "native", "color"}
	personFields   = []string{"id", "name", "native", "aliases", "org", "role", "group", "note"}
	eventFields    = []string{"id", "title", "start", "end", "duration", "timezone", "end_timezone", "approximate", "kind", "status", "track", "place", "city", "participants", "topics", "notes", "sources", "remind", "calendar"}
)

var (
	slugPattern  = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)
	colorPattern = regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`)
)

// loader walks the yaml.Node tree of one file, collecting problems.
type loader struct {
	problems []Problem
	nodes    int
	// typos records, for each mapping, the fields an unknown key was taken
	// for, so that "missing required field" is not said twice.
	typos                          map[*yaml.Node]map[string]bool
	zones                          map[string]*time.Location // nil for a name that failed, with its error in zoneErrs
	zoneErrs                       map[string]error
	mergeDepth                     int
	merged                         int            // mappings merged so far, counted against maxMerged
	errors, warnings               int            // problems kept, counted against maxCollected
	omittedErrors, omittedWarnings int            // problems past maxCollected
	participations                 int            // participants of all events so far, counted against MaxParticipations
	sourceRefs                     int            // sources of all events so far, counted against MaxParticipations too
	personBytes                    []int          // the length of each person's names
	calendars                      []Calendar     // the calendars events name, first seen first
	calendarIndex                  map[string]int // a calendar's name to its index in calendars
	calendarIDs                    IDs            // the calendar ids taken
	calendarsListed                bool           // the top-level calendars list was given: events name its entries
	textBytes                      int            // bytes of text read so far, counted against maxExpandedText
	eventsHint                     int            // how many event items the list has, when known (the chunked load)
	// stopped is set when a limit on the whole file is reached: the walk
	// goes on through empty nodes, and nothing more is reported.
	stopped bool
}

// errorf records an error at n. Every string argument is a value that may
// come from the file and is written as a value (escaped, cut short); text
// the program composed itself, such as a list of allowed fields, is passed
// as a literal.
func (l *loader) errorf(n *yaml.Node, format string, args ...any) {
	l.problem(n, false, format, args)
}

func (l *loader) warnf(n *yaml.Node, format string, args ...any) {
	l.problem(n, true, format, args)
}

// reporting reports whether an error found now would be kept (not past
// maxCollected, nor after a limit stopped the walk), so that the work of
// describing it is done only then.
func (l *loader) reporting() bool { return !l.stopped && l.errors < maxCollected }

func (l *loader) problem(n *yaml.Node, warning bool, format string, args []any) {
	if l.stopped {
		return
	}
	switch {
	case warning && l.warnings == maxCollected:
		l.omittedWarnings++
		return
	case !warning && l.errors == maxCollected:
		l.omittedErrors++
		return
	case warning:
		l.warnings++
	default:
		l.errors++
	}
	for i, a := range args {
		if s, ok := a.(string); ok {
			args[i] = value(s)
		}
	}
	l.problems = append(l.problems, Problem{Line: n.Line, Column: n.Column, Message: fmt.Sprintf(format, args...), Warning: warning})
}

// literal is message text the program wrote, which errorf passes through
// as it is.
type literal string

// emptyNode is what deref gives once the walk has stopped.
var emptyNode = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null"}

// deref follows aliases, counting every node against maxNodes.
func (l *loader) deref(n *yaml.Node) *yaml.Node {
	if l.stopped {
		return emptyNode
	}
	at := n
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 100; i++ {
		n = n.Alias
	}
	l.nodes++
	if l.nodes > maxNodes {
		l.errorf(at, "the file expands to more than %d YAML values (aliases count each time they are used); stopped here", maxNodes)
		l.stopped = true
		return emptyNode
	}
	return n
}

// field is one key and its value in a mapping.
type field struct {
	key, val *yaml.Node
}

// fields checks that n is a mapping with only allowed, non-repeated keys, and
// returns its fields by name. ctx names the mapping in messages.
func (l *loader) fields(n *yaml.Node, ctx string, allowed []string) (map[string]field, bool) {
	n = l.deref(n)
	if n.Kind != yaml.MappingNode {
		l.errorf(n, "%s must be a mapping of fields (%s), not %s", ctx, literal(strings.Join(allowed, ", ")), describe(n))
		return nil, false
	}
	out := make(map[string]field, len(n.Content)/2)
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := l.deref(n.Content[i]), n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			merges = append(merges, v)
			continue
		}
		if k.Kind != yaml.ScalarNode {
			l.errorf(k, "%s: a field name must be a plain word, not %s", ctx, describe(k))
			continue
		}
		name := k.Value
		if !contains(allowed, name) {
			hint := ""
			if s := suggest(name, allowed); s != "" {
				hint = fmt.Sprintf("; did you mean %q?", s)
				if l.typos == nil {
					l.typos = map[*yaml.Node]map[string]bool{}
				}
				if l.typos[n] == nil {
					l.typos[n] = map[string]bool{}
				}
				l.typos[n][s] = true
			}
			l.errorf(k, "%s: unknown field %q%s (allowed: %s)", ctx, name, hint, literal(strings.Join(allowed, ", ")))
			continue
		}
		if prev, dup := out[name]; dup {
			l.errorf(k, "%s: field %q is given twice (first at line %d)", ctx, name, prev.key.Line)
			continue
		}
		out[name] = field{key: k, val: v}
	}
	l.merge(out, merges, ctx, allowed)
	return out, true
}

// merge adds the fields of the mappings merge keys (<<) name to out, as
// YAML's merge keys do: a field given in the mapping itself wins, then the
// earlier merged mapping.
func (l *loader) merge(out map[string]field, merges []*yaml.Node, ctx string, allowed []string) {
	if len(merges) == 0 {
		return
	}
	l.mergeDepth++
	defer func() { l.mergeDepth-- }()
	for _, m := range merges {
		v := l.deref(m)
		if l.mergeDepth > 8 {
			l.errorf(m, "%s: merge keys (<<) nested more than 8 deep", ctx)
			return
		}
		maps := []*yaml.Node{m}
		if v.Kind == yaml.SequenceNode {
			maps = v.Content
		}
		for _, mm := range maps {
			if l.merged++; l.merged > maxMerged {
				l.errorf(mm, "%s: merge keys (<<) bring in more than %d mappings; stopped here", ctx, maxMerged)
				l.stopped = true
				return
			}
			if l.deref(mm).Kind != yaml.MappingNode {
				l.errorf(mm, "%s: a merge key (<<) takes a mapping or a list of mappings, not %s", ctx, describe(l.deref(mm)))
				continue
			}
			fs, _ := l.fields(mm, ctx, allowed)
			for name, f := range fs {
				if _, ok := out[name]; !ok {
					out[name] = f
				}
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// describe names the YAML type of n for messages.
func describe(n *yaml.Node) literal {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return "empty"
		case "!!bool":
			return "true/false"
		case "!!int", "!!float":
			return "a number"
		}
		return literal("the text " + Quote(n.Value))
	}
	return "an alias"
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// str reads an optional one-line string field; ok is false when the field is
// absent or empty.
func (l *loader) str(fs map[string]field, name, ctx string) (string, bool) {
	s, n, ok := l.rawStr(fs, name, ctx)
	if !ok {
		return "", false
	}
	s = CleanLine(s)
	if s == "" {
		l.errorf(n, "%s: %s is empty", ctx, name)
		return "", false
	}
	return s, true
}

// text reads an optional multi-line string field.
func (l *loader) text(fs map[string]field, name, ctx string) string {
	s, _, ok := l.rawStr(fs, name, ctx)
	if !ok {
		return ""
	}
	return strings.TrimSpace(Clean(s))
}

func (l *loader) rawStr(fs map[string]field, name, ctx string) (string, *yaml.Node, bool) {
	f, ok := fs[name]
	if !ok {
		return "", nil, false
	}
	n := l.deref(f.val)
	if isNull(n) {
		return "", nil, false
	}
	if n.Kind != yaml.ScalarNode {
		l.errorf(n, "%s: %s must be text, not %s", ctx, name, describe(n))
		return "", nil, false
	}
	if l.tooLong(n, name, literal(name), ctx) || !l.countText(f.val, n) {
		return "", nil, false
	}
	return n.Value, n, true
}

// required reports a missing required field at the mapping's position.
func (l *loader) required(m *yaml.Node, fs map[string]field, ctx string, names ...string) {
	for _, name := range names {
		if l.typos[m][name] {
			continue // already reported as a misspelt field
		}
		f, ok := fs[name]
		if !ok || isNull(l.deref(f.val)) {
			at := m
			if ok {
				at = f.key
			}
			l.errorf(at, "%s: missing required field %q", ctx, name)
		}
	}
}

func (l *loader) boolean(fs map[string]field, name, ctx string) bool {
	f, ok := fs[name]
	if !ok {
		return false
	}
	n := l.deref(f.val)
	if isNull(n) {
		return false
	}
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
		l.errorf(n, "%s: %s must be true or false, not %s", ctx, name, describe(n))
		return false
	}
	return n.Value == "true" || n.Value == "True" || n.Value == "TRUE"
}

// list returns the items of an optional list field.
func (l *loader) list(fs map[string]field, name, ctx string) []*yaml.Node {
	f, ok := fs[name]
	if !ok {
		return nil
	}
	n := l.deref(f.val)
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		l.errorf(n, "%s: %s must be a list, not %s", ctx, name, describe(n))
		return nil
	}
	limit := MaxPerEvent
	switch name {
	case "events":
		limit = len(n.Content) // counted as they are walked, the same in chunks
	case "people", "orgs", "sources":
		if ctx == "itinerary" {
			limit = MaxPeople
		}
	}
	if l.tooMany(n, len(n.Content), limit, literal(name), ctx) {
		return nil
	}
	return n.Content
}

// strList reads a list of one-line strings, returning each with its node.
func (l *loader) strList(fs map[string]field, name, ctx string) ([]string, []*yaml.Node) {
	var vals []string
	var nodes []*yaml.Node
	for _, orig := range l.list(fs, name, ctx) {
		item := l.deref(orig)
		if item.Kind != yaml.ScalarNode || isNull(item) {
			l.errorf(orig, "%s: each entry of %s must be text, not %s", ctx, name, describe(item))
			continue
		}
		if l.tooLong(item, name, literal("an entry of "+name), ctx) || !l.countText(orig, item) {
			continue
		}
		vals = append(vals, CleanLine(item.Value))
		nodes = append(nodes, item)
	}
	return vals, nodes
}

// slug reads an id field and checks it is unique among seen.
func (l *loader) slug(fs map[string]field, kind, ctx string, seen map[string]Pos) (string, bool) {
	f, ok := fs["id"]
	if !ok {
		return "", false
	}
	n := l.deref(f.val)
	if n.Kind != yaml.ScalarNode || isNull(n) {
		l.errorf(n, "%s: id must be text, not %s", ctx, describe(n))
		return "", false
	}
	if l.tooLong(n, "id", "id", ctx) {
		return "", false
	}
	id := n.Value
	if !slugPattern.MatchString(id) {
		l.errorf(n, "%s: id %q is not a slug (letters, digits, \"-\", \"_\" and \".\", starting with a letter or digit)", ctx, id)
		return "", false
	}
	if prev, dup := seen[id]; dup {
		l.errorf(n, "duplicate %s id %q (first at line %d, column %d)", kind, id, prev.Line, prev.Column)
		return id, true
	}
	seen[id] = Pos{n.Line, n.Column}
	return id, true
}
