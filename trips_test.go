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
