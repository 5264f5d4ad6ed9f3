//go:build unix

package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/visitline/visitline/internal/synth"
	"github.com/visitline/visitline/itinerary"
)

// smallTrip is a one-event itinerary titled title.
func smallTrip(title string) []byte {
	return []byte("version: 1\ntitle: " + title + "\ntimezone: UTC\nevents:\n  - {id: e, title: Only event, start: \"2025-01-01 10:00\"}\n")
}

// waitGone polls the screen until it holds none of gone, or fails.
func (s *tmuxSession) waitGone(what string, gone ...string) string {
	s.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		scr := s.screen()
		left := ""
		for _, g := range gone {
			if strings.Contains(scr, g) {
				left = g
				break
			}
		}
		if left == "" {
			return scr
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("%s: %q is still there; screen:\n%s", what, left, scr)
		}
		time.Sleep(40 * time.Millisecond)
	}
}

// TestReloadRaceInTmux: a big save starts a slow reload, a small save
// follows while it runs; the small one is what stays on screen, and the
// big one never shows.
func TestReloadRaceInTmux(t *testing.T) {
	path := filepath.Join(t.TempDir(), "trip.yaml")
	os.WriteFile(path, smallTrip("Before the saves"), 0o644)
	big := synth.Generate(30000, 200, 7)
	s := startTmux(t, 120, 40, path)
	s.waitFor("first frame", "Before the saves")

	saveByRename(t, path, big)
	s.waitFor("slow reload", "⟳ reloading")
	saveByRename(t, path, smallTrip("The small save wins"))
	deadline := time.Now().Add(60 * time.Second)
	for {
		scr := s.screen()
		if strings.Contains(scr, "Synthetic itinerary") {
			t.Fatalf("the stale big save showed:\n%s", scr)
		}
		// The small save loads only once the big load has ended.
		if strings.Contains(scr, "The small save wins") && !strings.Contains(scr, "reloading") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the small save never showed alone:\n%s", scr)
		}
		time.Sleep(40 * time.Millisecond)
	}
	s.quit()
}

// TestReloadAfterDirectoryRecreatedInTmux: the file's directory is removed
// (the panel says the file is missing), made again with a new file (it
// loads), saved again (the watch is back), and the file replaced by a named
// pipe (refused at once; the view still answers keys).
func TestReloadAfterDirectoryRecreatedInTmux(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "trip")
	path := filepath.Join(dir, "trip.yaml")
	os.Mkdir(dir, 0o755)
	os.WriteFile(path, smallTrip("First version"), 0o644)
	s := startTmux(t, 120, 40, path)
	s.waitFor("first frame", "First version")

	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	scr := s.waitFor("directory removed", "trip.yaml is missing")
	if !strings.Contains(scr, "First version") {
		t.Errorf("the last version should stay:\n%s", scr)
	}
	os.Mkdir(dir, 0o755)
	saveByRename(t, path, smallTrip("Second version"))
	s.waitFor("directory made again", "Second version")
	s.waitGone("directory made again", "missing")
	saveByRename(t, path, smallTrip("Third version"))
	s.waitFor("saved again", "Third version")

	os.Remove(path)
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	scr = s.waitFor("named pipe", "trip.yaml: is a named pipe (FIFO)")
	if !strings.Contains(scr, "Third version") {
		t.Errorf("the last version should stay:\n%s", scr)
	}
	s.key("?") // fails unless the screen changes
	s.key("q") // closes the help
	s.quit()
}

// TestTimeAndReloadInTmux: the now marker and countdown with --now inside
// the example, z to UTC, then edits of the file while the view is open: a
// good save, a broken one (the old events stay, the error shows), a fix.
func TestTimeAndReloadInTmux(t *testing.T) {
	orig, err := os.ReadFile("data/examples/lagos-london.yaml")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "trip.yaml")
	os.WriteFile(path, orig, 0o644)
	s := startTmuxIn(t, "Asia/Tokyo", 120, 40, path, "--now", "2025-03-29T12:10:00Z")
	scr := s.waitFor("first frame", "── now 12:10", "[now · 20 min left]", "now 12:10 · times: Europe/London (GMT)")
	if !strings.Contains(scr, "❯ 10:00–12:30") {
		t.Errorf("the current event should be selected:\n%s", scr)
	}
	// London, each venue's zone, this machine's (Tokyo), UTC.
	s.key("z")
	scr = s.key("z")
	if !strings.Contains(scr, "times: this machine's zone (JST)") || !strings.Contains(scr, "22:35–05:10+1") {
		t.Fatalf("the second z should show Tokyo time (the flight home leaves 22:35 JST):\n%s", scr)
	}
	scr = s.key("z")
	if !strings.Contains(scr, "times: UTC") || !strings.Contains(scr, "13:35–20:10") {
		t.Fatalf("the third z should show UTC (the flight home leaves 14:35 BST, 13:35 UTC):\n%s", scr)
	}
	saveByRename(t, path, []byte(strings.Replace(string(orig), "title: Lagos fintech delegation to London", "title: Revised delegation plan", 1)))
	s.waitFor("good save", "Revised delegation plan", "times: UTC", "❯ 10:00–12:30")
	saveByRename(t, path, []byte(strings.Replace(string(orig), "    kind: meal\n", "    kind: lunch\n", 1)))
	scr = s.waitFor("broken save", "the file did not reload", "trip.yaml:")
	if !strings.Contains(scr, `unknown kind "lunch"`) || !strings.Contains(scr, "Revised delegation plan") || !strings.Contains(scr, "Working lunch") {
		t.Errorf("the error and the last good version should both show:\n%s", scr)
	}
	saveByRename(t, path, orig)
	deadline := time.Now().Add(10 * time.Second)
	for {
		scr = s.screen()
		if !strings.Contains(scr, "did not reload") && strings.Contains(scr, "Lagos fintech delegation to London") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the fix should clear the error:\n%s", scr)
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.quit()
}

// TestEditorInTmux: e runs $EDITOR (a command with an argument) with +LINE
// of the selected event and the file, suspends the view, and brings it back
// with the file reloaded and the selection kept.
func TestEditorInTmux(t *testing.T) {
	dir := t.TempDir()
	orig, err := os.ReadFile("data/examples/lagos-london.yaml")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "trip.yaml")
	os.WriteFile(path, orig, 0o644)
	argsFile := filepath.Join(dir, "args")
	// Named vi so that it gets +LINE; it records its arguments and edits
	// the file's title, as a user would.
	editor := filepath.Join(dir, "vi")
	script := fmt.Sprintf("#!/bin/sh\nprintf '%%s\\n' \"$@\" > %q\nsed -i 's/^title: .*/title: Edited in the editor/' \"$3\"\n", argsFile)
	if err := os.WriteFile(editor, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	it, err := itinerary.LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := startTmuxEnv(t, []string{"TZ=UTC", "VISUAL=", "EDITOR=" + editor + " -n"}, 80, 24, path, "--now", "2025-03-01T00:00:00Z", "--no-watch")
	s.waitFor("first frame", "Lagos fintech delegation")
	s.key("j")
	scr := s.key("j")
	sel := ""
	for _, l := range strings.Split(scr, "\n") {
		if strings.HasPrefix(l, "❯ ") && !strings.HasPrefix(l, "❯ Timeline") {
			sel = l
		}
	}
	want := -1
	for i, e := range it.Events {
		if len(e.Title) > 12 && strings.Contains(sel, e.Title[:12]) {
			want = i
		}
	}
	if want < 0 {
		t.Fatalf("cannot tell the selected event from %q", sel)
	}
	s.tmux("send-keys", "-t", "main", "e")
	scr = s.waitFor("back from the editor", "Edited in the editor", sel[:30])
	got, err := os.ReadFile(argsFile)
	if err != nil {
		t.Fatalf("the editor did not run: %v\n%s", err, scr)
	}
	if args := strings.Split(strings.TrimSpace(string(got)), "\n"); len(args) != 3 || args[0] != "-n" ||
		args[1] != "+"+strconv.Itoa(it.Events[want].Pos.Line) || args[2] != path {
		t.Errorf("editor arguments %q, want [-n +%d %s]", args, it.Events[want].Pos.Line, path)
	}
	assertFits(t, scr, 80)
	// A missing editor says so and leaves the view whole.
	s.tmux("send-keys", "-t", "main", "q")
	s.exitCode()
	s = startTmuxEnv(t, []string{"TZ=UTC", "VISUAL=visitline-missing-editor"}, 80, 24, path, "--now", "2025-03-01T00:00:00Z")
	s.waitFor("first frame", "Edited in the editor")
	s.tmux("send-keys", "-t", "main", "e")
	scr = s.waitFor("missing editor", `cannot start the editor "visitline-missing-editor": not found`, "Timeline ·")
	assertFits(t, scr, 80)
}

// TestInvalidSaveInTmux: at 80×24 the reload error shows whole, wrapped,
// with no stale status under it.
func TestInvalidSaveInTmux(t *testing.T) {
	orig, err := os.ReadFile("data/examples/lagos-london.yaml")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "trip.yaml")
	os.WriteFile(path, orig, 0o644)
	s := startTmux(t, 80, 24, path, "--now", "2025-03-01T00:00:00Z")
	s.waitFor("first frame", "Lagos fintech delegation")
	good := []byte(strings.Replace(string(orig), "title: Lagos fintech delegation to London", "title: Revised plan", 1))
	saveByRename(t, path, good)
	s.waitFor("good save", "Revised plan", "reloaded")
	bad := []byte(strings.Replace(string(good), "    kind: meal\n", "    kind: a-lunch-kind-that-does-not-exist\n", 1))
	_, lerr := itinerary.Load(path, bad)
	le, ok := lerr.(*itinerary.LoadError)
	if !ok {
		t.Fatalf("the broken file should not load: %v", lerr)
	}
	saveByRename(t, path, bad)
	scr := s.waitFor("broken save", "the file did not reload")
	deadline := time.Now().Add(5 * time.Second)
	for strings.Contains(scr, "reloaded") && time.Now().Before(deadline) {
		scr = s.screen()
	}
	flat := strings.Join(strings.Fields(scr), " ")
	for _, l := range le.Lines() {
		if len(l) < 80 {
			t.Fatalf("the message %q is too short to test wrapping", l)
		}
		if !strings.Contains(flat, l) {
			t.Errorf("the message is not whole on screen: %q\n%s", l, scr)
		}
	}
	if strings.Contains(scr, "reloaded") {
		t.Errorf("the stale status stays:\n%s", scr)
	}
	assertFits(t, scr, 80)
	saveByRename(t, path, good)
	s.waitFor("fixed save", "reloaded")
	if scr = s.screen(); strings.Contains(scr, "did not reload") {
		t.Errorf("a good save should clear the panel:\n%s", scr)
	}
}
