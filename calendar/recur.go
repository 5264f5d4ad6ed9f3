package calendar

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/teambition/rrule-go"
)

// The work of expanding repeating events is counted, not timed, so that a
// file gives the same events on any machine under any load. The unit is
// one day the rrule library examines, times the rule's filter values it
// compares the day with (plus the candidates BYSETPOS picks from, and a
// few for each period): what the library's loop costs, 1–5 ns each here.
const (
	// maxRuleWork is what one rule may cost at worst (walked to the end
	// of the library's calendar, which is what a rule that never matches
	// costs); a rule that could cost more is not expanded.
	maxRuleWork = 20_000_000
	// maxRecurWork is what all the rules of one file may cost; a series
	// met after that shows its first occurrence only, a series that
	// reaches it is cut there.
	maxRecurWork = 100_000_000
)

// shiftYears is how far a rule is moved forward in time to be expanded:
// a multiple of 400 years (the Gregorian calendar, weekdays included,
// repeats every 400 years), so that the end of the window falls in the
// last 400 years before the library's year 9999. The library checks UNTIL
// only on a candidate it finds, so a rule that matches nothing past the
// window walks on to the year 9999; moved, it walks at most 400 years.
func shiftYears(endWall time.Time) int {
	return max(0, (rrule.MAXYEAR-endWall.Year())/400*400)
}

// walkRule applies the walk of one of ev's rules (walkAhead) to the
// file's expansion budget, in file order: its occurrences in the window
// [startWall, endWall], at most limit of them, leaving out those in
// exdates. Occurrences before the window are counted in b.early. ok is
// false when the rule is not expanded at all (with a warning); a rule cut
// by the budget warns too. The walk may have been made ahead, on another
// goroutine, with less of the budget spent than now: it then holds every
// step this walk takes, and this walk stops where the serial one would.
func (b *builder) walkRule(wk walk, ev *vevent, line int, startWall time.Time, exdates map[time.Time]bool, limit int) (out []time.Time, ok bool) {
	switch {
	case wk.never != "":
		b.r.warn(line, "event %q: its RRULE can never match (%s); only the first occurrence is shown", clip(ev.title), wk.never)
		return nil, false
	case wk.worst > maxRuleWork:
		b.r.warn(line, "event %q: its RRULE would cost too much to expand (%d steps; the limit is %d); only the first occurrence is shown", clip(ev.title), wk.worst, maxRuleWork)
		return nil, false
	case b.work >= maxRecurWork:
		if !b.warnedBudget["rules"] {
			b.warnedBudget["rules"] = true
			b.r.warn(line, "event %q: the calendar's repeating events have used the expansion budget (%d steps); from this one on, each shows its first occurrence only", clip(ev.title), maxRecurWork)
		}
		return nil, false
	case wk.failed:
		return nil, false
	}
	cost := 0
	for _, s := range wk.steps {
		cost = s.cost
		if s.end == ranOut || s.end == stopped || len(out) > limit {
			break
		}
		if b.work+cost > maxRecurWork {
			b.r.warn(line, "event %q: the calendar's repeating events have used the expansion budget (%d steps); this one stops at %s", clip(ev.title), maxRecurWork, s.w.Format("2006-01-02"))
			break
		}
		if s.end == counted {
			break
		}
		if exdates[s.w] {
			continue
		}
		if before(s.w, ev.start, startWall) {
			if !s.w.Equal(ev.start.wall) { // DTSTART is counted with the set
				b.early++ // before the window (a calendar spanning centuries)
			}
			continue
		}
		out = append(out, s.w)
	}
	b.work += cost
	b.spent.Store(int64(b.work))
	return out, true
}

// before reports whether the occurrence at w of a series starting at
// start falls before the window, which starts at startWall.
func before(w time.Time, start tval, startWall time.Time) bool {
	return w.Before(startWall) && (!start.date || w.AddDate(0, 0, 1).Before(startWall))
}

// periods is how many of the rule's periods the library walks from a to
// t, at most.
func periods(opt *rrule.ROption, a, t time.Time, days int) int {
	hours := float64(t.Unix()-a.Unix()) / 3600
	var length float64 // hours
	switch opt.Freq {
	case rrule.YEARLY:
		length = 365.2425 * 24
	case rrule.MONTHLY:
		length = 365.2425 * 24 / 12
	case rrule.WEEKLY:
		length = 7 * 24
	case rrule.DAILY:
		length = 24
	default:
		length = 1
	}
	return int(hours/(length*float64(max(opt.Interval, 1)))) + 2
}

// ruleCost is the work of one period of the rule, and the days it
// examines.
func ruleCost(opt *rrule.ROption) (per, days int) {
	switch opt.Freq {
	case rrule.YEARLY:
		days = 366
	case rrule.MONTHLY:
		days = 31
	case rrule.WEEKLY:
		days = 7
	default:
		days = 1
	}
	filters := len(opt.Bymonth) + len(opt.Byweekno) + len(opt.Byweekday) + len(opt.Bymonthday) + len(opt.Byyearday)
	times := max(len(opt.Byhour), 1) * max(len(opt.Byminute), 1) * max(len(opt.Bysecond), 1)
	setpos := len(opt.Bysetpos)
	// 8 for the period itself (moving to the next, rebuilding masks)
	return 8 + days*(1+filters+2*times) + setpos*(days+setpos), days
}

// dedupe drops repeated values from the rule's lists, which the library
// compares every day with: BYMONTH=2,2,2,… is BYMONTH=2.
func dedupe(opt *rrule.ROption) {
	for _, l := range []*[]int{&opt.Bysetpos, &opt.Bymonth, &opt.Bymonthday, &opt.Byyearday, &opt.Byweekno, &opt.Byhour, &opt.Byminute, &opt.Bysecond} {
		*l = uniq(*l)
	}
	if len(opt.Byweekday) > 1 {
		seen := map[rrule.Weekday]bool{}
		out := opt.Byweekday[:0:0]
		for _, d := range opt.Byweekday {
			if !seen[d] {
				seen[d] = true
				out = append(out, d)
			}
		}
		opt.Byweekday = out
	}
}

func uniq(l []int) []int {
	if len(l) < 2 {
		return l
	}
	out := slices.Clone(l)
	slices.Sort(out)
	return slices.Compact(out)
}

// daysInMonth is the most days each month can have (February in a leap
// year).
var daysInMonth = [13]int{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

// someMonthHasDay reports whether a month of months has a day of
// monthdays (negative: from the end).
func someMonthHasDay(months, monthdays []int) bool {
	for _, m := range months {
		for _, d := range monthdays {
			if m >= 1 && m <= 12 && d != 0 && max(d, -d) <= daysInMonth[m] {
				return true
			}
		}
	}
	return false
}

// never says why the rule (its lists deduplicated) can never give an
// occurrence, or "": a day of the month no month of BYMONTH has
// (BYMONTH=2;BYMONTHDAY=30), or only BYSETPOS positions past the most
// candidates a period can hold. Rules that fail in other ways are caught
// by the budget.
func never(opt *rrule.ROption) string {
	months := opt.Bymonth
	monthdays := opt.Bymonthday
	if len(monthdays) == 0 && len(opt.Byweekday) == 0 && len(opt.Byyearday) == 0 && len(opt.Byweekno) == 0 {
		// the library's defaults: the day (and for YEARLY the month) of DTSTART
		switch opt.Freq {
		case rrule.YEARLY:
			if len(months) == 0 {
				months = []int{int(opt.Dtstart.Month())}
			}
			monthdays = []int{opt.Dtstart.Day()}
		case rrule.MONTHLY:
			monthdays = []int{opt.Dtstart.Day()}
		}
	}
	if len(monthdays) > 0 {
		if len(months) == 0 {
			months = []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}
		}
		if !someMonthHasDay(months, monthdays) {
			return fmt.Sprintf("no month of %s has day %s", listText(months, 6), listText(monthdays, 6))
		}
	}
	if len(opt.Bysetpos) > 0 {
		most := 1
		switch opt.Freq {
		case rrule.YEARLY:
			most = 366
			if len(monthdays) > 0 {
				most = min(most, len(monthdays)*len(months))
			}
		case rrule.MONTHLY:
			most = 31
			if len(monthdays) > 0 {
				most = min(most, len(monthdays))
			}
		case rrule.WEEKLY:
			most = 7
			if len(opt.Byweekday) > 0 {
				most = min(most, len(opt.Byweekday))
			}
		}
		if len(opt.Byyearday) > 0 {
			most = min(most, len(opt.Byyearday))
		}
		most *= max(len(opt.Byhour), 1) * max(len(opt.Byminute), 1) * max(len(opt.Bysecond), 1)
		if !slices.ContainsFunc(opt.Bysetpos, func(p int) bool { return p != 0 && max(p, -p) <= most }) {
			return fmt.Sprintf("BYSETPOS %s, but a period holds at most %d", listText(opt.Bysetpos, 6), most)
		}
	}
	return ""
}

// listText writes the first n numbers of l.
func listText(l []int, n int) string {
	s := ""
	for i, v := range l {
		if i == n {
			return s + fmt.Sprintf(",… (%d values)", len(l))
		}
		if i > 0 {
			s += ","
		}
		s += fmt.Sprint(v)
	}
	return s
}

// expand emits the occurrences of a repeating event in the window, with
// its overrides in place of the occurrences they replace.
// walks, when not nil, are the walks of its RRULEs made ahead
// (walks.go), one a rule, in order.
func (b *builder) expand(ev *vevent, overrides []*vevent, windowEnd time.Time, walks []walk) []occ {
	z := ev.start.z
	startWall, endWall := b.seriesWindow(ev, windowEnd)
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
	for k, rp := range ev.c.props("RRULE") {
		if r := b.rule(rp, ev, endWall); r != nil {
			var wk walk
			if walks != nil && !walks[k].later {
				wk = walks[k]
				b.reserved.Add(-int64(wk.reserved))
			} else {
				wk = walkAhead(r, ev.start, startWall, endWall, aheadLimit(ev), b.work, nil)
			}
			walls, _ := b.walkRule(wk, ev, rp.Line, startWall, excluded, MaxOccurrences+len(exdates)+1)
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
	var out []occ
	next := set.Iterator()
	n := 0
	for {
		w, ok := next()
		if !ok || w.After(endWall) {
			break
		}
		if before(w, ev.start, startWall) {
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

// seriesWindow is the window of the calendar in the wall clock of ev's
// series.
func (b *builder) seriesWindow(ev *vevent, windowEnd time.Time) (startWall, endWall time.Time) {
	z := ev.start.z
	endWall, startWall = z.wall(windowEnd), z.wall(b.first)
	if ev.start.date {
		endWall = time.Date(endWall.Year(), endWall.Month(), endWall.Day(), 0, 0, 0, 0, time.UTC)
	}
	return startWall, endWall
}

// rule reads an RRULE in wall-clock time, bounded by the window.
func (b *builder) rule(p *property, ev *vevent, endWall time.Time) *rrule.RRule {
	return ruleOf(p, ev, endWall, b.r.warn)
}

// ruleOf is rule, warning by warn (which walks ahead, on other goroutines,
// leave out: the rule is read again in order, with its warnings).
func ruleOf(p *property, ev *vevent, endWall time.Time, warn func(line int, format string, args ...any)) *rrule.RRule {
	value := strings.TrimSpace(p.Value)
	if strings.ContainsAny(value, " \t") {
		// Lenient writers put spaces in lists (BYDAY=MO, TU, WE).
		value = strings.Join(strings.Fields(value), "")
		warn(p.Line, "event %q: RRULE %q has spaces in it; read as %q", clip(ev.title), clip(p.Value), clip(value))
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
				warn(p.Line, "event %q: RRULE %q has parts that are not rule parts; read as %q", clip(ev.title), clip(p.Value), clip(clean))
				opt, err = o, nil
				value = clean
			}
		}
	}
	if err != nil {
		warn(p.Line, "event %q: RRULE %q does not parse (%v); only the first occurrence is shown", clip(ev.title), clip(p.Value), clip(err.Error()))
		return nil
	}
	if why := unexpandable(opt); why != "" {
		warn(p.Line, "event %q: RRULE %q %s, which this reader does not expand; only the first occurrence is shown", clip(ev.title), clip(p.Value), why)
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
		warn(p.Line, "event %q: RRULE %q is not valid (%v); only the first occurrence is shown", clip(ev.title), clip(p.Value), clip(err.Error()))
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
