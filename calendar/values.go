package calendar

import (
	"strconv"
	"strings"
	"time"
)

// tval is a DATE or DATE-TIME value: a wall clock (in UTC fields) and the
// zone it is read in.
type tval struct {
	wall time.Time
	date bool
	z    *zone
}

func (t tval) instant() time.Time { return t.z.instant(t.wall) }

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

// writable reports whether t can be written as a format-v1 time (a year of
// four digits, with a margin for offsets).
func writable(t time.Time) bool {
	return t.Year() >= 2 && t.Year() <= 9998
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
