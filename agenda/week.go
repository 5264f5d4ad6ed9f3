package agenda

import (
	"sort"
	"strconv"
	"time"
)

// The bounds of a week's or a month's cells: a day holds at most this
// many blocks and band entries, and a month's day this many titles; the
// counts say how many there are in all. They keep drawing a day bounded
// however many events a file puts on it.
const (
	maxDayBlocks = 48
	maxDayBand   = 8
	maxOverlap   = 6 // side by side columns of overlapping blocks
	maxDayTitles = 8
)

// Block is a timed event in a week's day column: its start and end in
// minutes after the day's midnight in the display zone, and its place
// among the events it overlaps (column Col of Cols side by side).
type Block struct {
	Event    int
	From, To int
	Col      int
	Cols     int
}

// WeekDay is one day column of a week.
type WeekDay struct {
	Date   time.Time // midnight UTC of the day
	Band   []int     // the date-only and multi-day entries covering the day (at most maxDayBand)
	Blocks []Block   // the day's timed events, by start (at most maxDayBlocks)
	// Count is the number of events the day starts; Covered also counts
	// the entries that began earlier and are still going.
	Count, Covered int
	Today          bool
	More           int // the timed events and band entries left out
}

// WeekSet is a week of a layout's events, day by day: which events fall
// in which day column and band, their overlap columns and the counts a
// day shows. It is never changed once made, so copies of a view can share
// it.
type WeekSet struct {
	Layout *Layout
	Days   [7]WeekDay
	// FirstHour and LastHour are the hours the week's blocks need
	// (08–18 at least), LastHour exclusive.
	FirstHour, LastHour int
	// NowDay is the column today is (-1 for none) and NowMinute the
	// minute of the day now is, in the display zone.
	NowDay, NowMinute int
}

// WeekStart is the first day of the week containing day (midnight UTC)
// when weeks begin on start.
func WeekStart(day time.Time, start time.Weekday) time.Time {
	back := (int(day.Weekday()) - int(start) + 7) % 7
	return day.AddDate(0, 0, -back)
}

// DayOf is the day event i is on in the layout's zone, at midnight UTC:
// an all-day entry's date, else its start's date.
func DayOf(l *Layout, i int) time.Time {
	e := &l.it.Events[i]
	if e.AllDay {
		return e.Date
	}
	return dayTime(dayNumber(e.Start.In(l.it.ZoneFor(i, l.opt.Zone))))
}

// Today is the day now falls on in the layout's clock zone, at midnight
// UTC; ok is false when the layout has no now.
func Today(l *Layout) (time.Time, bool) {
	if l.opt.Now.IsZero() {
		return time.Time{}, false
	}
	return dayTime(dayNumber(l.opt.Now.In(l.clockZone()))), true
}

// dayRowsFrom is the index in dayRows of the first day header on or after
// day.
func (l *Layout) dayRowsFrom(day int32) int {
	return sort.Search(len(l.dayRows), func(d int) bool { return l.rows[l.dayRows[d]].day >= day })
}

// eachDay calls f with the rows under each day header from first to
// last (days since 1970), in order; days without a header are skipped.
func (l *Layout) eachDay(first, last int32, f func(day int32, header Row, rows []Row)) {
	for d := l.dayRowsFrom(first); d < len(l.dayRows); d++ {
		r := int(l.dayRows[d])
		day := l.rows[r].day
		if day > last {
			return
		}
		end := len(l.rows)
		if d+1 < len(l.dayRows) {
			end = int(l.dayRows[d+1])
		}
		f(day, l.rows[r], l.rows[r+1:end])
	}
}

// Week lays out the week of l's events that starts on start (midnight
// UTC, a WeekStart). Its work is that of the week's rows, not of all.
func Week(l *Layout, start time.Time) *WeekSet {
	w := &WeekSet{Layout: l, FirstHour: 8, LastHour: 18, NowDay: -1}
	first := int32(start.Unix() / 86400)
	for k := range w.Days {
		w.Days[k].Date = dayTime(first + int32(k))
	}
	if today, ok := Today(l); ok {
		if k := int(today.Unix()/86400) - int(first); k >= 0 && k < 7 {
			w.NowDay = k
			w.Days[k].Today = true
			t := l.opt.Now.In(l.clockZone())
			w.NowMinute = t.Hour()*60 + t.Minute()
		}
	}
	lastDays := l.it.LastDays(l.opt.Zone)
	l.eachDay(first, first+6, func(day int32, header Row, rows []Row) {
		d := &w.Days[day-first]
		d.Count = header.EventsThatDay()
		for _, r := range rows {
			i := r.Event()
			switch {
			case r.Kind == Continuation:
				d.Covered++
				d.addBand(i)
			case r.Kind != EventRow:
			case l.it.Events[i].AllDay || lastDays[i] > day:
				d.Covered++
				d.addBand(i)
			default:
				d.Covered++
				d.addBlock(l, i)
			}
		}
		d.overlaps()
		for _, b := range d.Blocks {
			w.FirstHour = min(w.FirstHour, b.From/60)
			w.LastHour = max(w.LastHour, min((b.To+59)/60, 24))
		}
	})
	return w
}

func (d *WeekDay) addBand(i int) {
	if len(d.Band) == maxDayBand {
		d.More++
		return
	}
	d.Band = append(d.Band, i)
}

func (d *WeekDay) addBlock(l *Layout, i int) {
	if len(d.Blocks) == maxDayBlocks {
		d.More++
		return
	}
	e := &l.it.Events[i]
	zone := l.it.ZoneFor(i, l.opt.Zone)
	s := e.Start.In(zone)
	from := s.Hour()*60 + s.Minute()
	to := from + int(e.End.Sub(e.Start)/time.Minute)
	// A block is at least a quarter of an hour tall and ends by midnight.
	to = min(max(to, from+15), 24*60)
	d.Blocks = append(d.Blocks, Block{Event: i, From: from, To: to, Cols: 1})
}

// overlaps sorts the day's blocks by start and puts those that overlap
// side by side: each in the first column free at its start, every block of
// a run of overlapping blocks told how many columns the run needs.
func (d *WeekDay) overlaps() {
	bs := d.Blocks
	sort.SliceStable(bs, func(a, b int) bool { return bs[a].From < bs[b].From })
	var ends [maxOverlap]int
	runStart, runEnd, cols := 0, -1, 0
	closeRun := func(upto int) {
		for k := runStart; k < upto; k++ {
			bs[k].Cols = cols
		}
	}
	for k := range bs {
		if bs[k].From >= runEnd {
			closeRun(k)
			runStart, cols = k, 0
			ends = [maxOverlap]int{}
		}
		c := 0
		for c < maxOverlap-1 && ends[c] > bs[k].From {
			c++
		}
		ends[c] = max(ends[c], bs[k].To)
		bs[k].Col = c
		cols = max(cols, c+1)
		runEnd = max(runEnd, bs[k].To)
	}
	closeRun(len(bs))
}

// Label is how a week's title names it: "Mon 8 – Sun 14 Mar 2027".
func (w *WeekSet) Label() string {
	a, b := w.Days[0].Date, w.Days[6].Date
	if a.Month() == b.Month() {
		return a.Format("Mon 2") + " – " + b.Format("Mon 2 Jan 2006")
	}
	if a.Year() == b.Year() {
		return a.Format("Mon 2 Jan") + " – " + b.Format("Mon 2 Jan 2006")
	}
	return a.Format("Mon 2 Jan 2006") + " – " + b.Format("Mon 2 Jan 2006")
}

// ColumnLabel names a day in a column width cells wide: "Mon 8", "Mo 8",
// "M8" or "8".
func ColumnLabel(day time.Time, width int) string {
	n := strconv.Itoa(day.Day())
	name := day.Format("Mon")
	for _, s := range []string{name + " " + n, name[:2] + " " + n, name[:1] + n} {
		if len(s) <= width {
			return s
		}
	}
	return n
}

// HourLabel is an hour of the week's side: "09:00", or "09" where only
// two cells fit.
func HourLabel(hour, width int) string {
	s := strconv.Itoa(hour)
	if hour < 10 {
		s = "0" + s
	}
	if width >= 5 {
		return s + ":00"
	}
	return s
}

// MonthDay is one day of a month's grid.
type MonthDay struct {
	Date    time.Time // midnight UTC
	InMonth bool      // in the month shown, not the weeks around it
	Count   int       // the events the day starts
	Covered bool      // an entry of the itinerary is on the day (the itinerary's days)
	Events  []int     // the first of them (at most maxDayTitles), in order
	Today   bool
}

// MonthSet is a month of a layout's events as a grid: a row a week.
type MonthSet struct {
	Layout *Layout
	Month  time.Time // the first of the month, midnight UTC
	Weeks  [][7]MonthDay
}

// Month lays out the month containing day as weeks beginning on start.
func Month(l *Layout, day time.Time, start time.Weekday) *MonthSet {
	first := time.Date(day.Year(), day.Month(), 1, 0, 0, 0, 0, time.UTC)
	m := &MonthSet{Layout: l, Month: first}
	from := WeekStart(first, start)
	next := first.AddDate(0, 1, 0)
	today, hasToday := Today(l)
	for ws := from; ws.Before(next); ws = ws.AddDate(0, 0, 7) {
		var week [7]MonthDay
		for k := range week {
			d := ws.AddDate(0, 0, k)
			week[k] = MonthDay{Date: d, InMonth: d.Month() == first.Month(), Today: hasToday && d.Equal(today)}
		}
		m.Weeks = append(m.Weeks, week)
	}
	base := int32(from.Unix() / 86400)
	l.eachDay(base, base+int32(7*len(m.Weeks))-1, func(day int32, header Row, rows []Row) {
		k := int(day - base)
		d := &m.Weeks[k/7][k%7]
		d.Count = header.EventsThatDay()
		for _, r := range rows {
			if r.Kind == Continuation {
				d.Covered = true
			}
			if r.Kind == EventRow {
				d.Covered = true
				if len(d.Events) < maxDayTitles {
					d.Events = append(d.Events, r.Event())
				}
			}
		}
	})
	return m
}

// Label is how a month's title names it: "March 2027".
func (m *MonthSet) Label() string { return m.Month.Format("January 2006") }

// CountLabel is a day's count of events in a cell width cells wide:
// "3 events", "3 ev" or "3"; "" for none.
func CountLabel(n, width int) string {
	if n == 0 {
		return ""
	}
	if s := Count(n, "event"); len(s) <= width {
		return s
	}
	return strconv.Itoa(n)
}

// WeekdayLabel names a day's weekday in width cells: "Mon", "Mo" or "M".
func WeekdayLabel(day time.Time, width int) string {
	name := day.Format("Mon")
	return name[:min(max(width, 1), len(name))]
}

// ClockLabel is a minute of the day as the week's side marks now:
// "15:20", or "15" where only two cells fit.
func ClockLabel(minute, width int) string {
	h, m := strconv.Itoa(minute/60), strconv.Itoa(minute%60)
	if len(h) < 2 {
		h = "0" + h
	}
	if len(m) < 2 {
		m = "0" + m
	}
	if width >= 5 {
		return h + ":" + m
	}
	return h
}
