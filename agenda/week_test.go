package agenda

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

const weekTrip = `title: Week
timezone: Europe/Paris
events:
  - {title: Workshop, start: "2027-03-09", end: "2027-03-11"}
  - {title: A, start: "2027-03-09 09:00", end: "2027-03-09 12:00"}
  - {title: B, start: "2027-03-09 10:00", end: "2027-03-09 11:00"}
  - {title: C, start: "2027-03-09 10:30", end: "2027-03-09 11:30"}
  - {title: D, start: "2027-03-09 13:00", end: "2027-03-09 14:00"}
  - {title: Late, start: "2027-03-12 21:00", end: "2027-03-12 23:00"}
  - {title: Overnight, start: "2027-03-13 22:00", end: "2027-03-14 06:00"}
  - {title: Next week, start: "2027-03-15 09:00"}
`

func TestWeekStart(t *testing.T) {
	for _, c := range []struct {
		day   time.Time
		start time.Weekday
		want  time.Time
	}{
		{day(2027, 3, 10), time.Monday, day(2027, 3, 8)},
		{day(2027, 3, 8), time.Monday, day(2027, 3, 8)},
		{day(2027, 3, 7), time.Monday, day(2027, 3, 1)},
		{day(2027, 3, 10), time.Sunday, day(2027, 3, 7)},
		{day(2027, 3, 13), time.Saturday, day(2027, 3, 13)},
	} {
		if got := WeekStart(c.day, c.start); !got.Equal(c.want) {
			t.Errorf("WeekStart(%s, %s) = %s, want %s", c.day.Format("Mon 2"), c.start, got.Format("Mon 2"), c.want.Format("Mon 2"))
		}
	}
}

// TestWeekColumnsAndBand: timed events are blocks in their day with their
// overlap columns, date-only and multi-day entries are in the band of
// each day they cover, and another week's events are not there.
func TestWeekColumnsAndBand(t *testing.T) {
	it := load(t, weekTrip)
	now := time.Date(2027, 3, 12, 15, 20, 0, 0, time.UTC) // 16:20 in Paris
	w := Week(New(it, Options{Zone: it.Zone, Now: now}), day(2027, 3, 8))
	var tue []string
	for _, b := range w.Days[1].Blocks {
		tue = append(tue, fmt.Sprintf("%s %d-%d %d/%d", it.Events[b.Event].Title, b.From, b.To, b.Col, b.Cols))
	}
	want := "A 540-720 0/3, B 600-660 1/3, C 630-690 2/3, D 780-840 0/1"
	if got := strings.Join(tue, ", "); got != want {
		t.Errorf("Tuesday: %s\nwant      %s", got, want)
	}
	for k, n := range []int{0, 1, 1, 1, 0, 1, 1} {
		if len(w.Days[k].Band) != n {
			t.Errorf("%s: band %v, want %d entries", w.Days[k].Date.Format("Mon 2"), w.Days[k].Band, n)
		}
	}
	if w.NowDay != 4 || w.NowMinute != 16*60+20 || !w.Days[4].Today {
		t.Errorf("now: day %d minute %d", w.NowDay, w.NowMinute)
	}
	if w.FirstHour != 8 || w.LastHour != 23 {
		t.Errorf("hours %d–%d, want 8–23", w.FirstHour, w.LastHour)
	}
	if w.Label() != "Mon 8 – Sun 14 Mar 2027" || ColumnLabel(w.Days[0].Date, 5) != "Mon 8" || ColumnLabel(w.Days[2].Date, 3) != "W10" {
		t.Errorf("labels %q %q %q", w.Label(), ColumnLabel(w.Days[0].Date, 5), ColumnLabel(w.Days[2].Date, 3))
	}
	m := Month(New(it, Options{Zone: it.Zone, Now: now}), day(2027, 3, 10), time.Monday)
	if m.Label() != "March 2027" || len(m.Weeks) != 5 || m.Weeks[1][1].Count != 5 || !m.Weeks[1][2].Covered || m.Weeks[1][0].Covered || !m.Weeks[1][4].Today {
		t.Errorf("month: %s, %d weeks, Tue 9 %+v", m.Label(), len(m.Weeks), m.Weeks[1][1])
	}
}

// TestWeekDayBounded: a day of many overlapping events keeps a bounded
// number of blocks and columns and counts the rest.
func TestWeekDayBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("title: Busy\ntimezone: UTC\nevents:\n")
	for i := range 2000 {
		fmt.Fprintf(&b, "  - {title: E%d, start: \"2027-03-09 09:%02d\", end: \"2027-03-09 18:00\"}\n", i, i%60)
	}
	it := load(t, b.String())
	w := Week(New(it, Options{Zone: it.Zone}), day(2027, 3, 8))
	d := w.Days[1]
	if len(d.Blocks) != maxDayBlocks || d.More != 2000-maxDayBlocks || d.Count != 2000 {
		t.Errorf("%d blocks, %d more, count %d", len(d.Blocks), d.More, d.Count)
	}
	for _, bl := range d.Blocks {
		if bl.Cols > maxOverlap || bl.Col >= bl.Cols {
			t.Fatalf("block %+v over %d columns", bl, maxOverlap)
		}
	}
}
