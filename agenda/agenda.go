// Package agenda is the presentation layer between the itinerary and its
// front ends. It turns an itinerary, the events a filter keeps, a display
// zone and a current time into rows — day headers, events, continuations of
// entries that span days, zone changes, the now line and free time — and
// owns every word they show: time labels, badges, countdowns, counts.
//
// Rows are plain text in semantic pieces, with no styles and no escape
// codes: the interactive view styles and lays them out, the printers print
// them. A Layout is built once per filter, zone and minute, in time
// proportional to the events it shows; the words of a row are made only
// when a front end asks for that row, so a view draws only what is on
// screen.
package agenda

import (
	"sort"
	"time"

	"github.com/visitline/visitline/itinerary"
)

// Options are what a Layout shows: the events a filter keeps, in a zone,
// at a time.
type Options struct {
	// Filter chooses the events; the zero filter keeps them all.
	Filter itinerary.Filter
	// Within, when not nil, are the events of a filter that Filter narrows
	// (a search typed further, or the same filter laid out again in
	// another zone): New looks for the events among them alone. They are
	// in instant order, as a Layout's Shown returns them.
	Within []int
	// Shown, when not nil, are the events Filter keeps, as an earlier
	// Layout's Shown gave them (the same filter laid out again, or a
	// search's remembered results): New takes them as they are.
	Shown []int
	// Dates, when not empty, keeps only the events that cover a part of
	// its days in Zone (--day, --from, --to).
	Dates DateRange
	// Zone is the display zone; nil shows each event in its own zone.
	Zone *time.Location
	// Now places the now line and drives the badges that count down; the
	// zero time shows neither.
	Now time.Time
	// FreeTime adds a row for the free time between consecutive events.
	FreeTime bool
}

// Kind is what a row shows.
type Kind uint8

// The kinds of row.
const (
	DayHeader    Kind = iota // a day in the display zone
	EventRow                 // an event, on the day it starts
	Continuation             // an event that started on an earlier day and is still going
	ZoneChange               // the venue's zone changes from the event before
	NowLine                  // the current time, between past and future events
	FreeTime                 // free time between two events
)

// Row is one line of an agenda, kept to 16 bytes: a search can lay out a
// hundred thousand of them. Its words come from the Layout that made it.
type Row struct {
	event int32 // EventRow, Continuation; ZoneChange: the first event in the new zone
	day   int32 // DayHeader, Continuation, NowLine (the day it stands under): days since 1970-01-01
	// n is a number whose meaning depends on the kind; read it through
	// EventsThatDay, FreeMinutes, before and firstDay.
	n    int32
	Kind Kind
}

// EventsThatDay is the number of events a DayHeader row's day starts.
func (r Row) EventsThatDay() int { return r.count(DayHeader) }

// FreeMinutes is the free time of a FreeTime row, in minutes.
func (r Row) FreeMinutes() int { return r.count(FreeTime) }

// before is the event before a ZoneChange row's change.
func (r Row) before() int { return r.count(ZoneChange) }

// firstDay is the day a Continuation row's event began.
func (r Row) firstDay() int32 { return int32(r.count(Continuation)) }

func (r Row) count(k Kind) int {
	if r.Kind != k {
		return 0
	}
	return int(r.n)
}

// Event is the event the row is about (EventRow, Continuation, and for
// ZoneChange the first event in the new zone), or -1.
func (r Row) Event() int {
	switch r.Kind {
	case EventRow, Continuation, ZoneChange:
		return int(r.event)
	}
	return -1
}

// Date is the day of a DayHeader or Continuation row, at midnight UTC.
func (r Row) Date() time.Time { return dayTime(r.day) }

// maxContinuations bounds the continuation rows under one day header, so
// that a file of many long entries cannot make the rows quadratic.
const maxContinuations = 8

// Layout is the rows of an agenda for one set of events and options. It is
// never changed once built, so copies of a view can share it.
type Layout struct {
	it        *itinerary.Itinerary
	opt       Options
	rows      []Row
	dayRows   []int32 // the row of each day header, in row order
	eventRows []int32 // the row of each event row, in row order
	events    []int   // the events shown, instant (= index) order
	// position is the position in eventRows of events[k]; nil when the
	// rows keep the events' order, as they do unless date-only entries or
	// venues' own zones reorder a day, and a binary search finds them.
	position []int32
	next     int // the event the countdown counts to, or -1
	current  int // the event "now" points at (itinerary.NowEvent), or -1
	first    time.Time
	now      nowPlace // where the now line goes, while New lays the rows out
	// until is when the rows may stop being those of a later now (see At);
	// split is the free time the now line splits, whose rows At moves.
	until time.Time
	split *gapSplit
}

// nowPlace is where the now line goes: before event at (the first shown
// event starting at or after now), unless free time before that event or
// the end of the day now falls on comes first.
type nowPlace struct {
	at     int   // the event the line goes before, len(Events) after the last, or -1: no now line
	atK    int   // the position of at in the events
	day    int32 // the day now falls on in the clock zone
	placed bool
	under  int32 // the day of the last day header laid out
}

// New lays out the events opt.Filter keeps under day headers in opt.Zone,
// with zone changes, continuations, the now line and, when asked, free
// time.
func New(it *itinerary.Itinerary, opt Options) *Layout {
	events := selectEvents(it, opt)
	opt.Within, opt.Shown = nil, nil // the layout keeps its own events, not what they came from
	l := &Layout{it: it, opt: opt, events: events, next: -1, current: -1}
	l.first, _, _ = it.Span()
	days := it.Days(events, opt.Zone)
	// Zone changes are rarely more than a quarter of the events, and
	// continuations more than one a day; past that the rows grow.
	size := len(events) + len(events)/4 + 2*len(days) + 1
	if opt.FreeTime {
		size += len(events)
	}
	l.rows = make([]Row, 0, size)
	l.eventRows = make([]int32, 0, len(events))
	l.dayRows = make([]int32, 0, len(days))
	l.now.at = -1
	if !opt.Now.IsZero() {
		l.next = it.NextActive(events, opt.Now)
		l.current = it.NowEvent(events, opt.Now)
		if len(events) > 0 && !opt.Now.Before(it.Events[events[0]].Start) {
			l.now.at = it.NextAfter(events, opt.Now)
			if l.now.at < 0 && stillGoing(it, events, opt.Now) {
				// Every event has begun and one is still going: the line
				// goes after them all (len(it.Events) is no event).
				l.now.at = len(it.Events)
			}
			l.now.atK = sort.SearchInts(events, l.now.at)
			l.now.day = dayNumber(opt.Now.In(l.clockZone()))
		}
	}
	var freeAfter map[int]itinerary.Gap
	if opt.FreeTime {
		gaps := it.Gaps(events)
		freeAfter = make(map[int]itinerary.Gap, len(gaps))
		for _, g := range gaps {
			freeAfter[g.After] = g
		}
	}
	var running runningSpans // events still going, for continuation rows
	lastDays := it.LastDays(opt.Zone)
	prev := -1
	quiet := 0          // days shown only for their continuations
	lastDay := int32(0) // the last day shown
	for k, d := range days {
		day := int32(d.Date.Unix() / 86400)
		if k > 0 {
			l.quietDays(&running, lastDay+1, day-1, &quiet)
		}
		lastDay = day
		l.dayHeader(day, len(d.Events))
		l.continuations(&running, day)
		for _, i := range d.Events {
			// The now line goes right after what is under way, before the
			// zone change that belongs to the next event.
			if i == l.now.at {
				l.nowLine()
			}
			// A floating event is wherever the viewer is: no venue's zone.
			floating := it.Events[i].Floating
			if prev >= 0 && !floating && it.ZoneChanged(prev, i) {
				l.rows = append(l.rows, Row{Kind: ZoneChange, event: int32(i), n: int32(prev)})
			}
			l.eventRows = append(l.eventRows, int32(len(l.rows)))
			l.rows = append(l.rows, Row{Kind: EventRow, event: int32(i)})
			if freeAfter != nil {
				if g, ok := freeAfter[i]; ok {
					l.freeTime(i, g)
				}
			}
			if last := lastDays[i]; last > day {
				running.add(span{event: int32(i), first: day, lastDay: last})
			}
			if !floating {
				prev = i
			}
		}
	}
	// Days after the last that entries still cover: an overnight flight
	// lands on one of them.
	l.quietDays(&running, lastDay+1, max(lastDay, running.lastDay), &quiet)
	if l.now.at >= 0 {
		l.nowLine() // after the last event, when now is inside it
	}
	for p := 1; p < len(l.eventRows); p++ {
		if l.rows[l.eventRows[p]].event < l.rows[l.eventRows[p-1]].event {
			// The rows reorder the events: keep each one's position.
			l.position = make([]int32, len(events))
			for p, r := range l.eventRows {
				l.position[sort.SearchInts(events, int(l.rows[r].event))] = int32(p)
			}
			break
		}
	}
	l.until = l.rowsUntil()
	return l
}

// selectEvents is the events opt.Filter keeps, in instant order: opt.Shown
// when given, else among opt.Within when given (all of them with an empty
// filter), else in the whole itinerary.
func selectEvents(it *itinerary.Itinerary, opt Options) []int {
	if !opt.Dates.Empty() && opt.Shown == nil {
		return opt.Dates.Keep(it, filterEvents(it, opt), opt.Zone)
	}
	return filterEvents(it, opt)
}

// filterEvents is selectEvents without the dates.
func filterEvents(it *itinerary.Itinerary, opt Options) []int {
	switch {
	case opt.Shown != nil:
		return opt.Shown
	case opt.Within == nil:
		return it.Select(opt.Filter)
	case opt.Filter.Empty():
		return opt.Within
	}
	if out := it.SelectFrom(opt.Filter, opt.Within); len(out) < len(opt.Within) {
		return out
	}
	// The same events: keep the list itself, so that what was made of it
	// (the lanes) is seen to be the same.
	return opt.Within
}

// stillGoing reports whether an event of events has not ended at now.
func stillGoing(it *itinerary.Itinerary, events []int, now time.Time) bool {
	for _, i := range events {
		if it.Events[i].End.After(now) {
			return true
		}
	}
	return false
}

// span is an event that runs into later days.
type span struct {
	event          int32
	first, lastDay int32
}

// maxQuietDays bounds the days a layout shows only for their
// continuations, so that an entry a file makes span centuries cannot make
// the rows grow with its length.
const maxQuietDays = 400

// quietDays adds the days from first to last on which no shown event
// starts but one that began earlier is still going: a day header and its
// continuation rows each. It stops when nothing is going any more, or
// after maxQuietDays in all (counted in *quiet).
func (l *Layout) quietDays(running *runningSpans, first, last int32, quiet *int) {
	for day := first; day <= last && *quiet < maxQuietDays; day++ {
		if running.lastDay < day { // nothing is going any more
			*running = runningSpans{}
			return
		}
		l.dayHeader(day, 0)
		l.continuations(running, day)
		*quiet++
	}
}

// dayHeader adds the header of day, which events start on. The now line
// goes at the end of the day now falls on, before the next day's header,
// when the next event is on a later day.
func (l *Layout) dayHeader(day int32, events int) {
	if l.now.at >= 0 && !l.now.placed && day > l.now.day && len(l.dayRows) > 0 {
		l.nowLine()
	}
	l.now.under = day
	l.dayRows = append(l.dayRows, int32(len(l.rows)))
	l.rows = append(l.rows, Row{Kind: DayHeader, day: day, n: int32(events)})
}

// nowLine adds the now line under the current day, once.
func (l *Layout) nowLine() {
	if l.now.placed {
		return
	}
	l.now.placed = true
	l.rows = append(l.rows, Row{Kind: NowLine, day: l.now.under})
}

// freeTime adds the free time g after event i. When the now line goes
// before the event right after the gap, and now falls on the same day, it
// goes before the free time that is still to come: before the whole gap
// when it has not begun, splitting it when now is inside it.
func (l *Layout) freeTime(i int, g itinerary.Gap) {
	now := l.opt.Now
	splits := l.now.at >= 0 && !l.now.placed && l.now.day == l.now.under && now.Before(g.End) &&
		sort.SearchInts(l.events, i)+1 == l.now.atK
	if splits {
		l.split = &gapSplit{past: -1, rest: -1, start: g.Start, end: g.End}
		if past := int32(now.Sub(g.Start) / time.Minute); past > 0 {
			l.split.past = int32(len(l.rows))
			l.rows = append(l.rows, Row{Kind: FreeTime, n: past})
			g.Start = now
		}
		l.nowLine()
	}
	if free := int32(g.End.Sub(g.Start) / time.Minute); free > 0 {
		if splits {
			l.split.rest = int32(len(l.rows))
		}
		l.rows = append(l.rows, Row{Kind: FreeTime, n: free})
	}
}

// continuations adds the continuation rows of day: the first
// maxContinuations events still running, in the order they began.
func (l *Layout) continuations(running *runningSpans, day int32) {
	running.first(day, maxContinuations, func(s span) {
		l.rows = append(l.rows, Row{Kind: Continuation, event: s.event, day: day, n: s.first})
	})
}

// Itinerary is the itinerary the layout shows.
func (l *Layout) Itinerary() *itinerary.Itinerary { return l.it }

// Options are the options the layout was built with.
func (l *Layout) Options() Options { return l.opt }

// Filter is the filter that chose the layout's events.
func (l *Layout) Filter() itinerary.Filter { return l.opt.Filter }

// Shown is the events the layout shows, in instant order. It is never
// changed: callers must not modify it.
func (l *Layout) Shown() []int { return l.events }

// Empty reports whether the layout shows no event.
func (l *Layout) Empty() bool { return len(l.events) == 0 }

// Len is the number of rows.
func (l *Layout) Len() int { return len(l.rows) }

// Row returns row r.
func (l *Layout) Row(r int) Row { return l.rows[r] }

// Events is the number of event rows.
func (l *Layout) Events() int { return len(l.eventRows) }

// EventRow is the row of the event at position p (0 is the first event row).
func (l *Layout) EventRow(p int) int { return int(l.eventRows[p]) }

// EventAt is the event at position p.
func (l *Layout) EventAt(p int) int { return int(l.rows[l.eventRows[p]].event) }

// DayHeaderOf is the row of the day header that row r stands under, or -1
// for rows before the first day header (there are none).
func (l *Layout) DayHeaderOf(r int) int {
	d := sort.Search(len(l.dayRows), func(d int) bool { return int(l.dayRows[d]) > r }) - 1
	if d < 0 {
		return -1
	}
	return int(l.dayRows[d])
}

// Position is the position of event i among the event rows, or -1 when
// the layout does not show it.
func (l *Layout) Position(i int) int {
	k := sort.SearchInts(l.events, i)
	if k == len(l.events) || l.events[k] != i {
		return -1
	}
	return l.positionOf(k)
}

// positionOf is the position of events[k] among the event rows.
func (l *Layout) positionOf(k int) int {
	if l.position != nil {
		return int(l.position[k])
	}
	return k
}

// Nearest is the position of the event that starts closest to at, or -1
// when there are none.
func (l *Layout) Nearest(at time.Time) int {
	if len(l.events) == 0 {
		return -1
	}
	evs := l.it.Events
	k := sort.Search(len(l.events), func(k int) bool { return !evs[l.events[k]].Start.Before(at) })
	best := k
	if k == len(l.events) || (k > 0 && at.Sub(evs[l.events[k-1]].Start) <= evs[l.events[k]].Start.Sub(at)) {
		best = k - 1
	}
	return l.positionOf(best)
}

// Next is the event the countdown counts to: the first not cancelled one
// at or after now, or -1.
func (l *Layout) Next() int { return l.next }

// Current is the event "now" points at, worked out once with the rows (see
// itinerary.NowEvent), so that jumping to now costs nothing: the current
// timed event, else the next, or -1 without a now.
func (l *Layout) Current() int { return l.current }
