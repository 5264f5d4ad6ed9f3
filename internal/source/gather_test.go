package source

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func ics(uid, title, attendee string) string {
	a := ""
	if attendee != "" {
		a = "ATTENDEE;CN=Someone:mailto:" + attendee + "\r\n"
	}
	return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTART:20250101T100000Z\r\nDTEND:20250101T110000Z\r\nSUMMARY:" + title + "\r\n" + a + "END:VEVENT\r\nEND:VCALENDAR\r\n"
}

func write(t *testing.T, path, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestGatherVdir: two collections named by displayname (escapes cleaned)
// and coloured by color (a bad one ignored with a warning); a broken file
// is a warning and the rest load; hidden and backup files are skipped;
// the same address in both calendars is one person; a second load reads
// only the file that changed.
func TestGatherVdir(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "work", "displayname"), "Work\x1b[31m\n")
	write(t, filepath.Join(dir, "work", "color"), "#ff0000\n")
	write(t, filepath.Join(dir, "work", "a.ics"), ics("a", "Standup", "ann@example.com"))
	write(t, filepath.Join(dir, "work", "b.ics"), ics("b", "Review", ""))
	write(t, filepath.Join(dir, "work", "broken.ics"), "BEGIN:VCALENDAR\r\nnonsense\r\n")
	write(t, filepath.Join(dir, "work", ".hidden.ics"), ics("h", "Hidden", ""))
	write(t, filepath.Join(dir, "work", "c.ics~"), ics("c", "Backup", ""))
	write(t, filepath.Join(dir, "home", "color"), "red\x1b]0;x\a")
	write(t, filepath.Join(dir, "home", "d.ics"), ics("d", "Dinner", "ANN@example.com"))
	it, src, err := OpenAll([]string{dir}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if src.Kind != Gathered || len(it.Calendars) != 2 {
		t.Fatalf("kind %v, calendars %+v", src.Kind, it.Calendars)
	}
	home, work := it.Calendars[0], it.Calendars[1]
	if work.Name != "Work[31m" && work.Name != "Work" || strings.ContainsRune(work.Name, 0x1b) || work.Color != "#FF0000" {
		t.Errorf("work: %+v", work)
	}
	if home.Name != "home" || home.Color == "" || home.Color[0] != '#' {
		t.Errorf("home: %+v", home)
	}
	titles := map[string]bool{}
	for _, e := range it.Events {
		titles[e.Title] = true
		if e.File == "" || it.CalendarOf(&e) == nil {
			t.Errorf("event %q: file %q, calendar %d", e.Title, e.File, e.Calendar)
		}
	}
	if len(it.Events) != 3 || titles["Hidden"] || titles["Backup"] {
		t.Errorf("events %v", titles)
	}
	if len(it.People) != 1 {
		t.Errorf("people %+v; want one (the same address)", it.People)
	}
	warn := strings.Join(src.Warnings(), "\n")
	if !strings.Contains(warn, "broken.ics") || !strings.Contains(warn, "color") || strings.ContainsRune(warn, 0x1b) {
		t.Errorf("warnings: %q", warn)
	}
	if f := src.Failures(); f != nil {
		t.Errorf("failures of files that loaded with warnings: %q", f)
	}
	g := src.gathered
	before := g.reads
	write(t, filepath.Join(dir, "work", "b.ics"), ics("b", "Review moved", ""))
	if _, err := src.Loader()(); err != nil {
		t.Fatal(err)
	}
	if got := g.reads - before; got != 1 {
		t.Errorf("the second load read %d files; want 1", got)
	}
	// A file that does not load is a failure until it is fixed.
	bad := filepath.Join(dir, "work", "bad.yaml")
	write(t, bad, "title: [\n")
	if _, err := src.Loader()(); err != nil || !strings.Contains(strings.Join(src.Failures(), "\n"), "bad.yaml:") {
		t.Errorf("a broken file: %v, failures %q", err, src.Failures())
	}
	write(t, bad, "version: 1\ntitle: Fixed\ntimezone: UTC\nevents: []\n")
	if _, err := src.Loader()(); err != nil || src.Failures() != nil {
		t.Errorf("after the fix: %v, failures %q", err, src.Failures())
	}
}

// TestGatherFiles: several FILEs, "-" among them, each its own calendar;
// one FILE alone is Open's, with no calendars.
func TestGatherFiles(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.ics")
	write(t, a, ics("a", "A", ""))
	it, src, err := OpenAll([]string{a, "-"}, bytes.NewReader([]byte(ics("s", "S", ""))), nil)
	if err != nil || len(it.Events) != 2 || len(it.Calendars) != 2 || src.Kind != Gathered {
		t.Fatalf("%v %+v", err, src)
	}
	it, src, err = OpenAll([]string{a}, nil, nil)
	if err != nil || len(it.Calendars) != 0 || src.Kind != File {
		t.Errorf("one file: %v %+v %d calendars", err, src, len(it.Calendars))
	}
}

// TestGatherNothingLoads: exit 1 (an error) only when no file loads.
func TestGatherNothingLoads(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "c", "x.ics"), "title: [\n")
	if _, _, err := OpenAll([]string{dir}, nil, nil); err == nil {
		t.Error("no error")
	}
}

// TestGatherStdinNamed: standard input among a folder is a calendar named
// by its X-WR-CALNAME, as a file is; without one, <stdin>.
func TestGatherStdinNamed(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "home", "d.ics"), ics("d", "Dinner", ""))
	named := strings.Replace(ics("t", "Retro", ""), "VERSION:2.0\r\n", "VERSION:2.0\r\nX-WR-CALNAME:Team\r\n", 1)
	for body, want := range map[string]string{named: "Team", ics("u", "Retro", ""): StdinName} {
		it, _, err := OpenAll([]string{"-", dir}, strings.NewReader(body), nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(it.Calendars) != 2 || it.Calendars[0].Name != want {
			t.Errorf("calendars %+v, want the first named %q", it.Calendars, want)
		}
	}
}
