package e2e

// The SSH server's limits: sessions at once, per key, connections a
// second, idle views, stalled clients and floods.

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/visitline/visitline/internal/synth"
)

// holdSession opens a view over ssh -tt with its input held open, and
// waits for the server to log it.
func (s *server) holdSession(key string, n int) *exec.Cmd {
	s.t.Helper()
	cmd := exec.Command("ssh", append([]string{"-tt"}, s.sshArgs(key)...)...)
	in, _ := cmd.StdinPipe()
	s.t.Cleanup(func() { in.Close() })
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	if err := cmd.Start(); err != nil {
		s.t.Fatal(err)
	}
	s.t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return cmd
}

// TestServeSessionLimit: with --max-sessions N, session N+1 is refused with
// a message while N are open; at the default, the 65th of 64; a key has 8
// at most.
func TestServeSessionLimit(t *testing.T) {
	for _, tc := range []struct {
		name      string
		max, keys int
	}{{"max 3", 3, 1}, {"default 64", 0, 8}} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.max == 0 && testing.Short() {
				t.Skip("64 sessions: not with -short")
			}
			f := newServeFixture(t)
			var keys []string
			var lines strings.Builder
			for i := range tc.keys {
				k := sshKey(t, f.dir, fmt.Sprintf("member%d", i))
				keys = append(keys, k)
				lines.WriteString(publicKey(t, k) + "\n")
			}
			os.WriteFile(f.keys, []byte(lines.String()), 0o600)
			args := []string{"--authorized-keys", f.keys, "--rate", "0", f.visit}
			open := 64
			if tc.max > 0 {
				args = append(args, "--max-sessions", strconv.Itoa(tc.max))
				open = tc.max
			}
			srv := startServer(t, f.dir, args...)
			for i := range open {
				srv.holdSession(keys[i%len(keys)], i+1)
			}
			srv.waitLog(" connect ", open)
			r := srv.ssh(keys[0], []string{"-tt"})
			want := fmt.Sprintf("the server has its %d sessions open, the most it allows", open)
			if r.code != 1 || !strings.Contains(r.stderr+r.stdout, want) {
				t.Errorf("session %d: exit %d, %q %q", open+1, r.code, r.stdout, r.stderr)
			}
		})
	}
}

// TestServePerKeyLimit: a ninth session of one key is refused.
func TestServePerKeyLimit(t *testing.T) {
	f := newServeFixture(t)
	srv := startServer(t, f.dir, "--authorized-keys", f.keys, "--rate", "0", f.visit)
	for i := range 8 {
		srv.holdSession(f.kyung, i+1)
	}
	srv.waitLog(" connect ", 8)
	if r := srv.ssh(f.kyung, []string{"-tt"}); r.code != 1 || !strings.Contains(r.stderr+r.stdout, "this key has 8 sessions open") {
		t.Errorf("ninth: exit %d %q %q", r.code, r.stdout, r.stderr)
	}
	if r := srv.ssh(f.altman, []string{"-T"}); r.code != 0 {
		t.Errorf("another key: exit %d %q", r.code, r.stderr)
	}
}

// TestServeRateLimit: connections beyond an address's burst are closed
// before the handshake.
func TestServeRateLimit(t *testing.T) {
	f := newServeFixture(t)
	srv := startServer(t, f.dir, "--authorized-keys", f.keys, "--rate", "0.5", f.visit) // bursts of 2
	ok := 0
	for range 4 {
		if r := srv.ssh(f.kyung, []string{"-T"}); r.code == 0 {
			ok++
		}
	}
	if ok != 2 || !strings.Contains(srv.logText(), "connections a second") {
		t.Errorf("%d of 4 quick connections served, want 2:\n%s", ok, srv.logText())
	}
}

// TestServeIdle: a view without a key for --idle is closed with a notice.
func TestServeIdle(t *testing.T) {
	f := newServeFixture(t)
	srv := startServer(t, f.dir, "--authorized-keys", f.keys, "--idle", "1s", f.visit)
	v := srv.tmuxSSH(f.kyung, 100, 30)
	v.waitFor("the notice", "closed after 1s without a key")
	if code := v.exitCode(); code != "0" {
		t.Errorf("ssh exit %s", code)
	}
}

// TestServeStalledClient: a client that stops reading (its ssh stopped
// with SIGSTOP, in a big window, while every title of a 2,000-event file
// changes again and again, megabytes of frames) does not hold up another
// session's frames: every edit reaches it. It logs the figures
// docs/serve.md quotes.
func TestServeStalledClient(t *testing.T) {
	if testing.Short() {
		t.Skip("megabytes of frames: not with -short")
	}
	f := newServeFixture(t)
	base := synth.Generate(2000, 40, 7)
	os.WriteFile(f.visit, base, 0o644)
	os.WriteFile(f.keys, []byte(publicKey(t, f.kyung)+"\n"+publicKey(t, f.altman)+"\n"), 0o600)
	srv := startServer(t, f.dir, "--authorized-keys", f.keys, f.visit)
	stalled := srv.tmuxSSH(f.altman, 600, 250)
	stalled.waitFor("stalled view", "Synthetic itinerary")
	other := srv.tmuxSSH(f.kyung, 120, 35)
	other.waitFor("other view", "Synthetic itinerary")
	pid, err := strconv.Atoi(strings.TrimSpace(string(mustRead(t, stalled.pid))))
	if err != nil {
		t.Fatal(err)
	}
	syscall.Kill(pid, syscall.SIGSTOP)
	defer syscall.Kill(pid, syscall.SIGCONT)

	const edits = 50
	var worst, total time.Duration
	for i := range edits {
		mark := fmt.Sprintf("v%02d:", i)
		saveByRename(t, f.visit, bytes.ReplaceAll(base, []byte(`title: "`), []byte(`title: "`+mark)))
		start := time.Now()
		other.waitFor("edit "+mark, mark)
		d := time.Since(start)
		worst, total = max(worst, d), total+d
	}
	// Every edit reaching the other session is the check: a server that
	// waited on the stopped client would stop at the first full socket and
	// waitFor would fail. How fast they come is logged, not asserted: on a
	// shared two-core machine under load the slowest took over 4 s.
	t.Logf("with a client stopped: %d edits reached the other session in %v on average, the slowest in %v (a 150 ms debounce included); %s",
		edits, (total / edits).Round(time.Millisecond), worst.Round(time.Millisecond), sendQueues(srv.port))
}

// sendQueues is what ss(8) says the server's sockets hold unsent, the
// stalled client's backlog; "" without ss.
func sendQueues(port string) string {
	out, err := exec.Command("ss", "-tnH", "state", "established", "( sport = :"+port+" )").Output()
	if err != nil {
		return ""
	}
	var q []string
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if f := strings.Fields(l); len(f) >= 2 {
			q = append(q, f[1])
		}
	}
	return "bytes unsent per session socket (ss Send-Q): " + strings.Join(q, ", ")
}

// TestServeFlood: a flood of connections from one address that never
// speak (from 127.0.0.2) is cut by the rate limit, and another address's
// ssh still gets its agenda.
func TestServeFlood(t *testing.T) {
	f := newServeFixture(t)
	srv := startServer(t, f.dir, "--authorized-keys", f.keys, f.visit)
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 2)}, Timeout: 5 * time.Second}
	var conns []net.Conn
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	for range 200 {
		c, err := d.Dial("tcp", "127.0.0.1:"+srv.port)
		if err != nil {
			t.Skipf("cannot connect from 127.0.0.2: %v", err)
		}
		conns = append(conns, c)
	}
	// The server closes what the limit refuses: read each to its end or to
	// a short deadline (a connection kept waits for the handshake).
	closed := 0
	for _, c := range conns {
		c.SetReadDeadline(time.Now().Add(50 * time.Millisecond))
		buf := make([]byte, 256)
		for {
			if _, err := c.Read(buf); err != nil {
				if !errors.Is(err, os.ErrDeadlineExceeded) {
					closed++
				}
				break
			}
		}
	}
	if closed < 150 {
		t.Errorf("%d of 200 flooding connections closed, want the rate limit to close most", closed)
	}
	start := time.Now()
	if r := srv.ssh(f.kyung, []string{"-T"}); r.code != 0 || !strings.Contains(r.stdout, "Kyung") {
		t.Errorf("during the flood: exit %d %q", r.code, r.stderr)
	}
	t.Logf("%d of 200 flooding connections closed at once; another address's ssh -T took %v", closed, time.Since(start).Round(time.Millisecond))
}
