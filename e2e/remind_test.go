package e2e

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// lockedBuffer is the stderr of a running binary, read while it writes.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestRemindRunner: `visitline remind` without a session bus warns once,
// fires the reminder of an event that has not begun (its lead passed
// before the runner started), logs it in plain text, and ends cleanly on
// SIGTERM with exit 0.
func TestRemindRunner(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "trip.yaml")
	start := time.Now().UTC().Add(3 * time.Minute).Truncate(time.Minute)
	src := fmt.Sprintf("title: T\ntimezone: UTC\nremind: [10m]\nevents:\n  - {id: debrief, title: Delegation debrief, start: %q, place: Changi T3}\n", start.Format(time.RFC3339))
	if err := os.WriteFile(file, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(binary, "remind", "--exec", "true", file)
	cmd.Env = append(os.Environ(), "TZ=UTC", "XDG_STATE_HOME="+filepath.Join(dir, "state"),
		"DBUS_SESSION_BUS_ADDRESS=unix:path="+filepath.Join(dir, "no-bus"))
	var stderr lockedBuffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(stderr.String(), "Reminder: Delegation debrief in ") && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	log := stderr.String()
	if err != nil {
		t.Errorf("after SIGTERM: %v\n%s", err, log)
	}
	if strings.Count(log, "no desktop notifications") != 1 || !strings.Contains(log, "· Changi T3 (lead 10 min") || !strings.Contains(log, "stopping") {
		t.Errorf("log:\n%s", log)
	}
	if _, err := os.Stat(filepath.Join(dir, "state", "visitline", "reminders.state")); err != nil {
		t.Errorf("no state file: %v", err)
	}
}
