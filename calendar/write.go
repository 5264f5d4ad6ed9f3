package calendar

import (
	"fmt"
	"io"
	"net/mail"
	"net/url"
	"slices"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/visitline/visitline/itinerary"
)

// Write writes events as an RFC 5545 calendar through golang-ical, which folds
// long lines and escapes text, with CRLF line ends. Timed events are
// written as UTC instants (DTSTART:20240126T000000Z), which every calendar
// program converts to its own zone without needing a VTIMEZONE; an event
// in a zone of its own, and a journey with an end_timezone, gives its ends
// in their zones (DTSTART and DTEND with TZID), with a VTIMEZONE for each,
// so that reading the calendar back keeps every venue's zone; a floating
// event (the viewer's clock) has neither TZID nor Z. All-day
// entries are DATE values with the day after the last as DTEND, and
// ZoneProperty when their zone is not the itinerary's (X-WR-TIMEZONE).
//
// Each participant is an ATTENDEE with the name in CN (see addAttendee).
//
// UIDs are "<event>@<itinerary>.visitline": the event's id, else a hash of
// its title and start, so that adding, removing or reordering other events
// keeps every UID; the itinerary's id (or its title as a slug) keeps two
// itineraries with the same event ids apart in one calendar.
//
// stamp is the DTSTAMP of every event (zero: the clock's).
func Write(w io.Writer, it *itinerary.Itinerary, events []int, stamp time.Time) error {
	cal := ics.NewCalendarFor("visitline")
	cal.SetMethod(ics.MethodPublish)
	cal.SetXWRCalName(it.Title)
	cal.SetXWRTimezone(it.ZoneName())
	if it.Summary != "" {
		cal.SetXWRCalDesc(it.Summary)
	}
	if stamp.IsZero() {
		stamp = time.Now()
	}
	zones := newZoneSet()
	uids := make(map[string]int, len(events))
	domain := it.Identity() + ".visitline"
	for _, i := range events {
		e := &it.Events[i]
		key := it.ContentKey(i)
		// Events alike in title and start (and without an id) are told
		// apart by how many came before them, which only they can change.
		uids[key]++
		if n := uids[key]; n > 1 {
			key = fmt.Sprintf("%s-%d", key, n)
		}
		ev := cal.AddEvent(key + "@" + domain)
		ev.SetDtStampTime(stamp)
		ev.SetSummary(e.Title)
		switch {
		case e.AllDay:
			ev.SetAllDayStartAt(e.Date)
			ev.SetAllDayEndAt(e.LastDate.AddDate(0, 0, 1))
			if ownZone(it, e.Zone) {
				ev.SetProperty(ics.ComponentProperty(ZoneProperty), e.Zone.String())
			}
		case e.Floating:
			// The viewer's clock: a DATE-TIME without TZID and without Z.
			ev.SetProperty(ics.ComponentPropertyDtStart, localTime(e.Start, e.Zone))
			if end := e.EndLocation(); e.HasEnd {
				if e.EndZone != nil {
					ev.SetProperty(ics.ComponentPropertyDtEnd, localTime(e.End, end), ics.WithTZID(end.String()))
					zones.add(e.End, end)
				} else {
					ev.SetProperty(ics.ComponentPropertyDtEnd, localTime(e.End, end))
				}
			}
		case e.EndZone != nil || ownZone(it, e.Zone):
			ev.SetProperty(ics.ComponentPropertyDtStart, localTime(e.Start, e.Zone), ics.WithTZID(e.Zone.String()))
			zones.add(e.Start, e.Zone)
			if end := e.EndLocation(); e.HasEnd {
				ev.SetProperty(ics.ComponentPropertyDtEnd, localTime(e.End, end), ics.WithTZID(end.String()))
				zones.add(e.End, end)
			}
		default:
			ev.SetStartAt(e.Start)
			if e.HasEnd {
				ev.SetEndAt(e.End)
			}
		}
		if where := e.Where(); where != "" {
			ev.SetLocation(where)
		}
		for _, p := range e.Participants {
			addAttendee(ev, &it.People[p])
		}
		ev.SetDescription(description(it, i))
		ev.SetStatus(icsStatus(e.Status))
		// STATUS has no word for reported or expected, nor for times that
		// are only indicative: visitline's reader takes them from these.
		ev.AddProperty(ics.ComponentProperty(StatusProperty), string(e.Status))
		if e.Approximate {
			ev.AddProperty(ics.ComponentProperty(ApproximateProperty), "TRUE")
		}
		ev.AddProperty(ics.ComponentPropertyCategories, string(e.Kind))
		if e.Track != "" {
			ev.AddProperty(ics.ComponentPropertyCategories, e.Track)
		}
		addAlarms(ev, it, i)
	}
	zones.write(cal)
	return cal.SerializeTo(w, ics.WithNewLineWindows)
}

// ownZone reports whether loc is a zone an event must name for a round
// trip to keep it: not the itinerary's, and not UTC.
func ownZone(it *itinerary.Itinerary, loc *time.Location) bool {
	return loc != nil && loc.String() != it.ZoneName() && loc.String() != "UTC"
}

// addAttendee writes person p as an ATTENDEE, named in CN. The address is
// mailto: when the person's note is just a mail address (as the calendar
// reader keeps one), with the id in IDParameter, else PersonURN and the
// id; a group is CUTYPE=GROUP.
func addAttendee(ev *ics.VEvent, p *itinerary.Person) {
	addr := PersonURN + url.PathEscape(p.ID)
	if a, err := mail.ParseAddress(p.Note); err == nil && a.Name == "" && a.Address == strings.TrimSpace(p.Note) {
		addr = "mailto:" + a.Address
	}
	// golang-ical escapes parameter values with backslashes, which RFC
	// 5545 does not know: the CN goes into the name, quoted, on one line,
	// with RFC 6868's ^' for a double quote and ^^ for a caret.
	cn := strings.NewReplacer("^", "^^", `"`, "^'").Replace(itinerary.CleanLine(p.Name))
	prop := ics.IANAProperty{BaseProperty: ics.BaseProperty{
		IANAToken:      string(ics.ComponentPropertyAttendee) + `;CN="` + cn + `"`,
		ICalParameters: map[string][]string{},
		Value:          addr,
	}}
	if strings.HasPrefix(addr, "mailto:") {
		// The id goes with the address, for the calendar reader.
		prop.ICalParameters[IDParameter] = []string{p.ID}
	}
	if p.Group {
		prop.ICalParameters[string(ics.ParameterCutype)] = []string{string(ics.CalendarUserTypeGroup)}
	}
	ev.Properties = append(ev.Properties, prop)
}

// localTime is t's wall clock in loc, as an iCalendar DATE-TIME with a TZID.
func localTime(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("20060102T150405")
}

// zoneSet collects, for each zone a TZID names, the periods of constant
// offset (standard or daylight time) the written times fall in: enough for
// a calendar program to convert exactly those times.
type zoneSet struct {
	order   []*time.Location
	periods map[*time.Location]map[int64]time.Time // by the period's onset
}

func newZoneSet() *zoneSet {
	return &zoneSet{periods: map[*time.Location]map[int64]time.Time{}}
}

func (z *zoneSet) add(t time.Time, loc *time.Location) {
	if z.periods[loc] == nil {
		z.periods[loc] = map[int64]time.Time{}
		z.order = append(z.order, loc)
	}
	start, _ := t.In(loc).ZoneBounds()
	z.periods[loc][start.Unix()] = t.In(loc)
}

// write puts a VTIMEZONE for each zone ahead of the events (some readers
// want a zone defined before it is used), with a STANDARD or DAYLIGHT block
// per period, each starting at its onset in the local time before it.
func (z *zoneSet) write(cal *ics.Calendar) {
	tzs := make([]ics.Component, 0, len(z.order))
	for _, loc := range z.order {
		tz := ics.NewTimezone(loc.String())
		tzs = append(tzs, tz)
		onsets := make([]int64, 0, len(z.periods[loc]))
		for k := range z.periods[loc] {
			onsets = append(onsets, k)
		}
		slices.Sort(onsets)
		for _, k := range onsets {
			t := z.periods[loc][k]
			name, to := t.Zone()
			start, _ := t.ZoneBounds()
			from := to
			onset := "19700101T000000"
			if !start.IsZero() {
				_, from = start.Add(-time.Second).Zone()
				onset = start.UTC().Add(time.Duration(from) * time.Second).Format("20060102T150405")
			}
			part := ics.ComponentBase{}
			part.SetProperty(ics.ComponentPropertyDtStart, onset)
			part.SetProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), icsOffset(from))
			part.SetProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), icsOffset(to))
			if name != "" && name[0] != '+' && name[0] != '-' {
				part.SetProperty(ics.ComponentProperty(ics.PropertyTzname), name)
			}
			if t.IsDST() {
				tz.Components = append(tz.Components, &ics.Daylight{ComponentBase: part})
			} else {
				tz.Components = append(tz.Components, &ics.Standard{ComponentBase: part})
			}
		}
	}
	cal.Components = append(tzs, cal.Components...)
}

// icsOffset writes a UTC offset in seconds as iCalendar does: +0100, -0800.
func icsOffset(sec int) string {
	sign := '+'
	if sec < 0 {
		sign, sec = '-', -sec
	}
	if sec%60 != 0 {
		return fmt.Sprintf("%c%02d%02d%02d", sign, sec/3600, sec%3600/60, sec%60)
	}
	return fmt.Sprintf("%c%02d%02d", sign, sec/3600, sec%3600/60)
}

func icsStatus(s itinerary.Status) ics.ObjectStatus {
	switch s {
	case itinerary.StatusConfirmed:
		return ics.ObjectStatusConfirmed
	case itinerary.StatusCancelled:
		return ics.ObjectStatusCancelled
	}
	return ics.ObjectStatusTentative
}

// description is the event's detail as plain text for the calendar.
func description(it *itinerary.Itinerary, i int) string {
	e := &it.Events[i]
	var parts []string
	var head []string
	if e.Status != itinerary.StatusConfirmed {
		head = append(head, "Status: "+string(e.Status))
	}
	if e.Approximate {
		head = append(head, "Times are approximate.")
	}
	if len(head) > 0 {
		parts = append(parts, strings.Join(head, " "))
	}
	if len(e.Participants) > 0 {
		var names []string
		for _, p := range e.Participants {
			n := it.People[p].Name
			if o := it.OrgOf(p); o != nil {
				n += " (" + o.Name + ")"
			}
			names = append(names, n)
		}
		parts = append(parts, "With: "+strings.Join(names, ", "))
	}
	if e.Notes != "" {
		parts = append(parts, e.Notes)
	}
	if len(e.Sources) > 0 {
		var srcs []string
		for _, s := range e.Sources {
			src := it.Sources[s]
			text := src.Publisher
			if src.Date != "" {
				text += ", " + src.Date
			}
			if src.URL != "" {
				text += " " + src.URL
			}
			srcs = append(srcs, text)
		}
		parts = append(parts, "Sources: "+strings.Join(srcs, "; "))
	}
	return strings.Join(parts, "\n\n")
}

// addAlarms writes event i's reminders (its own, else the itinerary's) as
// display alarms relative to its start.
func addAlarms(ev *ics.VEvent, it *itinerary.Itinerary, i int) {
	if it.Events[i].AllDay {
		return
	}
	for _, lead := range it.Reminders(i) {
		a := ev.AddAlarm()
		a.SetAction(ics.ActionDisplay)
		a.SetTrigger(icsLead(lead))
		a.SetProperty(ics.ComponentPropertyDescription, it.Events[i].Title)
	}
}

// icsLead is a lead time as a TRIGGER before the start: "-PT1H30M",
// "PT0S" at the start.
func icsLead(d time.Duration) string {
	if d <= 0 {
		return "PT0S"
	}
	s := "-P"
	if days := d / (24 * time.Hour); days > 0 && d%(24*time.Hour) == 0 {
		return fmt.Sprintf("-P%dD", days)
	}
	s += "T"
	if h := d / time.Hour; h > 0 {
		s += fmt.Sprintf("%dH", h)
	}
	if m := d % time.Hour / time.Minute; m > 0 {
		s += fmt.Sprintf("%dM", m)
	}
	if sec := d % time.Minute / time.Second; sec > 0 || s == "-PT" {
		s += fmt.Sprintf("%dS", sec)
	}
	return s
}
