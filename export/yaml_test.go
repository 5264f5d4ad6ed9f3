package export_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/visitline/visitline/calendar"
	"github.com/visitline/visitline/data"
	"github.com/visitline/visitline/export"
	"github.com/visitline/visitline/itinerary"
)

// summary is what a user sees of each event, for comparing two loads.
func summary(it *itinerary.Itinerary) []string {
	var out []string
	for i := range it.Events {
		e := &it.Events[i]
		var people []string
		for _, p := range e.Participants {
			q := it.People[p]
			people = append(people, q.ID+"="+q.Name+"/"+q.Native+"/"+q.Role+"/"+q.Note)
		}
		var sources []string
		for _, s := range e.Sources {
			sources = append(sources, it.Sources[s].ID+"="+it.Sources[s].URL)
		}
		out = append(out, fmt.Sprintf("%s|%s|%s|%v|%v|%s|%v|%v|%s|%s|%s|%s|%v|%v|%q|%v|%s",
			e.ID, e.Title, e.Start.UTC(), e.End.UTC(), e.HasEnd, e.Zone, e.OwnZone, e.AllDay, e.Kind, e.Status,
			e.Place, e.City, people, e.Topics, e.Notes, sources, e.Track))
	}
	return append(out, it.Title, it.Subtitle, it.Summary, it.ZoneName())
}

func roundTrip(t *testing.T, it *itinerary.Itinerary) {
	t.Helper()
	var buf bytes.Buffer
	all := make([]int, len(it.Events))
	for i := range all {
		all[i] = i
	}
	if err := export.YAML(&buf, it, all, export.Options{}); err != nil {
		t.Fatal(err)
	}
	back, err := itinerary.Load("out.yaml", buf.Bytes())
	if err != nil {
		t.Fatalf("the YAML does not load back: %v\n%s", err, buf.String())
	}
	a, b := summary(it), summary(back)
	if !slices.Equal(a, b) {
		for i := range min(len(a), len(b)) {
			if a[i] != b[i] {
				t.Errorf("differs:\n was %s\n now %s", a[i], b[i])
			}
		}
		if len(a) != len(b) {
			t.Errorf("%d lines, now %d", len(a), len(b))
		}
	}
}

func TestYAMLRoundTripDefault(t *testing.T) {
	it, err := itinerary.Load(data.DefaultName, data.Default)
	if err != nil {
		t.Fatal(err)
	}
	roundTrip(t, it)
}

func TestYAMLRoundTripCalendar(t *testing.T) {
	for _, f := range []string{"google.ics", "outlook.ics", "custom-zone.ics", "rfc5545.ics", "apple.ics"} {
		t.Run(f, func(t *testing.T) {
			raw, err := os.ReadFile("../calendar/testdata/" + f)
			if err != nil {
				t.Fatal(err)
			}
			it, err := calendar.Load(f, raw)
			if err != nil {
				t.Fatal(err)
			}
			roundTrip(t, it)
		})
	}
}

// TestYAMLDateWithClockEnd: a date-only start may end at a clock time or
// after a duration; the end is written so that it loads back the same.
func TestYAMLDateWithClockEnd(t *testing.T) {
	src := "title: T\ntimezone: Europe/Berlin\nevents:\n  - title: a\n    start: 2025-03-29\n    end: 2025-03-29 18:00\n" +
		"  - title: b\n    start: 2025-03-30\n    duration: 24h\n  - title: c\n    start: 2025-03-28\n    end: 2025-03-28\n"
	it, err := itinerary.Load("t.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	roundTrip(t, it)
}

// TestYAMLRepeatedHour: the second 01:30 of the night the clocks go back
// is written as an instant, since its wall clock would read as the first.
func TestYAMLRepeatedHour(t *testing.T) {
	src := "title: T\ntimezone: America/New_York\nevents:\n  - title: second\n    start: 2025-11-02T01:30:00-05:00\n"
	it, err := itinerary.Load("t.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := export.YAML(&buf, it, []int{0}, export.Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "2025-11-02T01:30:00-05:00") {
		t.Errorf("not written as an instant:\n%s", buf.String())
	}
	roundTrip(t, it)
}

// FuzzYAMLRoundTrip: every itinerary that loads is written as YAML that
// loads back to the same events.
func FuzzYAMLRoundTrip(f *testing.F) {
	f.Add(data.Default)
	if files, err := filepath.Glob("../data/examples/*.yaml"); err == nil {
		for _, name := range files {
			if src, err := os.ReadFile(name); err == nil {
				f.Add(src)
			}
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 1<<16 {
			return
		}
		it, err := itinerary.Load("in.yaml", src)
		if err != nil {
			return
		}
		roundTrip(t, it)
	})
}
