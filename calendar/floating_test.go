package calendar

import (
	"slices"
	"strconv"
	"testing"
	"time"
)

// Floating times are read in this machine's zone (time.Local). The tests
// of this package compare them with fixed expectations and with the
// reference as on a machine on UTC, whatever zone the machine is in.
func init() { time.Local = time.UTC }

// TestFloatingTimesAreMarked: a DATE-TIME without TZID and without Z (as
// calcurse writes it) is a floating time: the event is marked floating and
// its wall clock is read in the viewer's zone; with a TZID or a Z it is
// not (issue 19, item 3).
func TestFloatingTimesAreMarked(t *testing.T) {
	ics := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//calcurse//NONSGML v4.8.1//EN\r\n" +
		"BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20261203T140000\r\nDTEND:20261203T150000\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:b\r\nDTSTART:20261203T180000Z\r\nSUMMARY:In UTC\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:c\r\nDTSTART;TZID=Asia/Seoul:20261204T090000\r\nSUMMARY:In Seoul\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:d\r\nDTSTART:20261205T083000\r\nRRULE:FREQ=DAILY;COUNT=2\r\nDURATION:PT30M\r\nSUMMARY:Walk\r\nEND:VEVENT\r\n" +
		"END:VCALENDAR\r\n"
	it, err := Load("floating.ics", []byte(ics))
	if err != nil {
		t.Fatal(err)
	}
	la, _ := time.LoadLocation("America/Los_Angeles")
	it.SetFloating(la)
	want := map[string][]string{ // title → floating, start in UTC
		"Dentist":  {"true", "2026-12-03T22:00:00Z"},
		"In UTC":   {"false", "2026-12-03T18:00:00Z"},
		"In Seoul": {"false", "2026-12-04T00:00:00Z"},
		"Walk":     {"true", "2026-12-05T16:30:00Z", "2026-12-06T16:30:00Z"},
	}
	got := map[string][]string{}
	for i := range it.Events {
		e := &it.Events[i]
		if got[e.Title] == nil {
			got[e.Title] = []string{strconv.FormatBool(e.Floating)}
		}
		got[e.Title] = append(got[e.Title], e.Start.UTC().Format(time.RFC3339))
	}
	for title, w := range want {
		if g := got[title]; !slices.Equal(g, w) {
			t.Errorf("%s: %v, want %v", title, g, w)
		}
	}
}

// TestDeclaredZoneReadsFloatingTimes: a calendar that declares
// X-WR-TIMEZONE (Google's and Apple's exports) has its times without TZID
// in that zone, not floating; a calendar of floating times only names no
// zone (Itinerary.NoZone), one with a TZID or a UTC time does.
func TestDeclaredZoneReadsFloatingTimes(t *testing.T) {
	cal := func(head, dtstart string) string {
		return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + head + "BEGIN:VEVENT\r\nUID:a\r\n" + dtstart +
			"\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	}
	tests := []struct {
		name, ics, start string
		floating, noZone bool
	}{
		{"declared", cal("X-WR-TIMEZONE:America/New_York\r\n", "DTSTART:20261203T140000"), "2026-12-03T19:00:00Z", false, false},
		{"unknown declared", cal("X-WR-TIMEZONE:Nowhere/Else\r\n", "DTSTART:20261203T140000"), "2026-12-03T14:00:00Z", true, true},
		{"floating only", cal("", "DTSTART:20261203T140000"), "2026-12-03T14:00:00Z", true, true},
		{"utc", cal("", "DTSTART:20261203T140000Z"), "2026-12-03T14:00:00Z", false, false},
		{"tzid", cal("", "DTSTART;TZID=Asia/Seoul:20261203T140000"), "2026-12-03T05:00:00Z", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			it, err := Load("x.ics", []byte(tt.ics))
			if err != nil {
				t.Fatal(err)
			}
			e := &it.Events[0]
			if got := e.Start.UTC().Format(time.RFC3339); got != tt.start || e.Floating != tt.floating || it.NoZone != tt.noZone {
				t.Errorf("start %s floating %v NoZone %v, want %s %v %v", got, e.Floating, it.NoZone, tt.start, tt.floating, tt.noZone)
			}
		})
	}
}
