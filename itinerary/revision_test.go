package itinerary

import (
	"fmt"
	"strings"
	"testing"
)

// TestIDsUnique: the first asked is given as it is, the next with -2, -3,
// skipping one taken as it was.
func TestIDsUnique(t *testing.T) {
	var ids IDs
	var got []string
	for _, id := range []string{"a", "a", "a-2", "a", "b", "a"} {
		got = append(got, ids.Unique(id))
	}
	if s := strings.Join(got, " "); s != "a a-2 a-2-2 a-3 b a-4" {
		t.Errorf("got %s", s)
	}
}

// TestDedupeRevisionsMany: many files of one calendar holding one UID
// keep one event, the newest (20,000 of them: a pass a file, nothing
// timed; a quadratic merge would show as a slow test, not a failure).
func TestDedupeRevisionsMany(t *testing.T) {
	const n = 20_000
	events := make([]Event, n)
	for i := range events {
		events[i] = Event{Title: fmt.Sprint(i), File: fmt.Sprintf("f%05d.ics", i), Rev: Revision{UID: "u", Sequence: int32(i % 7)}}
	}
	events = append(events, Event{Title: "other calendar", Calendar: 1, File: "g.ics", Rev: Revision{UID: "u"}})
	out := dedupeRevisions(events)
	if len(out) != 2 || out[0].Title != "6" || out[0].FileIndex != 0 || out[1].FileIndex != 1 {
		t.Errorf("%d events; want 2, the first titled 6", len(out))
	}
}
