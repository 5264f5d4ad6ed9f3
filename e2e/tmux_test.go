package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/visitline/visitline/internal/testenv"

	"github.com/charmbracelet/x/ansi"
)

// tmuxSession drives the built binary in a detached tmux server of its own.
type tmuxSession struct {
	t      *testing.T
	socket string
	conf   string
	exit   string // file the wrapper writes the exit code to
	pid    string // file the wrapper writes the binary's process id to
}

func startTmux(t *testing.T, w, h int, args ...string) *tmuxSession {
	return startTmuxIn(t, "UTC", w, h, args...)
}

// startTmuxIn starts the binary with this machine's zone set to tz.
func startTmuxIn(t *testing.T, tz string, w, h int, args ...string) *tmuxSession {
	return startTmuxEnv(t, []string{"TZ=" + tz}, w, h, args...)
}

// startTmuxEnv starts the binary with extra environment variables.
func startTmuxEnv(t *testing.T, env []string, w, h int, args ...string) *tmuxSession {
	return startTmuxStdin(t, env, "", w, h, args...)
}

// startTmuxStdin starts the binary with extra environment variables and,
// when stdin is not "", standard input read from that path (a named pipe
// the test writes to, say).
func startTmuxStdin(t *testing.T, env []string, stdin string, w, h int, args ...string) *tmuxSession {
	t.Helper()
	testenv.Command(t, "tmux", "tmux")
	dir := t.TempDir()
	s := &tmuxSession{t: t, socket: fmt.Sprintf("visitline-test-%d-%d", os.Getpid(), time.Now().UnixNano()),
		conf: filepath.Join(dir, "tmux.conf"), exit: filepath.Join(dir, "exit"), pid: filepath.Join(dir, "pid")}
	os.WriteFile(s.conf, []byte("set -g default-terminal \"xterm-256color\"\nset -g status off\nset -g escape-time 0\n"), 0o644)
	quoted := make([]string, len(args))
	for i, a := range args {
		quoted[i] = shellQuote(a)
	}
	// The inner shell writes its process id, which exec hands to the binary.
	redirect := ""
	if stdin != "" {
		redirect = " < " + shellQuote(stdin)
	}
	cmd := fmt.Sprintf("cd %q && sh -c 'echo $$ > \"$0\" && exec \"$@\"' %s %s %s%s; echo $? > %q; sleep 60",
		mustGetwd(t), shellQuote(s.pid), shellQuote(binary), strings.Join(quoted, " "), redirect, s.exit)
	newSession := []string{"new-session", "-d", "-s", "main", "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), "env", "LANG=C.UTF-8", "CI="}
	newSession = append(append(newSession, env...), "sh", "-c", cmd)
	s.tmux(newSession...)
	t.Cleanup(func() { exec.Command("tmux", "-L", s.socket, "kill-server").Run() })
	return s
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

func mustGetwd(t *testing.T) string {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return wd
}

func (s *tmuxSession) tmux(args ...string) string {
	s.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", s.socket, "-f", s.conf}, args...)...).CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// quit presses q and fails unless the program exits with 0.
func (s *tmuxSession) quit() {
	s.t.Helper()
	s.tmux("send-keys", "-t", "main", "q")
	if code := s.exitCode(); code != "0" {
		s.t.Errorf("exit code %s after q", code)
	}
}

func (s *tmuxSession) screen() string { return s.tmux("capture-pane", "-p", "-t", "main") }

// waitFor polls the screen until it holds every want, or fails.
func (s *tmuxSession) waitFor(what string, want ...string) string {
	s.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		scr := s.screen()
		missing := ""
		for _, w := range want {
			if !strings.Contains(scr, w) {
				missing = w
				break
			}
		}
		if missing == "" {
			return scr
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("%s: %q never appeared; screen:\n%s", what, missing, scr)
		}
		time.Sleep(40 * time.Millisecond)
	}
}

// key sends one key and waits for the screen to change.
func (s *tmuxSession) key(k string) string {
	s.t.Helper()
	before := s.screen()
	s.tmux("send-keys", "-t", "main", k)
	deadline := time.Now().Add(10 * time.Second)
	prev := before
	for {
		// Changed, then the same twice in a row: the frame is whole.
		if scr := s.screen(); scr != before && scr == prev {
			return scr
		} else {
			prev = scr
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("key %q changed nothing; screen:\n%s", k, before)
		}
		time.Sleep(40 * time.Millisecond)
	}
}

// resize changes the window size and waits for a whole new frame that
// stays: the header on the first line, the help on the last, unchanged for
// 100 ms. (A frame drawn for the old size in the new window shows without
// its top lines, which Bubble Tea drops when a frame is too tall.)
func (s *tmuxSession) resize(w, h int, header string) string {
	s.t.Helper()
	s.tmux("resize-window", "-t", "main", "-x", fmt.Sprint(w), "-y", fmt.Sprint(h))
	deadline := time.Now().Add(10 * time.Second)
	prev := ""
	for {
		scr := s.screen()
		lines := strings.Split(strings.TrimRight(scr, "\n"), "\n")
		whole := len(lines) == h && strings.HasPrefix(lines[0], header) && strings.Contains(lines[h-1], "↓/j down")
		if whole && scr == prev {
			return scr
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("no steady frame at %d×%d:\n%s", w, h, scr)
		}
		prev = scr
		time.Sleep(100 * time.Millisecond)
	}
}

func (s *tmuxSession) exitCode() string {
	s.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if b, err := os.ReadFile(s.exit); err == nil && len(b) > 0 {
			return strings.TrimSpace(string(b))
		}
		time.Sleep(40 * time.Millisecond)
	}
	s.t.Fatal("the program did not exit")
	return ""
}

func assertFits(t *testing.T, scr string, w int) {
	t.Helper()
	for _, l := range strings.Split(scr, "\n") {
		if n := ansi.StringWidth(l); n > w {
			t.Errorf("line of %d cells in a %d-column window: %q", n, w, l)
		}
	}
}

// typeLiteral sends text as typed characters and waits for the screen to
// show want.
func (s *tmuxSession) typeLiteral(text string, want ...string) string {
	s.t.Helper()
	s.tmux("send-keys", "-t", "main", "-l", text)
	return s.waitFor("typing "+text, want...)
}

// saveByRename writes content the way many editors save: to a temporary
// file in the same directory, then renamed over the target.
func saveByRename(t *testing.T, path string, content []byte) {
	t.Helper()
	tmp := path + ".tmp~"
	if err := os.WriteFile(tmp, content, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// resizeUntil changes the window size and waits for a whole, steady frame
// with header on its first line and footer in its last.
func (s *tmuxSession) resizeUntil(w, h int, header, footer string) string {
	s.t.Helper()
	s.tmux("resize-window", "-t", "main", "-x", fmt.Sprint(w), "-y", fmt.Sprint(h))
	deadline := time.Now().Add(10 * time.Second)
	prev := ""
	for {
		scr := s.screen()
		lines := strings.Split(strings.TrimRight(scr, "\n"), "\n")
		whole := len(lines) == h && strings.HasPrefix(lines[0], header) && strings.Contains(lines[h-1], footer)
		if whole && scr == prev {
			return scr
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("no steady frame at %d×%d:\n%s", w, h, scr)
		}
		prev = scr
		time.Sleep(100 * time.Millisecond)
	}
}

// lineStarting is the first line of scr that starts with prefix.
func lineStarting(t *testing.T, scr, prefix string) string {
	t.Helper()
	for _, l := range strings.Split(scr, "\n") {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	t.Fatalf("no line starts with %q:\n%s", prefix, scr)
	return ""
}

// lastLine is the bottom line of a tmux screen, without its padding.
func lastLine(scr string) string {
	lines := strings.Split(strings.TrimRight(scr, "\n"), "\n")
	return strings.TrimRight(lines[len(lines)-1], " ")
}
