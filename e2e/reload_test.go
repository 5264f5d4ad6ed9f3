//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/visitline/visitline/internal/synth"
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

// processID is the binary's process id, as the wrapper wrote it.
func (s *tmuxSession) processID() int {
	s.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		b, _ := os.ReadFile(s.pid)
		if pid, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil && pid > 0 {
			return pid
		}
		if time.Now().After(deadline) {
			s.t.Fatal("the wrapper wrote no process id")
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

// terminalModes reads from tmux whether the pane is on the alternate screen
// and reports the mouse.
func (s *tmuxSession) terminalModes() string {
	return strings.TrimSpace(s.tmux("display", "-p", "-t", "main",
		"alternate=#{alternate_on} mouse=#{mouse_any_flag}#{mouse_button_flag}#{mouse_standard_flag}#{mouse_sgr_flag}"))
}

// TestSignalsRestoreTerminalInTmux: after SIGHUP, SIGQUIT, SIGTERM or
// SIGINT the terminal is back on the normal screen with the mouse off.
func TestSignalsRestoreTerminalInTmux(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGHUP, syscall.SIGQUIT, syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			s := startTmux(t, 100, 30, "--now", "2024-01-01T00:00:00Z")
			s.waitFor("first frame", "Sam Altman in Korea")
			if got := s.terminalModes(); got != "alternate=1 mouse=1101" {
				t.Fatalf("while running: %s", got)
			}
			if err := syscall.Kill(s.processID(), sig); err != nil {
				t.Fatal(err)
			}
			code := s.exitCode()
			if got := s.terminalModes(); got != "alternate=0 mouse=0000" {
				t.Errorf("after %v (exit code %s): %s", sig, code, got)
			}
		})
	}
}

// TestKeyAtStartInTmux: a key typed before the first frame is not lost.
func TestKeyAtStartInTmux(t *testing.T) {
	s := startTmux(t, 120, 40, "--now", "2024-01-01T00:00:00Z")
	s.tmux("send-keys", "-t", "main", "?")
	s.waitFor("help after a key typed at start", "scroll details up")
}
