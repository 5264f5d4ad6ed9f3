package calendar

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"

	"github.com/teambition/rrule-go"
	"github.com/visitline/visitline/itinerary"
	"golang.org/x/text/unicode/norm"
)

// zone is where the wall-clock times of a property are read. Wall-clock
// times are carried as time.Time values in UTC whose fields are the clock.
type zone struct {
	// name is the IANA name the itinerary records for this zone.
	name string
	// loc converts wall clocks; nil for a custom zone that matched no
	// IANA zone, which uses offsets instead.
	loc *time.Location
	// offsets are a custom zone's onsets, in instant order.
	offsets []onset
	// floating marks times without a zone (RFC 5545 form 1): the wall
	// clock is written as it is, and the event marked floating.
	floating bool
	// utc marks times written with a Z.
	utc bool
}

type onset struct {
	at     time.Time // instant the offset starts
	offset int       // seconds east of UTC
	from   int       // the offset before, TZOFFSETFROM
	std    bool      // a STANDARD observance's
}

// instant is the instant of the wall clock w in z.
func (z *zone) instant(w time.Time) time.Time {
	if z.loc != nil {
		return itinerary.WallTime(w, z.loc) // as the loader will read it
	}
	off := z.offsetAt(w, true)
	return w.Add(-time.Duration(off) * time.Second)
}

// wall is the wall clock of instant t in z.
func (z *zone) wall(t time.Time) time.Time {
	if z.loc != nil {
		l := t.In(z.loc)
		return time.Date(l.Year(), l.Month(), l.Day(), l.Hour(), l.Minute(), l.Second(), 0, time.UTC)
	}
	return t.UTC().Add(time.Duration(z.offsetAt(t, false)) * time.Second)
}

// offsetAt is a custom zone's offset at t, a wall clock when wall is set,
// else an instant.
func (z *zone) offsetAt(t time.Time, wall bool) int {
	if len(z.offsets) == 0 {
		return 0
	}
	off := z.offsets[0].from
	for _, o := range z.offsets {
		at := o.at
		if wall {
			// A wall clock the change repeats (the clocks go back) is read
			// with the offset before it, its first occurrence (RFC 5545
			// §3.3.5); one the change skips, with the offset before it too.
			at = at.Add(time.Duration(max(o.offset, off)) * time.Second)
		}
		if at.After(t) {
			break
		}
		off = o.offset
	}
	return off
}

// zones resolves TZIDs as real calendars write them.
type zones struct {
	defs  map[string]*component // VTIMEZONE by TZID
	cache map[string]*zone
	// years are the first and last years of the events' starts in each
	// TZID, the span a custom zone must be right over.
	years map[string][2]int
	top   *time.Location // the itinerary's zone, for floating times
	// declared is the calendar's X-WR-TIMEZONE, when it names a known
	// zone: its floating times are in that zone, not floating.
	declared *time.Location
	// matched counts the custom zones compared with IANA zones.
	matched int
	// found holds the names looked up (nil: not a zone); unprobed counts
	// the lookups refused past maxZoneNames.
	found    map[string]*time.Location
	unprobed int
	mu       sync.Mutex // of found and unprobed
	// rules holds the onsets of each set of observances expanded, by
	// their text; at most maxCustomZones are expanded.
	rules map[string][]onset
}

// lookupIANA resolves an IANA name, a Windows name or a prefixed ID such
// as /mozilla.org/20050126_1/America/New_York.
func lookupIANA(tzid string) (*time.Location, bool) {
	tzid = strings.TrimSpace(strings.Trim(tzid, `"`))
	if tzid == "" {
		return nil, false
	}
	if w, ok := windowsZone(tzid); ok {
		tzid = w
	}
	zoneProbes.Add(1)
	if loc, err := itinerary.LoadZone(tzid); err == nil {
		return loc, true
	}
	// Prefixed IDs: try each tail of the path, longest first, among those
	// short enough to be a zone name (LoadZone takes no longer ones), so
	// that a TZID of many "/" costs no more than its length.
	var tails []int
	for i := len(tzid) - 1; i >= 0 && len(tzid)-i <= maxZoneName+1; i-- {
		if tzid[i] == '/' {
			tails = append(tails, i+1)
		}
	}
	for k := len(tails) - 1; k >= 0; k-- {
		tail := tzid[tails[k]:]
		if !strings.Contains(tail, "/") && tail != "UTC" && tail != "GMT" {
			break
		}
		zoneProbes.Add(1)
		if loc, err := itinerary.LoadZone(tail); err == nil {
			return loc, true
		}
	}
	return nil, false
}

// windowsZone maps a Windows zone's name or display name, as Outlook
// writes them ("Eastern Standard Time", "(UTC-05:00) Eastern Time (US &
// Canada)"), to its IANA zone; a display name the table does not know, by
// a city it names whose zone has the offset it gives ("(UTC+07:00)
// Bangkok, Hanoi, Jakarta" → Asia/Bangkok).
func windowsZone(tzid string) (string, bool) {
	if w, ok := windowsZones[tzid]; ok {
		return w, true
	}
	rest, offset, hasOffset := strings.TrimSpace(tzid), 0, false
	for _, utc := range []string{"(UTC", "(GMT"} {
		if !strings.HasPrefix(strings.ToUpper(rest), utc) {
			continue
		}
		end := strings.IndexByte(rest, ')')
		if end < 0 {
			return "", false
		}
		if o := strings.ReplaceAll(rest[4:end], ":", ""); o != "" {
			var ok bool
			if offset, ok = parseOffset(o); !ok {
				return "", false
			}
		}
		rest, hasOffset = strings.TrimSpace(rest[end+1:]), true
		break
	}
	if w, ok := windowsZones[windowsDisplayIndex[displayKey(rest)]]; ok {
		return w, true
	}
	if !hasOffset {
		return "", false
	}
	for _, city := range strings.Split(rest, ",") {
		city = strings.ReplaceAll(strings.TrimSpace(city), " ", "_")
		if city == "" || strings.ContainsAny(city, "/.") {
			continue
		}
		for _, region := range []string{"Europe", "America", "Asia", "Africa", "Australia", "Pacific", "Atlantic", "Indian"} {
			loc, err := itinerary.LoadZone(region + "/" + city)
			if err != nil {
				continue
			}
			// The standard offset of 2025, whatever the clock of the machine.
			_, jan := time.Date(2025, 1, 15, 12, 0, 0, 0, time.UTC).In(loc).Zone()
			_, jul := time.Date(2025, 7, 15, 12, 0, 0, 0, time.UTC).In(loc).Zone()
			if min(jan, jul) == offset {
				return loc.String(), true
			}
		}
	}
	return "", false
}

// windowsDisplayIndex is windowsDisplayNames by displayKey.
var windowsDisplayIndex = func() map[string]string {
	m := make(map[string]string, len(windowsDisplayNames))
	for name, id := range windowsDisplayNames {
		m[displayKey(name)] = id
	}
	return m
}()

// displayPunct is the punctuation displayKey rewrites (a Replacer is safe
// for concurrent use, and costly to build: once, not once a name).
var displayPunct = strings.NewReplacer("&", " and ", ";", ", ", ",", ", ")

// displayKey normalises a display name: accents dropped, lower case, "&"
// as "and", ";" as ",", one space after each comma and between words.
func displayKey(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	s = displayPunct.Replace(b.String())
	return strings.ReplaceAll(strings.Join(strings.Fields(s), " "), " ,", ",")
}

// zoneProbes counts the zone names looked up in the zone files, for tests.
var zoneProbes atomic.Int64

// maxZoneName is the longest zone name itinerary.LoadZone takes.
const maxZoneName = 64

// maxZoneNames bounds the different names one file may have looked up
// (each costs a few probes of the zone files); later names are unknown.
const maxZoneNames = 1000

// lookup is lookupIANA, once for each name in a file: hits and misses are
// remembered, so that a misspelt zone on every event probes the zone
// files once, and at most maxZoneNames names are probed at all.
func (zs *zones) lookup(tzid string) (*time.Location, bool) {
	// replay looks names up again on several goroutines
	zs.mu.Lock()
	defer zs.mu.Unlock()
	if loc, ok := zs.found[tzid]; ok {
		return loc, loc != nil
	}
	if zs.found == nil {
		zs.found = map[string]*time.Location{}
	}
	if len(zs.found) >= maxZoneNames {
		zs.unprobed++
		return nil, false
	}
	loc, _ := lookupIANA(tzid)
	zs.found[tzid] = loc
	return loc, loc != nil
}

// resolve returns the zone named tzid (an empty tzid is a floating time,
// or a time in the calendar's X-WR-TIMEZONE when it declares one), and a
// warning when it had to guess.
func (zs *zones) resolve(tzid string) (*zone, string) {
	if tzid == "" {
		if zs.declared != nil {
			// The de facto rule of Google's and Apple's exports, which
			// node-ical, python's x-wr-timezone and Google follow.
			return &zone{name: zs.declared.String(), loc: zs.declared}, ""
		}
		return &zone{name: zs.top.String(), loc: zs.top, floating: true}, ""
	}
	if z, ok := zs.cache[tzid]; ok {
		return z, ""
	}
	z, warn := zs.resolveNew(tzid)
	zs.cache[tzid] = z
	return z, warn
}

func (zs *zones) resolveNew(tzid string) (*zone, string) {
	def := zs.defs[tzid]
	if def != nil {
		if p := def.prop("X-LIC-LOCATION"); p != nil {
			if loc, ok := zs.lookup(p.Value); ok {
				return &zone{name: loc.String(), loc: loc}, ""
			}
		}
	}
	loc, known := zs.lookup(tzid)
	if known && def == nil {
		return &zone{name: loc.String(), loc: loc}, ""
	}
	if known {
		if _, windows := windowsZone(tzid); !windows {
			return &zone{name: loc.String(), loc: loc}, ""
		}
	}
	// A Windows name with its VTIMEZONE: the zone the name maps to if it
	// keeps the VTIMEZONE's rules over the years of the calendar's events,
	// else the VTIMEZONE's own rules (RFC 5545 §3.6.5).
	if def != nil {
		span := zs.years[tzid]
		onsets := zs.onsets(def, span[0])
		if len(onsets) > 0 {
			zs.matched++
			if zs.matched <= maxMatched {
				if loc := matchIANA(onsets, loc, span); loc != nil {
					return &zone{name: loc.String(), loc: loc}, ""
				}
			}
			name := "UTC"
			std := standardOffset(onsets)
			if std%3600 == 0 && std != 0 && std >= -12*3600 && std <= 14*3600 {
				// Etc/GMT signs are inverted: Etc/GMT-5 is five hours east.
				name = fmt.Sprintf("Etc/GMT%+d", -std/3600)
			}
			return &zone{name: name, offsets: onsets},
				fmt.Sprintf("time zone %s matches no IANA zone; its times are read with its own rules and shown in %s", itinerary.Quote(tzid), name)
		}
	}
	if known {
		return &zone{name: loc.String(), loc: loc}, ""
	}
	return &zone{name: zs.top.String(), loc: zs.top},
		fmt.Sprintf("unknown time zone %s; read as %s", itinerary.Quote(tzid), zs.top)
}

// maxCustomZones bounds the different custom zones (VTIMEZONEs that name
// no IANA zone) one file has expanded, each costing its rules; the
// zones after them are unknown zones.
const maxCustomZones = 200

// onsets is customOnsets, once for each set of observances (files repeat
// the same rules under many TZIDs) and first year, at most maxCustomZones.
func (zs *zones) onsets(def *component, from int) []onset {
	var key strings.Builder
	fmt.Fprintf(&key, "%d\n", from)
	for _, ob := range def.Children {
		key.WriteString(ob.Name + "\n")
		for _, p := range ob.Props {
			key.WriteString(p.Name + ":" + p.Value + "\n")
		}
	}
	if o, ok := zs.rules[key.String()]; ok {
		return o
	}
	if zs.rules == nil {
		zs.rules = map[string][]onset{}
	}
	if len(zs.rules) >= maxCustomZones {
		return nil
	}
	o := customOnsets(def, from)
	zs.rules[key.String()] = o
	return o
}

// customOnsets expands a VTIMEZONE's STANDARD and DAYLIGHT observances
// into the instants each offset starts, up to 2040. A yearly rule from
// long ago (Outlook's observances start in 1601) is expanded from the
// year before from, the first year its times are used (1970 if unknown).
func customOnsets(def *component, from int) []onset {
	var out []onset
	limit := time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC)
	if from == 0 {
		from = 1970
	}
	from = min(max(from-1, 1), 2039)
	observances := 0
	for _, ob := range def.Children {
		if ob.Name != "STANDARD" && ob.Name != "DAYLIGHT" {
			continue
		}
		if observances++; observances > 100 {
			break
		}
		offFrom, ok1 := parseOffset(propValue(ob, "TZOFFSETFROM"))
		to, ok2 := parseOffset(propValue(ob, "TZOFFSETTO"))
		if !ok2 {
			continue
		}
		if !ok1 {
			offFrom = to
		}
		start, ok := parseWall(propValue(ob, "DTSTART"))
		if !ok {
			continue
		}
		walls := []time.Time{start}
		if rp := ob.prop("RRULE"); rp != nil {
			// Zones change yearly; any other rule could walk to the year 9999.
			if opt, err := rrule.StrToROptionInLocation(rp.Value, time.UTC); err == nil && opt.Freq == rrule.YEARLY {
				// A year early, so that the rule's changes in that year,
				// which may fall before DTSTART's day, are not lost.
				if skip := from - 1 - start.Year(); skip > 0 && opt.Count == 0 {
					// The same rule, from a later year in step with its INTERVAL.
					step := max(opt.Interval, 1)
					start = start.AddDate(skip/step*step, 0, 0)
				}
				opt.Dtstart = start
				if opt.Until.IsZero() || opt.Until.After(limit) {
					opt.Until = limit
				}
				if r, err := rrule.NewRRule(*opt); err == nil {
					walls = boundedAll(r.Iterator(), 200)
				}
			}
		}
		for _, rd := range ob.props("RDATE") {
			for _, v := range strings.Split(rd.Value, ",") {
				if w, ok := parseWall(v); ok {
					walls = append(walls, w)
				}
			}
		}
		for _, w := range walls {
			out = append(out, onset{at: w.Add(-time.Duration(offFrom) * time.Second), offset: to, from: offFrom, std: ob.Name == "STANDARD"})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].at.Before(out[j].at) })
	if len(out) > maxOnsets {
		out = out[:maxOnsets]
	}
	return out
}

// maxOnsets bounds a custom zone's changes of offset (two a year from 1970
// to 2040 is 140), since converting a time walks them.
const maxOnsets = 500

// maxMatched bounds how many custom zones of one file are compared with
// the IANA zones; the rest are read with their own rules.
const maxMatched = 20

func boundedAll(next rrule.Next, max int) []time.Time {
	var out []time.Time
	for len(out) < max {
		t, ok := next()
		if !ok {
			break
		}
		out = append(out, t)
	}
	return out
}

func propValue(c *component, name string) string {
	if p := c.prop(name); p != nil {
		return strings.TrimSpace(p.Value)
	}
	return ""
}

// parseOffset reads a UTC offset such as -0500 or +053000.
func parseOffset(s string) (int, bool) {
	if len(s) != 5 && len(s) != 7 || (s[0] != '+' && s[0] != '-') {
		return 0, false
	}
	n, err := strconv.Atoi(s[1:])
	if err != nil {
		return 0, false
	}
	if len(s) == 5 {
		n *= 100
	}
	secs := n/10000*3600 + n/100%100*60 + n%100
	if s[0] == '-' {
		secs = -secs
	}
	return secs, secs > -24*3600 && secs < 24*3600
}

// standardOffset is a custom zone's offset of standard time: its last
// STANDARD observance's, else the offset it has most of the time.
func standardOffset(onsets []onset) int {
	for i := len(onsets) - 1; i >= 0; i-- {
		if onsets[i].std {
			return onsets[i].offset
		}
	}
	best, bestDur := onsets[len(onsets)-1].offset, time.Duration(0)
	span := map[int]time.Duration{}
	for i := 0; i+1 < len(onsets); i++ {
		span[onsets[i].offset] += onsets[i+1].at.Sub(onsets[i].at)
	}
	for off, d := range span {
		if d > bestDur || d == bestDur && off < best {
			best, bestDur = off, d
		}
	}
	return best
}

// matchIANA finds an IANA zone (first, then among those the Windows
// table names, one for each set of rules in use) whose offsets agree with
// onsets around every onset and in the middle of every month over the
// years span gives (the years of the events read in the zone, a year on
// either side), or from 2015 to 2030 when span is unknown; a zone that
// agrees only in recent years is no match for older events.
func matchIANA(onsets []onset, first *time.Location, span [2]int) *time.Location {
	z := &zone{offsets: onsets}
	from, to := 2015, 2030
	if span[0] != 0 {
		from, to = max(span[0]-1, 1970), min(span[1]+1, 2039)
		from = min(from, to)
	}
	var probes []time.Time
	for y := from; y <= to; y++ {
		for m := time.January; m <= time.December; m++ {
			probes = append(probes, time.Date(y, m, 15, 12, 0, 0, 0, time.UTC))
		}
	}
	for _, o := range onsets {
		if o.at.Year() >= from && o.at.Year() <= to {
			probes = append(probes, o.at.Add(-time.Hour), o.at.Add(time.Hour))
		}
	}
	want := make([]int, len(probes))
	for i, p := range probes {
		want[i] = z.offsetAt(p, false)
	}
	var rest []string
	seen := map[string]bool{}
	for _, n := range preferredZones {
		seen[n] = true
	}
	for _, n := range windowsZones {
		if !seen[n] {
			seen[n] = true
			rest = append(rest, n)
		}
	}
	sort.Strings(rest)
	names := append(preferredZones[:len(preferredZones):len(preferredZones)], rest...)
	if first != nil {
		names = append([]string{first.String()}, names...)
	}
next:
	for _, n := range names {
		loc, err := time.LoadLocation(n)
		if err != nil {
			continue
		}
		for i, p := range probes {
			if _, off := p.In(loc).Zone(); off != want[i] {
				continue next
			}
		}
		return loc
	}
	return nil
}

// preferredZones are tried first when a custom zone's rules match several
// IANA zones (America/Indianapolis has kept New York's rules since 2006).
var preferredZones = []string{
	"America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles",
	"America/Anchorage", "Pacific/Honolulu", "America/Halifax", "America/Sao_Paulo", "Europe/London",
	"Europe/Berlin", "Europe/Paris", "Europe/Bucharest", "Europe/Moscow", "Asia/Dubai", "Asia/Calcutta",
	"Asia/Shanghai", "Asia/Tokyo", "Asia/Seoul", "Australia/Sydney", "Pacific/Auckland", "Etc/UTC",
}
