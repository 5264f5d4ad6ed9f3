package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/visitline/visitline/agenda"
	"github.com/visitline/visitline/internal/synth"
	"github.com/visitline/visitline/itinerary"
)

// TestCardTopInTmux: at 80×24 Kyung Kye-hyun's card, opened from the tour,
// shows his name, role and organisation, and his line in the participants
// before it is whole on screen.
func TestCardTopInTmux(t *testing.T) {
	s := startTmux(t, 80, 24, "--now", "2024-01-01T00:00:00Z")
	s.waitFor("first frame", "Sam Altman in Korea", "q quit")
	s.key("j")
	s.key("j")
	s.key("j")
	s.key("Tab")
	scr := s.key("j")
	if !strings.Contains(scr, "❯ Kyung Kye-hyun 경계현 — President; CEO of the Device Solutions (DS) division,") ||
		!strings.Contains(scr, "    Samsung Electronics") {
		t.Errorf("Kyung's participant line is not whole:\n%s", scr)
	}
	scr = s.key("Enter")
	for _, want := range []string{"Card · Kyung Kye-hyun", "Kyung Kye-hyun 경계현", "President; CEO of the Device Solutions (DS) division", "Samsung Electronics · 삼성전자"} {
		if !strings.Contains(scr, want) {
			t.Errorf("the card lacks %q:\n%s", want, scr)
		}
	}
	assertFits(t, scr, 80)
}

// TestTimelineInTmux drives the real binary in a real terminal: select the
// Pyeongtaek tour, read its participants, open Kyung Kye-hyun's card, jump
// to his dinner, resize, and quit.
func TestTimelineInTmux(t *testing.T) {
	s := startTmux(t, 120, 40, "--now", "2024-01-01T00:00:00Z")
	s.waitFor("first frame", "Sam Altman in Korea", "❯ all day", "Davos panel")
	s.key("j")
	s.key("j")
	scr := s.key("j")
	if !strings.Contains(scr, "❯ ~09:00–11:30  ◎ [reported] Tour of Samsung's Pyeongtaek") {
		t.Fatalf("the tour is not selected:\n%s", scr)
	}
	for _, want := range []string{"Participants (6)", "Sam Altman 샘 올트먼", "Kyung Kye-hyun 경계현", "Lee Jung-bae 이정배", "Park Yong-in 박용인", "Choi Si-young 최시영"} {
		if !strings.Contains(scr, want) {
			t.Errorf("detail pane lacks %q", want)
		}
	}
	s.key("Tab")
	scr = s.key("j")
	if !strings.Contains(scr, "❯ Kyung Kye-hyun 경계현") {
		t.Fatalf("Kyung is not focused:\n%s", scr)
	}
	scr = s.key("Enter")
	for _, want := range []string{"Card · Kyung Kye-hyun", "Events (3)", "Kyung Kye-hyun back from Japan", "Tour of Samsung's Pyeongtaek", "Dinner with Kyung Kye-hyun"} {
		if !strings.Contains(scr, want) {
			t.Errorf("card lacks %q:\n%s", want, scr)
		}
	}
	s.key("j")
	scr = s.key("Enter")
	if !strings.Contains(scr, "❯ ~17:30–18:45  ⊙ [reported] Dinner with Kyung Kye-hyun") || !strings.Contains(scr, "❯ Timeline") {
		t.Fatalf("enter on the dinner did not select it in the timeline:\n%s", scr)
	}
	assertFits(t, s.resize(80, 24, "Sam Altman in Korea"), 80)
	scr = s.resize(50, 15, "Sam Altman in Korea")
	assertFits(t, scr, 50)
	if !strings.Contains(scr, "❯ ~17:30  ⊙ [reported] Dinner with Kyung") {
		t.Errorf("selection lost on resize:\n%s", scr)
	}
	assertFits(t, s.resize(120, 40, "Sam Altman in Korea"), 120)
	s.quit()
}

// dayHeader matches a day header row: "Fri 4 Jun 2027 · 1 event".
var dayHeader = regexp.MustCompile(`^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2} \d{4} · \d+ events?`)

func isDayHeader(line string) bool { return dayHeader.MatchString(line) }

// TestStickyDayInTmux: after G on a file of 10,000 events the selected
// event's day header is the first line of the timeline.
func TestStickyDayInTmux(t *testing.T) {
	src := synth.Generate(10000, 300, 7)
	path := filepath.Join(t.TempDir(), "big.yaml")
	if err := os.WriteFile(path, src, 0o644); err != nil {
		t.Fatal(err)
	}
	it, err := itinerary.Load(path, src)
	if err != nil {
		t.Fatal(err)
	}
	days := it.Days(it.Select(itinerary.Filter{}), it.Zone)
	last := days[len(days)-1]
	label := agenda.DayLabel(last.Date)
	title := it.Events[last.Events[len(last.Events)-1]].Title
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		s := startTmux(t, size[0], size[1], path, "--now", "2000-01-01T00:00:00Z")
		s.waitFor("first frame", "Timeline · 10000 events")
		scr := s.key("G")
		if !strings.Contains(scr, "\n"+label+" · ") || !strings.Contains(scr, title[:20]) || !isDayHeader(strings.Split(scr, "\n")[3]) {
			t.Errorf("%d×%d: after G the day header %q should be on screen, and a day header first:\n%s", size[0], size[1], label, scr)
		}
		// Half way up, the header still heads the rows under it.
		for range 5 {
			scr = s.key("PgUp")
		}
		if l := strings.Split(scr, "\n")[3]; !isDayHeader(l) {
			t.Errorf("%d×%d: the first timeline line is not a day header: %q\n%s", size[0], size[1], l, scr)
		}
	}
}

// TestLongRoleWrapsInTmux: a participant's long role wraps under the name
// with a hanging indent instead of being cut.
func TestLongRoleWrapsInTmux(t *testing.T) {
	src := `version: 1
title: Wrapping
timezone: Asia/Seoul
orgs: [{id: e, name: Electronics Corporation of Somewhere}]
people:
  - {id: t, name: Tanaka Haruki, native: 田中春樹, org: e, role: "Executive Officer, Electronic Devices and Semiconductor Solutions Division, responsible for partnerships"}
events:
  - {title: Meeting, start: "2024-01-26 10:00", participants: [t]}
`
	path := filepath.Join(t.TempDir(), "wrap.yaml")
	os.WriteFile(path, []byte(src), 0o644)
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		s := startTmux(t, size[0], size[1], path, "--now", "2024-01-01T00:00:00Z")
		scr := s.waitFor("first frame", "Timeline · 1 event")
		if size[1] < 24 {
			scr = s.key("Tab") // one pane at a time
		}
		flat := strings.Join(strings.Fields(scr), " ")
		if !strings.Contains(flat, "Tanaka Haruki 田中春樹 — Executive Officer, Electronic Devices and Semiconductor Solutions Division, responsible for partnerships, Electronics Corporation of Somewhere") {
			t.Errorf("%d×%d: the role is not whole:\n%s", size[0], size[1], scr)
		}
		if !regexp.MustCompile(`(?m)^    \S`).MatchString(scr) {
			t.Errorf("%d×%d: no hanging indent, or a cut line:\n%s", size[0], size[1], scr)
		}
		assertFits(t, scr, size[0])
	}
}
