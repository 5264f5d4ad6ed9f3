package calendar

import (
	"bytes"
	"fmt"
	"runtime"
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

// walkCalendar is n series over a window of 140 years whose rules match
// rarely (a 29 February that is a given weekday), so that reading them is
// mostly walking their rules: some 1,400,000 steps each.
func walkCalendar(n int) []byte {
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
	b.WriteString("BEGIN:VEVENT\r\nUID:first\r\nDTSTART:19000101T100000Z\r\nEND:VEVENT\r\n")
	days := []string{"MO", "TU", "WE", "TH", "FR", "SA", "SU"}
	for i := range n {
		fmt.Fprintf(&b, "BEGIN:VEVENT\r\nUID:w%d\r\nSUMMARY:Leap %d\r\nDTSTART:19000301T%02d0000Z\r\n", i, i, i%24)
		fmt.Fprintf(&b, "RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=%s\r\nEND:VEVENT\r\n", days[i%7])
	}
	b.WriteString("BEGIN:VEVENT\r\nUID:last\r\nDTSTART:20400101T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
	return []byte(b.String())
}

// BenchmarkWalks reads 60 series of walkCalendar, their walks made ahead
// on every core; beside it, BenchmarkWalksOneCore reads them on one, where
// the walks are made in order as the series are expanded.
func BenchmarkWalks(b *testing.B) {
	benchmarkWalks(b, runtime.GOMAXPROCS(0))
}

func BenchmarkWalksOneCore(b *testing.B) {
	benchmarkWalks(b, 1)
}

func benchmarkWalks(b *testing.B, cores int) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(cores))
	data := walkCalendar(60)
	for b.Loop() {
		if _, err := Load("walks.ics", data); err != nil {
			b.Fatal(err)
		}
	}
}
