package agenda

import (
	"fmt"
	"math/rand"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/visitline/visitline/itinerary"
)

// manyRunning is an itinerary of n multi-day entries, the kth starting on
// day k and all ending on day n, so that k of them run on day k, with a
// timed event on every tenth day.
func manyRunning(t testing.TB, n int) *itinerary.Itinerary {
	var b strings.Builder
	b.WriteString("title: T\ntimezone: UTC\nevents:\n")
	start := time.Date(1850, 1, 1, 0, 0, 0, 0, time.UTC)
	end := start.AddDate(0, 0, n).Format("2006-01-02")
	for k := range n {
		fmt.Fprintf(&b, "  - {title: Long %d, start: %s, end: %s}\n", k, start.AddDate(0, 0, k).Format("2006-01-02"), end)
	}
	for k := 0; k < n; k += 10 {
		fmt.Fprintf(&b, "  - {title: Talk %d, start: \"%s 10:00\", duration: 1h}\n", k, start.AddDate(0, 0, k).Format("2006-01-02"))
	}
	it, err := itinerary.Load("many.yaml", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	return it
}

// naiveContinuations is the rule the rows follow, in the plain quadratic
// way: under each day, the first maxContinuations entries still going, in
// the order they began.
func naiveContinuations(it *itinerary.Itinerary, l *Layout) map[int32][]int32 {
	last := it.LastDays(l.opt.Zone)
	want := map[int32][]int32{}
	for r := 0; r < l.Len(); r++ {
		row := l.Row(r)
		if row.Kind != DayHeader {
			continue
		}
		for _, i := range l.events {
			first := int32(it.DayOf(i, l.opt.Zone).Unix() / 86400)
			if first < row.day && last[i] >= row.day && len(want[row.day]) < maxContinuations {
				want[row.day] = append(want[row.day], int32(i))
			}
		}
	}
	return want
}

// TestContinuationsOfManyEntries: with 3,000 entries running at once, every
// day lists the first eight still going, as the plain rule does.
func TestContinuationsOfManyEntries(t *testing.T) {
	it := manyRunning(t, 3000)
	l := New(it, Options{Zone: it.Zone})
	got := map[int32][]int32{}
	for r := 0; r < l.Len(); r++ {
		if row := l.Row(r); row.Kind == Continuation {
			got[row.day] = append(got[row.day], row.event)
		}
	}
	want := naiveContinuations(it, l)
	if len(got) != len(want) {
		t.Fatalf("continuations on %d days, want %d", len(got), len(want))
	}
	for d, evs := range want {
		if !slices.Equal(got[d], evs) {
			t.Fatalf("day %d: continuations %v, want %v", d, got[d], evs)
		}
	}
}

// TestManyRunningEntriesLayOutFast: 73,000 multi-day entries running at
// once lay out in well under a second (11.5 s for --print before: every
// day walked every entry still going). The bound is generous: the shared
// machine took 0.1 s.
func TestManyRunningEntriesLayOutFast(t *testing.T) {
	if testing.Short() {
		t.Skip("loads 73,000 events")
	}
	it := manyRunning(t, 73_000)
	events := it.Select(itinerary.Filter{})
	start := time.Now()
	l := New(it, Options{Shown: events, Zone: it.Zone, Now: it.Events[events[len(events)/2]].Start, FreeTime: true})
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("New took %v for %d rows", d, l.Len())
	}
}

// BenchmarkNewManyRunning lays out 73,000 multi-day entries that run at
// once, with a talk a day.
func BenchmarkNewManyRunning(b *testing.B) {
	it := manyRunning(b, 73_000)
	events := it.Select(itinerary.Filter{})
	now := it.Events[events[len(events)/2]].Start
	b.ReportAllocs()
	for b.Loop() {
		New(it, Options{Shown: events, Zone: it.Zone, Now: now})
	}
}

// sameLayout fails unless a and b have the same rows and now events.
func sameLayout(t *testing.T, what string, a, b *Layout) {
	t.Helper()
	if !slices.Equal(a.rows, b.rows) || a.Next() != b.Next() || a.Current() != b.Current() || !a.Options().Now.Equal(b.Options().Now) {
		t.Fatalf("%s: At gives other rows than New (%d rows, next %d, current %d; New: %d rows, next %d, current %d)",
			what, a.Len(), a.Next(), a.Current(), b.Len(), b.Next(), b.Current())
	}
}

// TestAtKeepsRowsThatDoNotChange: moving the clock a minute keeps the
// layout (the same rows, not laid out again) unless an event starts or ends
// or a day begins in between (free time that now splits has its lengths
// moved); either way the layout is the one New makes
// for the new time, in the itinerary's zone, each venue's and another.
func TestAtKeepsRowsThatDoNotChange(t *testing.T) {
	for _, it := range []*itinerary.Itinerary{defaultVisit(t), conferenceTrip(t)} {
		events := it.Select(itinerary.Filter{})
		first, last, _ := it.Span()
		la, _ := time.LoadLocation("America/Los_Angeles")
		for _, zone := range []*time.Location{it.Zone, nil, la} {
			for _, free := range []bool{false, true} {
				now := first.Add(-90 * time.Minute).Truncate(time.Minute)
				l := New(it, Options{Shown: events, Zone: zone, Now: now, FreeTime: free})
				kept, relaid := 0, 0
				for ; now.Before(last.Add(2 * time.Hour)); now = now.Add(time.Minute) {
					next := l.At(now)
					sameLayout(t, fmt.Sprintf("%s, zone %v, free %v, at %s", it.Title, zone, free, now), next, New(it, Options{Shown: events, Zone: zone, Now: now, FreeTime: free}))
					if len(l.eventRows) > 0 && &next.eventRows[0] == &l.eventRows[0] {
						kept++ // the layout kept, its rows moved at most
					} else {
						relaid++
					}
					l = next
				}
				if kept < 10*relaid {
					t.Errorf("%s, zone %v, free %v: %d minutes kept the rows, %d laid them out again", it.Title, zone, free, kept, relaid)
				}
			}
		}
	}
}

// TestAtWithRandomClocks: At from one time to a random later one gives what
// New gives, on random itineraries of overlapping, all-day and multi-day
// entries.
func TestAtWithRandomClocks(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for round := range 200 {
		var b strings.Builder
		b.WriteString("title: T\ntimezone: Europe/Berlin\nevents:\n")
		base := time.Date(2025, 3, 28, 0, 0, 0, 0, time.UTC)
		for k := range 1 + r.Intn(8) {
			s := base.Add(time.Duration(r.Intn(5*24*60)) * time.Minute)
			switch r.Intn(4) {
			case 0:
				fmt.Fprintf(&b, "  - {title: e%d, start: %s}\n", k, s.Format("2006-01-02"))
			case 1:
				fmt.Fprintf(&b, "  - {title: e%d, start: %s, end: %s}\n", k, s.Format("2006-01-02"), s.AddDate(0, 0, r.Intn(3)).Format("2006-01-02"))
			case 2:
				fmt.Fprintf(&b, "  - {title: e%d, start: %q}\n", k, s.Format("2006-01-02 15:04"))
			default:
				fmt.Fprintf(&b, "  - {title: e%d, start: %q, duration: %dm}\n", k, s.Format("2006-01-02 15:04"), 1+r.Intn(3000))
			}
		}
		it := load(t, b.String())
		events := it.Select(itinerary.Filter{})
		opt := Options{Zone: it.Zone, FreeTime: r.Intn(2) == 0}
		if r.Intn(3) == 0 {
			opt.Zone = nil
		}
		opt.Now = base.Add(time.Duration(r.Intn(6*24*60)) * time.Minute)
		opt.Shown = events
		l := New(it, opt)
		for step := range 20 {
			now := l.Options().Now.Add(time.Duration(r.Intn(600)) * time.Minute)
			next := l.At(now)
			opt.Now = now
			sameLayout(t, "round "+strconv.Itoa(round)+" step "+strconv.Itoa(step)+"\n"+b.String(), next, New(it, opt))
			l = next
		}
	}
}
