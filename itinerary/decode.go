package itinerary

import (
	"fmt"
	"iter"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// The fields allowed in each mapping, in the order the format document
// gives them; error messages list them in this order.
var (
	topFields    = []string{"version", "id", "title", "subtitle", "timezone", "summary", "remind", "sources", "orgs", "people", "events"}
	sourceFields = []string{"id", "publisher", "title", "date", "url"}
	orgFields    = []string{"id", "name", "native", "color"}
	personFields = []string{"id", "name", "native", "aliases", "org", "role", "group", "note"}
	eventFields  = []string{"id", "title", "start", "end", "duration", "timezone", "end_timezone", "approximate", "kind", "status", "track", "place", "city", "participants", "topics", "notes", "sources", "remind"}
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
	merged                         int   // mappings merged so far, counted against maxMerged
	errors, warnings               int   // problems kept, counted against maxCollected
	omittedErrors, omittedWarnings int   // problems past maxCollected
	participations                 int   // participants of all events so far, counted against MaxParticipations
	sourceRefs                     int   // sources of all events so far, counted against MaxParticipations too
	personBytes                    []int // the length of each person's names
	textBytes                      int   // bytes of text read so far, counted against maxExpandedText
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

// zone reads a timezone field (timezone or end_timezone).
func (l *loader) zone(fs map[string]field, field, ctx string) (*time.Location, bool) {
	name, n, ok := l.rawStr(fs, field, ctx)
	if !ok {
		return nil, false
	}
	if loc, ok := l.zones[name]; ok {
		if loc == nil { // a name that failed before: the same error, not another lookup
			l.errorf(n, "%s: %v", ctx, l.zoneErrs[name])
			return nil, false
		}
		return loc, true
	}
	if l.zones == nil {
		l.zones = map[string]*time.Location{}
	}
	loc, err := LoadZone(name)
	if err != nil {
		if l.zoneErrs == nil {
			l.zoneErrs = map[string]error{}
		}
		l.zones[name], l.zoneErrs[name] = nil, err
		l.errorf(n, "%s: %v", ctx, err)
		return nil, false
	}
	// One *Location per name, so that events in the same zone share it and
	// comparing zones is comparing pointers.
	l.zones[name] = loc
	return loc, true
}

// LoadZone loads an IANA zone by name, refusing the names that depend on
// the machine ("", "Local", "localtime", "posixrules", "Factory", and the
// "posix/" and "right/" trees, which are copies or leap-second variants)
// with a message that says what is wanted.
func LoadZone(name string) (*time.Location, error) {
	if !machineZone(name) && len(name) <= maxShort && !strings.ContainsAny(name, " \t") {
		if loc, err := time.LoadLocation(name); err == nil {
			return loc, nil
		}
	}
	msg := fmt.Sprintf("unknown time zone %s (use an IANA name such as \"Asia/Seoul\", \"Europe/Zurich\" or \"UTC\")", Quote(name))
	if s := suggest(name, commonZones); s != "" {
		msg = fmt.Sprintf("unknown time zone %s; did you mean %q?", Quote(name), s)
	}
	if name != "" && machineZone(name) {
		msg = fmt.Sprintf("time zone %s depends on the machine or its zone files, not on a place; use an IANA name such as \"Asia/Seoul\" or \"UTC\"", Quote(name))
	}
	return nil, fmt.Errorf("%s", msg)
}

func machineZone(name string) bool {
	switch name {
	case "", "Local", "localtime", "posixrules", "Factory":
		return true
	}
	return strings.HasPrefix(name, "posix/") || strings.HasPrefix(name, "right/") || strings.HasPrefix(name, "/") || strings.Contains(name, "..")
}

// commonZones are offered as "did you mean" for misspelt zone names.
var commonZones = []string{
	"UTC", "Asia/Seoul", "Asia/Tokyo", "Asia/Taipei", "Asia/Shanghai", "Asia/Hong_Kong", "Asia/Singapore",
	"Asia/Kolkata", "Asia/Dubai", "Europe/London", "Europe/Paris", "Europe/Berlin", "Europe/Zurich",
	"Europe/Amsterdam", "Europe/Madrid", "Europe/Rome", "America/New_York", "America/Chicago",
	"America/Denver", "America/Los_Angeles", "America/Toronto", "America/Sao_Paulo", "Australia/Sydney",
	"Pacific/Auckland", "Africa/Lagos", "Africa/Johannesburg", "Africa/Nairobi",
}

// itinerary walks the top-level mapping. events, when not nil, yields the
// items of the events list instead of the mapping's own "events" value (the
// chunked loader parses them apart).
func (l *loader) itinerary(root *yaml.Node, events iter.Seq[*yaml.Node]) *Itinerary {
	it := &Itinerary{Version: 1, Zone: time.UTC}
	root = l.deref(root)
	fs, ok := l.fields(root, "the top level", topFields)
	if !ok {
		return it
	}
	l.required(root, fs, "itinerary", "title", "timezone")
	if _, ok := fs["events"]; !ok {
		l.errorf(root, "itinerary: missing required field %q (it may be an empty list: events: [])", "events")
	}
	if f, ok := fs["version"]; ok {
		n := l.deref(f.val)
		v, err := strconv.Atoi(n.Value)
		switch {
		case n.Kind != yaml.ScalarNode || n.Tag != "!!int" || err != nil:
			l.errorf(n, "version must be the number 1, not %s", describe(n))
		case v != 1:
			l.errorf(n, "version %d is not supported; this program reads version 1", v)
		}
	}
	if f, ok := fs["id"]; ok {
		n := l.deref(f.val)
		switch {
		case isNull(n):
		case n.Kind != yaml.ScalarNode:
			l.errorf(n, "itinerary: id must be text, not %s", describe(n))
		case !slugPattern.MatchString(n.Value):
			l.errorf(n, "itinerary: id %q is not a slug (letters, digits, \"-\", \"_\" and \".\", starting with a letter or digit)", n.Value)
		default:
			it.ID = n.Value
		}
	}
	it.Title, _ = l.str(fs, "title", "itinerary")
	it.Subtitle, _ = l.str(fs, "subtitle", "itinerary")
	it.Summary = l.text(fs, "summary", "itinerary")
	it.Remind, it.RemindSet = l.remind(fs, "itinerary")
	zoneOK := false
	if loc, ok := l.zone(fs, "timezone", "itinerary"); ok {
		it.Zone, zoneOK = loc, true
	}

	sourceIDs := map[string]Pos{}
	for i, n := range l.list(fs, "sources", "itinerary") {
		if s, ok := l.source(n, i, sourceIDs); ok {
			it.Sources = append(it.Sources, s)
		}
	}
	orgIDs := map[string]Pos{}
	for i, n := range l.list(fs, "orgs", "itinerary") {
		if o, ok := l.org(n, i, orgIDs); ok {
			it.Orgs = append(it.Orgs, o)
		}
	}
	personIDs := map[string]Pos{}
	var orgRefs []*yaml.Node
	for i, n := range l.list(fs, "people", "itinerary") {
		if p, ref, ok := l.person(n, i, personIDs); ok {
			it.People = append(it.People, p)
			orgRefs = append(orgRefs, ref)
		}
	}
	// References are resolved once every list is read: a file may name
	// people before it defines them.
	orgIndex := indexOf(len(it.Orgs), func(i int) string { return it.Orgs[i].ID })
	for i := range it.People {
		p := &it.People[i]
		p.Org = -1
		if ref := orgRefs[i]; ref != nil {
			p.Org = l.resolve(ref, orgIndex, "org", "org", fmt.Sprintf("person %q", p.ID))
		}
	}
	personIndex := indexOf(len(it.People), func(i int) string { return it.People[i].ID })
	// Each event's search text holds its participants' names: they count
	// as text read, as often as they are listed.
	l.personBytes = make([]int, len(it.People))
	for i := range it.People {
		l.personBytes[i] = len(it.People[i].Name) + len(it.People[i].Native)
	}
	sourceIndex := indexOf(len(it.Sources), func(i int) string { return it.Sources[i].ID })

	eventIDs := map[string]Pos{}
	if events == nil {
		events = slices.Values(l.list(fs, "events", "itinerary"))
	} else {
		l.deref(fs["events"].val) // counted as the whole parse counts it
	}
	i := 0
	for n := range events {
		if i == MaxEvents {
			l.errorf(n, "itinerary: more than %d events; the limit is %d", MaxEvents, MaxEvents)
			break
		}
		if e, ok := l.event(n, i, it.Zone, zoneOK, eventIDs, personIndex, sourceIndex); ok {
			it.Events = append(it.Events, e)
		}
		i++
	}
	for i := range it.Events {
		if e := &it.Events[i]; e.Floating {
			floatTo(e, time.Local) // read in UTC: the viewer's zone is this machine's
		}
	}
	sortEvents(it.Events)
	l.checkSpan(it)
	return it
}

// MaxSpanYears is how many years the events of one itinerary may span, so
// that every length the views print (a span, a gap, a countdown) fits in a
// time.Duration (about 292 years) and prints right.
const MaxSpanYears = 200

// The instants an itinerary can hold: far enough inside years 1 and 9999
// that every zone shows them with a four-digit year, which the exports
// (iCalendar above all) need.
var (
	minTime = time.Date(1, 1, 2, 0, 0, 0, 0, time.UTC)
	maxTime = time.Date(9999, 12, 30, 0, 0, 0, 0, time.UTC)
)

// RangeText says which times an itinerary can hold.
const RangeText = "from 0001-01-02 to 9999-12-30 00:00 UTC"

// InRange reports whether t is a time an itinerary can hold.
func InRange(t time.Time) bool {
	return !t.Before(minTime) && !t.After(maxTime)
}

// checkSpan refuses events spread over more than MaxSpanYears, at the
// event that ends last.
func (l *loader) checkSpan(it *Itinerary) {
	first, last := time.Time{}, -1
	for i := range it.Events {
		e := &it.Events[i]
		if e.Start.IsZero() {
			continue // its times did not load, which is reported
		}
		if first.IsZero() {
			first = e.Start // the events are in start order
		}
		if last < 0 || e.End.After(it.Events[last].End) {
			last = i
		}
	}
	if last < 0 {
		return
	}
	if e := &it.Events[last]; first.AddDate(MaxSpanYears, 0, 0).Before(e.End) {
		l.problems = append(l.problems, Problem{Line: e.Pos.Line, Column: e.Pos.Column,
			Message: fmt.Sprintf("%s: the events span %s to %s, more than %d years; an itinerary covers at most %d",
				eventName(e), first.UTC().Format("2006-01-02"), e.End.UTC().Format("2006-01-02"), MaxSpanYears, MaxSpanYears)})
	}
}

// indexOf maps ids to indexes for resolving references.
type idIndex struct {
	byID map[string]int
	ids  []string
}

func indexOf(n int, id func(int) string) idIndex {
	x := idIndex{byID: make(map[string]int, n), ids: make([]string, 0, n)}
	for i := 0; i < n; i++ {
		if _, dup := x.byID[id(i)]; !dup {
			x.byID[id(i)] = i
			x.ids = append(x.ids, id(i))
		}
	}
	return x
}

// resolve looks up the id in ref, reporting an undefined one with what kind
// of thing it should name, the known ids and a suggestion. field is the
// field that refers ("participant"), kind what it names ("person").
func (l *loader) resolve(ref *yaml.Node, x idIndex, field, kind, ctx string) int {
	if i, ok := x.byID[ref.Value]; ok {
		return i
	}
	if !l.reporting() {
		// The error is only counted: making its suggestion and list would
		// cost a thousand comparisons for each of millions of references.
		l.errorf(ref, "")
		return -1
	}
	hint := ""
	if s := suggest(ref.Value, x.ids); s != "" {
		hint = fmt.Sprintf("; did you mean %q?", s)
	}
	known := "none are defined"
	if len(x.ids) > 0 {
		known = "known: " + quoteList(x.ids, 12)
	}
	l.errorf(ref, "%s: %s %q is not a defined %s%s (%s)", ctx, field, ref.Value, kind, hint, literal(known))
	return -1
}

// entity reads what sources, orgs and people share: a mapping of the
// allowed fields with a unique id and the required fields. ctx names the
// entity in messages, by id when it has one.
type entity struct {
	node  *yaml.Node
	fs    map[string]field
	id    string
	hasID bool
	ctx   string
}

func (l *loader) entity(n *yaml.Node, i int, kind string, allowed []string, seen map[string]Pos, required ...string) (entity, bool) {
	e := entity{ctx: fmt.Sprintf("%s #%d", kind, i+1)}
	fs, ok := l.fields(n, e.ctx, allowed)
	if !ok {
		return e, false
	}
	e.node, e.fs = l.deref(n), fs
	e.id, e.hasID = l.slug(fs, kind, e.ctx, seen)
	if e.hasID {
		e.ctx = fmt.Sprintf("%s %q", kind, e.id)
	}
	l.required(e.node, fs, e.ctx, required...)
	return e, true
}

func (l *loader) source(n *yaml.Node, i int, seen map[string]Pos) (Source, bool) {
	en, ok := l.entity(n, i, "source", sourceFields, seen, "id", "publisher")
	if !ok {
		return Source{}, false
	}
	n, fs, id, hasID, ctx := en.node, en.fs, en.id, en.hasID, en.ctx
	s := Source{ID: id, Pos: Pos{n.Line, n.Column}}
	s.Publisher, _ = l.str(fs, "publisher", ctx)
	s.Title, _ = l.str(fs, "title", ctx)
	s.URL, _ = l.str(fs, "url", ctx)
	if d, dn, ok := l.rawStr(fs, "date", ctx); ok {
		if _, err := time.Parse("2006-01-02", d); err != nil {
			l.errorf(dn, "%s: date %q is not a date; write it as YYYY-MM-DD", ctx, d)
		} else {
			s.Date = d
		}
	}
	return s, hasID
}

func (l *loader) org(n *yaml.Node, i int, seen map[string]Pos) (Org, bool) {
	en, ok := l.entity(n, i, "org", orgFields, seen, "id", "name")
	if !ok {
		return Org{}, false
	}
	n, fs, id, hasID, ctx := en.node, en.fs, en.id, en.hasID, en.ctx
	o := Org{ID: id, Pos: Pos{n.Line, n.Column}}
	o.Name, _ = l.str(fs, "name", ctx)
	o.Native, _ = l.str(fs, "native", ctx)
	if f, ok := fs["color"]; ok {
		v := l.deref(f.val)
		switch {
		case isNull(v) && strings.HasPrefix(strings.TrimSpace(f.key.LineComment+v.LineComment), "#"):
			l.errorf(v, "%s: color is empty: quote it, as color: \"#RRGGBB\" (an unquoted # starts a comment)", ctx)
		case isNull(v):
		case v.Kind != yaml.ScalarNode || !colorPattern.MatchString(v.Value):
			l.errorf(v, "%s: color must be \"#RRGGBB\" (six hex digits), not %s", ctx, describe(v))
		default:
			o.Color = strings.ToLower(v.Value)
		}
	}
	return o, hasID
}

func (l *loader) person(n *yaml.Node, i int, seen map[string]Pos) (Person, *yaml.Node, bool) {
	en, ok := l.entity(n, i, "person", personFields, seen, "id", "name")
	if !ok {
		return Person{}, nil, false
	}
	n, fs, id, hasID, ctx := en.node, en.fs, en.id, en.hasID, en.ctx
	p := Person{ID: id, Org: -1, Pos: Pos{n.Line, n.Column}}
	p.Name, _ = l.str(fs, "name", ctx)
	p.Native, _ = l.str(fs, "native", ctx)
	p.Aliases, _ = l.strList(fs, "aliases", ctx)
	p.Role, _ = l.str(fs, "role", ctx)
	p.Group = l.boolean(fs, "group", ctx)
	p.Note = l.text(fs, "note", ctx)
	var orgRef *yaml.Node
	if _, on, ok := l.rawStr(fs, "org", ctx); ok {
		orgRef = on
	}
	return p, orgRef, hasID
}

func (l *loader) event(n *yaml.Node, i int, topZone *time.Location, zoneOK bool, seen map[string]Pos, people, sources idIndex) (Event, bool) {
	ctx := fmt.Sprintf("event #%d", i+1)
	fs, ok := l.fields(n, ctx, eventFields)
	if !ok {
		return Event{}, false
	}
	n = l.deref(n)
	id, hasID := l.slug(fs, "event", ctx, seen)
	if hasID {
		ctx = fmt.Sprintf("event %q", id)
	}
	l.required(n, fs, ctx, "title", "start")
	e := Event{ID: id, FileIndex: i, Zone: topZone, Kind: KindOther, Status: StatusConfirmed, Pos: Pos{n.Line, n.Column}}
	e.Title, _ = l.str(fs, "title", ctx)
	e.Approximate = l.boolean(fs, "approximate", ctx)
	e.Track, _ = l.str(fs, "track", ctx)
	e.Place, _ = l.str(fs, "place", ctx)
	e.City, _ = l.str(fs, "city", ctx)
	e.Notes = l.text(fs, "notes", ctx)
	e.Topics, _ = l.strList(fs, "topics", ctx)
	e.Remind, e.RemindSet = l.remind(fs, ctx)
	if k, kn, ok := l.rawStr(fs, "kind", ctx); ok {
		e.Kind = Kind(enum(l, kn, k, ctx, "kind", kindNames()))
	}
	if s, sn, ok := l.rawStr(fs, "status", ctx); ok {
		e.Status = Status(enum(l, sn, s, ctx, "status", statusNames()))
	}

	timesOK := zoneOK
	if f, has := fs["timezone"]; has && !isNull(l.deref(f.val)) {
		if n := l.deref(f.val); n.Kind == yaml.ScalarNode && n.Value == FloatingZone {
			// Wall clocks of the viewer's zone: read in UTC here, then in
			// this machine's zone once every event is read.
			e.Zone, e.OwnZone, e.Floating, timesOK = time.UTC, true, true, true
		} else if loc, ok := l.zone(fs, "timezone", ctx); ok {
			e.Zone, e.OwnZone, timesOK = loc, true, true
		} else {
			timesOK = false
		}
	}
	if f, has := fs["end_timezone"]; has && !isNull(l.deref(f.val)) {
		if loc, ok := l.zone(fs, "end_timezone", ctx); ok {
			e.EndZone = loc
		} else {
			timesOK = false
		}
	}
	l.times(fs, &e, ctx, timesOK)

	_, refs := l.strList(fs, "participants", ctx)
	if l.participations += len(refs); l.participations > MaxParticipations {
		l.errorf(fs["participants"].val, "%s: more than %d participants in all the events (aliases count each time they are used); stopped here", ctx, MaxParticipations)
		l.stopped = true
		return e, true
	}
	listed := map[int]bool{}
	for _, ref := range refs {
		p := l.resolve(ref, people, "participant", "person", ctx)
		if p < 0 {
			continue
		}
		if listed[p] {
			l.warnf(ref, "%s: participant %q is listed twice", ctx, ref.Value)
			continue
		}
		listed[p] = true
		e.Participants = append(e.Participants, p)
		if l.textBytes += l.personBytes[p]; l.textBytes > maxExpandedText {
			l.errorf(ref, "the file expands to more than %s of text (participants' names count each time they are listed); stopped here", literal(byteSize(maxExpandedText)))
			l.stopped = true
			return e, true
		}
	}
	_, refs = l.strList(fs, "sources", ctx)
	if l.sourceRefs += len(refs); l.sourceRefs > MaxParticipations {
		l.errorf(fs["sources"].val, "%s: more than %d sources in all the events (aliases count each time they are used); stopped here", ctx, MaxParticipations)
		l.stopped = true
		return e, true
	}
	for _, ref := range refs {
		if s := l.resolve(ref, sources, "source", "source", ctx); s >= 0 {
			e.Sources = append(e.Sources, s)
		}
	}
	return e, true
}

func enum(l *loader, n *yaml.Node, v, ctx, what string, allowed []string) string {
	if contains(allowed, v) {
		return v
	}
	hint := ""
	if s := suggest(v, allowed); s != "" {
		hint = fmt.Sprintf("; did you mean %q?", s)
	}
	l.errorf(n, "%s: unknown %s %q%s (allowed: %s)", ctx, what, v, hint, literal(strings.Join(allowed, ", ")))
	return allowed[0]
}

func kindNames() []string {
	out := make([]string, len(Kinds))
	for i, k := range Kinds {
		out[i] = string(k)
	}
	return out
}

func statusNames() []string {
	out := make([]string, len(Statuses))
	for i, s := range Statuses {
		out[i] = string(s)
	}
	return out
}

// times reads start, end and duration. The start is in the event's zone;
// the end in its end_timezone when it has one. When a zone is unusable the
// times are still parsed (in UTC) so their syntax is checked, without
// cascading errors.
func (l *loader) times(fs map[string]field, e *Event, ctx string, zoneOK bool) {
	loc, endLoc := e.Zone, e.Zone
	if e.EndZone != nil {
		endLoc = e.EndZone
	}
	if !zoneOK {
		loc, endLoc = time.UTC, time.UTC
	}
	start, sn, ok := l.rawStr(fs, "start", ctx)
	if !ok {
		return
	}
	st, err := l.parseTime(sn, start, loc, ctx, "start", zoneOK)
	if err {
		return
	}
	if !InRange(st.t) {
		l.errorf(sn, "%s: start %q is outside the dates an itinerary can hold (%s)", ctx, start, literal(RangeText))
		return
	}
	e.Start, e.End, e.AllDay = st.t, st.t, st.allDay
	if st.allDay {
		e.Date = civilDate(st.t)
		e.LastDate = e.Date
	}
	endStr, en, hasEnd := l.rawStr(fs, "end", ctx)
	durStr, dn, hasDur := l.rawStr(fs, "duration", ctx)
	if hasEnd && hasDur {
		l.errorf(fs["duration"].key, "%s: give either end or duration, not both", ctx)
		return
	}
	switch {
	case hasEnd:
		if st.allDay && e.EndZone == nil {
			endLoc = loc // the last day of a date-only entry is a day in its own zone
		}
		et, bad := l.parseTime(en, endStr, endLoc, ctx, "end", zoneOK)
		if bad {
			return
		}
		end := et.t
		before := end.Before(e.Start)
		if et.allDay {
			// A date-only end is the last day, inclusive: the entry runs to
			// the midnight after it.
			end = time.Date(end.Year(), end.Month(), end.Day()+1, 0, 0, 0, 0, end.Location())
			before = civilDate(et.t).Before(civilDate(e.Start.In(endLoc)))
		}
		if !InRange(end) {
			l.errorf(en, "%s: end %q is outside the dates an itinerary can hold (%s)", ctx, endStr, literal(RangeText))
			return
		}
		if before {
			l.errorf(en, "%s: end %s is before start %s", ctx, endStr, start)
			return
		}
		e.End, e.HasEnd = end, true
	case hasDur:
		d, err := time.ParseDuration(durStr)
		switch {
		case err != nil && dn.Tag == "!!int" && strings.Trim(durStr, "0123456789") == "":
			l.errorf(dn, "%s: duration %s has no unit; write it as %q or %q", ctx, durStr, durStr+"m", durStr+"h")
		case err != nil:
			l.errorf(dn, "%s: duration %q is not a duration; write it as \"90m\", \"2h\" or \"2h30m\"", ctx, durStr)
		case d < 0:
			l.errorf(dn, "%s: duration %q is negative", ctx, durStr)
		case !InRange(e.Start.Add(d)):
			l.errorf(dn, "%s: duration %q ends past the dates an itinerary can hold (%s)", ctx, durStr, literal(RangeText))
		default:
			e.End, e.HasEnd = e.Start.Add(d), true
		}
	}
	if st.allDay && e.HasEnd && e.End.After(e.Start) {
		// The last day covered: the day of the last moment before the end.
		last := civilDate(e.End.Add(-time.Nanosecond).In(e.Zone))
		if last.After(e.Date) {
			e.LastDate = last
		}
	}
}

// civilDate is the calendar date of t in its own location, at midnight UTC.
func civilDate(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

type parsedTime struct {
	t      time.Time
	allDay bool
}

// acceptedTimes is shown when a time does not parse.
const acceptedTimes = `accepted forms: "2024-01-26 09:30" (wall clock in the event's zone), "2024-01-26" (a date without a clock time) or RFC 3339 with an offset, "2024-01-26T09:30:00+09:00"`

// parseTime parses one of the three forms of Times in the format, warning
// about wall-clock times that do not exist or are ambiguous in loc.
func (l *loader) parseTime(n *yaml.Node, s string, loc *time.Location, ctx, what string, zoneOK bool) (parsedTime, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			return parsedTime{t: t}, false
		}
	}
	if d, err := time.Parse("2006-01-02", s); err == nil {
		return parsedTime{t: time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc), allDay: true}, false
	}
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02 15:04:05"} {
		w, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		t, trouble := resolveWall(w, loc)
		if zoneOK && trouble != "" {
			l.warnf(n, "%s: %s %q %s", ctx, what, s, literal(trouble))
		}
		return parsedTime{t: t}, false
	}
	l.errorf(n, "%s: %s %q is not a time; %s", ctx, what, s, literal(acceptedTimes))
	return parsedTime{}, true
}

// resolveWall turns the wall-clock time w (its fields read in UTC) into an
// instant in loc, as RFC 5545 does: a time in a gap (the clocks skip it)
// is read with the offset in force before the gap, so it moves forward by
// the gap's length; a time that happens twice is the first of the two. For
// both it says what it did; otherwise trouble is "".
func resolveWall(w time.Time, loc *time.Location) (t time.Time, trouble string) {
	// The instant is within 14 hours either side of w read as UTC; zones
	// change offset at most once in such a window.
	_, before := w.Add(-15 * time.Hour).In(loc).Zone()
	_, after := w.Add(15 * time.Hour).In(loc).Zone()
	at := func(off int) (time.Time, bool) {
		c := w.Add(-time.Duration(off) * time.Second).In(loc)
		return c, c.Year() == w.Year() && c.YearDay() == w.YearDay() && c.Hour() == w.Hour() && c.Minute() == w.Minute() && c.Second() == w.Second()
	}
	first, okBefore := at(before)
	if before == after {
		return first, ""
	}
	second, okAfter := at(after)
	if second.Before(first) {
		first, second = second, first
		okBefore, okAfter = okAfter, okBefore
	}
	switch {
	case okBefore && okAfter:
		return first, fmt.Sprintf("happens twice in %s (the clocks go back); read as the first, %s", loc, first.Format("2006-01-02 15:04 MST (-07:00)"))
	case okBefore:
		return first, ""
	case okAfter:
		return second, ""
	}
	// A gap: read with the offset in force before it.
	gapped, _ := at(before)
	return gapped, fmt.Sprintf("does not exist in %s (the clocks skip it); read as %s, moved forward by the gap", loc, gapped.Format("2006-01-02 15:04 MST"))
}
