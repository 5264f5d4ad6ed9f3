package export_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/visitline/visitline/internal/testenv"

	"github.com/visitline/visitline/calendar"
	"github.com/visitline/visitline/data"
	"github.com/visitline/visitline/export"
	"github.com/visitline/visitline/itinerary"
	"gopkg.in/yaml.v3"
)

// summary is what a user sees of each event, for comparing two loads.
func summary(it *itinerary.Itinerary) []string {
	var out []string
	for i := range it.Events {
		e := &it.Events[i]
		var people []string
		for _, p := range e.Participants {
			q := it.People[p]
			people = append(people, q.ID+"="+q.Name+"/"+q.Native+"/"+strings.Join(q.Aliases, "+")+"/"+q.Role+"/"+q.Note)
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

// tricky are strings that a YAML 1.1 or 1.2 loader reads as something else
// when they are written plain: booleans, nulls, numbers in 1.1 forms
// (octal, 0o, underscores, sexagesimal), dates and timestamps, the merge
// key and the value key.
var tricky = []string{"<<", "=", "yes", "no", "y", "n", "Y", "N", "on", "off", "On", "OFF", "true", "False", "~", "null", "NULL",
	"0o17", "017", "0b101", "0x1F", "1_000", "1:20", "190:20:30", "1:20.5", "12", "+12", "-0", "1.5", "1.", ".5", "1e5", "1.0e+5", ".inf", "-.Inf", ".NaN",
	"2024-01-26", "2024-1-6", "2024-01-26 09:00:30", "2024-01-26T09:00:00Z", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5"}

// trickyItinerary holds every tricky string as a title, place, topic and
// (where it is a slug) an id, with a date-only entry.
func trickyItinerary(t *testing.T) *itinerary.Itinerary {
	var b strings.Builder
	b.WriteString("title: \"=\"\nsubtitle: \"<<\"\ntimezone: UTC\npeople:\n")
	slug := regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)
	var ids []string
	for k, s := range tricky {
		if slug.MatchString(s) {
			ids = append(ids, strconv.Quote(s))
			fmt.Fprintf(&b, "  - {id: %q, name: %q, role: %q}\n", s, s, s)
		} else {
			fmt.Fprintf(&b, "  - {id: p%d, name: %q, role: %q}\n", k, s, s)
		}
	}
	b.WriteString("events:\n  - {title: \"2024-01-26\", start: 2024-01-26, participants: [" + strings.Join(ids, ", ") + "]}\n")
	for _, s := range tricky {
		fmt.Fprintf(&b, "  - {title: %q, place: %q, city: %q, track: %q, topics: [%q], start: \"2024-01-26 09:00\"}\n", s, s, s, s, s)
	}
	it, err := itinerary.Load("tricky.yaml", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	return it
}

// TestYAMLQuotesForOtherLoaders: what --format yaml writes reads back as
// the same strings in yaml.v3 and in PyYAML (a YAML 1.1 loader).
func TestYAMLQuotesForOtherLoaders(t *testing.T) {
	it := trickyItinerary(t)
	all := make([]int, len(it.Events))
	for i := range all {
		all[i] = i
	}
	var buf bytes.Buffer
	if err := export.YAML(&buf, it, all, export.Options{}); err != nil {
		t.Fatal(err)
	}
	roundTrip(t, it)
	// Every scalar of the file, as "type value" lines.
	var v3 []string
	var doc any
	if err := yaml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("yaml.v3: %v", err)
	}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		default:
			v3 = append(v3, fmt.Sprintf("%T %v", v, v))
		}
	}
	walk(doc)
	checkScalars(t, "yaml.v3", v3, "string", "int 1", "bool true")

	testenv.Python(t, "python3-yaml", "yaml")
	script := `
import sys, yaml
def walk(v):
    if isinstance(v, dict):
        for k, x in v.items():
            walk(x)
    elif isinstance(v, list):
        for x in v:
            walk(x)
    else:
        print(type(v).__name__, v)
walk(yaml.safe_load(sys.stdin))
`
	cmd := exec.Command("/usr/bin/python3", "-c", script)
	cmd.Stdin = bytes.NewReader(buf.Bytes())
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("PyYAML refuses the file: %v\n%s\n--- the file\n%s", err, out, buf.String())
	}
	checkScalars(t, "PyYAML", strings.Split(strings.TrimSpace(string(out)), "\n"), "str", "int 1", "bool True")
}

// checkScalars fails on a scalar that is not a string (other than the
// version and the flags) and on a tricky string missing from scalars.
func checkScalars(t *testing.T, loader string, scalars []string, str string, allowed ...string) {
	t.Helper()
	seen := map[string]bool{}
	for _, s := range scalars {
		typ, v, _ := strings.Cut(s, " ")
		if typ == str {
			seen[v] = true
		} else if !slices.Contains(allowed, s) {
			t.Errorf("%s reads %q as %s", loader, v, typ)
		}
	}
	for _, s := range tricky {
		if !seen[s] {
			t.Errorf("%s does not read the string %q back", loader, s)
		}
	}
}
