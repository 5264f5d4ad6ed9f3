package calendar

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/visitline/visitline/itinerary"
	"gopkg.in/yaml.v3"
)

// occ is one occurrence the reader keeps: the event, its start and the
// fields the budgets left out of it (afford). Its nodes are made again
// from it (replay) when the loader asks for them, so that the nodes of
// the whole calendar are never held at once; node holds them only on the
// reference path of the tests (builder.keep).
type occ struct {
	ev    *vevent
	start tval
	drop  uint8
	node  *yaml.Node
}

// The fields afford may leave out of an event.
const (
	dropNotes uint8 = 1 << iota
	dropParticipants
)

// occurrence keeps ev as one event starting at start (ev's own DTSTART,
// or an occurrence of its rule), counting it against the limits and
// budgets and registering its people and sources.
func (b *builder) occurrence(ev *vevent, start tval) []occ {
	if !b.admit(ev) {
		return nil
	}
	if !start.date && !writable(start.instant()) || !writable(start.wall) {
		b.count-- // an occurrence past the year 9998
		return nil
	}
	startText, eventZone, startAt := b.startValue(start)
	if !b.inSpan(ev, start, startAt, lineOf(ev.c, "DTSTART")) {
		b.count--
		return nil
	}
	m := b.node(ev, start, startText, eventZone, startAt, nil)
	drop, ok := b.afford(ev, m)
	if !ok {
		b.count--
		return nil
	}
	b.revs = append(b.revs, revision(ev, start))
	o := occ{ev: ev, start: start, drop: drop}
	if b.keep {
		o.node = m.Node
	}
	return []occ{o}
}

// replay makes the nodes of a kept occurrence again, as occurrence made
// them. It only reads the builder (every cache it uses was filled when the
// occurrence was kept), so occurrences are replayed in parallel, each
// worker with its own rp.
func (b *builder) replay(o occ, rp *replaying) *yaml.Node {
	startText, eventZone, startAt := b.startValue(o.start)
	rp.skip = o.drop
	return b.node(o.ev, o.start, startText, eventZone, startAt, rp).Node
}

// replaying is the state of one worker's replay: the fields the budgets
// left out of the occurrence it makes (they are not made), and the
// participants of the event it made last, whose next occurrence shares
// them (a series of a thousand attendees makes their nodes once a chunk,
// not once an occurrence).
type replaying struct {
	skip   uint8
	ev     *vevent
	people []*yaml.Node
}

// node makes the mapping of ev's occurrence at start, replayed when rp is
// not nil; otherwise (on one goroutine only) the occurrences of a series
// share their key and participant nodes.
func (b *builder) node(ev *vevent, start tval, startText, eventZone string, startAt time.Time, rp *replaying) mapNode {
	c := ev.c
	m := mapping(c.Line)
	if rp == nil && isSeries(ev) {
		// the occurrences of a series share their key nodes
		if ev.keys == nil {
			ev.keys = map[keyAt]*yaml.Node{}
		}
		m.keys = ev.keys
	}
	m.add("title", scalar(ev.title, lineOf(c, "SUMMARY")))
	startLine := lineOf(c, "DTSTART")
	m.add("start", scalar(startText, startLine))
	end, endLine, ok := b.end(ev, start, startAt)
	if ok {
		m.add("end", scalar(end, endLine))
	}
	b.addZones(m, ev, start, eventZone, startLine)
	// A DTEND in a zone of its own (a flight's landing) keeps that zone.
	if ez := ev.end; ok && ez != nil && !start.date && ez.z != ev.start.z && ez.z.loc != nil && !ez.z.utc && ez.z.name != eventZone {
		m.add("end_timezone", scalar(ez.z.name, endLine))
	}
	addStatusAndPlace(m, c)
	b.addPeopleAndNotes(m, ev, rp)
	b.addRemind(m, ev, start)
	if p := c.prop("URL"); p != nil {
		if id := b.source(p); id != "" {
			m.add("sources", seq(p.Line, scalar(id, p.Line)))
		}
	}
	return m
}

// admit counts one more event, or reports false (with a warning the first
// time) when the calendar has MaxEvents already.
func (b *builder) admit(ev *vevent) bool {
	if b.full {
		return false
	}
	if b.count == MaxEvents {
		b.full = true
		b.r.warn(ev.c.Line, "more than %d events; the rest are left out", MaxEvents)
		return false
	}
	b.count++
	return true
}

// startValue is the start of an occurrence as written, the event's zone
// and startAt, the start instant as the loader will read what is written
// (zero for a date).
func (b *builder) startValue(start tval) (text, eventZone string, startAt time.Time) {
	top := b.zs.top
	eventZone = top.String()
	switch {
	case start.date:
		text = start.wall.Format("2006-01-02")
	case start.z.utc:
		startAt = start.wall
		text = startAt.In(top).Format(time.RFC3339)
	case start.z.loc != nil:
		startAt = start.instant()
		text = wallString(start.wall)
		eventZone = start.z.name
	default:
		startAt = start.instant()
		text = instantString(startAt, start.z)
		eventZone = start.z.name
	}
	return text, eventZone, startAt
}

// inSpan reports whether the occurrence starts within the span a calendar
// may cover, counting those before it and warning of those after it.
func (b *builder) inSpan(ev *vevent, start tval, startAt time.Time, startLine int) bool {
	at := startAt
	if start.date {
		at = start.instant()
	}
	if at.Before(b.first) {
		b.early++
		return false
	}
	if at.After(b.last) {
		b.r.warn(startLine, "event %q starts more than %d years after the calendar's first event; left out", clip(ev.title), maxSpanYears)
		return false
	}
	return true
}

// addZones writes m's timezone when it is not the itinerary's.
func (b *builder) addZones(m mapNode, ev *vevent, start tval, eventZone string, startLine int) {
	top := b.zs.top
	switch {
	case start.date:
		// DATE values float: the entry is in the itinerary's zone, unless
		// visitline's own export named its zone.
		if p := ev.c.prop(ZoneProperty); p != nil {
			if loc, ok := b.zs.lookup(p.Value); ok && loc.String() != top.String() {
				m.add("timezone", scalar(loc.String(), p.Line))
			}
		}
	case start.z.floating:
		// No TZID and no Z: the viewer's own clock (RFC 5545 §3.3.5).
		m.add("timezone", scalar(itinerary.FloatingZone, startLine))
	case eventZone != top.String():
		m.add("timezone", scalar(eventZone, startLine))
	}
}

// addStatusAndPlace writes m's status, approximate mark and place from
// STATUS (or visitline's own StatusProperty), ApproximateProperty and
// LOCATION.
func addStatusAndPlace(m mapNode, c *component) {
	if p := c.prop(StatusProperty); p != nil && visitlineStatus(p.Value) != "" {
		// visitline's own export: the status STATUS cannot say.
		m.add("status", scalar(visitlineStatus(p.Value), p.Line))
	} else if p := c.prop("STATUS"); p != nil {
		switch strings.ToUpper(strings.TrimSpace(p.Value)) {
		case "TENTATIVE":
			m.add("status", scalar("planned", p.Line))
		case "CANCELLED":
			m.add("status", scalar("cancelled", p.Line))
		}
	}
	if p := c.prop(ApproximateProperty); p != nil && strings.EqualFold(strings.TrimSpace(p.Value), "TRUE") {
		m.add("approximate", boolScalar(p.Line))
	}
	if p := c.prop("LOCATION"); p != nil {
		m.addText("place", placeOf(c), p.Line)
	}
}

// addPeopleAndNotes writes m's participants, topics and notes, made once
// for all of ev's occurrences.
func (b *builder) addPeopleAndNotes(m mapNode, ev *vevent, rp *replaying) {
	c := ev.c
	if !ev.peopleDone {
		ev.people, ev.invitees = b.attendees(c)
		if c.pre != nil {
			c.pre.names = nil // read once
		}
		ev.peopleDone = true
		for _, p := range ev.people {
			ev.peopleCost += len(p.id) + b.nameBytes[p.id]
		}
	}
	invitees := ev.invitees
	if len(ev.people) > 0 && (rp == nil || rp.skip&dropParticipants == 0) {
		m.add("participants", seq(c.Line, participantNodes(ev, rp)...))
	}
	if topics := topicNodes(c); len(topics) > 0 {
		m.add("topics", seq(c.Line, topics...))
	}
	if !ev.notesDone {
		// made once for all occurrences, which share the string
		notes := notesOf(c)
		if invitees != "" {
			notes = strings.TrimSpace(notes + "\n\n" + invitees)
		}
		ev.notes, ev.notesDone = cut(notes, maxText), true
	}
	if rp == nil || rp.skip&dropNotes == 0 {
		m.addText("notes", ev.notes, lineOf(c, "DESCRIPTION"))
	}
}

// participantNodes are the nodes of ev's participants, made once for the
// occurrences that follow one another: on the order-dependent pass, kept
// with ev until it is done (builder.done); replayed, kept in rp for the
// next occurrence the worker makes.
func participantNodes(ev *vevent, rp *replaying) []*yaml.Node {
	build := func() []*yaml.Node {
		nodes := make([]*yaml.Node, len(ev.people))
		for i, p := range ev.people {
			nodes[i] = scalar(p.id, p.line)
		}
		return nodes
	}
	if rp == nil {
		if ev.peopleNodes == nil {
			ev.peopleNodes = build()
		}
		return ev.peopleNodes
	}
	if rp.ev != ev {
		rp.ev, rp.people = ev, build()
	}
	return rp.people
}

// addRemind writes m's remind list from ev's VALARMs, read once for all of
// its occurrences; a date-only entry has no time to remind before.
func (b *builder) addRemind(m mapNode, ev *vevent, start tval) {
	if !ev.remindDone {
		ev.remind, ev.remindDone = b.alarms(ev), true
	}
	if ev.remind != nil && !start.date {
		m.add("remind", ev.remind)
	}
}

// visitlineStatus is the status a StatusProperty names, or "" when it
// names none of the format's.
func visitlineStatus(v string) string {
	v = strings.ToLower(strings.TrimSpace(v))
	for _, s := range itinerary.Statuses {
		if string(s) == v {
			return v
		}
	}
	return ""
}

// topicNodes are c's CATEGORIES, each once, at most maxPerEvent.
func topicNodes(c *component) []*yaml.Node {
	var topics []*yaml.Node
	seenTopic := map[string]bool{}
	for _, p := range c.props("CATEGORIES") {
		for _, t := range splitText(p.Value) {
			t = cut(itinerary.CleanLine(t), maxLine)
			if t != "" && !seenTopic[t] && len(topics) < maxPerEvent {
				seenTopic[t] = true
				topics = append(topics, scalar(t, p.Line))
			}
		}
	}
	return topics
}

// afford charges the event m to the budgets of text and participations,
// leaving out its notes, then its participants, then the event itself
// when they are spent, with a warning the first time.
func (b *builder) afford(ev *vevent, m mapNode) (drop uint8, ok bool) {
	cost := func() (n, people int) {
		for i := 0; i+1 < len(m.Content); i += 2 {
			v := m.Content[i+1]
			n += len(v.Value)
			if m.Content[i].Value == "participants" {
				// ev.people, whose cost is counted once
				n += ev.peopleCost
				people = len(v.Content)
				continue
			}
			for _, item := range v.Content {
				n += len(item.Value)
			}
		}
		return n, people
	}
	n, people := cost()
	for i, field := range []string{"notes", "participants"} {
		flag := []uint8{dropNotes, dropParticipants}[i]
		textOver := b.text+n > maxTextBudget
		if !textOver && b.participations+people <= maxParticipations {
			break
		}
		if field == "notes" && !textOver {
			continue // too many participants: the notes may stay
		}
		if !m.remove(field) {
			n, people = cost()
			continue
		}
		drop |= flag
		if !b.warnedBudget[field] {
			b.warnedBudget[field] = true
			b.r.warn(ev.c.Line, "the calendar holds more text or attendees than one itinerary may; from event %q on, events are read without their %s", clip(ev.title), field)
		}
		n, people = cost()
	}
	if b.text+n > maxTextBudget {
		if !b.warnedBudget["events"] {
			b.warnedBudget["events"] = true
			b.r.warn(ev.c.Line, "the calendar holds more text than one itinerary may; from event %q on, events are left out", clip(ev.title))
		}
		return drop, false
	}
	b.text += n
	b.participations += people
	return drop, true
}

// end writes the end of the occurrence of ev at start, keeping the
// original's length: in days for dates, in wall-clock time within one zone,
// else exactly. ok is false when there is no end, or none the loader would
// take (before the start, where the start falls in a DST gap and moves
// forward, or past the year 9999).
func (b *builder) end(ev *vevent, start tval, startAt time.Time) (s string, line int, ok bool) {
	c, top := ev.c, b.zs.top
	var at time.Time
	switch {
	case start.date:
		days := 1
		if ev.end != nil {
			days = int(ev.end.wall.Sub(ev.start.wall).Hours()/24 + 0.5)
		} else if ev.hasDur {
			days = ev.days
			if ev.dur > 0 {
				days++
			}
		}
		last := start.wall.AddDate(0, 0, days-1)
		return last.Format("2006-01-02"), lineOf(c, "DTEND", "DURATION"), days > 1 && writable(last) && !start.z.instant(last).After(b.last)
	case ev.end != nil && ev.end.z == ev.start.z && start.z.loc != nil && !start.z.utc:
		w := start.wall.Add(ev.end.wall.Sub(ev.start.wall))
		s, line, at = wallString(w), lineOf(c, "DTEND"), start.z.instant(w)
		ok = writable(w)
	case ev.end != nil:
		at = startAt.Add(ev.end.instant().Sub(ev.start.instant()))
		ez := ev.end.z
		if ez.utc {
			ez = &zone{name: top.String(), loc: top}
		}
		s, line, ok = instantString(at, ez), lineOf(c, "DTEND"), true
		if w := ez.wall(at); ez.loc != nil && ez.instant(w).Equal(at) {
			s = wallString(w) // in its end_timezone, or the event's zone
		}
	case ev.hasDur && (ev.days > 0 || ev.dur > 0):
		// RFC 5545 3.3.6: days and weeks are nominal (the same clock on a
		// later day), hours, minutes and seconds exact: PT1H30M is 90
		// minutes across the night the clocks go back, and an occurrence
		// starting in a gap keeps its length.
		at = startAt
		if ev.days > 0 {
			at = start.z.instant(start.wall.AddDate(0, 0, ev.days))
		}
		at = at.Add(ev.dur)
		line = lineOf(c, "DURATION")
		switch {
		case start.z.utc:
			s = at.In(top).Format(time.RFC3339)
		case start.z.loc != nil:
			s = instantString(at, start.z)
			if w := start.z.wall(at); start.z.instant(w).Equal(at) {
				s = wallString(w) // the clock reads it once
			}
		default:
			s = at.In(top).Format(time.RFC3339)
		}
		ok = writable(at)
	}
	return s, line, ok && writable(at) && !at.Before(startAt) && !at.After(b.last)
}

// Limits of the format that the loader enforces as errors: a calendar must
// never fail on them, so the reader keeps within them (cutting text,
// leaving out the rest of a list, with a warning where something is lost).
const (
	maxLine      = 4000   // bytes of a title, name, place or topic
	maxText      = 60_000 // bytes of notes
	maxPerEvent  = 1000   // participants or topics of one event
	maxPeople    = 20_000 // people, and sources
	maxSpanYears = 190    // from the first event's start to the last end
	// The loader reads at most 64 MiB of text (a name counted each time it
	// is listed) and 1,000,000 participants in all; a calendar keeps
	// 200,000, as the loader's work and memory grow with them (1,000
	// attendees on each of 100,000 events: 2.5 s and 570 MiB at 900,000).
	maxTextBudget     = 48 << 20
	maxParticipations = 200_000
)

// cut shortens s to at most n bytes, at a character boundary.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func lineOf(c *component, names ...string) int {
	for _, n := range names {
		if p := c.prop(n); p != nil {
			return p.Line
		}
	}
	return c.Line
}
