package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestConferenceTripJSON: the example trip's JSON gives the flight out its
// 11 h 35 min and both local times, and the conference its three days
// without an invented instant.
func TestConferenceTripJSON(t *testing.T) {
	r := runBinary(t, ".", nil, "--format", "json", "data/examples/sf-conference.yaml")
	if r.code != 0 {
		t.Fatalf("%+v", r)
	}
	var doc struct {
		ID     string `json:"id"`
		Events []struct {
			ID              string `json:"id"`
			Start           string `json:"start"`
			StartLocal      string `json:"start_local"`
			EndLocal        string `json:"end_local"`
			DurationMinutes *int   `json:"duration_minutes"`
			EndTimezone     string `json:"end_timezone"`
			Date            string `json:"date"`
			EndDate         string `json:"end_date"`
			Status          string `json:"status"`
		} `json:"events"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, e := range doc.Events {
		switch e.ID {
		case "flight-out":
			found++
			if e.DurationMinutes == nil || *e.DurationMinutes != 11*60+35 || e.StartLocal != "2026-11-22T13:30:00+01:00" ||
				e.EndLocal != "2026-11-22T16:05:00-08:00" || e.EndTimezone != "America/Los_Angeles" {
				t.Errorf("flight out: %+v", e)
			}
		case "conference":
			found++
			if e.Date != "2026-11-23" || e.EndDate != "2026-11-25" || e.Start != "" || e.DurationMinutes != nil {
				t.Errorf("conference: %+v", e)
			}
		case "partner-visit":
			found++
			if e.Status != "cancelled" {
				t.Errorf("cancelled meeting: %+v", e)
			}
		}
	}
	if found != 3 || doc.ID != "sf-conference-2026" {
		t.Errorf("found %d of 3 events, id %q", found, doc.ID)
	}
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

// TestConferenceTripInLosAngeles: the printed agenda in Los Angeles lists
// the conference under each of its days and the overnight flight home
// under the day it lands, with both ends of each flight in their zones.
func TestConferenceTripInLosAngeles(t *testing.T) {
	r := runBinary(t, ".", nil, "--print", "--tz", "America/Los_Angeles", "data/examples/sf-conference.yaml")
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("%+v", r)
	}
	golden(t, "testdata/print-sf-conference-la.txt", r.stdout)
	for _, want := range []string{
		"Tue 24 Nov 2026 · 2 events\n                 ↳ Cloud Systems Summit · day 2 of 3\n",
		"Wed 25 Nov 2026 · 2 events\n                 ↳ Cloud Systems Summit · day 3 of 3\n",
		"Thu 26 Nov 2026 · continued\n  until 02:05    ↳ Flight San Francisco to Frankfurt · day 2 of 2\n",
		"  04:30–16:05    Flight Frankfurt to San Francisco · 13:30 CET → 16:05 PST · 11 h 35 min · ",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("the agenda lacks\n%s\nin\n%s", want, r.stdout)
		}
	}
	md := runBinary(t, ".", nil, "--format", "md", "data/examples/sf-conference.yaml")
	if !strings.Contains(md.stdout, "- **Journey:** Wed 25 Nov 15:20 PST → 11:05 CET · 10 h 45 min\n") {
		t.Errorf("the briefing lacks the flight home's journey:\n%s", md.stdout)
	}
}
