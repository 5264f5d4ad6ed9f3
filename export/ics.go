package export

import (
	"fmt"
	"io"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/visitline/visitline/itinerary"
)

// ICS writes events as an RFC 5545 calendar through golang-ical, which folds
// long lines and escapes text. Timed events are written as UTC instants
// (DTSTART:20240126T000000Z), which every calendar program converts to its
// own zone without needing a VTIMEZONE; all-day entries are DATE values.
func ICS(w io.Writer, it *itinerary.Itinerary, events []int, opt Options) error {
	cal := ics.NewCalendarFor("visitline")
	cal.SetMethod(ics.MethodPublish)
	cal.SetXWRCalName(it.Title)
	cal.SetXWRTimezone(it.ZoneName())
	if it.Summary != "" {
		cal.SetXWRCalDesc(it.Summary)
	}
	stamp := opt.Now
	if stamp.IsZero() {
		stamp = time.Now()
	}
	for _, i := range events {
		e := &it.Events[i]
		ev := cal.AddEvent(uid(it, i))
		ev.SetDtStampTime(stamp)
		ev.SetSummary(e.Title)
		if e.AllDay {
			ev.SetAllDayStartAt(e.Date)
			end := e.Date.AddDate(0, 0, 1)
			if e.HasEnd {
				t := e.End.In(e.Zone)
				end = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
				if !t.Equal(time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, e.Zone)) {
					end = end.AddDate(0, 0, 1)
				}
			}
			ev.SetAllDayEndAt(end)
		} else {
			ev.SetStartAt(e.Start)
			if e.HasEnd {
				ev.SetEndAt(e.End)
			}
		}
		if where := e.Where(); where != "" {
			ev.SetLocation(where)
		}
		ev.SetDescription(description(it, i))
		ev.SetStatus(icsStatus(e.Status))
		ev.AddProperty(ics.ComponentPropertyCategories, string(e.Kind))
		if e.Track != "" {
			ev.AddProperty(ics.ComponentPropertyCategories, e.Track)
		}
	}
	_, err := io.WriteString(w, cal.Serialize())
	return err
}

func uid(it *itinerary.Itinerary, i int) string {
	e := &it.Events[i]
	if e.ID != "" {
		return e.ID + "@visitline"
	}
	return fmt.Sprintf("event-%d-%s@visitline", e.FileIndex+1, e.Start.UTC().Format("20060102T150405Z"))
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
