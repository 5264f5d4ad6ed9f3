//go:build unix

package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestServeFolderLive: visitline serve of a vdir of two collections gives
// both calendars' events to an ssh client, and a file added to a
// collection while it serves reaches the next session.
func TestServeFolderLive(t *testing.T) {
	needOpenSSH(t)
	dir := t.TempDir()
	vdir := filepath.Join(dir, "calendars")
	writeVdirFile(t, filepath.Join(vdir, "home", "displayname"), "Home\n")
	writeVdirFile(t, filepath.Join(vdir, "home", "dinner.ics"), vevent("dinner", "Family dinner", "20250101T190000Z", 0))
	writeVdirFile(t, filepath.Join(vdir, "work", "displayname"), "Work\n")
	writeVdirFile(t, filepath.Join(vdir, "work", "standup.ics"), vevent("standup", "Morning standup", "20250101T090000Z", 0))
	key := sshKey(t, dir, "assistant")
	keys := filepath.Join(dir, "authorized_keys")
	if err := os.WriteFile(keys, []byte(publicKey(t, key)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	srv := startServer(t, dir, "--authorized-keys", keys, vdir)
	if r := srv.ssh(key, []string{"-T"}); r.code != 0 || !strings.Contains(r.stdout, "Family dinner") || !strings.Contains(r.stdout, "Morning standup") {
		t.Fatalf("ssh -T of a served folder: exit %d, stderr %q:\n%s", r.code, r.stderr, r.stdout)
	}
	writeVdirFile(t, filepath.Join(vdir, "work", "review.ics"), vevent("review", "Quarterly review", "20250102T100000Z", 0))
	deadline := time.Now().Add(15 * time.Second)
	for {
		r := srv.ssh(key, []string{"-T"})
		if strings.Contains(r.stdout, "Quarterly review") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("a file added to the served folder did not reach a session:\n%s\nlog:\n%s", r.stdout, srv.logText())
		}
		time.Sleep(200 * time.Millisecond)
	}
}
