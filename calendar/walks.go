package calendar

import (
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/teambition/rrule-go"
)

// walk is what walking one RRULE gives before the file's expansion budget
// is applied to it (walkRule): the steps of the rrule library's iterator,
// each with what the walk has cost when it is reached. It depends only on
// the rule, the series' start and window, and the budget spent when it was
// made, so the walks of many series are made at once, on every core, while
// the series before them are expanded in order.
type walk struct {
	never  string // why the rule can never match, or ""
	worst  int    // what the walk costs at worst
	failed bool   // the library refused the rule
	steps  []step // empty when the budget was spent before it began
	// reserved is what the walk holds of the budget while it is ahead
	// (builder.reserve); later says it was left to be made in order.
	reserved int
	later    bool
}

// step is one occurrence the iterator gave, in the series' wall clock, or
// the end of the walk.
type step struct {
	w    time.Time
	cost int
	end  stepEnd
}

type stepEnd uint8

// How a walk ends: its last step says why.
const (
	goOn       stepEnd = iota // an occurrence, not the end
	ranOut                    // the iterator ran out
	stopped                   // past UNTIL, the window or the walk's limit
	overBudget                // past the budget the walk was made with
	counted                   // COUNT reached
)

// walkAhead walks the rule r of a series starting at start, in its window
// [startWall, endWall], as if spent of the file's budget were used: it
// stops where the serial walk of a file that had spent at least that much
// would stop, or later. It leaves the EXDATEs to walkRule (reading them
// resolves zones, which is done in order), so it walks to limit
// occurrences in the window, counting the excluded ones (aheadLimit).
// reserve, when not nil, is asked for the walk's worst cost before it
// walks; refused, the walk is left for later.
func walkAhead(r *rrule.RRule, start tval, startWall, endWall time.Time, limit, spent int, reserve func(worst int) bool) walk {
	opt := r.OrigOptions
	dedupe(&opt)
	if why := never(&opt); why != "" {
		return walk{never: why}
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
	wk := walk{worst: periods(&opt, opt.Dtstart, end, days) * per}
	if wk.worst > maxRuleWork || spent >= maxRecurWork {
		return wk
	}
	if reserve != nil {
		if !reserve(wk.worst) {
			wk.later = true
			return wk
		}
		wk.reserved = wk.worst
	}
	shifted, err := rrule.NewRRule(opt)
	if err != nil {
		wk.failed = true
		return wk
	}
	next := shifted.Iterator()
	cost := wk.worst // what the walk costs when the iterator gives nothing
	kept, n := 0, 0
	for {
		t, more := next()
		if !more {
			wk.steps = append(wk.steps, step{cost: cost, end: ranOut})
			return wk
		}
		cost = periods(&opt, opt.Dtstart, t, days) * per
		s := step{w: t.AddDate(-shift, 0, 0), cost: cost}
		switch {
		case s.w.After(until) && !until.IsZero() || s.w.After(endWall) || kept > limit:
			s.end = stopped
		case spent+cost > maxRecurWork:
			s.end = overBudget
		case count > 0 && n == count:
			s.end = counted
		}
		wk.steps = append(wk.steps, s)
		if s.end != goOn {
			return wk
		}
		n++
		if !before(s.w, start, startWall) {
			kept++
		}
	}
}

// aheadLimit is how many occurrences in the window walkAhead walks for ev:
// at least as many as walkRule keeps, MaxOccurrences and one for each
// EXDATE and one more, with room for the EXDATEs the walk counts (each of
// them may be one of its occurrences). EXDATE values are counted as
// written: some may not read.
func aheadLimit(ev *vevent) int {
	exdates := 0
	for _, p := range ev.c.props("EXDATE") {
		exdates += strings.Count(p.Value, ",") + 1
	}
	return MaxOccurrences + 2*exdates + 1
}

// seriesAhead is how many series the walkers may be ahead of the expansion
// per core: the walks made but not yet expanded are held.
const seriesAhead = 8

// walker makes the walks of the series of a calendar ahead of their
// expansion, on every core.
type walker struct {
	results []chan []walk // a series' walks, one a rule; nil when a walk panicked
	ahead   chan struct{}
	stop    chan struct{}
	wg      sync.WaitGroup
	next    int // the series expand asks for next
}

// walkSeries starts the walks of the series (the events expanded, in the
// order they are), with their window ending at windowEnd. It returns nil
// when the walks are better made in order: one core, one series, or the
// reference path of the tests (builder.keep), which keeps the serial order
// the parallel walks are held to.
func (b *builder) walkSeries(series []*vevent, windowEnd time.Time) *walker {
	workers := max(runtime.GOMAXPROCS(0), 1)
	if b.keep || workers == 1 || len(series) < 2 {
		return nil
	}
	type job struct {
		k                  int
		ev                 *vevent
		rules              []*property
		startWall, endWall time.Time
		limit              int
	}
	jobs := make(chan job, len(series))
	wr := &walker{results: make([]chan []walk, len(series)), ahead: make(chan struct{}, seriesAhead*workers), stop: make(chan struct{})}
	for i, ev := range series {
		wr.results[i] = make(chan []walk, 1)
		// Read here, on the reader's goroutine: a component's index of
		// properties is made at its first look-up.
		startWall, endWall := b.seriesWindow(ev, windowEnd)
		jobs <- job{i, ev, ev.c.props("RRULE"), startWall, endWall, aheadLimit(ev)}
	}
	close(jobs)
	for range workers {
		wr.wg.Add(1)
		go func() {
			defer wr.wg.Done()
			for {
				select {
				case wr.ahead <- struct{}{}:
				case <-wr.stop:
					return
				}
				j, more := <-jobs
				if !more {
					return
				}
				wr.results[j.k] <- b.walksOf(j.ev, j.rules, j.startWall, j.endWall, j.limit)
			}
		}()
	}
	return wr
}

// walksOf walks each of ev's rules with the budget spent so far; nil when
// a walk panicked (walkRule then walks it again, in order, where the
// panic is reported).
func (b *builder) walksOf(ev *vevent, rules []*property, startWall, endWall time.Time, limit int) (walks []walk) {
	held := 0 // reserved, and given back if none of the walks is used
	reserve := func(worst int) bool {
		if b.reserve(worst) {
			held += worst
			return true
		}
		return false
	}
	defer func() {
		if recover() != nil {
			b.reserved.Add(-int64(held))
			walks = nil
		}
	}()
	walks = make([]walk, len(rules))
	quiet := func(int, string, ...any) {}
	for k, rp := range rules {
		if r := ruleOf(rp, ev, endWall, quiet); r != nil {
			walks[k] = walkAhead(r, ev.start, startWall, endWall, limit, int(b.spent.Load()), reserve)
		}
	}
	return walks
}

// reserve holds worst of the budget for a walk made ahead, unless the
// walks ahead would then hold more than is left of it: they may all be
// made in vain (the series before them spending the budget), and so the
// work spent in vain is at most the budget, whatever the file.
func (b *builder) reserve(worst int) bool {
	if b.spent.Load()+b.reserved.Add(int64(worst)) > maxRecurWork {
		b.reserved.Add(-int64(worst))
		return false
	}
	return true
}

// walks are the walks of the next series, waited for; nil when there is
// no walker.
func (wr *walker) walks() []walk {
	if wr == nil {
		return nil
	}
	w := <-wr.results[wr.next]
	wr.next++
	<-wr.ahead
	return w
}

// close stops the walkers and waits for them.
func (wr *walker) close() {
	if wr != nil {
		close(wr.stop)
		wr.wg.Wait()
	}
}
