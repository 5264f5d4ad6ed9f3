package itinerary

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"gopkg.in/yaml.v3"
)

// zoneCache holds the zones LoadZone found, by name.
var zoneCache sync.Map

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
	// One *Location per name (LoadZone's, the same in every file), so
	// that events in the same zone share it and comparing zones is
	// comparing pointers.
	l.zones[name] = loc
	return loc, true
}

// LoadZone loads an IANA zone by name, refusing the names that depend on
// the machine ("", "Local", "localtime", "posixrules", "Factory", and the
// "posix/" and "right/" trees, which are copies or leap-second variants)
// with a message that says what is wanted.
//
// A zone is loaded once a process: every later call, from any loader or
// goroutine, gets the same *Location (they are never changed once made),
// so that the events of several files in one zone share it too, and a
// folder of 5,000 calendars reads each zone file once, not 5,000 times.
// Only the zones found are kept, so the cache holds at most the zone
// files' names.
func LoadZone(name string) (*time.Location, error) {
	if loc, ok := zoneCache.Load(name); ok {
		return loc.(*time.Location), nil
	}
	if !machineZone(name) && len(name) <= maxShort && !strings.ContainsAny(name, " \t") {
		if loc, err := time.LoadLocation(name); err == nil {
			got, _ := zoneCache.LoadOrStore(name, loc)
			return got.(*time.Location), nil
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
		l.duration(dn, durStr, e, ctx)
	}
	if st.allDay && e.HasEnd && e.End.After(e.Start) {
		// The last day covered: the day of the last moment before the end.
		last := civilDate(e.End.Add(-time.Nanosecond).In(e.Zone))
		if last.After(e.Date) {
			e.LastDate = last
		}
	}
}

// duration reads an event's duration, setting its end.
func (l *loader) duration(dn *yaml.Node, durStr string, e *Event, ctx string) {
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
