package e2e

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/visitline/visitline/tui"
)

// pageRange reads "lines 1–16 of 77" from a page's title.
var pageRange = regexp.MustCompile(`lines (\d+)–(\d+) of (\d+)`)

// scrollPage presses j on the open page until its last line is on screen
// and returns every screen seen.
func (s *tmuxSession) scrollPage() []string {
	s.t.Helper()
	scr := s.screen()
	screens := []string{scr}
	for range 300 {
		m := pageRange.FindStringSubmatch(scr)
		if m == nil {
			return screens // the page fits
		}
		if m[2] == m[3] {
			return screens
		}
		scr = s.key("j")
		screens = append(screens, scr)
	}
	s.t.Fatal("the page never reached its end")
	return nil
}

// helpRows are the key column of every row of --help, which is made from
// the same key map as the ? page.
func helpRows(t *testing.T) []string {
	var keys []string
	for _, l := range strings.Split(tui.HelpText(), "\n") {
		if strings.HasPrefix(l, "  ") && len(l) > 24 {
			keys = append(keys, strings.TrimSpace(l[:24]))
		}
	}
	if len(keys) < 30 {
		t.Fatalf("only %d rows in --help", len(keys))
	}
	return keys
}

// TestHelpAndAboutInTmux: at 80×24 and 60×20 every key of the key map can
// be scrolled into view on the ? page, the about page's sources can be
// reached, and keys pressed on a page leave the view behind it as it was.
func TestHelpAndAboutInTmux(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			s := startTmux(t, size[0], size[1], "--now", "2024-01-01T00:00:00Z")
			s.waitFor("first frame", "Timeline · 12 events")
			s.key("j")
			before := s.key("j")
			if !strings.Contains(before, "? more keys") {
				t.Errorf("the footer lacks ? at %d columns:\n%s", size[0], before)
			}
			s.key("?")
			screens := s.scrollPage()
			for _, keys := range helpRows(t) {
				found := false
			search:
				for _, scr := range screens {
					for _, l := range strings.Split(scr, "\n") {
						if strings.HasPrefix(l, "  "+keys+" ") {
							found = true
							break search
						}
					}
				}
				if !found {
					t.Errorf("%q is never on the ? page", keys)
				}
			}
			if !strings.Contains(strings.Join(screens, "\n"), "[! overlap]") {
				t.Errorf("the legend never shows")
			}
			// Keys that would move, filter or refocus the view behind.
			for _, k := range []string{"g", "k", "Tab", "Enter", "n", "z", "b", "e", "]"} {
				s.tmux("send-keys", "-t", "main", k)
			}
			s.key("i") // switch to about
			for _, k := range []string{"G", "j", "Tab", "n"} {
				s.tmux("send-keys", "-t", "main", k)
			}
			s.waitFor("about's sources", "About this itinerary", "Sources", "2024-01-26")
			if after := s.key("Escape"); after != before {
				t.Errorf("keys on the pages changed the view:\nbefore\n%s\nafter\n%s", before, after)
			}
			s.quit()
		})
	}
}

// TestPickerFooterInTmux: at 80×24 the people picker's footer ends with
// the key that quits from it, with no separator left over; ctrl+c quits.
func TestPickerFooterInTmux(t *testing.T) {
	s := startTmux(t, 80, 24, "--now", "2024-01-01T00:00:00Z")
	s.waitFor("first frame", "Sam Altman in Korea", "q quit")
	scr := s.key("p")
	f := lastLine(scr)
	if !strings.Contains(scr, "Filter by person") || !strings.HasSuffix(f, "esc close • ctrl+c quit") {
		t.Fatalf("picker footer %q; screen:\n%s", f, scr)
	}
	s.tmux("send-keys", "-t", "main", "C-c")
	if code := s.exitCode(); code != "0" {
		t.Errorf("ctrl+c in the picker: exit %s", code)
	}
}

// TestZoneKeyInTmux: with this machine's zone UTC (under the name
// Etc/UTC), z steps through the itinerary's zone, each venue's, and this
// machine's, and then back: UTC is not offered a second time.
func TestZoneKeyInTmux(t *testing.T) {
	s := startTmuxIn(t, "Etc/UTC", 160, 30, "--now", "2024-01-01T00:00:00Z")
	scr := s.waitFor("first frame", "Sam Altman in Korea", "times: Asia/Seoul (KST)")
	zoneOf := func(scr string) string {
		line := strings.Split(scr, "\n")[1]
		_, after, _ := strings.Cut(line, "times: ")
		zone, _, _ := strings.Cut(after, " · ")
		return zone
	}
	first := zoneOf(scr)
	var seen []string
	for range 6 {
		seen = append(seen, zoneOf(scr))
		scr = s.key("z")
		if zoneOf(scr) == first {
			break
		}
	}
	if zoneOf(scr) != first || len(seen) != 3 {
		t.Fatalf("z steps through %q, then %q", seen, zoneOf(scr))
	}
	for _, z := range seen[1:] {
		if strings.Contains(z, "UTC") && !strings.Contains(z, "machine") {
			t.Errorf("UTC offered again after this machine's zone: %q", seen)
		}
	}
}

// TestFilterAndSearchInTmux: the person picker with a Hangul name, esc to
// bring everything back, a search with a person term and an exclusion, and
// two people at once.
func TestFilterAndSearchInTmux(t *testing.T) {
	s := startTmux(t, 120, 40, "--now", "2024-01-01T00:00:00Z")
	s.waitFor("first frame", "Timeline · 12 events")
	s.key("p")
	s.typeLiteral("최태원", "❯   Chey Tae-won 최태원")
	scr := s.key("Enter")
	if !strings.Contains(scr, "[Chey Tae-won] · 1 of 12 events") || !strings.Contains(scr, "Separate meeting with SK Group's Chairman") ||
		strings.Contains(scr, "Tour of Samsung's Pyeongtaek") {
		t.Fatalf("only the meeting with Chey should be left:\n%s", scr)
	}
	scr = s.key("Escape")
	if !strings.Contains(scr, "Timeline · 12 events") || !strings.Contains(scr, "Tour of Samsung's Pyeongtaek") {
		t.Fatalf("esc should bring everything back:\n%s", scr)
	}
	s.key("/")
	s.typeLiteral("@kyung !dinner", "2 of 12")
	scr = s.key("Enter")
	if !strings.Contains(scr, "Kyung Kye-hyun back from") || !strings.Contains(scr, "Tour of Samsung's Pyeongtaek") ||
		strings.Contains(scr, "~17:30–18:45") || !strings.Contains(scr, "Timeline · 2 of 12 events") {
		t.Fatalf("@kyung !dinner should leave Kyung's events but the dinner:\n%s", scr)
	}
	s.key("Escape")
	s.waitFor("search cleared", "Timeline · 12 events")
	s.key("p")
	s.typeLiteral("kyung", "❯   Kyung Kye-hyun")
	s.key("Enter")
	s.key("p")
	s.typeLiteral("altman", "❯   Sam Altman")
	scr = s.key("Enter")
	if !strings.Contains(scr, "[Kyung Kye-hyun] [Sam Altman] all of · 2 of 12 events") ||
		!strings.Contains(scr, "Tour of Samsung's Pyeongtaek") || !strings.Contains(scr, "Dinner with Kyung Kye-hyun") ||
		strings.Contains(scr, "back from Japan") {
		t.Fatalf("two people should keep only events with both:\n%s", scr)
	}
	s.quit()
}
