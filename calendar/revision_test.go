package calendar

import (
	"testing"
	"time"

	"github.com/visitline/visitline/itinerary"
)

// TestRevision: each event carries its UID, SEQUENCE, LAST-MODIFIED (else
// DTSTAMP) and which occurrence it is, so that a folder's files can be
// merged (itinerary.Merge); an event with no UID carries none.
func TestRevision(t *testing.T) {
	cal := "BEGIN:VCALENDAR\r\n" +
		"BEGIN:VEVENT\r\nUID:s\r\nSEQUENCE:4\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:20250106T090000Z\r\nRRULE:FREQ=DAILY;COUNT=2\r\nSUMMARY:Daily\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:s\r\nSEQUENCE:5\r\nRECURRENCE-ID:20250107T090000Z\r\nDTSTART:20250107T120000Z\r\nSUMMARY:Moved\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:d\r\nLAST-MODIFIED:20250102T030405Z\r\nDTSTAMP:20250101T000000Z\r\nDTSTART;VALUE=DATE:20250110\r\nSUMMARY:Day\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nDTSTART:20250111T090000Z\r\nSUMMARY:No UID\r\nEND:VEVENT\r\n" +
		"END:VCALENDAR\r\n"
	it, err := Load("r.ics", []byte(cal))
	if err != nil {
		t.Fatal(err)
	}
	at := func(s string) int64 { t, _ := time.Parse("20060102T150405Z", s); return t.Unix() }
	want := map[string]itinerary.Revision{
		"Daily":  {UID: "s", Sequence: 4, Stamp: at("20250101T000000Z"), Recurring: true, Recurrence: at("20250106T090000Z")},
		"Moved":  {UID: "s", Sequence: 5, Recurring: true, Override: true, Recurrence: at("20250107T090000Z")},
		"Day":    {UID: "d", Stamp: at("20250102T030405Z")},
		"No UID": {},
	}
	if len(it.Events) != 4 {
		t.Fatalf("%d events", len(it.Events))
	}
	for _, e := range it.Events {
		if w := want[e.Title]; e.Rev != w {
			t.Errorf("%s: %+v; want %+v", e.Title, e.Rev, w)
		}
	}
}
