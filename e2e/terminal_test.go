//go:build unix

package e2e

import (
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

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

// TestNoColorInTmux: with NO_COLOR the view draws no colours, and the
// selection, the focus and the statuses still show, by glyphs and words.
func TestNoColorInTmux(t *testing.T) {
	s := startTmuxEnv(t, []string{"TZ=UTC", "NO_COLOR=1"}, 120, 40, "--now", "2024-01-26T10:15:00+09:00")
	s.waitFor("first frame", "Timeline · 12 events")
	colours := s.tmux("capture-pane", "-e", "-p", "-t", "main")
	if strings.Contains(colours, "\x1b[3") || strings.Contains(colours, "\x1b[4") || strings.Contains(colours, "\x1b[9") {
		t.Errorf("colour codes with NO_COLOR:\n%q", colours)
	}
	scr := s.screen()
	for _, want := range []string{"❯ Timeline", "❯ ~09:00–11:30", "[now · 1 h 15 min left]", "[reported]", "[expected]", "── now 10:15"} {
		if !strings.Contains(scr, want) {
			t.Errorf("without colour %q should still show:\n%s", want, scr)
		}
	}
	scr = s.key("Tab")
	if !strings.Contains(scr, "❯ Details · participants") || !strings.Contains(scr, "❯ Sam Altman 샘 올트먼") {
		t.Errorf("the focus should show without colour:\n%s", scr)
	}
	s.quit()
}

// TestPrintOnATerminalInTmux: on a terminal the printed agenda is cut to
// the terminal's width, one screen line a row, where a pipe gets whole
// lines.
func TestPrintOnATerminalInTmux(t *testing.T) {
	s := startTmux(t, 70, 40, "--print")
	scr := s.waitFor("the printed agenda", "~20:00", "Meanwhile in Taiwan")
	var cut bool
	for _, line := range strings.Split(scr, "\n") {
		if strings.Contains(line, "Tour of Samsung's Pyeongtaek") {
			cut = strings.HasSuffix(strings.TrimRight(line, " "), "…")
		}
	}
	if !cut || strings.Contains(scr, "Kwak Noh-jung") {
		t.Errorf("the agenda is not cut to the terminal's 70 columns:\n%s", scr)
	}
}
