package export

import (
	"encoding/json"
	"io"
	"time"

	"github.com/visitline/visitline/itinerary"
)

// JSONVersion is the version of the JSON shape written by JSON. Fields may
// be added within a version; none are renamed or removed.
const JSONVersion = 1

// Document is the JSON shape written by --format json.
type Document struct {
	Format          string      `json:"format"`
	Version         int         `json:"version"`
	ID              string      `json:"id,omitempty"`
	Title           string      `json:"title"`
	Subtitle        string      `json:"subtitle,omitempty"`
	Summary         string      `json:"summary,omitempty"`
	Timezone        string      `json:"timezone"`
	DisplayTimezone string      `json:"display_timezone"`
	Filter          *FilterJSON `json:"filter,omitempty"`
	// Calendars are the calendars the itinerary gathers (a folder,
	// several files), absent when it names none.
	Calendars []CalendarJSON `json:"calendars,omitempty"`
	Sources   []SourceJSON   `json:"sources"`
	Orgs      []OrgJSON      `json:"orgs"`
	People    []PersonJSON   `json:"people"`
	Events    []EventJSON    `json:"events"`
}

// FilterJSON records the filter the events were selected with: the
// people's ids, and the calendars' names when --calendar chose some.
type FilterJSON struct {
	People    []string `json:"people"`
	Calendars []string `json:"calendars,omitempty"`
}

// CalendarJSON is a calendar the itinerary gathers.
type CalendarJSON struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Color string `json:"color,omitempty"`
}

// SourceJSON is a source.
type SourceJSON struct {
	ID        string `json:"id"`
	Publisher string `json:"publisher"`
	Title     string `json:"title,omitempty"`
	Date      string `json:"date,omitempty"`
	URL       string `json:"url,omitempty"`
}

// OrgJSON is an organisation.
type OrgJSON struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Native string `json:"native,omitempty"`
	Color  string `json:"color,omitempty"`
}

// PersonJSON is a person.
type PersonJSON struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Native string `json:"native,omitempty"`
	Org    string `json:"org,omitempty"`
	Role   string `json:"role,omitempty"`
	Group  bool   `json:"group"`
	Note   string `json:"note,omitempty"`
}

// EventJSON is an event. A timed event's start and end are RFC 3339
// instants with the offset of the display zone, and again with the offset
// of its own zones (start_local in timezone, end_local in end_timezone, or
// timezone without one), with its length in minutes. An all-day entry has
// no instant: it gives its first and last day, date and end_date
// (inclusive). A floating event (an iCalendar time without TZID or Z) is
// marked floating: its times are the viewer's clock.
type EventJSON struct {
	ID              string   `json:"id,omitempty"`
	Title           string   `json:"title"`
	Start           string   `json:"start,omitempty"`
	End             string   `json:"end,omitempty"`
	StartLocal      string   `json:"start_local,omitempty"`
	EndLocal        string   `json:"end_local,omitempty"`
	DurationMinutes *int     `json:"duration_minutes,omitempty"`
	AllDay          bool     `json:"all_day"`
	Date            string   `json:"date,omitempty"`
	EndDate         string   `json:"end_date,omitempty"`
	Timezone        string   `json:"timezone"`
	EndTimezone     string   `json:"end_timezone,omitempty"`
	Floating        bool     `json:"floating,omitempty"` // wall clocks of the viewer's zone, which timezone names
	Approximate     bool     `json:"approximate"`
	Kind            string   `json:"kind"`
	Status          string   `json:"status"`
	Track           string   `json:"track,omitempty"`
	Place           string   `json:"place,omitempty"`
	City            string   `json:"city,omitempty"`
	Participants    []string `json:"participants"`
	Topics          []string `json:"topics"`
	Notes           string   `json:"notes,omitempty"`
	Sources         []string `json:"sources"`
	// Calendar is the name of the calendar the event came from, when the
	// itinerary gathers calendars.
	Calendar string `json:"calendar,omitempty"`
	// Overlaps names up to itinerary.MaxNamedOverlaps of the event's
	// overlaps; OverlapCount counts them all.
	Overlaps     []OverlapJSON `json:"overlaps"`
	OverlapCount int           `json:"overlap_count"`
}

// OverlapJSON is a person due at another event at the same time.
type OverlapJSON struct {
	Person string `json:"person"`
	Event  string `json:"event"`
}

// NewDocument builds the JSON document of events.
func NewDocument(it *itinerary.Itinerary, events []int, opt Options) Document {
	d := Document{
		Format: "visitline", Version: JSONVersion,
		ID: it.ID, Title: it.Title, Subtitle: it.Subtitle, Summary: it.Summary,
		Timezone: it.ZoneName(), DisplayTimezone: "own",
		Sources: []SourceJSON{}, Orgs: []OrgJSON{}, People: []PersonJSON{}, Events: []EventJSON{},
	}
	if opt.Zone != nil {
		d.DisplayTimezone = itinerary.ZoneID(opt.Zone)
	}
	if len(opt.People) > 0 || len(opt.Calendars) > 0 {
		d.Filter = &FilterJSON{People: []string{}}
		for _, p := range opt.People {
			d.Filter.People = append(d.Filter.People, it.People[p].ID)
		}
		for _, k := range opt.Calendars {
			d.Filter.Calendars = append(d.Filter.Calendars, it.Calendars[k].Name)
		}
	}
	for _, c := range it.Calendars {
		d.Calendars = append(d.Calendars, CalendarJSON{c.ID, c.Name, c.Color})
	}
	for _, s := range it.Sources {
		d.Sources = append(d.Sources, SourceJSON{s.ID, s.Publisher, s.Title, s.Date, s.URL})
	}
	for _, o := range it.Orgs {
		d.Orgs = append(d.Orgs, OrgJSON{o.ID, o.Name, o.Native, o.Color})
	}
	for i, p := range it.People {
		pj := PersonJSON{ID: p.ID, Name: p.Name, Native: p.Native, Role: p.Role, Group: p.Group, Note: p.Note}
		if o := it.OrgOf(i); o != nil {
			pj.Org = o.ID
		}
		d.People = append(d.People, pj)
	}
	for _, i := range events {
		d.Events = append(d.Events, eventJSON(it, i, opt.Zone))
	}
	return d
}

func eventJSON(it *itinerary.Itinerary, i int, zone *time.Location) EventJSON {
	e := &it.Events[i]
	loc := it.ZoneFor(i, zone)
	ej := EventJSON{
		ID: e.ID, Title: e.Title,
		AllDay: e.AllDay, Timezone: e.Zone.String(), Floating: e.Floating, Approximate: e.Approximate,
		Kind: string(e.Kind), Status: string(e.Status), Track: e.Track, Place: e.Place, City: e.City,
		Participants: []string{}, Topics: []string{}, Notes: e.Notes, Sources: []string{},
		Overlaps: []OverlapJSON{}, OverlapCount: it.OverlapCount(i),
	}
	if e.EndZone != nil {
		ej.EndTimezone = e.EndZone.String()
	}
	if e.AllDay {
		ej.Date = e.Date.Format("2006-01-02")
		ej.EndDate = e.LastDate.Format("2006-01-02")
	} else {
		ej.Start = e.Start.In(loc).Format(time.RFC3339)
		ej.StartLocal = e.Start.In(e.Zone).Format(time.RFC3339)
		if e.HasEnd {
			end := loc
			if zone == nil {
				end = e.EndLocation() // each venue's own: a journey lands in its end_timezone
			}
			ej.End = e.End.In(end).Format(time.RFC3339)
			ej.EndLocal = e.End.In(e.EndLocation()).Format(time.RFC3339)
			minutes := int(e.Duration().Round(time.Minute) / time.Minute)
			ej.DurationMinutes = &minutes
		}
	}
	for _, p := range e.Participants {
		ej.Participants = append(ej.Participants, it.People[p].ID)
	}
	ej.Topics = append(ej.Topics, e.Topics...)
	for _, s := range e.Sources {
		ej.Sources = append(ej.Sources, it.Sources[s].ID)
	}
	if c := it.CalendarOf(e); c != nil {
		ej.Calendar = c.Name
	}
	for _, o := range it.Overlaps(i) {
		ej.Overlaps = append(ej.Overlaps, OverlapJSON{Person: it.People[o.Person].ID, Event: eventRef(it, o.Other)})
	}
	return ej
}

// eventRef names an event for cross-references: its id, or its title.
func eventRef(it *itinerary.Itinerary, i int) string {
	if id := it.Events[i].ID; id != "" {
		return id
	}
	return it.Events[i].Title
}

// JSON writes the document of events, indented, with a final newline.
func JSON(w io.Writer, it *itinerary.Itinerary, events []int, opt Options) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(NewDocument(it, events, opt))
}
