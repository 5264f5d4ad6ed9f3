// Package itinerary is the domain of visitline: the types of an itinerary,
// loading and validating format v1 with positioned errors, and the queries
// the views need (order, people, filters, overlaps, gaps, days in a zone).
//
// It imports no UI code; the TUI and the printers render what it computes.
package itinerary

import (
	"sync"
	"time"
)

// Kind is what sort of event an event is.
type Kind string

// The kinds of event format v1 allows.
const (
	KindArrival   Kind = "arrival"
	KindDeparture Kind = "departure"
	KindTravel    Kind = "travel"
	KindVisit     Kind = "visit"
	KindTour      Kind = "tour"
	KindMeal      Kind = "meal"
	KindMeeting   Kind = "meeting"
	KindTalk      Kind = "talk"
	KindOther     Kind = "other"
)

// Kinds lists every allowed kind in the order the format document gives.
var Kinds = []Kind{KindArrival, KindDeparture, KindTravel, KindVisit, KindTour, KindMeal, KindMeeting, KindTalk, KindOther}

// Status is how sure the record of an event is.
type Status string

// The statuses format v1 allows.
const (
	StatusConfirmed Status = "confirmed"
	StatusReported  Status = "reported"
	StatusExpected  Status = "expected"
	StatusPlanned   Status = "planned"
	StatusCancelled Status = "cancelled"
)

// Statuses lists every allowed status in the order the format document gives.
var Statuses = []Status{StatusConfirmed, StatusReported, StatusExpected, StatusPlanned, StatusCancelled}

// Pos is a 1-based position in the source file.
type Pos struct {
	Line   int
	Column int
}

// Source is where some of the facts come from.
type Source struct {
	ID        string
	Publisher string
	Title     string
	Date      string // YYYY-MM-DD or ""
	URL       string
	Pos       Pos
}

// Org is an organisation people belong to.
type Org struct {
	ID     string
	Name   string
	Native string
	Color  string // "#RRGGBB" or ""
	Pos    Pos
}

// Person is someone (or an unnamed group) an event may name.
type Person struct {
	ID     string
	Name   string
	Native string
	// Aliases are other spellings of the name ("Yi Sŏ-yŏn", "Seoyeon Lee")
	// that match it when typed.
	Aliases []string
	Org     int // index into Itinerary.Orgs, or -1
	Role    string
	Group   bool
	Note    string
	Pos     Pos
}

// Event is one entry of the timeline, with its times resolved to instants.
type Event struct {
	// Index is the event's place in Itinerary.Events (instant order).
	Index int
	// FileIndex is the event's place in the file.
	FileIndex int

	ID    string
	Title string
	// Start is the start instant. For an all-day entry it is midnight of
	// Date in Zone.
	Start time.Time
	// End is the end instant; it equals Start when the event gives neither
	// end nor duration (see HasEnd).
	End    time.Time
	HasEnd bool
	// AllDay is true when start is a date without a clock time.
	AllDay bool
	// Date is the calendar date of an all-day entry (midnight UTC).
	Date time.Time
	// LastDate is the last calendar day an all-day entry covers (midnight
	// UTC): its date-only end, inclusive, else Date.
	LastDate time.Time
	// Zone is the event's own zone: its timezone field, else the itinerary's.
	Zone *time.Location
	// OwnZone is true when the event names a timezone of its own.
	OwnZone bool
	// Floating is true when the event's times float (timezone: floating,
	// an iCalendar time without a zone): they are wall clocks of the
	// viewer's zone, which Zone is (see Itinerary.SetFloating).
	Floating bool
	// EndZone is the zone of the end when the event gives end_timezone (a
	// journey across zones), else nil: the end is in Zone.
	EndZone *time.Location

	Approximate  bool
	Kind         Kind
	Status       Status
	Track        string
	Place        string
	City         string
	Participants []int // indexes into Itinerary.People, in file order
	Topics       []string
	Notes        string
	Sources      []int // indexes into Itinerary.Sources
	// Remind is the event's own lead times before its start, longest
	// first, when RemindSet (see Itinerary.Reminders).
	Remind    []time.Duration
	RemindSet bool
	// Calendar is the index into Itinerary.Calendars of the calendar the
	// event came from, -1 when it names none; meaningless when the
	// itinerary has no calendars (see CalendarOf).
	Calendar int
	// File is the file the event was read from when the itinerary gathers
	// several (a folder, several FILEs), else "": the file its Pos is in.
	File string
	// Rev is which revision of which calendar object the event is, for
	// an event read from an iCalendar file with a UID (Merge keeps one
	// of each object a calendar's files hold); the zero Revision else.
	Rev Revision
	Pos Pos
}

// Duration is how long the event lasts (zero when it has no end).
func (e *Event) Duration() time.Duration { return e.End.Sub(e.Start) }

// EndLocation is the zone the event ends in: EndZone, else Zone.
func (e *Event) EndLocation() *time.Location {
	if e.EndZone != nil {
		return e.EndZone
	}
	return e.Zone
}

// Key identifies an event across reloads of the same file: its id when it
// has one, else its title and start instant.
func (e *Event) Key() string {
	if e.ID != "" {
		return "id:" + e.ID
	}
	return "t:" + e.Title + "@" + e.Start.UTC().Format(time.RFC3339)
}

// Itinerary is a loaded, validated itinerary file.
type Itinerary struct {
	Version int
	// ID is the itinerary's own slug (its top-level id), or "".
	ID       string
	Title    string
	Subtitle string
	Summary  string
	Zone     *time.Location
	// Remind is the lead times of the events that give none of their own,
	// when RemindSet (the top-level remind list).
	Remind    []time.Duration
	RemindSet bool
	// NoZone is true when the file named no zone of its own (a calendar
	// of floating times only, as calcurse writes): Zone is then UTC, a
	// stand-in, and a viewer shows the itinerary in its own zone
	// (DisplayZone). Format v1 always names one, so only a calendar reader
	// sets it.
	NoZone bool
	// Calendars are the calendars the itinerary gathers, in the order
	// given; empty for an itinerary read from one file that names none.
	Calendars []Calendar
	Sources   []Source
	Orgs      []Org
	People    []Person
	// Events are in instant order; ties keep file order.
	Events []Event
	// Warnings are problems that did not stop the load (DST gaps and overlaps).
	Warnings []Problem

	byPerson      [][]int              // event indexes for each person, in instant order
	search        []string             // folded search text for each event (slices of searchAll)
	searchAll     string               // every search text, each ended by a NUL
	searchStart   []int32              // where each event's text starts in searchAll; one more at the end
	searchOnce    sync.Once            // makes search, searchAll and searchStart (searchIndex)
	overlaps      [][]Overlap          // named overlaps of each event, MaxNamedOverlaps at most
	overlapCount  []int32              // overlaps of each event in all
	personOverlap [][]bool             // for each person, whether each of their events overlaps another of theirs
	first         time.Time            // start of the first event
	last          time.Time            // latest end
	groups        [groupFields]*Groups // the events by track, city and calendar
	peopleOrder   []int                // the people with events, by first event
	lazy          lazyIndexes          // makes groups, peopleOrder and spans once each
	spans         []span               // each event's extent, compact

	daysMu     sync.Mutex
	dayCache   map[string][]int32 // day numbers of the events by zone name
	venue      []*time.Location   // VenueZone of each event, once asked for
	personText []personText
}

// ZoneName returns the IANA name of the itinerary's zone.
func (it *Itinerary) ZoneName() string { return it.Zone.String() }

// PersonIndex returns the index of the person with the given id, or -1.
func (it *Itinerary) PersonIndex(id string) int {
	for i := range it.People {
		if it.People[i].ID == id {
			return i
		}
	}
	return -1
}

// OrgOf returns the organisation of person p, or nil.
func (it *Itinerary) OrgOf(p int) *Org {
	if p < 0 || p >= len(it.People) || it.People[p].Org < 0 {
		return nil
	}
	return &it.Orgs[it.People[p].Org]
}

// EventsOf returns the indexes of the events person p attends, in instant order.
func (it *Itinerary) EventsOf(p int) []int {
	if p < 0 || p >= len(it.byPerson) {
		return nil
	}
	return it.byPerson[p]
}

// Span returns the first start and the last end of the itinerary's events.
func (it *Itinerary) Span() (first, last time.Time, ok bool) {
	return it.first, it.last, len(it.Events) > 0
}

// lazyIndexes make the indexes only the lanes read, once each, the first
// time they are asked for.
type lazyIndexes struct {
	groups        [groupFields]sync.Once
	people, spans sync.Once
}
