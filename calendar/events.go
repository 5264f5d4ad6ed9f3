package calendar

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/teambition/rrule-go"
	"github.com/visitline/visitline/itinerary"
	"golang.org/x/text/unicode/norm"
	"gopkg.in/yaml.v3"
)

// tval is a DATE or DATE-TIME value: a wall clock (in UTC fields) and the
// zone it is read in.
type tval struct {
	wall time.Time
	date bool
	z    *zone
}

func (t tval) instant() time.Time { return t.z.instant(t.wall) }

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
	seq     int // SEQUENCE, the revision
	title   string

	// people and invitees are the attendees' nodes and the invitation
	// line, made once for all occurrences.
	people     []*yaml.Node
	invitees   string
	peopleDone bool
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

	work   int      // the work of expanding rules so far (recur.go)
	capped []string // titles of series cut at MaxOccurrences
	count  int
	full   bool
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
}

func (b *builder) events(vevents []*component) []*yaml.Node {
	var evs []*vevent
	for _, c := range vevents {
		if ev := b.read(c); ev != nil {
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
	var out []*yaml.Node
	for _, ev := range evs {
		switch {
		case ev.recurID != nil && masters[ev.uid]:
			// emitted by its series
		case ev.recurID == nil && isSeries(ev):
			out = append(out, b.expand(ev, overrides[ev.uid], end)...)
			delete(overrides, ev.uid) // a second master of the same UID gets none
		default:
			out = append(out, b.occurrence(ev, ev.start)...)
		}
	}
	return out
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

// read reads the parts of a VEVENT every occurrence shares; nil (with a
// warning) when it has no usable start.
func (b *builder) read(c *component) *vevent {
	ev := &vevent{c: c, uid: propValue(c, "UID")}
	ev.seq, _ = strconv.Atoi(propValue(c, "SEQUENCE"))
	if p := c.prop("SUMMARY"); p != nil {
		ev.title = cut(itinerary.CleanLine(unescapeText(p.Value)), maxLine)
	}
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

func kindOf(t tval) string {
	if t.date {
		return "date"
	}
	return "date-time"
}

// timeProp reads a DTSTART, DTEND or RECURRENCE-ID.
func (b *builder) timeProp(p *property, name string) (tval, bool) {
	v := strings.TrimSpace(p.Value)
	t, ok := b.timeValue(p, v)
	if !ok {
		b.r.warn(p.Line, "%s: %s %q is not a date or date-time (forms: 20240126, 20240126T093000, 20240126T003000Z); event skipped", name, p.Name, clip(v))
	}
	return t, ok
}

// timeValue reads one DATE or DATE-TIME value of p.
func (b *builder) timeValue(p *property, v string) (tval, bool) {
	if strings.EqualFold(p.param("VALUE"), "DATE") && len(v) > 8 && strings.ContainsAny(v, "Tt") {
		// A lenient writer's VALUE=DATE with a date-time: read as written.
		b.r.warn(p.Line, "%s says VALUE=DATE but holds the date-time %q; read as a date-time", p.Name, clip(v))
	} else if strings.EqualFold(p.param("VALUE"), "DATE-TIME") && len(v) == 8 {
		// VALUE=DATE-TIME with a date: midnight, as other readers take it.
		b.r.warn(p.Line, "%s says VALUE=DATE-TIME but holds the date %q; read as its midnight", p.Name, clip(v))
		v += "T000000"
	} else if strings.EqualFold(p.param("VALUE"), "DATE") || len(v) == 8 {
		d, err := time.Parse("20060102", v)
		if err != nil {
			return tval{}, false
		}
		return tval{wall: d, date: true, z: b.zs.floatingZone()}, true
	}
	utc := strings.HasSuffix(v, "Z") || strings.HasSuffix(v, "z")
	w, ok := parseWall(v)
	if !ok {
		return tval{}, false
	}
	if utc {
		return tval{wall: w, z: utcZone}, true
	}
	tzid, escaped := p.tzid()
	if escaped {
		b.r.warn(p.Line, "%s: TZID %q escapes a comma, which parameters do not; read as %q (quote the name instead)", p.Name, clip(p.param("TZID")), clip(tzid))
	}
	z, warn := b.zs.resolve(tzid)
	if warn != "" {
		b.r.warn(p.Line, "%s", warn)
	}
	return tval{wall: w, z: z}, true
}

var utcZone = &zone{name: "UTC", loc: time.UTC, utc: true}

func (zs *zones) floatingZone() *zone {
	z, _ := zs.resolve("")
	return z
}

// parseWall reads YYYYMMDDTHHMMSS (or without seconds), ignoring a Z.
func parseWall(v string) (time.Time, bool) {
	v = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(v), "Z"), "z")
	v = strings.ToUpper(v)
	for _, layout := range []string{"20060102T150405", "20060102T1504", "20060102"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// parseDuration reads an RFC 5545 DURATION (P2D, PT1H30M, P1W, P1DT12H)
// into nominal days and an exact duration.
func parseDuration(s string) (days int, d time.Duration, ok bool) {
	neg := false
	switch {
	case strings.HasPrefix(s, "-"):
		neg, s = true, s[1:]
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	}
	s = strings.ToUpper(s)
	if !strings.HasPrefix(s, "P") || len(s) < 3 {
		return 0, 0, false
	}
	s = s[1:]
	inTime := false
	for s != "" {
		if s[0] == 'T' {
			inTime, s = true, s[1:]
			continue
		}
		i := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == 0 || i == len(s) || i > 6 {
			return 0, 0, false
		}
		n, _ := strconv.Atoi(s[:i])
		switch unit := s[i]; {
		case unit == 'W' && !inTime:
			days += 7 * n
		case unit == 'D' && !inTime:
			days += n
		case unit == 'H' && inTime:
			d += time.Duration(n) * time.Hour
		case unit == 'M' && inTime:
			d += time.Duration(n) * time.Minute
		case unit == 'S' && inTime:
			d += time.Duration(n) * time.Second
		default:
			return 0, 0, false
		}
		s = s[i+1:]
	}
	if neg {
		return -days, -d, true
	}
	return days, d, true
}

// expand emits the occurrences of a repeating event in the window, with
// its overrides in place of the occurrences they replace.
func (b *builder) expand(ev *vevent, overrides []*vevent, windowEnd time.Time) []*yaml.Node {
	z := ev.start.z
	endWall, startWall := z.wall(windowEnd), z.wall(b.first)
	if ev.start.date {
		endWall = time.Date(endWall.Year(), endWall.Month(), endWall.Day(), 0, 0, 0, 0, time.UTC)
	}
	set := &rrule.Set{}
	set.DTStart(ev.start.wall)
	exdates := b.dateList(ev, "EXDATE")
	excluded := make(map[time.Time]bool, len(exdates))
	for _, t := range exdates {
		excluded[t] = true
	}
	// Several RRULEs are united (RFC 2445 allowed them, and other readers
	// unite them). Each rule's occurrences in the window, walked with a
	// counted budget (recur.go), join the set as dates.
	for _, rp := range ev.c.props("RRULE") {
		if r := b.rule(rp, ev, endWall); r != nil {
			walls, _ := b.walkRule(r, ev, rp.Line, startWall, endWall, excluded, MaxOccurrences+len(exdates)+1)
			for _, w := range walls {
				set.RDate(w)
			}
		}
	}
	for _, t := range b.dateList(ev, "RDATE") {
		set.RDate(t)
	}
	// The first instance is DTSTART itself, whether or not the rule gives it.
	set.RDate(ev.start.wall)
	for _, t := range exdates {
		set.ExDate(t)
	}
	byRecurID := map[time.Time]*vevent{}
	for _, o := range overrides {
		w := o.recurID.wall
		if !o.recurID.date && !ev.start.date {
			w = z.wall(o.recurID.instant())
		}
		byRecurID[w] = o
	}
	var out []*yaml.Node
	next := set.Iterator()
	n := 0
	for {
		w, ok := next()
		if !ok || w.After(endWall) {
			break
		}
		if w.Before(startWall) && (!ev.start.date || w.AddDate(0, 0, 1).Before(startWall)) {
			b.early++ // before the window (a calendar spanning centuries)
			continue
		}
		if n == MaxOccurrences {
			b.capped = append(b.capped, fmt.Sprintf("%q", ev.title))
			b.r.warn(ev.c.Line, "event %q repeats more than %d times in the window; cut at %d", clip(ev.title), MaxOccurrences, MaxOccurrences)
			break
		}
		n++
		if o, ok := byRecurID[w]; ok {
			delete(byRecurID, w)
			out = append(out, b.occurrence(o, o.start)...)
			continue
		}
		out = append(out, b.occurrence(ev, tval{wall: w, date: ev.start.date, z: z})...)
	}
	// Overrides of occurrences outside the window, or that the rule does
	// not give, stand on their own, in file order.
	for _, o := range overrides {
		w := o.recurID.wall
		if !o.recurID.date && !ev.start.date {
			w = z.wall(o.recurID.instant())
		}
		if byRecurID[w] == o {
			out = append(out, b.occurrence(o, o.start)...)
		}
	}
	return out
}

// rule reads an RRULE in wall-clock time, bounded by the window.
func (b *builder) rule(p *property, ev *vevent, endWall time.Time) *rrule.RRule {
	value := strings.TrimSpace(p.Value)
	if strings.ContainsAny(value, " \t") {
		// Lenient writers put spaces in lists (BYDAY=MO, TU, WE).
		value = strings.Join(strings.Fields(value), "")
		b.r.warn(p.Line, "event %q: RRULE %q has spaces in it; read as %q", clip(ev.title), clip(p.Value), clip(value))
	}
	opt, err := rrule.StrToROptionInLocation(value, time.UTC)
	if err != nil {
		// Parts that are no NAME=VALUE of a rule (Google's doubled
		// "RRULE:RRULE:...") are left out, as other readers do.
		var kept []string
		for _, part := range strings.Split(value, ";") {
			if k, _, ok := strings.Cut(part, "="); ok && ruleParts[strings.ToUpper(k)] {
				kept = append(kept, part)
			}
		}
		if clean := strings.Join(kept, ";"); clean != value {
			if o, err2 := rrule.StrToROptionInLocation(clean, time.UTC); err2 == nil {
				b.r.warn(p.Line, "event %q: RRULE %q has parts that are not rule parts; read as %q", clip(ev.title), clip(p.Value), clip(clean))
				opt, err = o, nil
				value = clean
			}
		}
	}
	if err != nil {
		b.r.warn(p.Line, "event %q: RRULE %q does not parse (%v); only the first occurrence is shown", clip(ev.title), clip(p.Value), clip(err.Error()))
		return nil
	}
	if why := unexpandable(opt); why != "" {
		b.r.warn(p.Line, "event %q: RRULE %q %s, which this reader does not expand; only the first occurrence is shown", clip(ev.title), clip(p.Value), why)
		return nil
	}
	opt.Dtstart = ev.start.wall
	if !opt.Until.IsZero() {
		raw := strings.ToUpper(value)
		if i := strings.Index(raw, "UNTIL="); i >= 0 {
			u := raw[i+6:]
			if j := strings.IndexByte(u, ';'); j >= 0 {
				u = u[:j]
			}
			u = strings.TrimSpace(u)
			switch {
			case strings.HasSuffix(u, "Z") && !ev.start.date:
				opt.Until = ev.start.z.wall(opt.Until)
			}
		}
	}
	if opt.Until.IsZero() || opt.Until.After(endWall) {
		opt.Until = endWall
	}
	r, err := rrule.NewRRule(*opt)
	if err != nil {
		b.r.warn(p.Line, "event %q: RRULE %q is not valid (%v); only the first occurrence is shown", clip(ev.title), clip(p.Value), clip(err.Error()))
		return nil
	}
	return r
}

// ruleParts are the parts of an RRULE (RFC 5545 §3.3.10).
var ruleParts = map[string]bool{"FREQ": true, "UNTIL": true, "COUNT": true, "INTERVAL": true, "BYSECOND": true, "BYMINUTE": true,
	"BYHOUR": true, "BYDAY": true, "BYMONTHDAY": true, "BYYEARDAY": true, "BYWEEKNO": true, "BYMONTH": true, "BYSETPOS": true, "WKST": true}

// unexpandable says why a rule is not expanded, or "". The rrule library
// walks a rule that never matches to the year 9999, one period at a time:
// harmless by the month or the year, minutes by the hour. Calendars do not
// repeat events by the minute, and BYSETPOS or day filters on hours or
// days make no sense for them, so those are refused.
func unexpandable(opt *rrule.ROption) string {
	switch {
	case opt.Freq == rrule.SECONDLY || opt.Freq == rrule.MINUTELY:
		return "repeats more often than hourly"
	case opt.Freq == rrule.HOURLY && (len(opt.Bysetpos) > 0 || len(opt.Bymonth) > 0 || len(opt.Bymonthday) > 0 ||
		len(opt.Byyearday) > 0 || len(opt.Byweekno) > 0 || len(opt.Byweekday) > 0 || len(opt.Byhour) > 0 || len(opt.Byeaster) > 0):
		return "repeats hourly with filters"
	case opt.Freq == rrule.DAILY && len(opt.Bysetpos) > 0:
		return "repeats daily with BYSETPOS"
	case len(opt.Byeaster) > 0:
		return "uses BYEASTER (not RFC 5545)"
	case len(opt.Byhour)*max(len(opt.Byminute), 1)*max(len(opt.Bysecond), 1) > 48:
		return "repeats more than 48 times a day"
	}
	return ""
}

// dateList reads every RDATE or EXDATE of ev as wall clocks in the
// series' zone.
func (b *builder) dateList(ev *vevent, name string) []time.Time {
	var out []time.Time
	for _, p := range ev.c.props(name) {
		for _, v := range strings.Split(p.Value, ",") {
			if i := strings.IndexByte(v, '/'); i >= 0 {
				v = v[:i] // a PERIOD: its start
			}
			v = strings.TrimSpace(v)
			if v == "" {
				continue
			}
			t, ok := b.timeValue(p, v)
			if !ok {
				b.r.warn(p.Line, "event %q: %s %q is not a date or date-time; ignored", clip(ev.title), name, clip(v))
				continue
			}
			switch {
			case ev.start.date:
				out = append(out, time.Date(t.wall.Year(), t.wall.Month(), t.wall.Day(), 0, 0, 0, 0, time.UTC))
			case t.date:
				// a date for a timed series: the occurrence at DTSTART's clock that day
				s := ev.start.wall
				out = append(out, time.Date(t.wall.Year(), t.wall.Month(), t.wall.Day(), s.Hour(), s.Minute(), s.Second(), 0, time.UTC))
			default:
				out = append(out, ev.start.z.wall(t.instant()))
			}
		}
	}
	return out
}

// occurrence emits ev as one event starting at start (ev's own DTSTART,
// or an occurrence of its rule).
func (b *builder) occurrence(ev *vevent, start tval) []*yaml.Node {
	if b.full {
		return nil
	}
	if b.count == MaxEvents {
		b.full = true
		b.r.warn(ev.c.Line, "more than %d events; the rest are left out", MaxEvents)
		return nil
	}
	b.count++
	c := ev.c
	top := b.zs.top
	m := mapping(c.Line)
	if isSeries(ev) {
		// the occurrences of a series share their key nodes
		if ev.keys == nil {
			ev.keys = map[keyAt]*yaml.Node{}
		}
		m.keys = ev.keys
	}
	m.add("title", scalar(ev.title, lineOf(c, "SUMMARY")))
	startLine := lineOf(c, "DTSTART")
	if !start.date && !writable(start.instant()) || !writable(start.wall) {
		b.count-- // an occurrence past the year 9998
		return nil
	}
	eventZone := top.String()
	// startAt is the start instant as the loader will read what is written.
	var startAt time.Time
	switch {
	case start.date:
		m.add("start", scalar(start.wall.Format("2006-01-02"), startLine))
	case start.z.utc:
		startAt = start.wall
		m.add("start", scalar(startAt.In(top).Format(time.RFC3339), startLine))
	case start.z.loc != nil:
		startAt = start.instant()
		m.add("start", scalar(wallString(start.wall), startLine))
		eventZone = start.z.name
	default:
		startAt = start.instant()
		m.add("start", scalar(instantString(startAt, start.z), startLine))
		eventZone = start.z.name
	}
	at := startAt
	if start.date {
		at = start.instant()
	}
	if at.Before(b.first) {
		b.early++
		b.count--
		return nil
	}
	if at.After(b.last) {
		b.r.warn(startLine, "event %q starts more than %d years after the calendar's first event; left out", clip(ev.title), maxSpanYears)
		b.count--
		return nil
	}
	end, endLine, ok := b.end(ev, start, startAt)
	if ok {
		m.add("end", scalar(end, endLine))
	}
	if start.date {
		// DATE values float: the entry is in the itinerary's zone, unless
		// visitline's own export named its zone.
		if p := c.prop("X-VISITLINE-TIMEZONE"); p != nil {
			if loc, ok := b.zs.lookup(p.Value); ok && loc.String() != top.String() {
				m.add("timezone", scalar(loc.String(), p.Line))
			}
		}
	} else if start.z.floating {
		// No TZID and no Z: the viewer's own clock (RFC 5545 §3.3.5).
		m.add("timezone", scalar(itinerary.FloatingZone, startLine))
	} else if eventZone != top.String() {
		m.add("timezone", scalar(eventZone, startLine))
	}
	// A DTEND in a zone of its own (a flight's landing) keeps that zone.
	if ez := ev.end; ok && ez != nil && !start.date && ez.z != ev.start.z && ez.z.loc != nil && !ez.z.utc && ez.z.name != eventZone {
		m.add("end_timezone", scalar(ez.z.name, endLine))
	}
	if p := c.prop("X-VISITLINE-STATUS"); p != nil && visitlineStatus(p.Value) != "" {
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
	if p := c.prop("X-VISITLINE-APPROXIMATE"); p != nil && strings.EqualFold(strings.TrimSpace(p.Value), "TRUE") {
		m.add("approximate", boolScalar(p.Line))
	}
	if p := c.prop("LOCATION"); p != nil {
		m.addText("place", cut(itinerary.CleanLine(unescapeText(p.Value)), maxLine), p.Line)
	}
	if !ev.peopleDone {
		ev.people, ev.invitees = b.attendees(c)
		ev.peopleDone = true
		for _, p := range ev.people {
			ev.peopleCost += len(p.Value) + b.nameBytes[p.Value]
		}
	}
	participants, invitees := ev.people, ev.invitees
	if len(participants) > 0 {
		m.add("participants", seq(c.Line, participants...))
	}
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
	if len(topics) > 0 {
		m.add("topics", seq(c.Line, topics...))
	}
	if !ev.notesDone {
		// made once for all occurrences, which share the string
		notes := ""
		if p := c.prop("DESCRIPTION"); p != nil {
			notes = strings.TrimSpace(itinerary.Clean(unescapeText(p.Value)))
		}
		if invitees != "" {
			notes = strings.TrimSpace(notes + "\n\n" + invitees)
		}
		ev.notes, ev.notesDone = cut(notes, maxText), true
	}
	m.addText("notes", ev.notes, lineOf(c, "DESCRIPTION"))
	if !ev.remindDone {
		ev.remind, ev.remindDone = b.alarms(ev), true
	}
	if ev.remind != nil && !start.date {
		m.add("remind", ev.remind)
	}
	if p := c.prop("URL"); p != nil {
		if id := b.source(p); id != "" {
			m.add("sources", seq(p.Line, scalar(id, p.Line)))
		}
	}
	if !b.afford(ev, m) {
		b.count--
		return nil
	}
	return []*yaml.Node{m.Node}
}

// afford charges the event m to the budgets of text and participations,
// leaving out its notes, then its participants, then the event itself
// when they are spent, with a warning the first time.
func (b *builder) afford(ev *vevent, m mapNode) bool {
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
	for _, drop := range []string{"notes", "participants"} {
		textOver := b.text+n > maxTextBudget
		if !textOver && b.participations+people <= maxParticipations {
			break
		}
		if drop == "notes" && !textOver {
			continue // too many participants: the notes may stay
		}
		if m.remove(drop) && !b.warnedBudget[drop] {
			b.warnedBudget[drop] = true
			b.r.warn(ev.c.Line, "the calendar holds more text or attendees than one itinerary may; from event %q on, events are read without their %s", clip(ev.title), drop)
		}
		n, people = cost()
	}
	if b.text+n > maxTextBudget {
		if !b.warnedBudget["events"] {
			b.warnedBudget["events"] = true
			b.r.warn(ev.c.Line, "the calendar holds more text than one itinerary may; from event %q on, events are left out", clip(ev.title))
		}
		return false
	}
	b.text += n
	b.participations += people
	return true
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

// writable reports whether t can be written as a format-v1 time (a year of
// four digits, with a margin for offsets).
func writable(t time.Time) bool {
	return t.Year() >= 2 && t.Year() <= 9998
}

func lineOf(c *component, names ...string) int {
	for _, n := range names {
		if p := c.prop(n); p != nil {
			return p.Line
		}
	}
	return c.Line
}

// wallString writes a wall clock as the format's "YYYY-MM-DD HH:MM".
func wallString(w time.Time) string {
	if w.Second() != 0 {
		return w.Format("2006-01-02 15:04:05")
	}
	return w.Format("2006-01-02 15:04")
}

// instantString writes t as RFC 3339 with z's offset at t.
func instantString(t time.Time, z *zone) string {
	if z.loc != nil {
		return t.In(z.loc).Format(time.RFC3339)
	}
	off := z.offsetAt(t, false)
	return t.In(time.FixedZone("", off)).Format(time.RFC3339)
}

// partstatWords and roleWords say an attendee's PARTSTAT and ROLE in the
// words of the event's invitation line; the defaults (REQ-PARTICIPANT, an
// unknown value) say nothing.
var (
	partstatWords = map[string]string{"ACCEPTED": "accepted", "DECLINED": "declined", "TENTATIVE": "tentative",
		"DELEGATED": "delegated", "NEEDS-ACTION": "no reply yet"}
	roleWords = map[string]string{"CHAIR": "chair", "OPT-PARTICIPANT": "optional", "NON-PARTICIPANT": "for information"}
)

// attendees maps ORGANIZER and ATTENDEE to participants, and describes
// their roles and replies for the notes.
func (b *builder) attendees(c *component) ([]*yaml.Node, string) {
	var ids []*yaml.Node
	var parts []string
	var partDetail [][]string
	partOf := map[string]int{}
	listed := map[string]bool{}
	tooMany := false
	for _, p := range c.Props {
		if p.Name != "ORGANIZER" && p.Name != "ATTENDEE" {
			continue
		}
		addr := strings.TrimSpace(p.Value)
		if len(addr) >= 7 && strings.EqualFold(addr[:7], "mailto:") {
			addr = addr[7:]
		}
		addr = cut(itinerary.CleanLine(addr), maxLine)
		name := cut(itinerary.CleanLine(p.param("CN")), maxLine)
		if name == "" {
			name = addr
			if i := strings.IndexByte(addr, '@'); i > 0 {
				name = addr[:i]
			}
		}
		if name == "" {
			continue
		}
		var detail []string
		if p.Name == "ORGANIZER" {
			detail = append(detail, "organizer")
		}
		for _, w := range []string{partstatWords[strings.ToUpper(p.param("PARTSTAT"))], roleWords[strings.ToUpper(p.param("ROLE"))]} {
			if w != "" {
				detail = append(detail, w)
			}
		}
		cutype := strings.ToUpper(p.param("CUTYPE"))
		if cutype == "ROOM" || cutype == "RESOURCE" {
			detail = append(detail, strings.ToLower(cutype))
		}
		if len(detail) > 0 {
			key := strings.ToLower(addr + "\x00" + name)
			if i, ok := partOf[key]; ok {
				for _, d := range detail {
					if !slices.Contains(partDetail[i], d) {
						partDetail[i] = append(partDetail[i], d)
					}
				}
			} else {
				partOf[key] = len(parts)
				parts = append(parts, name)
				partDetail = append(partDetail, detail)
			}
		}
		if cutype == "ROOM" || cutype == "RESOURCE" {
			continue
		}
		id := b.person(name, addr, p.param("X-VISITLINE-ID"), cutype == "GROUP", p.Line)
		if id == "" || listed[id] {
			continue
		}
		if len(ids) == maxPerEvent {
			if !tooMany {
				b.r.warn(p.Line, "more than %d attendees in one event; the rest are not its participants", maxPerEvent)
			}
			tooMany = true
			continue
		}
		listed[id] = true
		ids = append(ids, scalar(id, p.Line))
	}
	if len(parts) == 0 {
		return ids, ""
	}
	for i := range parts {
		parts[i] = fmt.Sprintf("%s (%s)", parts[i], strings.Join(partDetail[i], ", "))
	}
	return ids, "Invitation: " + strings.Join(parts, " · ")
}

// person returns the id of the person with this address (or, without
// one, this name), adding them at their first mention, with the id own
// when visitline's export gave one.
func (b *builder) person(name, addr, own string, group bool, line int) string {
	key := "name:" + strings.ToLower(name)
	if addr != "" && addr != name {
		key = "addr:" + strings.ToLower(addr)
	}
	if i, ok := b.people[key]; ok {
		return b.personNodes[i].Content[1].Value
	}
	if len(b.personNodes) == maxPeople {
		b.r.warn(line, "more than %d people; the rest are left out", maxPeople)
	}
	if len(b.personNodes) >= maxPeople {
		return ""
	}
	local := addr
	if i := strings.IndexByte(addr, '@'); i > 0 {
		local = addr[:i]
	}
	made := slugOf(name, slugOf(local, "person"))
	base := made
	if urn := personID(addr); urn != "" {
		// visitline's own export: the person's id comes back, and the
		// address is no note.
		base, addr = urn, ""
	} else if own = cut(itinerary.CleanLine(own), maxLine); own != "" {
		base = own
	}
	if base != made && !ownID(base) {
		// An id the format would refuse costs the person their id, not
		// the calendar its load.
		b.r.warn(line, "person %q: id %q is not a slug of at most %d bytes (letters, digits, \"-\", \"_\" and \".\", starting with a letter or digit); the id is made from the name", clip(name), clip(base), maxID)
		base = made
	}
	id := uniqueSlug(base, b.slugs)
	if len(id) > maxID {
		id = uniqueSlug(made, b.slugs) // an own id of 64 bytes, taken: its "-2" is too long
	}
	cost := len(id) + len(name) + len(addr)
	if b.text+cost > maxTextBudget {
		return ""
	}
	b.text += cost
	b.nameBytes[id] = len(name)
	m := mapping(line)
	m.add("id", scalar(id, line))
	m.add("name", scalar(name, line))
	if group {
		m.add("group", boolScalar(line))
	}
	if addr != "" && addr != name {
		m.add("note", scalar(addr, line))
	}
	b.people[key] = len(b.personNodes)
	b.personNodes = append(b.personNodes, m.Node)
	return id
}

// maxID is the longest id the format takes.
const maxID = 64

// idPattern is an id the format takes (itinerary's slug).
var idPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

// ownID reports whether an id given by the file can be the person's id.
func ownID(id string) bool {
	return len(id) <= maxID && idPattern.MatchString(id)
}

// personURN starts the address visitline's export gives a person without
// a mail address (export.PersonURN).
const personURN = "urn:visitline:person:"

// personID is the id in an address that starts with personURN, or "".
func personID(addr string) string {
	if len(addr) <= len(personURN) || !strings.EqualFold(addr[:len(personURN)], personURN) {
		return ""
	}
	id, err := url.PathUnescape(addr[len(personURN):])
	if err != nil {
		return ""
	}
	return cut(itinerary.CleanLine(id), maxLine)
}

// source returns the id of the source for a URL property.
func (b *builder) source(p *property) string {
	raw := cut(itinerary.CleanLine(p.Value), maxLine)
	if raw == "" {
		return ""
	}
	if i, ok := b.sources[raw]; ok {
		return b.sourceIDs[i]
	}
	if len(b.sourceIDs) >= maxPeople {
		return ""
	}
	publisher := raw
	if u, err := url.Parse(raw); err == nil && u.Host != "" {
		publisher = strings.TrimPrefix(u.Hostname(), "www.")
	}
	id := uniqueSlug(slugOf(publisher, "link"), b.sourceSlugs)
	m := mapping(p.Line)
	m.add("id", scalar(id, p.Line))
	m.add("publisher", scalar(publisher, p.Line))
	m.add("url", scalar(raw, p.Line))
	b.sources[raw] = len(b.sourceIDs)
	b.sourceIDs = append(b.sourceIDs, id)
	b.sourceNodes = append(b.sourceNodes, m.Node)
	return id
}

// slugOf makes an id from a name: accents dropped, lower case, runs of
// anything else as one "-"; fallback when nothing is left (a name in
// Hangul, say).
func slugOf(name, fallback string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(strings.ToLower(name)) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
		if b.Len() >= 40 {
			break
		}
	}
	if b.Len() == 0 {
		return fallback
	}
	return b.String()
}

// uniqueSlug returns s, or s-2, s-3, ... when taken; taken also records
// the next number to try for each base, so that many people with the same
// base cost no more than one each.
func uniqueSlug(s string, taken map[string]int) string {
	id := s
	n := max(taken["\x00"+s], 2)
	for ; taken[id] > 0; n++ {
		id = fmt.Sprintf("%s-%d", s, n)
	}
	taken["\x00"+s] = n
	taken[id] = 1
	return id
}

// visitlineStatus is the status an X-VISITLINE-STATUS names, or "" when it
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
