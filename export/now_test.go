package export

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/visitline/visitline/itinerary"
)

// TestNowLineInsideLastEvent: while the last event goes on, the text
// agenda and the Markdown briefing both draw the now line after it, under
// the day now falls on; once everything has ended neither does (QA2 #8).
func TestNowLineInsideLastEvent(t *testing.T) {
	src, err := os.ReadFile("../data/examples/sf-conference.yaml")
	if err != nil {
		t.Fatal(err)
	}
	it := loadSrc(t, string(src))
	la, _ := time.LoadLocation("America/Los_Angeles")
	for _, c := range []struct {
		now      time.Time
		text, md string // the lines around the now line, "" for none
	}{
		{time.Date(2026, 11, 25, 23, 0, 0, 0, la),
			"Flight San Francisco to Frankfurt · 15:20 PST → Thu 26 Nov 11:05 CET · 10 h 45 min · San Francisco International (SFO) → Frankfurt Airport (FRA) — Lena Weber, Deniz Yılmaz\n  ── now 23:00 ──\n\nThu 26 Nov 2026 · continued",
			"  - Deniz Yılmaz — Engineer, Platform team\n\n**── now 23:00 ──**\n\n## Thu 26 Nov 2026"},
		{time.Date(2026, 11, 26, 3, 0, 0, 0, la), "", ""},
	} {
		var text, md bytes.Buffer
		opt := Options{Zone: la, Now: c.now}
		if err := Text(&text, it, opt); err != nil {
			t.Fatal(err)
		}
		if err := Markdown(&md, it, opt); err != nil {
			t.Fatal(err)
		}
		for _, f := range []struct{ name, got, want string }{{"text", text.String(), c.text}, {"md", md.String(), c.md}} {
			n := strings.Count(f.got, "── now ")
			if f.want == "" && n != 0 || f.want != "" && (n != 1 || !strings.Contains(f.got, f.want)) {
				t.Errorf("%s at %v: want %q in:\n%s", f.name, c.now, f.want, f.got)
			}
		}
	}
}

// TestUpcomingWholeDayEntriesKeepOutOfNow: an all-day or multi-day entry
// about to begin never takes the countdown or the → mark from the timed
// event inside it, in the text agenda or in Markdown (issue #12).
func TestUpcomingWholeDayEntriesKeepOutOfNow(t *testing.T) {
	r := printed(t, Text, "examples/sf-conference.yaml", Options{Zone: zone(t, "America/Los_Angeles"), Now: at(t, "2026-11-22T20:00:00-08:00")})
	if !strings.Contains(r.stdout, "\n  3 days         Cloud Systems Summit ·") ||
		!strings.Contains(r.stdout, "\n→ 09:00–10:30    [in 13 h] Opening keynote ·") {
		t.Errorf("the keynote, not the conference, is next:\n%s", r.stdout)
	}
	r = printed(t, Text, "examples/lagos-london.yaml", Options{Now: at(t, "2025-03-29T18:15:00Z")})
	if !strings.Contains(r.stdout, "\n  all day        Free day") || !strings.Contains(r.stdout, "\n→ 09:00–09:45    [in 13 h 45 min] Call with the office in Lagos") {
		t.Errorf("the call, not the free day, is next:\n%s", r.stdout)
	}
	r = printed(t, Markdown, "examples/lagos-london.yaml", Options{Now: at(t, "2025-03-29T18:15:00Z")})
	free, call := strings.Index(r.stdout, "Free day"), strings.Index(r.stdout, "Call with the office in Lagos")
	if free < 0 || call < 0 || strings.Contains(r.stdout[free:call], "[in ") || !strings.Contains(r.stdout[call:], "[in 13 h 45 min]") {
		t.Errorf("Markdown counts down to the free day:\n%s", r.stdout)
	}
}

// printout is what the command prints for --print or --format: the
// agenda, and the file's warnings.
type printout struct{ stdout, stderr string }

// printed is what `visitline --format F data/NAME` prints, with write the
// writer of F: every event, in opt.Zone or else the itinerary's zone.
func printed(t *testing.T, write WriteFunc, name string, opt Options) printout {
	t.Helper()
	it := load(t, name)
	if opt.Zone == nil {
		opt.Zone = it.Zone
	}
	var out bytes.Buffer
	if err := write(&out, it, opt); err != nil {
		t.Fatal(err)
	}
	var warnings strings.Builder
	for _, l := range itinerary.FormatProblems("data/"+name, it.Warnings) {
		warnings.WriteString(l + "\n")
	}
	return printout{out.String(), warnings.String()}
}

func zone(t *testing.T, name string) *time.Location {
	t.Helper()
	z, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return z
}

// at is the instant of an RFC 3339 time.
func at(t *testing.T, s string) time.Time {
	t.Helper()
	n, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
