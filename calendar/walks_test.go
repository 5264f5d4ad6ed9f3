package calendar

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
)

// budgetCalendar is n repeating series over a window of 140 years (an
// event in 1900, one in 2040), of kinds that cost and give differently:
// daily rules with filters, which walk the whole window (the file's
// expansion budget is spent after some 150 of them, midway through one),
// weekly ones with a COUNT, EXDATEs and an override, yearly ones with a
// second RRULE and RDATEs, and rules that never match or do not parse.
func budgetCalendar(n int) []byte {
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-TIMEZONE:Europe/Berlin\r\n")
	b.WriteString("BEGIN:VEVENT\r\nUID:first\r\nSUMMARY:First\r\nDTSTART:19000101T100000Z\r\nEND:VEVENT\r\n")
	t := time.Date(1901, 3, 4, 9, 0, 0, 0, time.UTC)
	for i := range n {
		s := t.AddDate(0, 0, i).Format("20060102T150405")
		fmt.Fprintf(&b, "BEGIN:VEVENT\r\nUID:r%d\r\nSUMMARY:Rule %d\r\nDTSTART;TZID=Europe/Berlin:%s\r\nDURATION:PT1H\r\n", i, i, s)
		switch i % 5 {
		case 0, 1:
			fmt.Fprintf(&b, "RRULE:FREQ=DAILY;BYMONTH=%d;BYDAY=MO,TH\r\n", 1+i%12)
		case 2:
			fmt.Fprintf(&b, "RRULE:FREQ=WEEKLY;COUNT=%d\r\nEXDATE;TZID=Europe/Berlin:%s,%s\r\n", 3+i%40, t.AddDate(0, 0, i+7).Format("20060102T150405"), "2024bad")
			fmt.Fprintf(&b, "END:VEVENT\r\nBEGIN:VEVENT\r\nUID:r%d\r\nRECURRENCE-ID;TZID=Europe/Berlin:%s\r\nSUMMARY:Moved %d\r\n", i, t.AddDate(0, 0, i+14).Format("20060102T150405"), i)
			fmt.Fprintf(&b, "DTSTART;TZID=Europe/Berlin:%s\r\n", t.AddDate(0, 0, i+15).Format("20060102T150405"))
		case 3:
			fmt.Fprintf(&b, "RRULE:FREQ=YEARLY;UNTIL=19500101T000000Z\r\nRRULE:FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=%d\r\nRDATE:19300101T120000Z,19310101\r\n", 10+i)
		case 4:
			b.WriteString([]string{"RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30\r\n", "RRULE:FREQ=HOURLY;INTERVAL=1\r\n", "RRULE:FREQ=NOPE\r\n",
				"RRULE:FREQ=DAILY;BYMONTH=2;BYYEARDAY=100\r\n"}[i/5%4])
		}
		b.WriteString("END:VEVENT\r\n")
	}
	b.WriteString("BEGIN:VEVENT\r\nUID:last\r\nSUMMARY:Last\r\nDTSTART:20400101T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
	return []byte(b.String())
}

// TestParallelWalksAgree: the rules of many series walked ahead on other
// goroutines give the events and warnings the serial walk gives (the
// whole read walks in order), when the expansion budget runs out midway
// through the series, when the events reach MaxEvents, and when the
// warnings reach their bound.
func TestParallelWalksAgree(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4)) // walk ahead on any machine
	budget := budgetCalendar(500)
	it, err := Load("x.ics", budget)
	if err != nil {
		t.Fatal(err)
	}
	var warned []string
	for _, w := range it.Warnings {
		if strings.Contains(w.Message, "expansion budget") {
			warned = append(warned, w.Message)
		}
	}
	if len(warned) != 2 || !strings.Contains(warned[0], "this one stops at") || !strings.Contains(warned[1], "from this one on") {
		t.Fatalf("the budget should run out midway through a series, then stop the rest; warned %q", warned)
	}
	// A weekly series that costs little, many times, is at MaxEvents after
	// 100 of them; some hundreds of warnings of EXDATEs that do not read
	// fill the bound on warnings.
	var many strings.Builder
	many.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
	for i := range 1200 {
		fmt.Fprintf(&many, "BEGIN:VEVENT\r\nUID:m%d\r\nSUMMARY:M %d\r\nDTSTART:20240101T%02d0000Z\r\nRRULE:FREQ=DAILY;COUNT=%d\r\nEXDATE:x%d\r\nEND:VEVENT\r\n", i, i, i%24, 1000+i%3, i)
	}
	many.WriteString("END:VCALENDAR\r\n")
	for _, data := range [][]byte{budget, []byte(many.String())} {
		if d := agree(data); d != "" {
			t.Fatal(d)
		}
	}
}
