package agenda

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/visitline/visitline/data"
	"github.com/visitline/visitline/internal/synth"
	"github.com/visitline/visitline/itinerary"
)

func defaultVisit(t *testing.T) *itinerary.Itinerary {
	t.Helper()
	it, err := itinerary.Load(data.DefaultName, data.Default)
	if err != nil {
		t.Fatal(err)
	}
	return it
}

func load(t *testing.T, src string) *itinerary.Itinerary {
	t.Helper()
	it, err := itinerary.Load("t.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return it
}

func TestLabels(t *testing.T) {
	it := defaultVisit(t)
	cases := []struct{ got, want string }{
		{SpanLabel(it, it.Zone), "18–26 Jan 2024 · 8 d 12 h"},
		{DurationLabel(95 * time.Minute), "1 h 35 min"},
		{People(it, 3, 2, true), "샘 올트먼, 경계현 +4"},
		{ZoneLabel(it.Zone, it.Events[0].Start), "Asia/Seoul (KST)"},
		{Count(1, "person"), "1 person"},
		{Count(2, "person"), "2 people"},
		{Count(1, "event"), "1 event"},
		{Count(0, "event"), "0 events"},
		{CountOf(3, 12, "event"), "3 of 12 events"},
		{SignedHours(-time.Hour), "−1 h"},
		{ContinuationLabel(2, 3), "day 2 of 3"},
		{DateRangeLabel(day(2026, 11, 23), day(2026, 11, 25)), "Mon 23 – Wed 25 Nov 2026"},
		{DateRangeLabel(day(2026, 11, 30), day(2026, 12, 2)), "Mon 30 Nov – Wed 2 Dec 2026"},
		{DateRangeLabel(day(2026, 12, 31), day(2027, 1, 1)), "Thu 31 Dec 2026 – Fri 1 Jan 2027"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// TestZoneAbbr: one rule for every zone, with or without an abbreviation.
func TestZoneAbbr(t *testing.T) {
	at := time.Date(2024, 1, 26, 12, 0, 0, 0, time.UTC)
	for name, want := range map[string]string{
		"Asia/Seoul": "KST", "Asia/Dubai": "UTC+4", "Asia/Kolkata": "IST", "Asia/Kathmandu": "UTC+5:45",
		"America/Sao_Paulo": "UTC−3", "UTC": "UTC",
	} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		if got := ZoneAbbr(loc, at); got != want {
			t.Errorf("%s: %q, want %q", name, got, want)
		}
	}
}

// TestCountdownsAgree: "now · … left" to an event's end and "in …" to the
// next one's start at the same instant say the same, at every second of
// the minute.
func TestCountdownsAgree(t *testing.T) {
	it := load(t, `version: 1
title: t
timezone: Asia/Seoul
events:
  - {title: first, start: "2024-01-26 11:00", end: "2024-01-26 13:44"}
  - {title: second, start: "2024-01-26 13:44", end: "2024-01-26 15:00"}
`)
	for s := 0; s < 60; s++ {
		now := time.Date(2024, 1, 26, 12, 10, s, 0, it.Zone)
		l := New(it, Options{Now: now, Zone: it.Zone})
		left, in := l.EventText(0, 0, false).Badges[0].Text, l.EventText(1, 0, false).Badges[0].Text
		if left != "now · 1 h 34 min left" || in != "in 1 h 34 min" {
			t.Errorf("at 12:10:%02d: %q and %q", s, left, in)
		}
	}
}

func TestSpanIncludesAllDayEntries(t *testing.T) {
	it := load(t, `version: 1
title: t
timezone: Asia/Seoul
events:
  - {title: timed, start: "2024-01-26 23:30", end: "2024-01-27 00:30"}
  - {title: conference, start: 2024-01-27, end: 2024-01-29, timezone: Europe/London}
`)
	l := New(it, Options{Zone: it.Zone})
	var days []string
	for r := 0; r < l.Len(); r++ {
		if row := l.Row(r); row.Kind == DayHeader {
			days = append(days, l.DayText(row).Label)
		}
	}
	// The conference's last day is the 29th (a date-only end is
	// inclusive); the 28th and the 29th have headers for its continuations.
	span := SpanLabel(it, it.Zone)
	if len(days) != 4 || !strings.HasPrefix(span, "26–29 Jan 2024 ·") {
		t.Errorf("span %q, days %v", span, days)
	}
	// In Los Angeles the timed event moves to 26 Jan, 06:30; the date-only
	// entry keeps its dates: the span still ends on the last day header.
	la, _ := time.LoadLocation("America/Los_Angeles")
	if span := SpanLabel(it, la); !strings.HasPrefix(span, "26–29 Jan 2024 ·") {
		t.Errorf("span in Los Angeles %q", span)
	}
}

// TestSpanLabelLong: past a month the span is its days, without a length
// in days and hours; up to a month it keeps the length.
func TestSpanLabelLong(t *testing.T) {
	for _, c := range []struct{ end, want string }{
		{"2026-03-12 09:00", "12 Mar 1990 – 12 Mar 2026"},
		{"1990-04-12 09:01", "12 Mar – 12 Apr 1990"},
		{"1990-04-12 09:00", "12 Mar – 12 Apr 1990 · 31 d"},
	} {
		it := load(t, `version: 1
title: t
timezone: UTC
events:
  - {title: a, start: "1990-03-12 09:00"}
  - {title: b, start: "`+c.end+`"}
`)
		if got := SpanLabel(it, it.Zone); got != c.want {
			t.Errorf("to %s: %q, want %q", c.end, got, c.want)
		}
	}
}

// TestContinuations: an entry that runs into later days has a row under
// each later day header, "day k of n".
func TestContinuations(t *testing.T) {
	it := load(t, `version: 1
title: t
timezone: Asia/Seoul
events:
  - {title: flight, start: "2024-01-26 22:00", end: "2024-01-27 06:10"}
  - {title: conference, start: 2024-01-27, end: 2024-01-28}
  - {title: breakfast, start: "2024-01-27 08:00"}
  - {title: lunch, start: "2024-01-28 12:00"}
`)
	l := New(it, Options{Zone: it.Zone})
	var got []string
	for r := 0; r < l.Len(); r++ {
		row := l.Row(r)
		switch row.Kind {
		case DayHeader:
			got = append(got, l.DayText(row).Label)
		case EventRow:
			got = append(got, it.Events[row.Event()].Title)
		case Continuation:
			c := l.ContinuationText(row)
			got = append(got, strings.TrimSpace(c.Title+" "+c.Day+" "+c.Until))
		}
	}
	want := "Fri 26 Jan 2024|flight|Sat 27 Jan 2024|flight day 2 of 2 until 06:10|conference|breakfast|Sun 28 Jan 2024|conference day 2 of 2|lunch"
	if strings.Join(got, "|") != want {
		t.Errorf("rows\n%s\nwant\n%s", strings.Join(got, "|"), want)
	}
}

// TestPositions: every event is found at its row, and the nearest event to
// an instant is the one that starts closest.
func TestPositions(t *testing.T) {
	it := defaultVisit(t)
	events := it.Select(itinerary.Filter{})
	l := New(it, Options{Within: events, Zone: it.Zone, FreeTime: true, Now: it.Events[4].Start})
	for _, i := range events {
		p := l.Position(i)
		if p < 0 || l.EventAt(p) != i || l.Row(l.EventRow(p)).Event() != i {
			t.Errorf("event %d at position %d", i, p)
		}
	}
	if p := l.Nearest(it.Events[5].Start.Add(time.Minute)); l.EventAt(p) != 5 && it.Events[l.EventAt(p)].Start != it.Events[5].Start {
		t.Errorf("nearest is %d", l.EventAt(p))
	}
	if l.Position(-1) != -1 || New(it, Options{Within: []int{}}).Nearest(time.Now()) != -1 {
		t.Error("missing events must not be found")
	}
}

func TestParagraphs(t *testing.T) {
	got := Paragraphs("one\ntwo\n\n\nthree\n- a\n- b\n  c\n\n")
	want := []string{"one two", "", "three", "- a", "- b c"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q", got)
	}
}

// TestPositionsWhenRowsReorder: a date-only entry in a zone behind the
// display zone starts after a timed event of its day, yet comes first in
// the day; both are still found at their rows.
func TestPositionsWhenRowsReorder(t *testing.T) {
	it := load(t, `version: 1
title: t
timezone: Asia/Seoul
events:
  - {title: breakfast, start: "2024-01-27 09:00"}
  - {title: holiday, start: 2024-01-27, timezone: America/Los_Angeles}
`)
	l := New(it, Options{Zone: it.Zone})
	if it.Events[l.EventAt(0)].Title != "holiday" {
		t.Fatalf("the date-only entry should come first in its day")
	}
	for i := range it.Events {
		if p := l.Position(i); l.EventAt(p) != i {
			t.Errorf("event %d at position %d holds %d", i, p, l.EventAt(p))
		}
	}
}

// BenchmarkNew lays out every event of a synthetic itinerary: what a
// search that every event matches costs in rows.
func BenchmarkNew(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		it, err := itinerary.Load("synth.yaml", synth.Generate(n, max(n/20, 50), 1))
		if err != nil {
			b.Fatal(err)
		}
		events := it.Select(itinerary.Filter{})
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				New(it, Options{Within: events, Zone: it.Zone, Now: it.Events[n/2].Start})
			}
		})
	}
}

// TestDayHeaderOf: every row stands under the last day header at or
// before it.
func TestDayHeaderOf(t *testing.T) {
	it := defaultVisit(t)
	l := New(it, Options{Zone: it.Zone, FreeTime: true, Now: it.Events[5].Start})
	header := -1
	for r := 0; r < l.Len(); r++ {
		if l.Row(r).Kind == DayHeader {
			header = r
		}
		if got := l.DayHeaderOf(r); got != header {
			t.Errorf("row %d: header %d, want %d", r, got, header)
		}
	}
}
