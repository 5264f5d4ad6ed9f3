package itinerary

import (
	"fmt"
	"iter"
	"slices"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

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
	l.header(fs, it)
	it.Title, _ = l.str(fs, "title", "itinerary")
	it.Subtitle, _ = l.str(fs, "subtitle", "itinerary")
	it.Summary = l.text(fs, "summary", "itinerary")
	it.Remind, it.RemindSet = l.remind(fs, "itinerary")
	zoneOK := false
	if loc, ok := l.zone(fs, "timezone", "itinerary"); ok {
		it.Zone, zoneOK = loc, true
	}

	l.declareCalendars(fs)
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
	// The events slice made at its size: grown by doubling, it would hold
	// up to twice the events' memory at the peak of a large load.
	if l.eventsHint > 0 {
		it.Events = make([]Event, 0, min(l.eventsHint, MaxEvents))
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
	it.Calendars = l.calendars
	sortEvents(it.Events)
	l.checkSpan(it)
	return it
}

// header reads the version and the id of the itinerary.
func (l *loader) header(fs map[string]field, it *Itinerary) {
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
	o.Color = strings.ToLower(l.color(fs, ctx))
	return o, hasID
}

// color reads the optional color field of a mapping: "#RRGGBB", or "".
func (l *loader) color(fs map[string]field, ctx string) string {
	f, ok := fs["color"]
	if !ok {
		return ""
	}
	v := l.deref(f.val)
	switch {
	case isNull(v) && strings.HasPrefix(strings.TrimSpace(f.key.LineComment+v.LineComment), "#"):
		l.errorf(v, "%s: color is empty: quote it, as color: \"#RRGGBB\" (an unquoted # starts a comment)", ctx)
	case isNull(v):
	case v.Kind != yaml.ScalarNode || !colorPattern.MatchString(v.Value):
		l.errorf(v, "%s: color must be \"#RRGGBB\" (six hex digits), not %s", ctx, describe(v))
	default:
		return v.Value
	}
	return ""
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
	e.Calendar = -1
	if name, ok := l.str(fs, "calendar", ctx); ok {
		e.Calendar = l.calendar(name, fs["calendar"].val, ctx)
	}
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
