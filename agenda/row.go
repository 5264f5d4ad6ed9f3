package agenda

import (
	"strconv"
	"strings"
	"time"

	"github.com/visitline/visitline/itinerary"
)

// BadgeKind is what a badge says something about.
type BadgeKind uint8

// The kinds of badge, in the order a row shows them.
const (
	BadgeMoment  BadgeKind = iota // "now · 35 min left", "in 1 h 20 min"
	BadgeStatus                   // "reported", "cancelled", ...: a status other than confirmed
	BadgeOverlap                  // "! overlap": a participant is due elsewhere at the same time
)

// Badge is a short bracketed remark on an event row.
type Badge struct {
	Kind BadgeKind
	Text string // without the brackets
}

// String is the badge as rows print it: "[reported]".
func (b Badge) String() string { return "[" + b.Text + "]" }

// EventText is the words of an event row, in pieces a front end styles.
type EventText struct {
	Event int
	// Time is the time label ("~09:00–11:30", "19:00–21:00 CST"); Start
	// the same with the start only, for narrow columns.
	Time, Start string
	Badges      []Badge
	Title       string
	// Journey is a journey's two ends in their own zones and its length,
	// "13:30 CET → 16:05 PST · 11 h 35 min", each end with its date where
	// it is not the row's day, or "" (see JourneyLabel).
	Journey string
	Place   string // place and city, or ""
	People  string // the participants, or ""
	// Calendar is the calendar the event came from, when HasCalendar: the
	// itinerary gathers several (see EventCalendar).
	Calendar    CalendarText
	HasCalendar bool
	// Moment is where the event stands against now, when the layout has a
	// now; Next marks the event the countdown counts to.
	Moment    itinerary.Moment
	HasNow    bool
	Next      bool
	Cancelled bool
}

// After is what an event's line says after its title, in the grammar every
// front end writes: " · " and a journey's two ends, " · " and the place,
// " — " and the participants, each only when there is one.
func (t EventText) After() string {
	var b strings.Builder
	if t.Journey != "" {
		b.WriteString(" · " + t.Journey)
	}
	if t.Place != "" {
		b.WriteString(" · " + t.Place)
	}
	if t.People != "" {
		b.WriteString(" — " + t.People)
	}
	return b.String()
}

// EventText returns the words of event i. maxPeople names that many
// participants and counts the rest ("+4"); 0 names them all. native picks
// the names in their own script.
func (l *Layout) EventText(i, maxPeople int, native bool) EventText {
	it := l.it
	e := &it.Events[i]
	t := EventText{
		Event:     i,
		Time:      TimeLabel(it, i, l.opt.Zone),
		Start:     StartLabel(it, i, l.opt.Zone),
		Title:     e.Title,
		Journey:   JourneyLabel(it, i, rowDay(it, i, l.opt.Zone)),
		Place:     Place(e),
		Cancelled: e.Status == itinerary.StatusCancelled,
		Next:      i == l.next,
	}
	t.Calendar, t.HasCalendar = EventCalendar(it, i)
	if len(e.Participants) > 0 {
		t.People = People(it, i, maxPeople, native)
	}
	if !l.opt.Now.IsZero() {
		t.HasNow = true
		t.Moment = it.MomentOf(i, l.opt.Now)
		if m := l.momentBadge(i, t.Moment); m != "" {
			t.Badges = append(t.Badges, Badge{BadgeMoment, m})
		}
	}
	t.Badges = eventBadges(it, i, it.OverlapCount(i) > 0, t.Badges)
	return t
}

// eventBadges appends event i's status badge, and the overlap badge when
// overlap, to out.
func eventBadges(it *itinerary.Itinerary, i int, overlap bool, out []Badge) []Badge {
	if e := &it.Events[i]; e.Status != itinerary.StatusConfirmed {
		out = append(out, Badge{BadgeStatus, string(e.Status)})
	}
	if overlap {
		out = append(out, Badge{BadgeOverlap, "! overlap"})
	}
	return out
}

// PersonBadges are the badges of event i in person p's list of events (a
// person's card): its status other than confirmed, and "! overlap" when p
// is due elsewhere at the same time.
func PersonBadges(it *itinerary.Itinerary, p, i int) []Badge {
	return eventBadges(it, i, it.PersonOverlaps(p, i), nil)
}

// Badges is the badges as rows print them, "[reported] [! overlap]".
func Badges(bs []Badge) string {
	var b strings.Builder
	for k, bd := range bs {
		if k > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(bd.String())
	}
	return b.String()
}

// momentBadge says "now · 35 min left" for a current event and "in 1 h 20
// min" for the next one, with one minute arithmetic for both.
func (l *Layout) momentBadge(i int, m itinerary.Moment) string {
	e := &l.it.Events[i]
	now := l.opt.Now
	if e.Status == itinerary.StatusCancelled {
		return ""
	}
	switch m {
	case itinerary.Current:
		if e.HasEnd && !e.AllDay {
			return "now · " + Countdown(now, e.End) + " left"
		}
		return "now"
	case itinerary.Future:
		// The countdown matters on the day: within a day of the start, or
		// once the itinerary is under way.
		if i == l.next && (minutesBetween(now, e.Start) <= 24*60 || !now.Before(l.first)) {
			return "in " + Countdown(now, e.Start)
		}
	}
	return ""
}

// DayText is the words of a day header: "Fri 26 Jan 2024" and "9 events".
type DayText struct {
	Label, Count string
}

// DayText returns the words of day header row r; a day on which nothing
// starts, shown for what continues on it, counts "continued".
func (l *Layout) DayText(r Row) DayText {
	if r.EventsThatDay() == 0 {
		return DayText{Label: DayLabel(r.Date()), Count: "continued"}
	}
	return DayText{Label: DayLabel(r.Date()), Count: Count(r.EventsThatDay(), "event")}
}

// ContinuationText is the words of a continuation row: the event's title,
// "day 2 of 3" and when it ends, "until 06:10" (or "" on a middle day).
type ContinuationText struct {
	Event      int
	Title, Day string
	Until      string
}

// ContinuationText returns the words of continuation row r.
func (l *Layout) ContinuationText(r Row) ContinuationText {
	it := l.it
	i := int(r.event)
	e := &it.Events[i]
	first, last := r.firstDay(), it.LastDays(l.opt.Zone)[i]
	t := ContinuationText{Event: i, Title: e.Title, Day: ContinuationLabel(int(r.day-first+1), int(last-first+1))}
	if r.day == last && !e.AllDay {
		zone := l.opt.Zone
		if zone == nil {
			zone = it.VenueEndZone(i) // a journey lands in its end_timezone
		}
		t.Until = "until " + e.End.In(zone).Format("15:04")
	}
	return t
}

// ContinuationLabel is "day 2 of 3".
func ContinuationLabel(part, parts int) string {
	return "day " + strconv.Itoa(part) + " of " + strconv.Itoa(parts)
}

// ZoneChangeText returns the words of zone change row r: "⟶ venue in
// Asia/Taipei (CST), −1 h".
func (l *Layout) ZoneChangeText(r Row) string {
	it := l.it
	_, shift := it.ZoneShift(r.before(), int(r.event))
	e := &it.Events[r.event]
	return "⟶ venue in " + e.Zone.String() + " (" + ZoneAbbr(e.Zone, e.Start) + "), " + SignedHours(shift)
}

// FreeTimeText returns the words of free time row r: "┄ free 1 h 20 min".
func (l *Layout) FreeTimeText(r Row) string {
	return "┄ free " + minutesLabel(r.FreeMinutes())
}

// NowText is the label of now line r, "now 12:10", in the display zone
// (when each venue shows its own, the zone the itinerary is in now, see
// itinerary.ZoneAt), with the day, "now Thu 25 Jan 22:10", when it is not
// the day the line stands under.
func (l *Layout) NowText(r Row) string {
	now := l.opt.Now.In(l.clockZone())
	if dayNumber(now) != r.day {
		return "now " + now.Format("Mon 2 Jan 15:04")
	}
	return "now " + now.Format("15:04")
}

// clockZone is the zone clock times outside events are told in (see
// ClockZone).
func (l *Layout) clockZone() *time.Location { return ClockZone(l.it, l.opt.Zone, l.opt.Now) }
