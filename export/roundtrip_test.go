package export

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/visitline/visitline/calendar"
	"github.com/visitline/visitline/itinerary"
)

// TestICSRoundTrip: a shipped itinerary written as iCalendar and read back
// has the same events — titles, instants, the participants' names and ids
// — and, as each venue's zone comes back too, the same zone-change rows
// and no others (QA2 #13).
func TestICSRoundTrip(t *testing.T) {
	for _, name := range []string{"visit.yaml", "examples/sf-conference.yaml", "examples/lagos-london.yaml"} {
		it := load(t, name)
		back, err := calendar.Load("back.ics", writeICS(t, it))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(back.Events) != len(it.Events) {
			t.Fatalf("%s: %d events back, want %d", name, len(back.Events), len(it.Events))
		}
		// Both are in instant order; events at the same instant by title.
		key := func(it *itinerary.Itinerary, i int) string {
			return it.Events[i].Start.UTC().Format(time.RFC3339) + " " + it.Events[i].Title
		}
		order := func(it *itinerary.Itinerary) []int {
			idx := make([]int, len(it.Events))
			for i := range idx {
				idx[i] = i
			}
			slices.SortStableFunc(idx, func(a, b int) int { return strings.Compare(key(it, a), key(it, b)) })
			return idx
		}
		was, got := order(it), order(back)
		for k := range was {
			a, b := &it.Events[was[k]], &back.Events[got[k]]
			if a.Title != b.Title || !a.Start.Equal(b.Start) || a.HasEnd && !a.End.Equal(b.End) {
				t.Errorf("%s: event %q %v–%v came back as %q %v–%v", name, a.Title, a.Start, a.End, b.Title, b.Start, b.End)
			}
			if a.Zone.String() != b.Zone.String() || a.EndLocation().String() != b.EndLocation().String() {
				t.Errorf("%s: %q in %v→%v came back in %v→%v", name, a.Title, a.Zone, a.EndLocation(), b.Zone, b.EndLocation())
			}
			people := func(it *itinerary.Itinerary, e *itinerary.Event) string {
				var s []string
				for _, p := range e.Participants {
					s = append(s, it.People[p].ID+"="+it.People[p].Name)
				}
				return strings.Join(s, ", ")
			}
			if w, g := people(it, a), people(back, b); w != g {
				t.Errorf("%s: %q participants\n got %s\nwant %s", name, a.Title, g, w)
			}
		}
		zoneRows := func(it *itinerary.Itinerary) string {
			var b bytes.Buffer
			if err := Text(&b, it, Options{Zone: it.Zone}); err != nil {
				t.Fatal(err)
			}
			var rows []string
			for _, l := range strings.Split(b.String(), "\n") {
				if strings.Contains(l, "⟶ venue in") {
					rows = append(rows, l)
				}
			}
			return strings.Join(rows, "\n")
		}
		if name == "visit.yaml" && !strings.Contains(zoneRows(it), "Asia/Taipei") {
			t.Fatalf("the built-in visit should change zone:\n%s", zoneRows(it))
		}
		if w, g := zoneRows(it), zoneRows(back); w != g {
			t.Errorf("%s: zone-change rows\n got %s\nwant %s", name, g, w)
		}
	}
}

// TestICSAttendeeNames: a name with quotes, a caret, commas, semicolons
// and colons comes back as written; a note that is a mail address becomes
// a mailto: address and comes back as the note.
func TestICSAttendeeNames(t *testing.T) {
	it := loadSrc(t, "title: N\ntimezone: UTC\npeople:\n"+
		"  - {id: \"dr.q_1\", name: 'Dr. \"Q\" ^ Smith, Jr.; a:b'}\n"+
		"  - {id: ana, name: Ana Lima, note: ana@example.com}\n"+
		"  - {id: crew, name: Crew, group: true}\n"+
		"events:\n  - {title: x, start: \"2024-01-26 09:00\", participants: [\"dr.q_1\", ana, crew]}\n")
	b := writeICS(t, it)
	for _, want := range []string{
		`ATTENDEE;CN="Dr. ^'Q^' ^^ Smith, Jr.; a:b":urn:visitline:person:dr.q_1`,
		`ATTENDEE;CN="Ana Lima";X-VISITLINE-ID=ana:mailto:ana@example.com`,
		`ATTENDEE;CN="Crew";CUTYPE=GROUP:urn:visitline:person:crew`,
	} {
		if !bytes.Contains(b, []byte(want+"\r\n")) {
			t.Errorf("the calendar lacks %s:\n%s", want, b)
		}
	}
	back, err := calendar.Load("back.ics", b)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range back.People {
		got = append(got, p.ID+"|"+p.Name+"|"+p.Note+"|"+map[bool]string{true: "group"}[p.Group])
	}
	want := []string{`dr.q_1|Dr. "Q" ^ Smith, Jr.; a:b||`, "ana|Ana Lima|ana@example.com|", "crew|Crew||group"}
	if !slices.Equal(got, want) {
		t.Errorf("people back\n got %q\nwant %q", got, want)
	}
}
