package itinerary

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestExtent(t *testing.T) {
	it := defaultVisit(t)
	cases := map[string]string{
		"davos-panel":     "2024-01-18T00:00:00+01:00 2024-01-19T00:00:00+01:00", // all day, no end: the day
		"pyeongtaek-tour": "2024-01-26T09:00:00+09:00 2024-01-26T11:30:00+09:00",
		"altman-departs":  "2024-01-26T19:00:00+09:00 2024-01-26T19:00:00+09:00", // no end: an instant
	}
	for i := range it.Events {
		want, ok := cases[it.Events[i].ID]
		if !ok {
			continue
		}
		from, to := it.Extent(i)
		if got := from.Format(time.RFC3339) + " " + to.Format(time.RFC3339); got != want {
			t.Errorf("%s: %s, want %s", it.Events[i].ID, got, want)
		}
		delete(cases, it.Events[i].ID)
	}
	if len(cases) > 0 {
		t.Errorf("events not found: %v", cases)
	}
}

// TestExtentIn: on an axis in another zone a date-only entry still covers
// its own calendar days, from that zone's midnight to the next; a timed
// event does not move.
func TestExtentIn(t *testing.T) {
	it := defaultVisit(t)
	la, _ := time.LoadLocation("America/Los_Angeles")
	seoul, _ := time.LoadLocation("Asia/Seoul")
	cases := []struct {
		id   string
		loc  *time.Location
		want string
	}{
		{"davos-panel", la, "2024-01-18T00:00:00-08:00 2024-01-19T00:00:00-08:00"},
		{"davos-panel", seoul, "2024-01-18T00:00:00+09:00 2024-01-19T00:00:00+09:00"},
		{"davos-panel", nil, "2024-01-18T00:00:00+01:00 2024-01-19T00:00:00+01:00"},
		{"pyeongtaek-tour", la, "2024-01-26T09:00:00+09:00 2024-01-26T11:30:00+09:00"},
	}
	for _, c := range cases {
		i := slices.IndexFunc(it.Events, func(e Event) bool { return e.ID == c.id })
		if i < 0 {
			t.Fatalf("no event %s", c.id)
		}
		from, to := it.ExtentIn(i, c.loc)
		show := c.loc // the timed event is shown in its own zone
		if show == nil || !it.Events[i].AllDay {
			show = it.Events[i].Start.Location()
		}
		got := from.In(show).Format(time.RFC3339) + " " + to.In(show).Format(time.RFC3339)
		if got != c.want {
			t.Errorf("%s in %v: %s, want %s", c.id, c.loc, got, c.want)
		}
	}
	// The index answers for the zone it was built for: in Los Angeles
	// the panel is not yet under way at 08:00 on the 18th in Zurich.
	x := it.NewIntervals([]int{slices.IndexFunc(it.Events, func(e Event) bool { return e.ID == "davos-panel" })}, la)
	zurich, _ := time.LoadLocation("Europe/Zurich")
	at := time.Date(2024, 1, 18, 8, 0, 0, 0, zurich)
	for range x.Overlapping(at, at.Add(time.Minute)) {
		t.Errorf("the panel meets %s on a Los Angeles axis", at)
	}
	at = time.Date(2024, 1, 18, 23, 0, 0, 0, la)
	n := 0
	for range x.Overlapping(at, at.Add(time.Minute)) {
		n++
	}
	if n != 1 {
		t.Errorf("the panel does not meet %s on a Los Angeles axis", at)
	}
}

// intervalsSource is an itinerary of n events at random starts within a
// few days, of random lengths (some without an end, some a day long, one
// a month long) so that long events hide among short ones.
func intervalsSource(r *rand.Rand, n int) string {
	var b strings.Builder
	b.WriteString("title: t\ntimezone: UTC\nevents:\n")
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for k := range n {
		start := base.Add(time.Duration(r.IntN(5*24*4)) * 15 * time.Minute)
		fmt.Fprintf(&b, "  - {title: e%d, start: \"%s\"", k, start.Format("2006-01-02 15:04"))
		switch r.IntN(6) {
		case 0: // no end
		case 1:
			b.WriteString(", duration: 24h")
		case 2:
			if k%50 == 0 {
				b.WriteString(", duration: 720h")
			}
		default:
			fmt.Fprintf(&b, ", duration: %dm", 15*(1+r.IntN(12)))
		}
		b.WriteString("}\n")
	}
	return b.String()
}

// TestIntervalsAgainstAScan checks every window query against a plain scan
// of all the events, on random itineraries and random windows.
func TestIntervalsAgainstAScan(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 3, 7, 8, 100, 1000} {
		it, err := Load("r.yaml", []byte(intervalsSource(r, n)))
		if err != nil {
			t.Fatal(err)
		}
		var events []int
		for i := range it.Events {
			if r.IntN(3) > 0 { // a subset, as a filter or a lane leaves
				events = append(events, i)
			}
		}
		given := events
		shuffled := n%2 == 1 || n == 1000
		if shuffled { // any order is indexed; instant order is kept as is
			given = slices.Clone(events)
			r.Shuffle(len(given), func(a, b int) { given[a], given[b] = given[b], given[a] })
		}
		x := it.NewIntervals(given, nil)
		base := time.Date(2023, 12, 31, 0, 0, 0, 0, time.UTC)
		for q := range 300 {
			from := base.Add(time.Duration(r.IntN(8*24*4)) * 15 * time.Minute)
			to := from.Add(time.Duration(r.IntN(3*24*4)) * 15 * time.Minute)
			if q%10 == 0 {
				to = from // an empty window meets nothing
			}
			var want []int
			for _, i := range events {
				s, e := it.Extent(i)
				if s.Before(to) && (e.After(from) || !s.Before(from)) {
					want = append(want, i)
				}
			}
			var got []int
			for k := range x.Overlapping(from, to) {
				got = append(got, x.Events()[k])
			}
			if shuffled {
				slices.Sort(got) // ties in start come in the order given
			}
			if !slices.Equal(got, want) {
				t.Fatalf("n=%d, window %s–%s: got %v, want %v", n, from, to, got, want)
			}
		}
	}
}

func TestIntervalsStopEarlyAndSearch(t *testing.T) {
	it := defaultVisit(t)
	all := make([]int, len(it.Events))
	for i := range all {
		all[i] = i
	}
	x := it.NewIntervals(all, nil)
	seoul, _ := time.LoadLocation("Asia/Seoul")
	from := time.Date(2024, 1, 26, 10, 0, 0, 0, seoul)
	to := time.Date(2024, 1, 26, 18, 0, 0, 0, seoul)
	var first []string
	for k := range x.Overlapping(from, to) {
		first = append(first, it.Events[x.Events()[k]].ID)
		if len(first) == 2 {
			break
		}
	}
	if strings.Join(first, " ") != "pyeongtaek-tour lunch-ds" {
		t.Errorf("first two from 10:00: %v", first)
	}
	if k := x.Search(from); it.Events[x.Events()[k]].ID != "lunch-ds" {
		t.Errorf("first start at or after 10:00: %s", it.Events[x.Events()[k]].ID)
	}
	if k := x.Search(to.AddDate(1, 0, 0)); k != x.Len() {
		t.Errorf("search past the end: %d of %d", k, x.Len())
	}
}
