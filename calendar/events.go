package calendar

import (
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/visitline/visitline/itinerary"
	"gopkg.in/yaml.v3"
)

// vevent is one VEVENT, read.
type vevent struct {
	c       *component
	uid     string
	start   tval
	end     *tval
	days    int // DURATION's nominal days
	dur     time.Duration
	hasDur  bool
	recurID *tval
	seq     int   // SEQUENCE, the revision
	stamp   int64 // LAST-MODIFIED, else DTSTAMP, in Unix seconds (0 for neither)
	title   string

	// people and invitees are the participants and the invitation line,
	// made once for all occurrences.
	people []personRef
	// peopleNodes are their nodes, while ev gives its occurrences.
	peopleNodes []*yaml.Node
	invitees    string
	peopleDone  bool
	// peopleCost is what the participants cost against maxTextBudget;
	// notes are the notes of every occurrence.
	peopleCost int
	notes      string
	notesDone  bool
	keys       map[keyAt]*yaml.Node // the occurrences' key nodes
	// remind is the remind list of the VALARMs (alarms.go), read once.
	remind     *yaml.Node
	remindDone bool
}

// builder turns VEVENTs into event nodes, collecting people and sources.
type builder struct {
	r  *reader
	zs *zones

	people      map[string]int // person key → index
	personNodes []*yaml.Node
	slugs       map[string]int
	sources     map[string]int // url → index
	sourceIDs   []string
	sourceNodes []*yaml.Node
	sourceSlugs map[string]int

	// keep keeps each occurrence's nodes (the reference path, see loadCalendar).
	keep bool

	work int // the work of expanding rules so far (recur.go)
	// spent is work, for the walks made ahead on other goroutines
	// (walks.go), and reserved what those walks may cost.
	spent, reserved atomic.Int64
	capped          []string // titles of series cut at MaxOccurrences
	count           int
	full            bool
	// text and participations are what the events so far cost against
	// maxTextBudget and maxParticipations; nameBytes is each person's
	// name's length, read again each time they are listed.
	text, participations int
	nameBytes            map[string]int
	warnedBudget         map[string]bool

	// first and last are the earliest and latest instants an event may
	// start or end; early counts the events left out before first.
	first, last time.Time
	early       int

	// revs is the identity of each event node made, in order.
	revs []itinerary.Revision
}

func (b *builder) events(vevents []*component) []occ {
	var evs []*vevent
	titles := titlesOf(vevents)
	for i, c := range vevents {
		if ev := b.read(c, titles[i]); ev != nil {
			evs = append(evs, ev)
		}
	}
	if len(evs) == 0 {
		return nil
	}
	evs = latestRevisions(evs)
	// The window: from the first event's start to a year after the last
	// event's start (so every series gets at least its first year), cut
	// to its last maxSpanYears when the calendar spans more.
	first, latest := evs[0].start.instant(), evs[0].start.instant()
	for _, ev := range evs {
		t := ev.start.instant()
		if t.Before(first) {
			first = t
		}
		if t.After(latest) {
			latest = t
		}
	}
	end := latest.AddDate(1, 0, 0)
	b.first = first
	if end.After(first.AddDate(maxSpanYears, 0, 0)) {
		b.first = end.AddDate(-maxSpanYears, 0, 0)
	}
	b.last = b.first.AddDate(maxSpanYears, 0, 0)
	defer func() {
		if b.early > 0 {
			b.r.warn(vevents[0].Line, "the calendar spans more than %d years; %d of its events, those before %s, are left out", maxSpanYears, b.early, b.first.UTC().Format("2006-01-02"))
		}
	}()

	overrides := map[string][]*vevent{}
	for _, ev := range evs {
		if ev.recurID != nil && ev.uid != "" {
			overrides[ev.uid] = append(overrides[ev.uid], ev)
		}
	}
	masters := map[string]bool{}
	for _, ev := range evs {
		if ev.recurID == nil && ev.uid != "" && isSeries(ev) {
			masters[ev.uid] = true
		}
	}
	plan, series := planOf(evs, overrides, masters)
	wr := b.walkSeries(series, end)
	defer wr.close()
	pr := b.prepareAhead(plan)
	defer pr.close()
	var out []occ
	read := 0
	for _, s := range plan {
		read += 1 + len(s.overrides)
		pr.wait(read)
		if !s.series {
			out = append(out, b.occurrence(s.ev, s.ev.start)...)
			b.done(s.ev)
			continue
		}
		out = append(out, b.expand(s.ev, s.overrides, end, wr.walks())...)
		b.done(s.ev)
		for _, o := range s.overrides {
			b.done(o)
		}
	}
	return out
}

// planned is one event of the ordered pass: an event on its own, or a
// series with its overrides.
type planned struct {
	ev        *vevent
	series    bool
	overrides []*vevent
}

// planOf is the events in the order their occurrences are kept, and the
// series among them: a series gives its overrides' occurrences, a second
// series of the same UID none.
func planOf(evs []*vevent, overrides map[string][]*vevent, masters map[string]bool) (out []planned, series []*vevent) {
	for _, ev := range evs {
		switch {
		case ev.recurID != nil && masters[ev.uid]:
			// emitted by its series
		case ev.recurID == nil && isSeries(ev):
			out = append(out, planned{ev, true, overrides[ev.uid]})
			series = append(series, ev)
			delete(overrides, ev.uid) // a second master of the same UID gets none
		default:
			out = append(out, planned{ev: ev})
		}
	}
	return out, series
}

// prepareAhead starts the preparing of the events' components in the
// order of the plan (prepare.go); nil on the reference path of the tests,
// which does not prepare.
func (b *builder) prepareAhead(plan []planned) *preparer {
	if b.keep {
		return nil
	}
	var cs []*component
	for _, s := range plan {
		cs = append(cs, s.ev.c)
		for _, o := range s.overrides {
			cs = append(cs, o.c)
		}
	}
	return prepareAhead(cs)
}

// done says ev has given all its occurrences: on the streaming path its
// component keeps only what replay reads of it (trim).
func (b *builder) done(ev *vevent) {
	ev.peopleNodes = nil
	if !b.keep {
		ev.c.trim()
	}
}

// latestRevisions keeps, of the VEVENTs that share a UID and a
// RECURRENCE-ID (or have none), the revision with the highest SEQUENCE
// (RFC 5545 §3.8.7.4), in the place of the first.
func latestRevisions(evs []*vevent) []*vevent {
	at := map[string]int{}
	var out []*vevent
	for _, ev := range evs {
		if ev.uid == "" {
			out = append(out, ev)
			continue
		}
		key := ev.uid + "\x00"
		if rid := ev.recurID; rid != nil && rid.date {
			key += rid.wall.Format("20060102")
		} else if rid != nil {
			key += rid.instant().UTC().Format("20060102T150405Z")
		}
		// Revisions with the same SEQUENCE cannot be ordered; both stay.
		if i, ok := at[key]; ok && ev.seq != out[i].seq {
			if ev.seq > out[i].seq {
				out[i] = ev
			}
			continue
		}
		at[key] = len(out)
		out = append(out, ev)
	}
	return out
}

func isSeries(ev *vevent) bool {
	return ev.c.prop("RRULE") != nil || ev.c.prop("RDATE") != nil
}

// read reads the parts of a VEVENT every occurrence shares, titled title
// (titleOf); nil (with a warning) when it has no usable start.
func (b *builder) read(c *component, title string) *vevent {
	ev := &vevent{c: c, uid: propValue(c, "UID")}
	ev.seq, _ = strconv.Atoi(strings.TrimSpace(propValue(c, "SEQUENCE")))
	ev.stamp = stampOf(c)
	ev.title = title
	name := "VEVENT"
	if ev.title != "" {
		name = fmt.Sprintf("event %q", clip(ev.title))
	}
	if ev.title == "" {
		ev.title = "(no title)"
	}
	sp := c.prop("DTSTART")
	if sp == nil {
		b.r.warn(c.Line, "%s has no DTSTART; skipped", name)
		return nil
	}
	start, ok := b.timeProp(sp, name)
	if !ok {
		return nil
	}
	if !writable(start.wall) || !start.date && !writable(start.instant()) {
		b.r.warn(sp.Line, "%s starts in the year %d; this reader takes the years 2 to 9998; skipped", name, start.wall.Year())
		return nil
	}
	ev.start = start
	if ep := c.prop("DTEND"); ep != nil {
		if end, ok := b.timeProp(ep, name); ok {
			switch {
			case end.date != start.date:
				b.r.warn(ep.Line, "%s: DTEND is a %s but DTSTART is not; DTEND ignored", name, kindOf(end))
			case end.instant().Before(start.instant()):
				b.r.warn(ep.Line, "%s: DTEND is before DTSTART; DTEND ignored", name)
			default:
				ev.end = &end
			}
		}
	} else if dp := c.prop("DURATION"); dp != nil {
		days, dur, ok := parseDuration(strings.TrimSpace(dp.Value))
		switch {
		case !ok:
			b.r.warn(dp.Line, "%s: DURATION %q is not a duration such as PT1H30M or P2D; ignored", name, clip(dp.Value))
		case days < 0 || dur < 0:
			b.r.warn(dp.Line, "%s: DURATION %q is negative; ignored", name, clip(dp.Value))
		default:
			ev.days, ev.dur, ev.hasDur = days, dur, true
		}
	}
	if rp := c.prop("RECURRENCE-ID"); rp != nil {
		if rid, ok := b.timeProp(rp, name); ok {
			ev.recurID = &rid
		}
	}
	return ev
}

// stampOf is the VEVENT's LAST-MODIFIED, else its DTSTAMP, in Unix
// seconds (both are UTC date-times); 0 when neither reads.
func stampOf(c *component) int64 {
	for _, name := range []string{"LAST-MODIFIED", "DTSTAMP"} {
		if w, ok := parseWall(propValue(c, name)); ok {
			return w.Unix()
		}
	}
	return 0
}

// revision is the identity of the occurrence of ev that starts at start
// (see itinerary.Revision).
func revision(ev *vevent, start tval) itinerary.Revision {
	r := itinerary.Revision{UID: ev.uid, Stamp: ev.stamp, Sequence: int32(min(max(ev.seq, -1<<31), 1<<31-1))}
	if ev.uid == "" {
		return itinerary.Revision{}
	}
	switch {
	case ev.recurID != nil:
		r.Recurring, r.Override, r.Recurrence = true, true, recurrenceKey(*ev.recurID)
	case isSeries(ev):
		r.Recurring, r.Recurrence = true, recurrenceKey(start)
	}
	return r
}

// recurrenceKey is t as Revision.Recurrence holds it: midnight UTC of a
// date, else the instant.
func recurrenceKey(t tval) int64 {
	if t.date {
		return t.wall.Unix()
	}
	return t.instant().Unix()
}
