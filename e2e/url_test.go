package e2e

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// TestSubscribedURLInTmux: the view of a URL on a loopback server; when
// the server fails, r keeps the copy and the header says offline, as of
// the last good fetch; a new start with the server still failing opens on
// the cache, offline; once the server is back r shows its new calendar; e
// says the calendar is read-only.
func TestSubscribedURLInTmux(t *testing.T) {
	var body atomic.Value
	body.Store("Standup")
	var down atomic.Bool
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if down.Load() {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintf(w, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-CALNAME:Team\r\nBEGIN:VEVENT\r\nUID:u1\r\nDTSTART:20250101T100000Z\r\nDTEND:20250101T110000Z\r\nSUMMARY:%s\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", body.Load())
	}))
	defer ts.Close()
	env := []string{"TZ=UTC", "XDG_CACHE_HOME=" + t.TempDir(), "XDG_CONFIG_HOME=" + t.TempDir()}
	url := ts.URL + "/team.ics"

	s := startTmuxEnv(t, env, 100, 30, url)
	s.waitFor("first frame", "Team", "Standup")
	if scr := s.screen(); strings.Contains(scr, "offline") {
		t.Fatalf("offline while the server answers:\n%s", scr)
	}
	down.Store(true)
	s.tmux("send-keys", "-t", "main", "r")
	s.waitFor("failed refresh", "Team  offline · as of", "Standup", "cannot refresh")
	scr := s.key("e")
	if !strings.Contains(scr, "read-only") {
		t.Errorf("e on a URL:\n%s", scr)
	}
	s.quit()

	// A new start while the server fails: the cached copy, offline.
	s = startTmuxEnv(t, env, 100, 30, url)
	s.waitFor("start offline", "Team  offline · as of", "Standup")
	body.Store("Retro")
	down.Store(false)
	s.tmux("send-keys", "-t", "main", "r")
	scr = s.waitFor("refresh back online", "Retro")
	if strings.Contains(scr, "offline") {
		t.Errorf("still offline:\n%s", scr)
	}
	s.quit()
}
