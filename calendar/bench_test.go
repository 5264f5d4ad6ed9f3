package calendar

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/visitline/visitline/itinerary"
)

// bigCalendar is n one-and-a-half-hour events two hours apart in
// Europe/Berlin, each with an organiser (of 20) and an attendee (of 300).
func bigCalendar(n int) []byte {
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-CALNAME:Big\r\nX-WR-TIMEZONE:Europe/Berlin\r\n")
	t := time.Date(2025, 1, 1, 8, 0, 0, 0, time.UTC)
	for i := range n {
		s := t.Add(time.Duration(2*i) * time.Hour)
		e := s.Add(90 * time.Minute)
		fmt.Fprintf(&b, "BEGIN:VEVENT\r\nUID:e%d\r\nSUMMARY:Event %d with a longer title to be realistic\r\n", i, i)
		fmt.Fprintf(&b, "DTSTART;TZID=Europe/Berlin:%s\r\nDTEND;TZID=Europe/Berlin:%s\r\n", s.Format("20060102T150405"), e.Format("20060102T150405"))
		fmt.Fprintf(&b, "LOCATION:Somewhere 12\\, Berlin\r\nDESCRIPTION:Notes for event %d\\nSecond line.\r\n", i)
		fmt.Fprintf(&b, "ATTENDEE;CN=Person %d;PARTSTAT=ACCEPTED:mailto:p%d@example.com\r\n", i%300, i%300)
		fmt.Fprintf(&b, "ORGANIZER;CN=Boss %d:mailto:boss%d@example.com\r\nEND:VEVENT\r\n", i%20, i%20)
	}
	b.WriteString("END:VCALENDAR\r\n")
	return []byte(b.String())
}

func BenchmarkLoad10k(b *testing.B) {
	data := bigCalendar(10_000)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Load("big.ics", data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoad100k reads 100,000 events (the streaming reader); beside
// it, BenchmarkLoad100kWhole (stream_test.go) reads them as the reader did
// before it streamed, and BenchmarkLoad100kYAML loads the same events
// written as format-v1 YAML, the floor the reader is held to.
func BenchmarkLoad100k(b *testing.B) {
	data := bigCalendar(100_000)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Load("big.ics", data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoad100kYAML(b *testing.B) {
	it, err := Load("big.ics", bigCalendar(100_000))
	if err != nil {
		b.Fatal(err)
	}
	all := make([]int, len(it.Events))
	for i := range all {
		all[i] = i
	}
	var buf bytes.Buffer
	if err := itinerary.WriteYAML(&buf, it, all); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	it = nil
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		if _, err := itinerary.Load("big.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}
