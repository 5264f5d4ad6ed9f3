package e2e

import (
	"strings"
	"testing"
)

// TestStartAndDotSkipWholeDayEntriesInTmux: at start and after `.`, the
// selection is on the next timed event, not on the free day before it.
func TestStartAndDotSkipWholeDayEntriesInTmux(t *testing.T) {
	s := startTmux(t, 120, 40, "--now", "2025-03-29T18:15:00Z", "data/examples/lagos-london.yaml")
	scr := s.waitFor("first frame", "❯ 09:00–09:45", "Call with the office in Lagos")
	if !strings.Contains(scr, "❯ 09:00–09:45  ") || strings.Contains(scr, "❯ all day") {
		t.Fatalf("start selection is not on the call:\n%s", scr)
	}
	s.key("g")
	scr = s.key(".")
	if !strings.Contains(scr, "❯ 09:00–09:45   ● [in 13 h 45 min] Call with the office in Lagos") || strings.Contains(scr, "❯ all day") {
		t.Fatalf("`.` did not select the call:\n%s", scr)
	}
	s.quit()
}

// TestConferenceNowInTmux: started with --now on the conference's second
// morning, the view selects the lunch, the next timed event, not the
// conference under way; "g" then "." comes back to the lunch.
func TestConferenceNowInTmux(t *testing.T) {
	s := startTmux(t, 120, 40, "--now", "2026-11-24T08:00:00-08:00", "--no-watch", "data/examples/sf-conference.yaml")
	scr := s.waitFor("first frame", "Berlin team at a San Francisco conference", "Lunch with Golden Gate Robotics")
	if sel := selectedLine(scr); !strings.Contains(sel, "Lunch with Golden Gat") {
		t.Fatalf("start selection %q, want the lunch:\n%s", sel, scr)
	}
	s.key("g")
	scr = s.key(".")
	if sel := selectedLine(scr); !strings.Contains(sel, "Lunch with Golden Gat") {
		t.Errorf(". selected %q, want the lunch:\n%s", sel, scr)
	}
	s.key("q")
}

// selectedLine is the timeline row marked as selected.
func selectedLine(scr string) string {
	for _, l := range strings.Split(scr, "\n") {
		if strings.HasPrefix(l, "❯ ") && !strings.HasPrefix(l, "❯ Timeline") {
			row, _, _ := strings.Cut(l, "│")
			return row
		}
	}
	return ""
}
