package calendar

import (
	"fmt"
	"slices"
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

// walkRule expands the rule r (made by rule: DTSTART, UNTIL within the
// window, COUNT) into its occurrences in the window [startWall, endWall],
// at most limit of them, leaving out those in exdates. Occurrences before
// the window are counted in b.early. ok is false when the rule is not
// expanded at all (with a warning); a rule cut by the budget warns too.
func (b *builder) walkRule(r *rrule.RRule, ev *vevent, line int, startWall, endWall time.Time, exdates map[time.Time]bool, limit int) (out []time.Time, ok bool) {
	opt := r.OrigOptions
	dedupe(&opt)
	if why := never(&opt); why != "" {
		b.r.warn(line, "event %q: its RRULE can never match (%s); only the first occurrence is shown", clip(ev.title), why)
		return nil, false
	}
	until, count := opt.Until, opt.Count
	shift := shiftYears(endWall)
	opt.Dtstart = opt.Dtstart.AddDate(shift, 0, 0)
	opt.Until, opt.Count = time.Time{}, 0
	per, days := ruleCost(&opt)
	end := time.Date(rrule.MAXYEAR+1, 1, 1, 0, 0, 0, 0, time.UTC)
	if len(opt.Bymonth)+len(opt.Byweekno)+len(opt.Byyearday)+len(opt.Bymonthday)+len(opt.Byweekday)+len(opt.Bysetpos) == 0 &&
		(opt.Freq > rrule.MONTHLY || opt.Dtstart.Day() <= 28) {
		// Without filters (and not on a day some months lack) a rule
		// matches every period: its walk ends a period after the window.
		end = endWall.AddDate(shift, 0, 0)
	}
	worst := periods(&opt, opt.Dtstart, end, days) * per
	if worst > maxRuleWork {
		b.r.warn(line, "event %q: its RRULE would cost too much to expand (%d steps; the limit is %d); only the first occurrence is shown", clip(ev.title), worst, maxRuleWork)
		return nil, false
	}
	if b.work >= maxRecurWork {
		if !b.warnedBudget["rules"] {
			b.warnedBudget["rules"] = true
			b.r.warn(line, "event %q: the calendar's repeating events have used the expansion budget (%d steps); from this one on, each shows its first occurrence only", clip(ev.title), maxRecurWork)
		}
		return nil, false
	}
	shifted, err := rrule.NewRRule(opt)
	if err != nil {
		return nil, false
	}
	next := shifted.Iterator()
	cost := worst // what the walk costs when the iterator runs out
	n := 0
	for {
		t, more := next()
		if !more {
			break
		}
		cost = periods(&opt, opt.Dtstart, t, days) * per
		w := t.AddDate(-shift, 0, 0)
		if w.After(until) && !until.IsZero() || w.After(endWall) || len(out) > limit {
			break
		}
		if b.work+cost > maxRecurWork {
			b.r.warn(line, "event %q: the calendar's repeating events have used the expansion budget (%d steps); this one stops at %s", clip(ev.title), maxRecurWork, w.Format("2006-01-02"))
			break
		}
		if count > 0 && n == count {
			break
		}
		n++
		if exdates[w] {
			continue
		}
		if w.Before(startWall) && (!ev.start.date || w.AddDate(0, 0, 1).Before(startWall)) {
			if !w.Equal(ev.start.wall) { // DTSTART is counted with the set
				b.early++ // before the window (a calendar spanning centuries)
			}
			continue
		}
		out = append(out, w)
	}
	b.work += cost
	return out, true
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
		possible := false
		for _, m := range months {
			for _, d := range monthdays {
				if m >= 1 && m <= 12 && d != 0 && max(d, -d) <= daysInMonth[m] {
					possible = true
				}
			}
		}
		if !possible {
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
