//go:build unix

package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// vevent is a one-event calendar; pad puts lines before its VEVENT, so
// that the event's line is not the file's first.
func vevent(uid, title, start string, pad int) string {
	return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + strings.Repeat("X-PAD:line\r\n", pad) +
		"BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTART:" + start + "\r\nDTEND:" + start[:9] + "235900Z\r\nSUMMARY:" + title +
		"\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
}

// writeVdirFile writes one file of a vdir, making its folder.
func writeVdirFile(t *testing.T, path, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestVdirLiveInTmux: a vdir of two collections (displayname and color
// files) in the view; a file added to the first shows its event, a file
// removed takes its event away, a hidden file and a partial download show
// nothing, a file that does not load is named in the panel while the
// others stay, and e on an event of the second collection opens that
// event's own file at the line of its BEGIN:VEVENT.
func TestVdirLiveInTmux(t *testing.T) {
	dir := t.TempDir()
	vdir := filepath.Join(dir, "calendars")
	writeVdirFile(t, filepath.Join(vdir, "home", "displayname"), "Home\n")
	writeVdirFile(t, filepath.Join(vdir, "home", "color"), "#33AA55\n")
	writeVdirFile(t, filepath.Join(vdir, "home", "dinner.ics"), vevent("dinner", "Family dinner", "20250101T190000Z", 0))
	writeVdirFile(t, filepath.Join(vdir, "work", "displayname"), "Work\n")
	writeVdirFile(t, filepath.Join(vdir, "work", "color"), "#AA3355\n")
	writeVdirFile(t, filepath.Join(vdir, "work", "standup.ics"), vevent("standup", "Morning standup", "20250101T090000Z", 0))
	review := filepath.Join(vdir, "work", "review.ics")
	writeVdirFile(t, review, vevent("review", "Quarterly review", "20250102T100000Z", 3)) // BEGIN:VEVENT on line 6
	argsFile := filepath.Join(dir, "args")
	// Named vi so that it gets +LINE FILE; it records its arguments.
	editor := filepath.Join(dir, "vi")
	script := fmt.Sprintf("#!/bin/sh\nprintf '%%s\\n' \"$@\" > %q\n", argsFile)
	if err := os.WriteFile(editor, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	s := startTmuxEnv(t, []string{"TZ=UTC", "VISUAL=", "EDITOR=" + editor}, 100, 30, vdir, "--now", "2024-12-01T00:00:00Z")
	s.waitFor("first frame", "Family dinner", "Morning standup", "Quarterly review")

	start := time.Now()
	writeVdirFile(t, filepath.Join(vdir, "home", "picnic.ics"), vevent("picnic", "Winter picnic", "20250101T120000Z", 0))
	s.waitFor("a file added", "Winter picnic")
	t.Logf("a file added showed after %v", time.Since(start).Round(time.Millisecond))

	// Files the loader skips: nothing of them may show.
	writeVdirFile(t, filepath.Join(vdir, "home", ".hidden.ics"), vevent("hidden", "Hidden event", "20250101T130000Z", 0))
	writeVdirFile(t, filepath.Join(vdir, "home", "download.ics.part"), vevent("part", "Partial event", "20250101T140000Z", 0))

	start = time.Now()
	if err := os.Remove(filepath.Join(vdir, "work", "standup.ics")); err != nil {
		t.Fatal(err)
	}
	scr := s.waitGone("a file removed", "Morning standup")
	t.Logf("a file removed went after %v", time.Since(start).Round(time.Millisecond))
	if strings.Contains(scr, "Hidden event") || strings.Contains(scr, "Partial event") {
		t.Errorf("a skipped file showed:\n%s", scr)
	}

	// A file that does not load is named in the panel, the others stay.
	bad := filepath.Join(vdir, "work", "bad.yaml")
	writeVdirFile(t, bad, "title: [\n")
	s.waitFor("a broken file", "some sources did not load", "bad.yaml:", "Quarterly review", "Winter picnic")
	if err := os.Remove(bad); err != nil {
		t.Fatal(err)
	}
	scr = s.waitGone("the broken file removed", "some sources did not load")

	// Select the review, of the second collection, and press e.
	for i := 0; !strings.Contains(selectedLine(scr), "Quarterly review"); i++ {
		if i == 6 {
			t.Fatalf("cannot select the review:\n%s", scr)
		}
		scr = s.key("j")
	}
	s.tmux("send-keys", "-t", "main", "e")
	s.waitFor("back from the editor", "after editing")
	got, err := os.ReadFile(argsFile)
	if err != nil {
		t.Fatalf("the editor did not run: %v\n%s", err, s.screen())
	}
	if args := strings.Split(strings.TrimSpace(string(got)), "\n"); len(args) != 2 || args[0] != "+6" || args[1] != review {
		t.Errorf("editor arguments %q, want [+6 %s]", args, review)
	}
	s.quit()
}
