package itinerary

// Calendar is one of the calendars an itinerary gathers when it is read
// from several sources at once (a folder of collections, several files, a
// URL): the events of each keep which one they came from.
type Calendar struct {
	// ID is the calendar's slug, unique in the itinerary (the format's
	// calendars[].id, which an event's calendar field names).
	ID string
	// Name is what the calendar is called: a collection's displayname,
	// X-WR-CALNAME, or the folder's or file's name.
	Name string
	// Color is "#RRGGBB": the collection's color file, else a stable colour
	// of its name. "" when none was given and none was made.
	Color string
	// Origin is where the calendar was read: a folder, a file or a URL
	// (with no credentials in it), or "" for one written in the file.
	Origin string
	// ReadOnly is true for a calendar that cannot be edited here (a URL).
	ReadOnly bool
	Pos      Pos
}

// CalendarOf returns the calendar event e belongs to, or nil when the
// itinerary gathers no calendars.
func (it *Itinerary) CalendarOf(e *Event) *Calendar {
	if e.Calendar < 0 || e.Calendar >= len(it.Calendars) {
		return nil
	}
	return &it.Calendars[e.Calendar]
}
