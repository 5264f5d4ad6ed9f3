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
	events := it.Select(itinerary.Filter{})
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
		if err := Text(&text, it, events, opt); err != nil {
			t.Fatal(err)
		}
		if err := Markdown(&md, it, events, opt); err != nil {
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
