package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCalendarInput: an iCalendar file is recognised by its content, under
// any name and on standard input, and --format yaml makes a file that
// --check accepts with the same events.
func TestCalendarInput(t *testing.T) {
	dir := t.TempDir()
	ics, err := os.ReadFile("calendar/testdata/google.ics")
	if err != nil {
		t.Fatal(err)
	}
	named := filepath.Join(dir, "export.txt")
	if err := os.WriteFile(named, ics, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"--check", named}, {"--check", "-"}} {
		r := runBinary(t, dir, ics, args...)
		if r.code != 0 || !strings.HasSuffix(r.stdout, ": ok (5 events, 3 people)\n") {
			t.Errorf("%v: exit %d, %q %q", args, r.code, r.stdout, r.stderr)
		}
	}
	r := runBinary(t, dir, nil, named, "--format", "yaml")
	if r.code != 0 || !strings.Contains(r.stdout, "title: Berlin conference trip\n") {
		t.Fatalf("--format yaml: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	trip := filepath.Join(dir, "trip.yaml")
	if err := os.WriteFile(trip, []byte(r.stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	a := runBinary(t, dir, nil, "--print", named)
	b := runBinary(t, dir, nil, "--print", trip)
	if a.stdout != b.stdout || b.code != 0 {
		t.Errorf("the agenda of the YAML differs from the calendar's:\n%s\n---\n%s%s", a.stdout, b.stdout, b.stderr)
	}
	bad := runBinary(t, dir, []byte("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:Lost\nEND:VEVENT\nEND:VCALENDAR\n"), "--check", "-")
	if bad.code != 0 || bad.stderr != "<stdin>:2: warning: event \"Lost\" has no DTSTART; skipped\n" {
		t.Errorf("exit %d, stderr %q", bad.code, bad.stderr)
	}
}

// TestBareEvents: khal's files of bare VEVENTs, without a VCALENDAR, are
// calendars, from a file and on standard input, with a warning.
func TestBareEvents(t *testing.T) {
	dir := t.TempDir()
	ics := []byte("BEGIN:VEVENT\nSUMMARY:An Event\nDTSTART;VALUE=DATE:20140409\nUID:V042MJ8B3SJNFXQOJL6P53OFMHJE8Z3VZWOU\nEND:VEVENT\n")
	named := filepath.Join(dir, "event_d.ics")
	if err := os.WriteFile(named, ics, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, in := range []struct {
		name  string
		stdin []byte
	}{{named, nil}, {"<stdin>", ics}} {
		arg := in.name
		if in.stdin != nil {
			arg = "-"
		}
		r := runBinary(t, dir, in.stdin, "--print", arg)
		want := in.name + ":1: warning: BEGIN:VEVENT without BEGIN:VCALENDAR; the file is read as a calendar of its bare components\n"
		if r.code != 0 || !strings.Contains(r.stdout, "An Event") || r.stderr != want {
			t.Errorf("%s: exit %d\n%s%s", in.name, r.code, r.stdout, r.stderr)
		}
	}
}

// TestCalendarInTmux: a calendar's attendees are people in the view, with
// cards and filters, and an edit of the .ics file reloads as iCalendar.
func TestCalendarInTmux(t *testing.T) {
	ics, err := os.ReadFile("calendar/testdata/google.ics")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "trip.ics")
	os.WriteFile(path, ics, 0o644)
	s := startTmux(t, 120, 40, path)
	s.waitFor("first frame", "Berlin conference trip", "Weekly sync (moved)", "Hamburg weekend")
	s.key("Tab")
	s.key("j")
	scr := s.key("Enter")
	if !strings.Contains(scr, "Björn Müller") || !strings.Contains(scr, "bjorn@example.com") {
		t.Fatalf("Enter on the second participant should open Björn Müller's card:\n%s", scr)
	}
	scr = s.key("f")
	if !strings.Contains(scr, "[Björn Müller] · 2 of 5 events") {
		t.Fatalf("f should filter to Björn Müller's two events:\n%s", scr)
	}
	saveByRename(t, path, []byte(strings.Replace(string(ics), "SUMMARY:Weekly sync\n", "SUMMARY:Weekly review\n", 1)))
	s.waitFor("reload", "Weekly review", "[Björn Müller] · 2 of 5 events")
	s.quit()
}
