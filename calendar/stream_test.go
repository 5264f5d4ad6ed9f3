package calendar

import (
	"fmt"
	"math/rand"
	"reflect"
	"strings"
	"testing"
	"time"
)

// agree loads data both ways, streamed (Load) and whole (the node tree of
// the whole calendar loaded at once, the reader before it streamed), and
// reports how they differ, or "".
func agree(data []byte) string {
	a, aerr := loadCalendar("x.ics", data, false)
	b, berr := loadCalendar("x.ics", data, true)
	switch {
	case fmt.Sprint(aerr) != fmt.Sprint(berr):
		return fmt.Sprintf("errors differ:\nstreamed: %v\nwhole:    %v", aerr, berr)
	case (a == nil) != (b == nil):
		return "one itinerary is nil"
	case a == nil:
		return ""
	case !reflect.DeepEqual(a.Warnings, b.Warnings):
		return fmt.Sprintf("warnings differ:\nstreamed: %v\nwhole:    %v", a.Warnings, b.Warnings)
	case len(a.Events) != len(b.Events):
		return fmt.Sprintf("%d events streamed, %d whole", len(a.Events), len(b.Events))
	}
	for i := range a.Events {
		if !reflect.DeepEqual(a.Events[i], b.Events[i]) {
			return fmt.Sprintf("event %d differs:\nstreamed: %+v\nwhole:    %+v", i, a.Events[i], b.Events[i])
		}
	}
	if !reflect.DeepEqual(a, b) {
		return "the itineraries differ outside their events"
	}
	return ""
}

// seriesCalendar is n weekly series of 30 occurrences, each with an
// override moved by an hour and an alarm, and a URL every third series:
// the occurrences of one series fall in several chunks.
func seriesCalendar(n int) []byte {
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-TIMEZONE:Europe/Berlin\r\n")
	t := time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC)
	for i := range n {
		s := t.Add(time.Duration(i) * time.Hour)
		fmt.Fprintf(&b, "BEGIN:VEVENT\r\nUID:s%d\r\nSUMMARY:Series %d\r\nDTSTART;TZID=Europe/Berlin:%s\r\nDURATION:PT45M\r\n", i, i, s.Format("20060102T150405"))
		fmt.Fprintf(&b, "RRULE:FREQ=WEEKLY;COUNT=30\r\nATTENDEE;CN=P %d:mailto:p%d@example.com\r\nCATEGORIES:a,b\r\n", i%7, i%7)
		if i%3 == 0 {
			fmt.Fprintf(&b, "URL:https://example.com/s%d\r\n", i%5)
		}
		b.WriteString("BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT15M\r\nEND:VALARM\r\nEND:VEVENT\r\n")
		o := s.AddDate(0, 0, 14)
		fmt.Fprintf(&b, "BEGIN:VEVENT\r\nUID:s%d\r\nRECURRENCE-ID;TZID=Europe/Berlin:%s\r\nSUMMARY:Series %d moved\r\n", i, o.Format("20060102T150405"), i)
		fmt.Fprintf(&b, "DTSTART;TZID=Europe/Berlin:%s\r\nDTEND;TZID=Europe/Berlin:%s\r\nEND:VEVENT\r\n", o.Add(time.Hour).Format("20060102T150405"), o.Add(2*time.Hour).Format("20060102T150405"))
	}
	b.WriteString("END:VCALENDAR\r\n")
	return []byte(b.String())
}

// TestStreamAgrees: the streamed read gives what the whole read gives, on
// the exports in testdata, damaged ones, and calendars of many chunks.
func TestStreamAgrees(t *testing.T) {
	base := seeds(t)
	for i, data := range base {
		if d := agree(data); d != "" {
			t.Fatalf("seed %d: %s", i, d)
		}
	}
	r := rand.New(rand.NewSource(21))
	for i := range 300 {
		data := mutate(r, base[i%len(base)])
		if d := agree(data); d != "" {
			t.Fatalf("damaged calendar #%d: %s\n%s", i, d, data)
		}
	}
	for _, data := range [][]byte{bigCalendar(3000), seriesCalendar(200)} {
		if d := agree(data); d != "" {
			t.Fatal(d)
		}
	}
}

// FuzzStreamAgrees holds the streamed read to the whole read on any input.
func FuzzStreamAgrees(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s)
	}
	f.Add(seriesCalendar(12))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		if d := agree(data); d != "" {
			t.Fatal(d)
		}
	})
}

// BenchmarkLoad100kWhole is BenchmarkLoad100k the way the reader read
// before it streamed: the node tree of every event made, then loaded.
func BenchmarkLoad100kWhole(b *testing.B) {
	data := bigCalendar(100_000)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := loadCalendar("big.ics", data, true); err != nil {
			b.Fatal(err)
		}
	}
}
