//go:build unix

package e2e

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestNamedPipeRefused: a named pipe given as FILE is refused at once, exit
// 1, with what it is, for every way of reading FILE; opening it used to
// wait for a writer for ever.
func TestNamedPipeRefused(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "trip.yaml"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "trip.ics"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"--check", "trip.yaml"}, {"--print", "trip.yaml"}, {"trip.yaml"}, {"--format", "yaml", "trip.ics"}, {"--no-watch", "trip.ics"},
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		cmd := exec.CommandContext(ctx, binary, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "TZ=UTC", "NO_COLOR=1")
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		timedOut := ctx.Err() != nil
		cancel()
		if timedOut {
			t.Errorf("%v: still blocked after 10 s", args)
			continue
		}
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		}
		r := result{out.String(), errb.String(), code}
		assertRefused(t, r)
		if want := args[len(args)-1] + ": is a named pipe (FIFO), not an itinerary file (to read a pipe, give - and send it to standard input)\n"; r.stderr != want {
			t.Errorf("%v: stderr %q, want %q", args, r.stderr, want)
		}
	}
}

// assertRefused checks a refused input: exit 1, nothing on stdout, no crash.
func assertRefused(t *testing.T, r result) {
	t.Helper()
	if r.code != 1 {
		t.Errorf("exit code %d, want 1; stderr:\n%s", r.code, r.stderr)
	}
	if r.stdout != "" {
		t.Errorf("stdout not empty: %q", r.stdout)
	}
	if strings.Contains(r.stderr, "panic") || strings.Contains(r.stderr, "goroutine ") {
		t.Errorf("stderr shows a crash:\n%s", r.stderr)
	}
}
