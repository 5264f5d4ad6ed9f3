package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// vdirICS is a calendar of one event at 10:00 UTC on 2 March 2026 plus
// hour.
func vdirICS(uid, title string, hour int) string {
	h := string(rune('0'+hour/10)) + string(rune('0'+hour%10))
	return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTART:20260302T" + h + "0000Z\r\nDTEND:20260302T" + h + "3000Z\r\nSUMMARY:" + title + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
}

// twoCollections makes a vdir of two collections, each with displayname
// and color: work (Work, #FF0000: Standup, Review) and home (Home\e[31m
// with an escape, a colour that is an escape and no colour: Dinner).
func twoCollections(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"work/displayname": "Work\n",
		"work/color":       "#ff0000\n",
		"work/a.ics":       vdirICS("a", "Standup", 9),
		"work/b.ics":       vdirICS("b", "Review", 14),
		"home/displayname": "Home\x1b]0;pwned\a\x1b[31m\n",
		"home/color":       "\x1b[2J#00ff00\n",
		"home/c.ics":       vdirICS("c", "Dinner", 18),
	}
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// noEscapes fails when s holds an escape or another control character
// than a line end or a tab.
func noEscapes(t *testing.T, what, s string) {
	t.Helper()
	if i := strings.IndexFunc(s, func(r rune) bool {
		return r < 0x20 && r != '\n' && r != '\r' && r != '\t' || r == 0x7f || r >= 0x80 && r < 0xa0
	}); i >= 0 {
		t.Errorf("%s holds a control character at %d: %q", what, i, s[max(i-20, 0):min(i+20, len(s))])
	}
}

func TestCalendarsJSON(t *testing.T) {
	dir := twoCollections(t)
	r := run(t, dir, nil, "--format", "json", "--tz", "UTC", ".")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	noEscapes(t, "stdout", r.stdout)
	noEscapes(t, "stderr", r.stderr)
	var doc struct {
		Calendars []struct{ ID, Name, Color string }
		Events    []struct{ Title, Calendar, Start, End string }
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Calendars) != 2 || doc.Calendars[1].Name != "Work" || doc.Calendars[1].Color != "#FF0000" ||
		!strings.HasPrefix(doc.Calendars[0].Name, "Home") {
		t.Errorf("calendars %+v", doc.Calendars)
	}
	if !regexp.MustCompile(`^#[0-9A-F]{6}$`).MatchString(doc.Calendars[0].Color) {
		t.Errorf("Home's colour %q: the hostile color file should have been ignored", doc.Calendars[0].Color)
	}
	home := doc.Calendars[0].Name
	want := map[string]string{"Standup": "Work", "Review": "Work", "Dinner": home}
	if len(doc.Events) != 3 {
		t.Fatalf("events %+v", doc.Events)
	}
	for _, e := range doc.Events {
		if e.Calendar != want[e.Title] {
			t.Errorf("%s: calendar %q, want %q", e.Title, e.Calendar, want[e.Title])
		}
	}
}

func TestCalendarsTextAndMarkdown(t *testing.T) {
	dir := twoCollections(t)
	for _, format := range []string{"text", "md", "html", "csv"} {
		r := run(t, dir, nil, "--format", format, "--tz", "UTC", "--now", "2026-03-01T00:00:00Z", ".")
		if r.code != 0 {
			t.Fatalf("%s: exit %d: %s", format, r.code, r.stderr)
		}
		noEscapes(t, format, r.stdout)
		if !strings.Contains(r.stdout, "2 calendars: Home") || !strings.Contains(r.stdout, ", Work") {
			if format != "csv" {
				t.Errorf("%s: no line naming the calendars:\n%s", format, r.stdout)
			}
		}
		switch format {
		case "text":
			for _, want := range []string{"[Work] Standup", "[Work] Review", "] Dinner"} {
				if !strings.Contains(r.stdout, want) {
					t.Errorf("text lacks %q:\n%s", want, r.stdout)
				}
			}
		case "md":
			if strings.Count(r.stdout, "- **Calendar:** Work") != 2 || !strings.Contains(r.stdout, "- **Calendar:** Home") {
				t.Errorf("md does not name each event's calendar:\n%s", r.stdout)
			}
		case "html":
			if !strings.Contains(r.stdout, `<span class="calendar" style="border-left-color: #FF0000">Work</span>`) {
				t.Errorf("html does not show the calendar:\n%s", r.stdout)
			}
		case "csv":
			if !strings.Contains(r.stdout, ",Work,") || !strings.Contains(r.stdout, ",Home") {
				t.Errorf("csv has no calendar column values:\n%s", r.stdout)
			}
		}
	}
	r := run(t, dir, nil, "--format", "md", "--compact", "--tz", "UTC", ".")
	if !strings.Contains(r.stdout, "[Work] Standup") {
		t.Errorf("compact md does not name the calendar:\n%s", r.stdout)
	}
}

func TestCalendarFlag(t *testing.T) {
	dir := twoCollections(t)
	r := run(t, dir, nil, "--format", "text", "--tz", "UTC", "--calendar", "work", ".")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "Standup") || !strings.Contains(r.stdout, "Review") || strings.Contains(r.stdout, "Dinner") {
		t.Errorf("--calendar work kept the wrong events:\n%s", r.stdout)
	}
	if !strings.Contains(r.stdout, "2 of 3 events · in Work") {
		t.Errorf("the header does not say the filter:\n%s", r.stdout)
	}
	r = run(t, dir, nil, "--format", "json", "--calendar", "Work", "--calendar", "home", ".")
	var doc struct {
		Filter struct{ Calendars []string }
		Events []struct{ Title string }
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("%v: %s", err, r.stderr)
	}
	if len(doc.Events) != 3 || len(doc.Filter.Calendars) != 2 || doc.Filter.Calendars[0] != "Work" {
		t.Errorf("two --calendar: %+v", doc)
	}

	r = run(t, dir, nil, "--format", "text", "--calendar", "Team", ".")
	if r.code != 2 || r.stdout != "" {
		t.Errorf("unknown calendar: exit %d, stdout %q", r.code, r.stdout)
	}
	if !strings.Contains(r.stderr, `--calendar "Team" names no calendar of this itinerary; the calendars are:`) ||
		!strings.Contains(r.stderr, "\n  Work") || !strings.Contains(r.stderr, "\n  Home") {
		t.Errorf("unknown calendar: stderr %q", r.stderr)
	}
	noEscapes(t, "stderr", r.stderr)

	r = run(t, t.TempDir(), nil, "--format", "text", "--calendar", "Work")
	if r.code != 2 || !strings.Contains(r.stderr, "this itinerary has no calendars") {
		t.Errorf("no calendars: exit %d, stderr %q", r.code, r.stderr)
	}

	// Two collections called the same: the name keeps both, each id one,
	// and the list tells them apart by their ids.
	if err := os.WriteFile(filepath.Join(dir, "home", "displayname"), []byte("Work\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if r = run(t, dir, nil, "--format", "text", "--tz", "UTC", "--calendar", "Work", "."); !strings.Contains(r.stdout, "Dinner") || !strings.Contains(r.stdout, "Standup") {
		t.Errorf("--calendar of a shared name keeps one of them:\n%s", r.stdout)
	}
	if r = run(t, dir, nil, "--format", "text", "--tz", "UTC", "--calendar", "work-2", "."); strings.Contains(r.stdout, "Dinner") == strings.Contains(r.stdout, "Standup") {
		t.Errorf("--calendar work-2 keeps not one of the two:\n%s", r.stdout)
	}
	if r = run(t, dir, nil, "--format", "text", "--calendar", "Team", "."); !strings.Contains(r.stderr, "\n  Work (work)") || !strings.Contains(r.stderr, "\n  Work (work-2)") {
		t.Errorf("the calendars of one name are not told apart: %q", r.stderr)
	}
}

// TestCalendarsYAML: --format yaml of a vdir writes one itinerary whose
// events keep their calendars and colours, and it reads back the same.
func TestCalendarsYAML(t *testing.T) {
	dir := twoCollections(t)
	// Events in zones of their own, not the merged itinerary's: written
	// with their zones, they read back at the same instants.
	for name, body := range map[string]string{
		"work/seoul.ics": "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-TIMEZONE:Asia/Seoul\r\nBEGIN:VEVENT\r\nUID:s\r\nDTSTART;TZID=Asia/Seoul:20260302T220000\r\nDTEND;TZID=Asia/Seoul:20260302T230000\r\nSUMMARY:Seoul\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
		"home/paris.ics": "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:p\r\nDTSTART;TZID=Europe/Paris:20260302T190000\r\nDTEND;TZID=Europe/Paris:20260302T200000\r\nSUMMARY:Paris\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r := run(t, dir, nil, "--format", "yaml", ".")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	noEscapes(t, "yaml", r.stdout)
	for _, want := range []string{"calendars:\n", "  - name: Work\n    color: '#FF0000'\n", "calendar: Work\n"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("yaml lacks %q:\n%s", want, r.stdout)
		}
	}
	out := t.TempDir()
	if err := os.WriteFile(filepath.Join(out, "merged.yaml"), []byte(r.stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	first := run(t, dir, nil, "--format", "json", "--tz", "UTC", ".")
	back := run(t, out, nil, "--format", "json", "--tz", "UTC", "merged.yaml")
	if back.code != 0 {
		t.Fatalf("reading it back: exit %d: %s", back.code, back.stderr)
	}
	type doc struct {
		Calendars []struct{ Name, Color string }
		Events    []struct{ Title, Calendar, Start, End string }
	}
	var a, b doc
	if err := json.Unmarshal([]byte(first.stdout), &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(back.stdout), &b); err != nil {
		t.Fatal(err)
	}
	if len(a.Calendars) != len(b.Calendars) || len(a.Events) != len(b.Events) {
		t.Fatalf("read back %+v, want %+v", b, a)
	}
	for i := range a.Calendars {
		if a.Calendars[i] != b.Calendars[i] {
			t.Errorf("calendar %d: %+v, want %+v", i, b.Calendars[i], a.Calendars[i])
		}
	}
	for i := range a.Events {
		if a.Events[i] != b.Events[i] {
			t.Errorf("event %d: %+v, want %+v", i, b.Events[i], a.Events[i])
		}
	}
}

// TestCalendarsCheck: --check of two collections says the contract's
// "FILE: ok (N events, M people)" and then how many calendars.
func TestCalendarsCheck(t *testing.T) {
	r := run(t, twoCollections(t), nil, "--check", ".")
	if r.code != 0 || !strings.HasPrefix(r.stdout, ".: ok (3 events, ") || !strings.HasSuffix(r.stdout, ") from 2 calendars\n") {
		t.Errorf("--check of two collections: exit %d, %q, %q", r.code, r.stdout, r.stderr)
	}
}
