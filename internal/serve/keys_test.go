package serve

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"github.com/visitline/visitline/itinerary"
	gossh "golang.org/x/crypto/ssh"
)

func newKey(t *testing.T) gossh.PublicKey {
	t.Helper()
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	k, err := gossh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func keyLine(k gossh.PublicKey) string {
	return strings.TrimSpace(string(gossh.MarshalAuthorizedKey(k)))
}

// TestParseAuthorizedKeys: person="ID" is read, restrict and no-* are
// accepted, anything else is FILE:LINE: message, every problem reported.
func TestParseAuthorizedKeys(t *testing.T) {
	a, b := keyLine(newKey(t)), keyLine(newKey(t))
	for _, tc := range []struct {
		name, file string
		people     []string // each member's person
		noPty      []bool
		err        string
	}{
		{"plain", a + "\n" + b + " bob@laptop\n", []string{"", ""}, []bool{false, false}, ""},
		{"comments and blanks", "# team\n\n   \n" + a + "\n", []string{""}, []bool{false}, ""},
		{"person", `person="kyung" ` + a + "\n", []string{"kyung"}, []bool{false}, ""},
		{"person with spaces and quote", `restrict,person="Kyung \"K\" Kye" ` + a, []string{`Kyung "K" Kye`}, []bool{false}, ""},
		{"restrict and no-*", `restrict,no-pty,no-agent-forwarding,NO-PORT-FORWARDING,no-X11-forwarding,no-user-rc ` + a, []string{""}, []bool{true}, ""},
		{"command", `command="ls" ` + a, nil, nil, `keys:1: option "command=\"ls\"" is not accepted here`},
		{"permitopen", "\n" + `permitopen="h:1" ` + a, nil, nil, `keys:2: option "permitopen=\"h:1\"" is not accepted here`},
		{"unknown no-", `no-such-thing ` + a, nil, nil, `keys:1: option "no-such-thing" is not accepted here`},
		{"garbage", "hello world\n", nil, nil, "keys:1: not an OpenSSH public key line"},
		{"unquoted person", "person=kyung " + a, nil, nil, `keys:1: person takes a quoted value`},
		{"empty person", `person="" ` + a, nil, nil, `keys:1: person="" is empty`},
		{"two persons", `person="a",person="b" ` + a, nil, nil, "keys:1: person is given twice"},
		{"twice", a + "\n" + a + " again\n", nil, nil, "keys:2: the key is already on line 1"},
		{"every problem", "x\n" + a + "\ny\n", nil, nil, "keys:1: not an OpenSSH public key line (no key found)\nkeys:3: not an OpenSSH public key line (no key found)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ms, err := ParseAuthorizedKeys("keys", []byte(tc.file))
			if tc.err != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tc.err) {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(ms) != len(tc.people) {
				t.Fatalf("%d members, want %d", len(ms), len(tc.people))
			}
			for i, m := range ms {
				if m.Person != tc.people[i] || m.NoPty != tc.noPty[i] {
					t.Errorf("member %d: person %q no-pty %v, want %q %v", i, m.Person, m.NoPty, tc.people[i], tc.noPty[i])
				}
			}
		})
	}
}

// TestKeyringReadAgain: a key added to the file is allowed at the next
// lookup, a removed one refused; a bad version keeps the last good keys
// and says so once.
func TestKeyringReadAgain(t *testing.T) {
	a, b := newKey(t), newKey(t)
	path := filepath.Join(t.TempDir(), "authorized_keys")
	os.WriteFile(path, []byte(keyLine(a)+"\n"), 0o600)
	var log []string
	k, err := newKeyring(path, func(l string) { log = append(log, l) })
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := k.lookup(b); ok {
		t.Fatal("b allowed before it is in the file")
	}
	write := func(s string) {
		tmp := path + ".new"
		os.WriteFile(tmp, []byte(s), 0o600)
		os.Rename(tmp, path) // a new file: another inode, whatever the clock's resolution
	}
	write(keyLine(b) + "\n")
	if _, ok := k.lookup(b); !ok {
		t.Error("b refused after it was added")
	}
	if _, ok := k.lookup(a); ok {
		t.Error("a allowed after it was removed")
	}
	write("garbage\n")
	for range 2 {
		if _, ok := k.lookup(b); !ok {
			t.Error("a bad file dropped the keys read before")
		}
	}
	if n := strings.Count(strings.Join(log, "\n"), "not read again"); n != 1 {
		t.Errorf("the bad version said %d times: %q", n, log)
	}
	if _, ok := k.lookup(nil); ok {
		t.Error("no key allowed")
	}
}

// TestHostKey: made once at mode 0600, the same after; refused when group
// or others may read it.
func TestHostKey(t *testing.T) {
	path := filepath.Join(t.TempDir(), "visitline", "ssh_host_ed25519")
	_, s1, created, err := loadHostKey(path)
	if err != nil || !created {
		t.Fatal(err, created)
	}
	if s1.PublicKey().Type() != gossh.KeyAlgoED25519 {
		t.Errorf("key type %s", s1.PublicKey().Type())
	}
	info, _ := os.Stat(path)
	dir, _ := os.Stat(filepath.Dir(path))
	if info.Mode().Perm() != 0o600 || dir.Mode().Perm() != 0o700 {
		t.Errorf("modes %v %v", info.Mode(), dir.Mode())
	}
	_, s2, created, err := loadHostKey(path)
	if err != nil || created || !bytes.Equal(s1.PublicKey().Marshal(), s2.PublicKey().Marshal()) {
		t.Errorf("second load: %v, created %v, same %v", err, created, s2 != nil && bytes.Equal(s1.PublicKey().Marshal(), s2.PublicKey().Marshal()))
	}
	os.Chmod(path, 0o640)
	if _, _, _, err := loadHostKey(path); err == nil || !strings.Contains(err.Error(), "lets others read it") {
		t.Errorf("mode 0640: %v", err)
	}
}

func TestDefaultHostKey(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", "/data")
	if p, _ := DefaultHostKey(); p != "/data/visitline/ssh_host_ed25519" {
		t.Errorf("%q", p)
	}
	t.Setenv("XDG_DATA_HOME", "")
	t.Setenv("HOME", "/home/a")
	if p, _ := DefaultHostKey(); p != "/home/a/.local/share/visitline/ssh_host_ed25519" {
		t.Errorf("%q", p)
	}
}

// TestRateLimiter: a burst of 4×rate, then rate a second, per host (not
// per port); a rate of 0 allows all.
func TestRateLimiter(t *testing.T) {
	now := time.Unix(0, 0)
	l := newRateLimiter(2, func() time.Time { return now })
	addr := func(s string) net.Addr { a, _ := net.ResolveTCPAddr("tcp", s); return a }
	allowed := 0
	for i := range 20 {
		if l.allow(addr("127.0.0.1:" + string(rune('1'+i%9)) + "000")) {
			allowed++
		}
	}
	if allowed != 8 {
		t.Errorf("burst: %d allowed, want 8", allowed)
	}
	if !l.allow(addr("127.0.0.2:1")) {
		t.Error("another host refused")
	}
	now = now.Add(time.Second)
	allowed = 0
	for range 5 {
		if l.allow(addr("127.0.0.1:1")) {
			allowed++
		}
	}
	if allowed != 2 {
		t.Errorf("after a second: %d allowed, want 2", allowed)
	}
	off := newRateLimiter(0, time.Now)
	for range 100 {
		if !off.allow(addr("127.0.0.1:1")) {
			t.Fatal("rate 0 refused")
		}
	}
}

// TestRateLimiterBounded: the map of hosts stays under its bound.
func TestRateLimiterBounded(t *testing.T) {
	now := time.Unix(0, 0)
	l := newRateLimiter(1, func() time.Time { return now })
	for i := range 3 * maxRateEntries {
		l.allow(&net.TCPAddr{IP: net.IPv4(10, byte(i>>16), byte(i>>8), byte(i)), Port: 1})
	}
	if len(l.buckets) > maxRateEntries {
		t.Errorf("%d hosts remembered", len(l.buckets))
	}
}

// TestHubNeverWaits: publishing to sessions that never take their pokes
// does not block, and each holds one poke at most.
func TestHubNeverWaits(t *testing.T) {
	h := newHub(&itinerary.Itinerary{})
	subs := make([]*subscriber, 100)
	for i := range subs {
		subs[i] = h.subscribe()
	}
	for range 1000 {
		h.publish(&itinerary.Itinerary{}, nil)
	}
	for _, s := range subs {
		if len(s.notify) != 1 {
			t.Fatalf("%d pokes waiting", len(s.notify))
		}
	}
	bad := os.ErrNotExist
	last, _ := h.current()
	h.publish(nil, bad)
	if it, err := h.current(); it != last || err != bad {
		t.Errorf("an error replaced the last good itinerary: %v %v", it, err)
	}
}

// TestSessionRenderer: the profile comes from the client's TERM,
// COLORTERM and NO_COLOR, and nothing is written to the session (no
// query of its background).
func TestSessionRenderer(t *testing.T) {
	for _, tc := range []struct {
		env  []string
		want termenv.Profile
	}{
		{[]string{"TERM=xterm-256color"}, termenv.ANSI256},
		{[]string{"TERM=xterm-256color", "COLORTERM=truecolor"}, termenv.TrueColor},
		{[]string{"TERM=xterm"}, termenv.ANSI},
		{[]string{"TERM=dumb"}, termenv.Ascii},
		{[]string{"NO_COLOR=1", "TERM=xterm-256color"}, termenv.Ascii},
		{[]string{"TERM=vt100", "TERM=xterm-256color"}, termenv.ANSI256}, // the pty's TERM, appended, wins
	} {
		var out bytes.Buffer
		r := sessionRenderer(&out, tc.env)
		if r.ColorProfile() != tc.want || !r.HasDarkBackground() {
			t.Errorf("%v: profile %v dark %v, want %v", tc.env, r.ColorProfile(), r.HasDarkBackground(), tc.want)
		}
		r.NewStyle().Foreground(lipgloss.AdaptiveColor{Light: "#000", Dark: "#fff"}).Render("x")
		if out.Len() != 0 {
			t.Errorf("%v: the renderer wrote %q to the session", tc.env, out.String())
		}
	}
}
