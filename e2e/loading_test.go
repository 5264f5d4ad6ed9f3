package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/visitline/visitline/internal/synth"
	"github.com/visitline/visitline/internal/testenv"
)

// bigFile writes a generated itinerary of 100,000 events in a folder of
// the test's own.
func bigFile(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		testenv.Skip(t, "a generated file of 100,000 events: not with -short")
	}
	path := filepath.Join(t.TempDir(), "big.yaml")
	if err := os.WriteFile(path, synth.Generate(100_000, 1000, 3), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestLoadingFrameKeepsKeysInTmux: a 100,000-event itinerary shows its
// loading frame (the name, the progress, how to quit) before the timeline,
// and a search typed on it is the timeline's once that is there. The
// itinerary comes on standard input through a named pipe the test holds
// open, half written, while it types: the keys come before the timeline
// however fast the machine is.
func TestLoadingFrameKeepsKeysInTmux(t *testing.T) {
	data, err := os.ReadFile(bigFile(t))
	if err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(t.TempDir(), "in")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	s := startTmuxStdin(t, []string{"TZ=UTC"}, fifo, 100, 30, "--now", "2023-12-01T00:00:00Z", "-")
	w, err := os.OpenFile(fifo, os.O_WRONLY, 0) // once the shell opens it to read
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if _, err := w.Write(data[:len(data)/2]); err != nil {
		t.Fatal(err)
	}
	scr := s.waitFor("loading frame", "visitline · ", "reading", "MiB", "esc/q quit")
	if strings.Contains(scr, "Timeline") {
		t.Fatalf("the timeline before the loading frame:\n%s", scr)
	}
	// A search typed while the itinerary is still coming.
	s.tmux("send-keys", "-t", "main", "-l", "/Dinner on batteries")
	s.tmux("send-keys", "-t", "main", "Enter")
	s.waitFor("the loading frame after the keys", "reading", "esc/q quit")
	if _, err := w.Write(data[len(data)/2:]); err != nil {
		t.Fatal(err)
	}
	w.Close()
	scr = s.waitForLong("the search on the timeline", 120*time.Second, "Timeline", "Dinner on batteries")
	if strings.Contains(scr, "Timeline · 100000 events") || strings.Contains(scr, "esc/q quit") {
		t.Fatalf("the search typed while loading did not filter the timeline:\n%s", scr)
	}
	for _, l := range strings.Split(scr, "\n") {
		if strings.Contains(l, "❯ ") && strings.Contains(l, ":") && !strings.Contains(l, "Dinner on batteries") {
			t.Errorf("the selected row is no match: %q\n%s", l, scr)
		}
	}
	s.quit()
}

// TestLoadingQuitInTmux: q on the loading frame ends the program with 0,
// the normal screen back, without waiting for the load: standard input is
// a named pipe the test keeps open, so the load cannot have ended.
func TestLoadingQuitInTmux(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "in")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	s := startTmuxStdin(t, []string{"TZ=UTC"}, fifo, 100, 30, "-")
	w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	w.Write([]byte("version: 1\ntitle: Never ends\n"))
	s.waitFor("loading frame", "reading", "esc/q quit")
	s.tmux("send-keys", "-t", "main", "q")
	if code := s.exitCode(); code != "0" {
		t.Errorf("exit code %s after q while loading", code)
	}
	if scr := s.screen(); strings.Contains(scr, "esc/q quit") {
		t.Errorf("the loading frame stays after quitting:\n%s", scr)
	}
}

// TestLoadingErrorInTmux: a file that does not load shows, once the view
// has left the screen, the error the command prints without the view, and
// ends with 1.
func TestLoadingErrorInTmux(t *testing.T) {
	want, err := os.ReadFile("testdata/bad/bad-times.stderr")
	if err != nil {
		t.Fatal(err)
	}
	s := startTmux(t, 200, 30, "testdata/bad/bad-times.yaml")
	if code := s.exitCode(); code != "1" {
		t.Errorf("exit code %s, want 1", code)
	}
	first := strings.SplitN(string(want), "\n", 2)[0]
	s.waitFor("the error on the normal screen", first)
}

// waitForLong is waitFor with a timeout of its own, for a big file's load.
func (s *tmuxSession) waitForLong(what string, timeout time.Duration, want ...string) string {
	s.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		scr := s.screen()
		ok := true
		for _, w := range want {
			ok = ok && strings.Contains(scr, w)
		}
		if ok {
			return scr
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("%s: never all of %q; screen:\n%s", what, want, scr)
		}
		time.Sleep(40 * time.Millisecond)
	}
}
