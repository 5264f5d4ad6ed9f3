package main

import (
	"strings"
	"testing"
)

// TestUpcomingWholeDayEntriesKeepOutOfNow: an all-day or multi-day entry
// about to begin never takes the countdown or the → mark from the timed
// event inside it, in the text agenda or in Markdown (issue #12).
func TestUpcomingWholeDayEntriesKeepOutOfNow(t *testing.T) {
	r := runBinary(t, ".", nil, "--print", "--now", "2026-11-22T20:00:00-08:00", "--tz", "America/Los_Angeles", "data/examples/sf-conference.yaml")
	if !strings.Contains(r.stdout, "\n  3 days         Cloud Systems Summit ·") ||
		!strings.Contains(r.stdout, "\n→ 09:00–10:30    [in 13 h] Opening keynote ·") {
		t.Errorf("the keynote, not the conference, is next:\n%s", r.stdout)
	}
	r = runBinary(t, ".", nil, "--print", "--now", "2025-03-29T18:15:00Z", "data/examples/lagos-london.yaml")
	if !strings.Contains(r.stdout, "\n  all day        Free day") || !strings.Contains(r.stdout, "\n→ 09:00–09:45    [in 13 h 45 min] Call with the office in Lagos") {
		t.Errorf("the call, not the free day, is next:\n%s", r.stdout)
	}
	r = runBinary(t, ".", nil, "--format", "md", "--now", "2025-03-29T18:15:00Z", "data/examples/lagos-london.yaml")
	free, call := strings.Index(r.stdout, "Free day"), strings.Index(r.stdout, "Call with the office in Lagos")
	if free < 0 || call < 0 || strings.Contains(r.stdout[free:call], "[in ") || !strings.Contains(r.stdout[call:], `\[in 13 h 45 min\]`) {
		t.Errorf("Markdown counts down to the free day:\n%s", r.stdout)
	}
}

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
