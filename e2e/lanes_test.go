package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// barColumns are the screen columns where bars start in a line of the
// lanes: "[", or "❯" for the selected bar.
func barColumns(line string) []int {
	var out []int
	x := 0
	for _, r := range line {
		if r == '[' || r == '❯' {
			out = append(out, x)
		}
		x += ansi.StringWidth(string(r))
	}
	return out
}

// TestLanesInTmux: v draws a lane for each person with the bars to scale,
// t regroups the default visit by track, v (past the week and the month)
// goes back to the list, and the
// lanes fit 80×24 and 40×12.
func TestLanesInTmux(t *testing.T) {
	path := filepath.Join(t.TempDir(), "two.yaml")
	os.WriteFile(path, []byte(`title: Two people
timezone: Europe/Paris
people: [{id: pat, name: Pat}, {id: robin, name: Robin}]
events:
  - {title: Alpha, start: "2025-05-05 09:00", end: "2025-05-05 10:00", participants: [pat]}
  - {title: Bravo, start: "2025-05-05 11:00", end: "2025-05-05 13:00", participants: [pat]}
  - {title: Charlie, start: "2025-05-05 10:00", end: "2025-05-05 12:00", participants: [robin]}
`), 0o644)
	s := startTmux(t, 80, 24, path, "--now", "2025-01-01T00:00:00Z")
	s.waitFor("first frame", "Timeline · 3 events")
	scr := s.key("v")
	if !strings.Contains(scr, "Lanes by person · 3 events · 15 min a column") {
		t.Fatalf("v should show the lanes:\n%s", scr)
	}
	pat, robin := barColumns(lineStarting(t, scr, "Pat ")), barColumns(lineStarting(t, scr, "Robin "))
	// Alpha at 09:00 and Bravo at 11:00 are two hours, 8 columns of 15 min,
	// apart; Charlie starts between them, at 10:00.
	if len(pat) != 2 || len(robin) != 1 || pat[1]-pat[0] != 8 || robin[0]-pat[0] != 4 {
		t.Fatalf("bars: Pat %v, Robin %v; want Alpha, Charlie and Bravo 0, 4 and 8 columns apart:\n%s", pat, robin, scr)
	}
	hours := lineStarting(t, scr, "     ")
	for _, l := range strings.Split(scr, "\n") {
		if strings.Contains(l, "09  10  11") {
			hours = l
		}
	}
	if x := strings.Index(hours, "09"); x != pat[0] || strings.Index(hours, "11") != pat[1] {
		t.Errorf("the hour labels should stand over the bars' starts:\n%s\n%s", hours, lineStarting(t, scr, "Pat "))
	}
	if !strings.Contains(lineStarting(t, scr, "Robin "), "Charlie") {
		t.Errorf("Charlie's title should show:\n%s", scr)
	}
	s.key("v") // the week
	s.key("v") // the month
	scr = s.key("v")
	if !strings.Contains(scr, "Timeline · 3 events") || !strings.Contains(scr, "❯ 09:00–10:00") {
		t.Fatalf("v should come back to the list on Alpha:\n%s", scr)
	}
	s.quit()

	s = startTmux(t, 80, 24, "--view", "lanes", "--now", "2024-01-26T12:10:00+09:00")
	scr = s.waitFor("first frame", "Lanes by person", "Sam Altman ", "Kyung Kye-hyun ")
	assertFits(t, scr, 80)
	scr = s.key("t")
	if !strings.Contains(scr, "Lanes by track") || !strings.HasPrefix(lineStarting(t, scr, "Korea visit"), "Korea visit ") {
		t.Fatalf("t should group by track:\n%s", scr)
	}
	scr = s.resizeUntil(40, 12, "Sam Altman in Korea", "lane below")
	assertFits(t, scr, 40)
	if !strings.Contains(scr, "Korea v… ") || !strings.Contains(scr, "❯") {
		t.Errorf("at 40×12 the start of the tracks' names and the selection should show:\n%s", scr)
	}
	s.key("v") // the week
	s.key("v") // the month
	scr = s.key("v")
	if !strings.Contains(scr, "Timeline · 12") || !strings.Contains(scr, "❯ ~11:45  ⊙ [now · 50 min left]") {
		t.Errorf("v should come back to the list on the lunch:\n%s", scr)
	}
	s.quit()
}

// TestLanesSameEventAcrossLanesInTmux: j from an event that the next lane
// has too stays on it, and the axis stays where it was.
func TestLanesSameEventAcrossLanesInTmux(t *testing.T) {
	s := startTmux(t, 100, 24, "--view", "lanes", "--now", "2026-11-24T13:00:00-08:00", "data/examples/sf-conference.yaml")
	s.waitFor("first frame", "Lanes by person", "Lena Weber ")
	scr := s.key("l")
	if !strings.Contains(scr, "Visit to the Golden Gate") || strings.Contains(scr, "lane above") {
		t.Fatalf("l should select the visit in the first lane:\n%s", scr)
	}
	dates := strings.Split(scr, "\n")[3]
	scr = s.key("j")
	// On the second lane the footer offers the lane above.
	if !strings.Contains(scr, "lane above") || !strings.Contains(scr, "Visit to the Golden Gate") {
		t.Fatalf("j should stay on the visit, in Deniz's lane:\n%s", scr)
	}
	if got := strings.Split(scr, "\n")[3]; got != dates {
		t.Errorf("j moved the axis:\n%s\n%s", dates, got)
	}
	s.quit()
}
