package export

import (
	"bytes"
	"io/fs"
	"slices"
	"testing"
	"time"

	"github.com/visitline/visitline/calendar"
	"github.com/visitline/visitline/data"
	"github.com/visitline/visitline/itinerary"
)

// TestICSKeepsCertainty: yaml → ics → yaml keeps every event's status
// and approximate mark, over the default visit and every example; the
// shipped files between them have each status that STATUS cannot say.
func TestICSKeepsCertainty(t *testing.T) {
	names, err := fs.Glob(data.Files, "examples/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	names = append([]string{"visit.yaml"}, names...)
	seen := map[string]bool{}
	for _, name := range names {
		it := load(t, name)
		cal, err := calendar.Load("back.ics", writeICS(t, it))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var y bytes.Buffer
		if err := YAML(&y, cal, cal.Select(itinerary.Filter{}), Options{}); err != nil {
			t.Fatal(err)
		}
		back, err := itinerary.Load("back.yaml", y.Bytes())
		if err != nil {
			t.Fatalf("%s: the YAML of the calendar does not load: %v", name, err)
		}
		facts := func(it *itinerary.Itinerary) []string {
			var out []string
			for _, e := range it.Events {
				out = append(out, e.Start.UTC().Format(time.RFC3339)+" "+e.Title+" "+string(e.Status)+map[bool]string{true: " ~"}[e.Approximate])
				seen[string(e.Status)] = true
				if e.Approximate {
					seen["approximate"] = true
				}
			}
			slices.Sort(out)
			return out
		}
		if was, got := facts(it), facts(back); !slices.Equal(was, got) {
			t.Errorf("%s: certainty changed through iCalendar:\nwas %q\ngot %q", name, was, got)
		}
	}
	for _, s := range []string{"reported", "expected", "planned", "approximate"} {
		if !seen[s] {
			t.Errorf("no shipped event is %s: the round trip tests nothing for it", s)
		}
	}
}
