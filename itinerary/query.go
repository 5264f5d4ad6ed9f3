package itinerary

import (
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"
)

// Filter selects events: every person in People must attend (or, with
// AnyPerson, at least one of them), the event must be in one of Calendars
// when it names any (indexes into Itinerary.Calendars), and Query must
// match. The zero Filter selects everything.
type Filter struct {
	People    []int
	AnyPerson bool
	Calendars []int
	Query     Query

	inCalendar []bool // Calendars as a set by calendar index, made by Select
}

// Empty reports whether the filter selects everything.
func (f Filter) Empty() bool {
	return len(f.People) == 0 && len(f.Calendars) == 0 && f.Query.Empty()
}

// prepare makes f's set of calendars, once for a whole selection, so that
// each event is checked in constant time whatever the count of calendars.
func (it *Itinerary) prepare(f *Filter) {
	if len(f.Calendars) == 0 || f.inCalendar != nil {
		return
	}
	f.inCalendar = make([]bool, len(it.Calendars))
	for _, k := range f.Calendars {
		if k >= 0 && k < len(it.Calendars) {
			f.inCalendar[k] = true
		}
	}
}

// inCalendars reports whether event i is in one of f's calendars (always,
// when f names none).
func (it *Itinerary) inCalendars(f *Filter, i int) bool {
	if len(f.Calendars) == 0 {
		return true
	}
	it.prepare(f)
	c := it.Events[i].Calendar
	return c >= 0 && c < len(f.inCalendar) && f.inCalendar[c]
}

// Select returns the indexes of the events f keeps, in instant order. With
// people it walks only the rarest person's events.
func (it *Itinerary) Select(f Filter) []int {
	f.inCalendar = nil // a set made for another itinerary
	it.prepare(&f)
	if f.AnyPerson && len(f.People) > 1 {
		return it.selectAny(f)
	}
	var base []int
	if len(f.People) > 0 {
		base = it.byPerson[f.People[0]]
		for _, p := range f.People[1:] {
			if len(it.byPerson[p]) < len(base) {
				base = it.byPerson[p]
			}
		}
	}
	keep := func(i int) bool { return it.keeps(&f, i) }
	out := []int{}
	if base != nil || len(f.People) > 0 {
		for _, i := range base {
			if keep(i) {
				out = append(out, i)
			}
		}
		return out
	}
	if f.Query.Empty() && len(f.Calendars) == 0 {
		out = make([]int, len(it.Events))
		for i := range out {
			out[i] = i
		}
		return out
	}
	if w := f.Query.longestWord(); w != "" {
		return it.scan(w, keep)
	}
	for i := range it.Events {
		if keep(i) {
			out = append(out, i)
		}
	}
	return out
}

// scan finds the events whose search text holds word by jumping through
// the joined texts with strings.Index, and keeps those keep accepts. Large
// itineraries are scanned in parts, one per core.
func (it *Itinerary) scan(word string, keep func(int) bool) []int {
	parts := 1
	if len(it.searchAll) >= parallelScanBytes {
		parts = max(runtime.GOMAXPROCS(0), 1)
	}
	if parts == 1 {
		return it.scanRange(word, keep, 0, len(it.Events), []int{})
	}
	results := make([][]int, parts)
	var wg sync.WaitGroup
	for p := range parts {
		lo, hi := p*len(it.Events)/parts, (p+1)*len(it.Events)/parts
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[p] = it.scanRange(word, keep, lo, hi, nil)
		}()
	}
	wg.Wait()
	n := 0
	for _, r := range results {
		n += len(r)
	}
	out := make([]int, 0, n)
	for _, r := range results {
		out = append(out, r...)
	}
	return out
}

// parallelScanBytes is the size of the joined search texts from which a
// scan runs on every core.
const parallelScanBytes = 4 << 20

// scanRange scans the events lo to hi (not included), appending to out.
func (it *Itinerary) scanRange(word string, keep func(int) bool, lo, hi int, out []int) []int {
	starts := it.searchStart
	all := it.searchAll[:starts[hi]]
	for from := int(starts[lo]); from < len(all); {
		k := strings.Index(all[from:], word)
		if k < 0 {
			break
		}
		pos := int32(from + k)
		// The event whose text holds pos: the last start at or before it.
		i := lo + sort.Search(hi-lo, func(j int) bool { return starts[lo+j+1] > pos })
		if keep(i) {
			out = append(out, i)
		}
		from = int(starts[i+1])
	}
	return out
}

// selectAny keeps the events with any of f.People that match f.Query,
// merging the people's event lists.
func (it *Itinerary) selectAny(f Filter) []int {
	seen := map[int]bool{}
	var out []int
	for _, p := range f.People {
		for _, i := range it.byPerson[p] {
			if !seen[i] && it.inCalendars(&f, i) && f.Query.matches(it, i) {
				seen[i] = true
				out = append(out, i)
			}
		}
	}
	sort.Ints(out)
	if out == nil {
		out = []int{}
	}
	return out
}

// keeps reports whether f keeps event i.
func (it *Itinerary) keeps(f *Filter, i int) bool {
	if len(f.People) > 0 {
		any := false
		for _, p := range f.People {
			has := it.attends(i, p)
			if has && f.AnyPerson {
				any = true
				break
			}
			if !has && !f.AnyPerson {
				return false
			}
		}
		if f.AnyPerson && !any {
			return false
		}
	}
	return it.inCalendars(f, i) && f.Query.matches(it, i)
}

// SelectFrom is Select over a subset of events, for narrowing a previous
// result when a search only grows.
func (it *Itinerary) SelectFrom(f Filter, from []int) []int {
	f.inCalendar = nil
	it.prepare(&f)
	out := []int{}
	for _, i := range from {
		if it.keeps(&f, i) {
			out = append(out, i)
		}
	}
	return out
}

func (it *Itinerary) attends(event, person int) bool {
	for _, p := range it.Events[event].Participants {
		if p == person {
			return true
		}
	}
	return false
}

// Gap is free time between two consecutive events of a list.
type Gap struct {
	// After is the index of the event the gap follows.
	After      int
	Start, End time.Time
}

// Gaps returns the free time between consecutive timed events of events
// (indexes in instant order), measured from the latest end so far.
func (it *Itinerary) Gaps(events []int) []Gap {
	var out []Gap
	var busyUntil time.Time
	last := -1
	for _, i := range events {
		e := &it.Events[i]
		if e.AllDay || e.Status == StatusCancelled {
			continue
		}
		if last >= 0 && e.Start.After(busyUntil) {
			out = append(out, Gap{After: last, Start: busyUntil, End: e.Start})
		}
		if e.End.After(busyUntil) {
			busyUntil = e.End
		}
		last = i
	}
	return out
}

// Day is one calendar day of a timeline in a display zone.
type Day struct {
	// Date is the day, at midnight UTC.
	Date   time.Time
	Events []int
}

// DayOf returns the calendar day event i falls on in loc; nil loc means the
// event's own zone. An all-day entry keeps its own date in every zone.
func (it *Itinerary) DayOf(i int, loc *time.Location) time.Time {
	e := &it.Events[i]
	if e.AllDay {
		return e.Date
	}
	if loc == nil {
		loc = e.Zone
	}
	t := e.Start.In(loc)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// Days groups events (indexes in instant order) by their day in loc (nil
// loc: each venue's own zone, by the venue rule of VenueZone and
// VenueDate). Within a day all-day entries come first, then
// the rest in instant order. The days share one backing array.
func (it *Itinerary) Days(events []int, loc *time.Location) []Day {
	nums := it.dayNumbers(loc)
	order := make([]int, len(events))
	copy(order, events)
	// Instant order is day order, except where an all-day entry's own date
	// or an event's own zone disagrees: then sort by day, stably.
	for k := 1; k < len(order); k++ {
		if nums[order[k]] < nums[order[k-1]] {
			sort.SliceStable(order, func(a, b int) bool { return nums[order[a]] < nums[order[b]] })
			break
		}
	}
	n := 0
	for k := range order {
		if k == 0 || nums[order[k]] != nums[order[k-1]] {
			n++
		}
	}
	days := make([]Day, 0, n)
	for a := 0; a < len(order); {
		b := a + 1
		for b < len(order) && nums[order[b]] == nums[order[a]] {
			b++
		}
		evs := order[a:b:b]
		for k := 1; k < len(evs); k++ {
			if it.Events[evs[k]].AllDay && !it.Events[evs[k-1]].AllDay {
				sort.SliceStable(evs, func(x, y int) bool { return it.Events[evs[x]].AllDay && !it.Events[evs[y]].AllDay })
				break
			}
		}
		days = append(days, Day{Date: time.Unix(int64(nums[order[a]])*86400, 0).UTC(), Events: evs})
		a = b
	}
	return days
}

// dayNumbers returns, for every event, the number of its day in loc (days
// since 1970-01-01), computed once per zone and kept.
func (it *Itinerary) dayNumbers(loc *time.Location) []int32 {
	if loc == nil {
		first, _ := it.venueDayNumbers()
		return first
	}
	return it.cachedDays("first", loc, func(i int) int32 { return int32(it.DayOf(i, loc).Unix() / 86400) })
}

// FirstDays returns, for every event, the number of the day it is listed
// under in loc (nil: by the venue rule, see VenueDate), in days since
// 1970-01-01; computed once per zone and kept, the caller must not change
// them.
func (it *Itinerary) FirstDays(loc *time.Location) []int32 { return it.dayNumbers(loc) }

// venueDayNumbers is venueDays, computed once and kept.
func (it *Itinerary) venueDayNumbers() (first, last []int32) {
	it.daysMu.Lock()
	first, last = it.dayCache["first venue"], it.dayCache["last venue"]
	it.daysMu.Unlock()
	if first != nil || len(it.Events) == 0 {
		return first, last
	}
	first, last = it.venueDays()
	it.daysMu.Lock()
	defer it.daysMu.Unlock()
	if it.dayCache == nil {
		it.dayCache = map[string][]int32{}
	}
	it.dayCache["first venue"], it.dayCache["last venue"] = first, last
	return first, last
}

// LastDays returns, for every event, the number of the last day it covers
// in loc (nil: by the venue rule, a journey's landing day in its
// end_timezone), in days since 1970-01-01: the day of its end
// (an end at midnight ends the day before), or of its start when it has no
// end. A date-only entry covers its own dates in every zone. The numbers
// are computed once per zone and kept; the caller must not change them.
func (it *Itinerary) LastDays(loc *time.Location) []int32 {
	if loc == nil {
		_, last := it.venueDayNumbers()
		return last
	}
	return it.cachedDays("last", loc, func(i int) int32 {
		first, n := it.CoveredDays(i, loc)
		return int32(first.Unix()/86400) + int32(n) - 1
	})
}

// cachedDays returns the day numbers made by day for every event, computed
// once per kind and zone and kept.
func (it *Itinerary) cachedDays(kind string, loc *time.Location, day func(i int) int32) []int32 {
	key := kind + " own"
	if loc != nil {
		key = kind + " " + loc.String()
	}
	it.daysMu.Lock()
	defer it.daysMu.Unlock()
	if nums, ok := it.dayCache[key]; ok {
		return nums
	}
	nums := make([]int32, len(it.Events))
	for i := range it.Events {
		nums[i] = day(i)
	}
	if it.dayCache == nil {
		it.dayCache = map[string][]int32{}
	}
	it.dayCache[key] = nums
	return nums
}

// Moment says where an event stands against a current time.
type Moment int

// The moments of an event.
const (
	Future Moment = iota
	Current
	Past
)

// MomentOf says whether event i is past, current or future at now. An
// event without an end is current for the minute it starts.
func (it *Itinerary) MomentOf(i int, now time.Time) Moment {
	e := &it.Events[i]
	end := e.End
	if !e.HasEnd {
		end = e.Start.Add(time.Minute)
		if e.AllDay {
			end = e.Start.AddDate(0, 0, 1)
		}
	}
	switch {
	case now.Before(e.Start):
		return Future
	case now.Before(end):
		return Current
	}
	return Past
}

// NextActive returns the event of events (instant order) to count down to
// at now, or -1: the first timed event starting at or after now that is
// not cancelled; when no timed event is left, the first all-day or
// multi-day entry starting at or after now that is not cancelled. An
// upcoming entry that covers whole days never takes the countdown from the
// timed events it contains.
func (it *Itinerary) NextActive(events []int, now time.Time) int {
	k := sort.Search(len(events), func(k int) bool { return !it.Events[events[k]].Start.Before(now) })
	allDay := -1
	for ; k < len(events); k++ {
		e := &it.Events[events[k]]
		if e.Status == StatusCancelled {
			continue
		}
		if !e.AllDay {
			return events[k]
		}
		if allDay < 0 {
			allDay = events[k]
		}
	}
	return allDay
}

// NextAfter returns the first event of events (instant order) starting at or
// after now, or -1.
func (it *Itinerary) NextAfter(events []int, now time.Time) int {
	k := sort.Search(len(events), func(k int) bool { return !it.Events[events[k]].Start.Before(now) })
	if k == len(events) {
		return -1
	}
	return events[k]
}

// NowEvent returns the event of events (instant order) that "now" points
// at: the current timed event that is not cancelled, else the one
// NextActive counts down to, else an all-day or multi-day entry under way
// that is not cancelled, else the next event even when cancelled, or -1.
// An entry that covers whole days, under way or upcoming, is chosen only
// when no timed event is current or left: the timed events it contains
// are what is happening.
func (it *Itinerary) NowEvent(events []int, now time.Time) int {
	ongoing := -1
	for _, i := range events {
		e := &it.Events[i]
		if e.Start.After(now) {
			break
		}
		if e.Status == StatusCancelled || it.MomentOf(i, now) != Current {
			continue
		}
		if !e.AllDay {
			return i
		}
		if ongoing < 0 {
			ongoing = i
		}
	}
	if i := it.NextActive(events, now); i >= 0 && !(ongoing >= 0 && it.Events[i].AllDay) {
		return i
	}
	if ongoing >= 0 {
		return ongoing
	}
	return it.NextAfter(events, now)
}

// CoveredDays returns the calendar days event i covers in loc (nil: its
// own zone): the first, at midnight UTC, and how many. An all-day entry
// covers its dates, from Date to LastDate, in every zone; a timed event
// covers every day from its start's to that of the last moment before its
// end, so one that runs past midnight continues on the next day.
func (it *Itinerary) CoveredDays(i int, loc *time.Location) (first time.Time, n int) {
	e := &it.Events[i]
	if e.AllDay {
		return e.Date, int(e.LastDate.Sub(e.Date)/(24*time.Hour)) + 1
	}
	first = it.DayOf(i, loc)
	if !e.End.After(e.Start) {
		return first, 1
	}
	if loc == nil {
		loc = e.Zone
	}
	last := civilDate(e.End.Add(-time.Nanosecond).In(loc))
	return first, int(last.Sub(first)/(24*time.Hour)) + 1
}
