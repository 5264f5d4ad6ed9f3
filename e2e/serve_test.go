package e2e

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// needOpenSSH skips a test when OpenSSH's client is missing.
func needOpenSSH(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"ssh", "ssh-keygen"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (apt-get install openssh-client); .ci/run installs it", tool)
		}
	}
}

// sshKey makes an ed25519 key pair in dir and returns the private key's
// path; its public key is path+".pub".
func sshKey(t *testing.T, dir, name string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if out, err := exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", path).CombinedOutput(); err != nil {
		t.Fatalf("ssh-keygen: %v\n%s", err, out)
	}
	return path
}

func publicKey(t *testing.T, key string) string {
	t.Helper()
	b, err := os.ReadFile(key + ".pub")
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(b))
}

// server is a running visitline serve.
type server struct {
	t    *testing.T
	cmd  *exec.Cmd
	port string
	dir  string // its data home and the tests' files
	mu   sync.Mutex
	log  bytes.Buffer
	done chan struct{}
	code int
}

var servingLine = regexp.MustCompile(`on ssh://127\.0\.0\.1:(\d+), host key \S+(?: \(new\))? (SHA256:\S+)`)

// startServer starts visitline serve on a free loopback port with its data
// home in dir, and waits for its start-up line.
func startServer(t *testing.T, dir string, args ...string) *server {
	t.Helper()
	s := &server{t: t, dir: dir, done: make(chan struct{})}
	s.cmd = exec.Command(binary, append([]string{"serve", "--listen", "127.0.0.1:0"}, args...)...)
	s.cmd.Env = append(os.Environ(), "TZ=UTC", "XDG_DATA_HOME="+filepath.Join(dir, "xdg"))
	stderr, err := s.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ready := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			s.mu.Lock()
			s.log.WriteString(sc.Text() + "\n")
			s.mu.Unlock()
			if m := servingLine.FindStringSubmatch(sc.Text()); m != nil {
				select {
				case ready <- m[1]:
				default:
				}
			}
		}
		io.Copy(io.Discard, stderr)
		err := s.cmd.Wait()
		s.code = s.cmd.ProcessState.ExitCode()
		_ = err
		close(s.done)
	}()
	t.Cleanup(func() { s.stop() })
	select {
	case s.port = <-ready:
	case <-s.done:
		t.Fatalf("serve exited %d before listening:\n%s", s.code, s.logText())
	case <-time.After(20 * time.Second):
		t.Fatalf("serve did not start:\n%s", s.logText())
	}
	return s
}

func (s *server) logText() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.log.String()
}

// waitLog waits until the log holds n lines containing want.
func (s *server) waitLog(want string, n int) {
	s.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for strings.Count(s.logText(), want) < n {
		if time.Now().After(deadline) {
			s.t.Fatalf("%d log lines with %q never came:\n%s", n, want, s.logText())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// stop sends SIGTERM and returns the exit code.
func (s *server) stop() int {
	select {
	case <-s.done:
		return s.code
	default:
	}
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
		<-s.done
		s.t.Errorf("serve did not stop on SIGTERM:\n%s", s.logText())
	}
	return s.code
}

// sshArgs are the arguments of OpenSSH's client for this server with key,
// with no configuration but the test's own.
func (s *server) sshArgs(key string, extra ...string) []string {
	args := []string{"-F", "/dev/null", "-p", s.port, "-o", "UserKnownHostsFile=" + filepath.Join(s.dir, "known_hosts"),
		"-o", "StrictHostKeyChecking=accept-new", "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes",
		"-o", "ConnectTimeout=10", "-o", "LogLevel=ERROR"}
	if key != "" {
		args = append(args, "-i", key)
	}
	args = append(args, extra...)
	return append(args, "trip@127.0.0.1")
}

// ssh runs OpenSSH's client to completion.
func (s *server) ssh(key string, extra []string, command ...string) result {
	s.t.Helper()
	cmd := exec.Command("ssh", append(s.sshArgs(key, extra...), command...)...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		s.t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		<-done
		s.t.Fatalf("ssh %v did not end", command)
	}
	return result{out.String(), errb.String(), cmd.ProcessState.ExitCode()}
}

// tmuxSSH opens OpenSSH's client in a tmux window of w×h, with env.
func (s *server) tmuxSSH(key string, w, h int, env ...string) *tmuxSession {
	s.t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		s.t.Skip("tmux is not installed (apt-get install tmux); .ci/run installs it")
	}
	dir := s.t.TempDir()
	ts := &tmuxSession{t: s.t, socket: fmt.Sprintf("visitline-ssh-%d-%d", os.Getpid(), time.Now().UnixNano()),
		conf: filepath.Join(dir, "tmux.conf"), exit: filepath.Join(dir, "exit"), pid: filepath.Join(dir, "pid")}
	os.WriteFile(ts.conf, []byte("set -g default-terminal \"xterm-256color\"\nset -g status off\nset -g escape-time 0\n"), 0o644)
	args := append([]string{"-tt"}, s.sshArgs(key)...)
	quoted := make([]string, len(args))
	for i, a := range args {
		quoted[i] = shellQuote(a)
	}
	cmd := fmt.Sprintf("sh -c 'echo $$ > \"$0\" && exec ssh \"$@\"' %s %s; echo $? > %q; sleep 60",
		shellQuote(ts.pid), strings.Join(quoted, " "), ts.exit)
	newSession := []string{"new-session", "-d", "-s", "main", "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), "env", "LANG=C.UTF-8"}
	newSession = append(append(newSession, env...), "sh", "-c", cmd)
	ts.tmux(newSession...)
	s.t.Cleanup(func() { exec.Command("tmux", "-L", ts.socket, "kill-server").Run() })
	return ts
}

// serveFixture is a copy of the built-in visit, two keys for two people,
// a third key nobody allowed, and the authorized_keys file.
type serveFixture struct {
	dir, visit, keys       string
	kyung, altman, unknown string
}

func newServeFixture(t *testing.T) *serveFixture {
	t.Helper()
	needOpenSSH(t)
	dir := t.TempDir()
	f := &serveFixture{dir: dir, visit: filepath.Join(dir, "visit.yaml"), keys: filepath.Join(dir, "authorized_keys")}
	visit, err := os.ReadFile("data/visit.yaml")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(f.visit, visit, 0o644)
	f.kyung, f.altman, f.unknown = sshKey(t, dir, "kyung"), sshKey(t, dir, "altman"), sshKey(t, dir, "unknown")
	keys := fmt.Sprintf("# the delegation\nrestrict,person=\"kyung\" %s\nno-port-forwarding,person=\"Altman\" %s\n",
		publicKey(t, f.kyung), publicKey(t, f.altman))
	os.WriteFile(f.keys, []byte(keys), 0o600)
	return f
}

// TestServeTwoPeopleLive: two keys at once each get the view on their own
// person's card; e says read-only and changes nothing; an edit of the file
// reaches both within 2 s; q ends the session with 0; connects and
// disconnects are logged with the fingerprint and the person.
func TestServeTwoPeopleLive(t *testing.T) {
	f := newServeFixture(t)
	srv := startServer(t, f.dir, "--authorized-keys", f.keys, f.visit)
	a := srv.tmuxSSH(f.kyung, 120, 35)
	b := srv.tmuxSSH(f.altman, 120, 35)
	a.waitFor("kyung's view", "Card · Kyung Kye-hyun", "Kyung Kye-hyun back from Japan", "[Kyung Kye-hyun]")
	b.waitFor("altman's view", "Card · Sam Altman", "[Sam Altman]")

	before, _ := os.ReadFile(f.visit)
	a.tmux("send-keys", "-t", "main", "e")
	a.waitFor("e", "read-only over SSH")
	if after, _ := os.ReadFile(f.visit); !bytes.Equal(before, after) {
		t.Error("e over SSH changed the file")
	}

	b.waitFor("the dinner on altman's card", "Dinner with Kyung")
	edited := bytes.Replace(before, []byte("title: Dinner with Kyung Kye-hyun"), []byte("title: Supper with Kyung Kye-hyun"), 1)
	start := time.Now()
	saveByRename(t, f.visit, edited)
	a.waitFor("the edit in kyung's view", "Supper with Kyung")
	b.waitFor("the edit in altman's view", "Supper with Kyung")
	// That it reaches both is the check (waitFor fails after 20 s); how
	// soon is logged: a bound on a shared machine's clock only flakes.
	t.Logf("an edit reached both sessions in %v", time.Since(start).Round(time.Millisecond))

	a.quit()
	b.quit()
	srv.waitLog("disconnect ", 2)
	log := srv.logText()
	fp := regexp.MustCompile(`(?m)^\S+ connect 127\.0\.0\.1:\d+ SHA256:\S+ person kyung \(xterm-256color 120x35, SSH-2\.0-OpenSSH\S*`)
	disconnect := regexp.MustCompile(`(?m)^\S+ disconnect 127\.0\.0\.1:\d+ SHA256:\S+ person altman after \d+s$`)
	if !fp.MatchString(log) || !disconnect.MatchString(log) {
		t.Errorf("no connect lines with the fingerprint and the person:\n%s", log)
	}
}

// TestServeRefusals: a key not in the file, a password and
// keyboard-interactive are refused (the server offers public keys only).
func TestServeRefusals(t *testing.T) {
	f := newServeFixture(t)
	srv := startServer(t, f.dir, "--authorized-keys", f.keys, f.visit)
	if r := srv.ssh(f.unknown, nil); r.code != 255 || !strings.Contains(r.stderr, "Permission denied (publickey)") {
		t.Errorf("unknown key: exit %d, %q", r.code, r.stderr)
	}
	for _, method := range []string{"password", "keyboard-interactive", "none"} {
		r := srv.ssh("", []string{"-v", "-o", "PreferredAuthentications=" + method, "-o", "PubkeyAuthentication=no"})
		if r.code != 255 || !strings.Contains(r.stderr, "Authentications that can continue: publickey\r\n") &&
			!strings.Contains(r.stderr, "Authentications that can continue: publickey\n") ||
			!strings.Contains(r.stderr, "Permission denied (publickey)") || strings.Contains(r.stderr, "Authenticated to") {
			t.Errorf("%s: exit %d\n%s", method, r.code, r.stderr)
		}
	}
	// The key allowed, once the file names it: the file is read again.
	os.WriteFile(f.keys, append(mustRead(t, f.keys), []byte(publicKey(t, f.unknown)+"\n")...), 0o600)
	if r := srv.ssh(f.unknown, nil, "text"); r.code != 0 || !strings.Contains(r.stdout, "Sam Altman in Korea") {
		t.Errorf("a key added to the file: exit %d, %q", r.code, r.stderr)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestServeAgendaWithoutTerminal: ssh -T prints the key's person's agenda;
// a command names one of a fixed list of formats; anything else is refused.
func TestServeAgendaWithoutTerminal(t *testing.T) {
	f := newServeFixture(t)
	srv := startServer(t, f.dir, "--authorized-keys", f.keys, f.visit)
	r := srv.ssh(f.kyung, []string{"-T"})
	if r.code != 0 || !strings.Contains(r.stdout, "3 of 12 events · with Kyung Kye-hyun") || !strings.Contains(r.stdout, "Kyung Kye-hyun back from Japan") ||
		strings.Contains(r.stdout, "\x1b") {
		t.Errorf("ssh -T: exit %d, stderr %q:\n%s", r.code, r.stderr, r.stdout)
	}
	if r := srv.ssh(f.kyung, []string{"-T", "-o", "SetEnv=TZ=Europe/London"}); !strings.Contains(r.stdout, "Europe/London") {
		t.Errorf("TZ sent: not in the agenda's zone:\n%s", r.stdout)
	}
	if r := srv.ssh(f.kyung, nil, "md"); r.code != 0 || !strings.HasPrefix(r.stdout, "# ") {
		t.Errorf("md: exit %d %q", r.code, r.stdout)
	}
	if r := srv.ssh(f.kyung, nil, "ics"); r.code != 0 || !strings.HasPrefix(r.stdout, "BEGIN:VCALENDAR") {
		t.Errorf("ics: exit %d %q", r.code, r.stdout)
	}
	r = srv.ssh(f.kyung, nil, "json")
	var doc map[string]any
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &doc) != nil {
		t.Errorf("json: exit %d %q", r.code, r.stdout)
	}
	for _, cmd := range [][]string{{"yaml"}, {"sh", "-c", "id"}, {"text", "extra"}} {
		if r := srv.ssh(f.kyung, nil, cmd...); r.code != 2 || r.stdout != "" || !strings.Contains(r.stderr, "is not a command here") {
			t.Errorf("%q: exit %d, %q, %q", cmd, r.code, r.stdout, r.stderr)
		}
	}
	// no-pty: the agenda even when the client asks for a terminal.
	os.WriteFile(f.keys, []byte(`no-pty,person="kyung" `+publicKey(t, f.kyung)+"\n"), 0o600)
	if r := srv.ssh(f.kyung, []string{"-tt"}); r.code != 0 || !strings.Contains(r.stdout, "3 of 12 events · with Kyung Kye-hyun") || strings.Contains(r.stdout, "\x1b[?1049h") {
		t.Errorf("no-pty with -tt: exit %d %q", r.code, r.stdout)
	}
	// No subsystem, no forwarding.
	if r := srv.ssh(f.kyung, []string{"-s"}, "sftp"); r.code == 0 {
		t.Errorf("subsystem sftp: exit 0, %q", r.stdout)
	}
	// -W opens the direct-tcpip channel that -L uses for each connection.
	if r := srv.ssh(f.kyung, []string{"-W", "127.0.0.1:" + srv.port}); r.code != 255 || !strings.Contains(r.stderr, "forwarding failed") && !strings.Contains(r.stderr, "open failed") {
		t.Errorf("-W (a forwarded connection): exit %d, %q", r.code, r.stderr)
	}
	if r := srv.ssh(f.kyung, []string{"-T", "-o", "ExitOnForwardFailure=yes", "-R", "0:127.0.0.1:1"}); r.code == 0 {
		t.Errorf("-R remote forwarding was granted: %q", r.stderr)
	}
}

// TestServeHostKeyKept: the host key made on the first start (mode 0600)
// is the one of the next start, which the first run's known_hosts accepts
// with StrictHostKeyChecking=yes; SIGTERM closes a view with a notice and
// exits 0; a host key others may read is refused.
func TestServeHostKeyKept(t *testing.T) {
	f := newServeFixture(t)
	srv := startServer(t, f.dir, "--authorized-keys", f.keys, f.visit)
	first := servingLine.FindStringSubmatch(srv.logText())[2]
	if r := srv.ssh(f.kyung, []string{"-T"}); r.code != 0 {
		t.Fatalf("first run: exit %d %q", r.code, r.stderr)
	}
	view := srv.tmuxSSH(f.kyung, 100, 30)
	view.waitFor("view", "Card · Kyung Kye-hyun")
	if code := srv.stop(); code != 0 {
		t.Errorf("SIGTERM: exit %d\n%s", code, srv.logText())
	}
	view.waitFor("the notice", "the server is shutting down")

	hostKey := filepath.Join(f.dir, "xdg", "visitline", "ssh_host_ed25519")
	if info, err := os.Stat(hostKey); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("host key: %v %v", info, err)
	}
	again := startServer(t, f.dir, "--authorized-keys", f.keys, f.visit)
	if second := servingLine.FindStringSubmatch(again.logText())[2]; second != first || strings.Contains(again.logText(), "(new)") {
		t.Errorf("fingerprint %s, then %s", first, second)
	}
	if r := again.ssh(f.kyung, []string{"-T", "-o", "StrictHostKeyChecking=yes"}); r.code != 0 || !strings.Contains(r.stdout, "Kyung") {
		t.Errorf("second run with StrictHostKeyChecking=yes: exit %d %q", r.code, r.stderr)
	}
	out, _ := exec.Command("ssh-keygen", "-lf", hostKey).CombinedOutput()
	if !strings.Contains(string(out), first) || !strings.Contains(string(out), "ED25519") {
		t.Errorf("ssh-keygen -l: %s, want %s", out, first)
	}
	again.stop()

	os.Chmod(hostKey, 0o644)
	r := runBinary(t, f.dir, nil, "serve", "--listen", "127.0.0.1:0", "--host-key", hostKey, "--authorized-keys", f.keys, f.visit)
	if r.code != 2 || !strings.Contains(r.stderr, "lets others read it") {
		t.Errorf("mode 0644: exit %d %q", r.code, r.stderr)
	}
}

// TestServeBadKeysLine: a line that does not parse, or an option other
// than person, restrict and no-*, stops the start with FILE:LINE.
func TestServeBadKeysLine(t *testing.T) {
	f := newServeFixture(t)
	good := publicKey(t, f.kyung)
	for _, tc := range []struct{ line, want string }{
		{"ssh-ed25519 AAAAnotbase64", ":3: not an OpenSSH public key line"},
		{`command="/bin/sh" ` + good, `:3: option "command=\"/bin/sh\"" is not accepted here`},
		{`person="nobody-here" ` + good, `:3: person="nobody-here" matches nobody in this itinerary; the people are:`},
		{`person=kyung ` + good, `:3: person takes a quoted value`},
		{`person="Sam" ` + good, `:3: person="Sam" is ambiguous; it matches:`},
	} {
		keys := filepath.Join(f.dir, "bad_keys")
		os.WriteFile(keys, []byte("# keys\n\n"+tc.line+"\n"), 0o600)
		r := runBinary(t, f.dir, nil, "serve", "--listen", "127.0.0.1:0", "--host-key", filepath.Join(f.dir, "hk"), "--authorized-keys", keys, f.visit)
		if r.code != 2 || !strings.HasPrefix(r.stderr, "visitline serve: "+keys+tc.want) {
			t.Errorf("%s: exit %d, %q, want %q", tc.line, r.code, r.stderr, keys+tc.want)
		}
	}
}
