package calendar

// visitline's own iCalendar dialect: the X- names its writer adds so that
// reading a written calendar back keeps what RFC 5545 has no place for.
// Other programs ignore them, as they do every X- property. Declared once,
// for the writer (write.go) and the reader (nodes.go, people.go).
const (
	// ZoneProperty names the zone of an all-day entry outside the
	// itinerary's zone: DATE values have none, and the reader puts the
	// entry back in this one.
	ZoneProperty = "X-VISITLINE-TIMEZONE"
	// PersonURN starts the calendar address of a person without a mail
	// address: urn:visitline:person:<id>, the id path-escaped. The reader
	// turns it back into the same id.
	PersonURN = "urn:visitline:person:"
	// IDParameter carries a person's id beside a mailto: address.
	IDParameter = "X-VISITLINE-ID"
	// StatusProperty keeps an event's status (confirmed, reported,
	// expected, planned, cancelled) where STATUS would make the middle
	// three TENTATIVE.
	StatusProperty = "X-VISITLINE-STATUS"
	// ApproximateProperty ("TRUE") marks times that are only indicative.
	ApproximateProperty = "X-VISITLINE-APPROXIMATE"
)
