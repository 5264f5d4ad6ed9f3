package cli

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

const teamICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-CALNAME:Team\r\nBEGIN:VEVENT\r\nUID:u1\r\nDTSTART:20250101T100000Z\r\nDTEND:20250101T110000Z\r\nSUMMARY:Standup\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"

func isolateURL(t *testing.T) {
	t.Helper()
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
}

// TestURLCheckPrintOffline: a URL checks and prints; once its server is
// gone, --print and --check exit 1 naming the URL (never its password),
// and say that a copy is cached.
func TestURLCheckPrintOffline(t *testing.T) {
	isolateURL(t)
	var down atomic.Bool
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if down.Load() {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprint(w, teamICS)
	}))
	defer ts.Close()
	url := strings.Replace(ts.URL, "http://", "http://bob:hunter2@", 1) + "/team.ics?token=abc"
	shown := ts.URL + "/team.ics?token=abc"
	r := run(t, ".", nil, "--check", url)
	if r.code != 0 || r.stdout != shown+": ok (1 event, 0 people)\n" {
		t.Errorf("check: %d %q %q", r.code, r.stdout, r.stderr)
	}
	r = run(t, ".", nil, "--print", "--tz", "UTC", url)
	if r.code != 0 || !strings.Contains(r.stdout, "Standup") {
		t.Errorf("print: %d %q %q", r.code, r.stdout, r.stderr)
	}
	down.Store(true)
	for _, args := range [][]string{{"--print"}, {"--check"}, {"--format", "json"}} {
		r = run(t, ".", nil, append(args, url)...)
		assertRefused(t, r)
		if !strings.Contains(r.stderr, shown+": the server answered 503 Service Unavailable") || !strings.Contains(r.stderr, "is cached") {
			t.Errorf("%v: %q", args, r.stderr)
		}
		if strings.Contains(r.stderr, "hunter2") || strings.Contains(r.stderr, "bob") {
			t.Errorf("%v: credentials shown: %q", args, r.stderr)
		}
	}
}

// TestURLEndlessBodyRealLimit: a body that never ends is cut at the real
// size limit, 64 MiB, and the command exits 1.
func TestURLEndlessBodyRealLimit(t *testing.T) {
	isolateURL(t)
	chunk := []byte(strings.Repeat("X-FILL:0123456789abcdef0123456789abcdef0123456789\r\n", 1024))
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("BEGIN:VCALENDAR\r\n"))
		for r.Context().Err() == nil {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	}))
	defer ts.Close()
	start := time.Now()
	r := run(t, ".", nil, "--check", ts.URL+"/endless.ics")
	t.Logf("cut at the limit after %v", time.Since(start))
	assertRefused(t, r)
	if !strings.Contains(r.stderr, ts.URL+"/endless.ics: the calendar is larger than the limit of 64 MiB") {
		t.Errorf("stderr %q", r.stderr)
	}
}

// TestRefreshFlag: --refresh takes a duration of a minute or more.
func TestRefreshFlag(t *testing.T) {
	isolateURL(t)
	r := run(t, ".", nil, "--refresh", "10s", "--check")
	if r.code != ExitUsage || !strings.Contains(r.stderr, "--refresh 10s") {
		t.Errorf("%d %q", r.code, r.stderr)
	}
	if r = run(t, ".", nil, "--refresh", "1h", "--check"); r.code != 0 {
		t.Errorf("%d %q", r.code, r.stderr)
	}
}

// TestURLHostileNames: escape sequences in a URL reach neither stream,
// whether the URL parses or not; plain http to another host (0.0.0.0, not loopback, refused at once) is warned of.
func TestURLHostileNames(t *testing.T) {
	isolateURL(t)
	ts := httptest.NewServer(http.NotFoundHandler())
	defer ts.Close()
	for _, url := range []string{
		ts.URL + "/\x1b]0;owned\x07.ics",
		ts.URL + "/%1b%5b2J.ics",
		"https://u:p@\x1b[31mhost/x.ics",
	} {
		r := run(t, ".", nil, "--print", url)
		assertRefused(t, r)
		if strings.ContainsAny(r.stderr, "\x1b\x07") || strings.Contains(r.stderr, "u:p") {
			t.Errorf("%q: stderr %q", url, r.stderr)
		}
	}
	r := run(t, ".", nil, "--check", "http://0.0.0.0:1/team.ics")
	if r.code != 1 || !strings.Contains(r.stderr, "warning: plain http") {
		t.Errorf("plain http: %d %q", r.code, r.stderr)
	}
}
