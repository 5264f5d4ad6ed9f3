package source

import (
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/visitline/visitline/itinerary"
)

// calendarICS is a calendar of one event, named name when not "".
func calendarICS(name, title string) string {
	head := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
	if name != "" {
		head += "X-WR-CALNAME:" + name + "\r\n"
	}
	return head + "BEGIN:VEVENT\r\nUID:u1\r\nDTSTART:20250101T100000Z\r\nDTEND:20250101T110000Z\r\nSUMMARY:" + title + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
}

// calServer serves body at every path with an ETag of its content and
// answers 304 to a matching If-None-Match; it counts the answers.
type calServer struct {
	*httptest.Server
	body     atomic.Value // string
	full     atomic.Int32 // 200s
	notMod   atomic.Int32 // 304s
	lastCond atomic.Value // the last If-None-Match
}

func newCalServer(t *testing.T, body string) *calServer {
	t.Helper()
	s := &calServer{}
	s.body.Store(body)
	s.lastCond.Store("")
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.body.Load().(string)
		etag := fmt.Sprintf(`"%x"`, len(b)*31+int(b[len(b)-3]))
		s.lastCond.Store(r.Header.Get("If-None-Match"))
		if r.Header.Get("If-None-Match") == etag {
			s.notMod.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		s.full.Add(1)
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", "Wed, 01 Jan 2025 10:00:00 GMT")
		w.Header().Set("Content-Type", "text/calendar")
		fmt.Fprint(w, b)
	}))
	t.Cleanup(s.Close)
	return s
}

// isolate gives the test a cache folder of its own.
func isolate(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", dir)
	return filepath.Join(dir, "visitline", "url")
}

func loadErr(t *testing.T, err error) string {
	t.Helper()
	var le *itinerary.LoadError
	if !errors.As(err, &le) {
		t.Fatalf("want a *LoadError, got %v", err)
	}
	return strings.Join(le.Lines(), "\n")
}

// TestURLRead: a calendar at a loopback URL loads, named by X-WR-CALNAME,
// and its body and sidecar are cached, mode 0600.
func TestURLRead(t *testing.T) {
	cache := isolate(t)
	s := newCalServer(t, calendarICS("Team", "Standup"))
	it, src, err := Open(s.URL+"/team.ics", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if src.Kind != URL || !src.Calendar || src.Name != s.URL+"/team.ics" || !src.Remote() {
		t.Errorf("source %+v", src)
	}
	if len(it.Events) != 1 || it.Events[0].Title != "Standup" || it.Title != "Team" {
		t.Errorf("title %q, events %+v", it.Title, it.Events)
	}
	if st := src.Status(); st.Offline || st.Err != nil {
		t.Errorf("status %+v", st)
	}
	if len(src.Warnings()) != 0 {
		t.Errorf("warnings for a loopback http URL: %q", src.Warnings())
	}
	entries, err := os.ReadDir(cache)
	if err != nil || len(entries) != 2 {
		t.Fatalf("cache %v: %v", entries, err)
	}
	for _, e := range entries {
		info, _ := e.Info()
		if info.Mode().Perm() != 0o600 || strings.HasPrefix(e.Name(), ".tmp") {
			t.Errorf("%s: mode %v", e.Name(), info.Mode())
		}
	}
}

// TestURLNamedByPath: without X-WR-CALNAME the calendar is named by the
// URL's last path element, not by its query.
func TestURLNamedByPath(t *testing.T) {
	isolate(t)
	s := newCalServer(t, calendarICS("", "Standup"))
	it, _, err := Open(s.URL+"/cal/team.ics?token=s3cret", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if it.Title != "team" {
		t.Errorf("title %q", it.Title)
	}
}

// TestURLRefreshNotModified: a refresh sends the ETag, the server answers
// 304 and the body is not parsed again; a changed calendar is.
func TestURLRefreshNotModified(t *testing.T) {
	isolate(t)
	s := newCalServer(t, calendarICS("Team", "Standup"))
	r, err := newRemote(s.URL + "/team.ics")
	if err != nil {
		t.Fatal(err)
	}
	first, _, err := r.load()
	if err != nil {
		t.Fatal(err)
	}
	again, _, err := r.load()
	if err != nil {
		t.Fatal(err)
	}
	if again != first || r.parses != 1 || s.notMod.Load() != 1 || s.lastCond.Load() == "" {
		t.Errorf("same %v, parses %d, 304s %d, If-None-Match %q", again == first, r.parses, s.notMod.Load(), s.lastCond.Load())
	}
	s.body.Store(calendarICS("Team", "Retro, moved"))
	changed, _, err := r.load()
	if err != nil {
		t.Fatal(err)
	}
	if changed.Events[0].Title != "Retro, moved" || r.parses != 2 {
		t.Errorf("after a change: %q, parses %d", changed.Events[0].Title, r.parses)
	}
	// A new process asks with the cached ETag, and parses the cache once.
	r2, _ := newRemote(s.URL + "/team.ics")
	it, _, err := r2.load()
	if err != nil || it.Events[0].Title != "Retro, moved" || r2.parses != 1 || s.notMod.Load() != 2 {
		t.Errorf("new remote: %v, parses %d, 304s %d", err, r2.parses, s.notMod.Load())
	}
}

// TestURLOffline: once the server is gone, the loader keeps the last good
// copy and says offline, as of its fetch; a new start reads the cache.
func TestURLOffline(t *testing.T) {
	isolate(t)
	s := newCalServer(t, calendarICS("Team", "Standup"))
	name := s.URL + "/team.ics"
	before := time.Now()
	_, src, err := Open(name, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	after := time.Now()
	s.Close()
	it, err := src.Loader()()
	if err != nil || it == nil || len(it.Events) != 1 {
		t.Fatalf("refresh with the server gone: %v", err)
	}
	st := src.Status()
	if !st.Offline || st.AsOf.Before(before) || st.AsOf.After(after) {
		t.Errorf("status %+v", st)
	}
	if msg := loadErr(t, st.Err); !strings.Contains(msg, name) || !strings.Contains(msg, "cannot connect") {
		t.Errorf("why: %s", msg)
	}
	// A new start, offline: the cached copy, with its time.
	it, src, err = Open(name, nil, nil)
	if err != nil || len(it.Events) != 1 || it.Title != "Team" {
		t.Fatalf("start offline: %v", err)
	}
	st = src.Status()
	if !st.Offline || st.AsOf.Before(before.Add(-time.Second)) || st.AsOf.After(after) {
		t.Errorf("start offline: %+v", st)
	}
}

// TestURLNotFound: a 404 is an error naming the URL, with nothing cached.
func TestURLNotFound(t *testing.T) {
	isolate(t)
	ts := httptest.NewServer(http.NotFoundHandler())
	defer ts.Close()
	_, src, err := Open(ts.URL+"/nope.ics", nil, nil)
	msg := loadErr(t, err)
	if !strings.Contains(msg, ts.URL+"/nope.ics: the server answered 404 Not Found") {
		t.Errorf("message %q", msg)
	}
	if st := src.Status(); st.Offline {
		t.Errorf("offline with no copy: %+v", st)
	}
}

// endless writes calendar lines until the client goes.
func endless(w http.ResponseWriter, r *http.Request) {
	line := []byte(strings.Repeat("X-FILL:0123456789abcdef0123456789abcdef\r\n", 256))
	w.Write([]byte("BEGIN:VCALENDAR\r\n"))
	for r.Context().Err() == nil {
		if _, err := w.Write(line); err != nil {
			return
		}
	}
}

// TestURLEndlessBody: a body that never ends is cut at the limit.
func TestURLEndlessBody(t *testing.T) {
	isolate(t)
	ts := httptest.NewServer(http.HandlerFunc(endless))
	defer ts.Close()
	r, err := newRemote(ts.URL + "/big.ics")
	if err != nil {
		t.Fatal(err)
	}
	r.limit = 1 << 20
	_, _, err = r.load()
	if msg := loadErr(t, err); !strings.Contains(msg, "larger than the limit of 1 MiB") {
		t.Errorf("message %q", msg)
	}
}

// TestURLRedirectLoop: a loop is a clear error, not an endless fetch.
func TestURLRedirectLoop(t *testing.T) {
	isolate(t)
	mux := http.NewServeMux()
	mux.Handle("/a", http.RedirectHandler("/b", http.StatusFound))
	mux.Handle("/b", http.RedirectHandler("/a", http.StatusFound))
	n := 0
	mux.HandleFunc("/more/", func(w http.ResponseWriter, r *http.Request) {
		n++
		http.Redirect(w, r, fmt.Sprintf("/more/%d", n), http.StatusFound)
	})
	ts := httptest.NewServer(mux)
	defer ts.Close()
	_, _, err := Open(ts.URL+"/a", nil, nil)
	if msg := loadErr(t, err); !strings.Contains(msg, ts.URL+"/a: a redirect loop") {
		t.Errorf("loop: %q", msg)
	}
	_, _, err = Open(ts.URL+"/more/0", nil, nil)
	if msg := loadErr(t, err); !strings.Contains(msg, "more than 10 redirects") {
		t.Errorf("chain: %q", msg)
	}
}

// TestURLTimeout: a server that does not answer in time is a timeout.
func TestURLTimeout(t *testing.T) {
	isolate(t)
	release := make(chan struct{})
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer ts.Close()
	defer close(release)
	r, err := newRemote(ts.URL + "/slow.ics")
	if err != nil {
		t.Fatal(err)
	}
	r.client = newClient(100 * time.Millisecond)
	_, _, err = r.load()
	if msg := loadErr(t, err); !strings.Contains(msg, "timed out") || !strings.Contains(msg, ts.URL) {
		t.Errorf("message %q", msg)
	}
}

// TestURLTLS: an untrusted certificate is a TLS error; webcal:// is read
// as https.
func TestURLTLS(t *testing.T) {
	isolate(t)
	ts := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, calendarICS("Secure", "Standup"))
	}))
	ts.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshake
	ts.StartTLS()
	defer ts.Close()
	_, _, err := Open(ts.URL+"/cal.ics", nil, nil)
	if msg := loadErr(t, err); !strings.Contains(msg, "TLS: the server's certificate is signed by an authority") {
		t.Errorf("message %q", msg)
	}
	r, err := newRemote(strings.Replace(ts.URL, "https://", "webcal://", 1) + "/cal.ics")
	if err != nil {
		t.Fatal(err)
	}
	r.client.Transport = ts.Client().Transport
	it, _, err := r.load()
	if err != nil || it.Title != "Secure" || !strings.HasPrefix(r.name, "webcal://") {
		t.Errorf("webcal: %v, %q", err, r.name)
	}
	// Plain http is refused nothing, but warned of off this machine.
	r, _ = newRemote("http://calendar.example.com/team.ics")
	if len(r.warnings) != 1 || !strings.Contains(r.warnings[0], "unencrypted") {
		t.Errorf("warnings %q", r.warnings)
	}
}

// TestURLCredentials: the user and password of a URL are in no message,
// no calendar name and no cache file.
func TestURLCredentials(t *testing.T) {
	cache := isolate(t)
	var refuse atomic.Bool
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if refuse.Load() {
			http.Error(w, "gone", http.StatusForbidden)
			return
		}
		fmt.Fprint(w, calendarICS("", "Standup"))
	}))
	defer ts.Close()
	name := strings.Replace(ts.URL, "http://", "http://alice:s3cret@", 1) + "/cal.ics"
	it, src, err := Open(name, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	refuse.Store(true)
	src.Loader()()
	st := src.Status()
	out := src.Name + it.Title + loadErr(t, st.Err)
	_, _, err = Open(strings.Replace(name, "/cal.ics", "/\x1b[31m", 1), nil, nil)
	out += loadErr(t, err)
	entries, _ := os.ReadDir(cache)
	for _, e := range entries {
		b, _ := os.ReadFile(filepath.Join(cache, e.Name()))
		out += string(b)
	}
	if strings.Contains(out, "s3cret") || strings.Contains(out, "alice") || !strings.Contains(out, "403 Forbidden") {
		t.Errorf("credentials shown: %q", out)
	}
}

// TestURLHostile: escapes in a URL, its path or the server's answer reach
// no message and no name.
func TestURLHostile(t *testing.T) {
	isolate(t)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.Path, "missing") {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		fmt.Fprint(w, calendarICS("", "Standup"))
	}))
	defer ts.Close()
	var out []string
	_, _, err := Open(ts.URL+"/\x1b]0;owned\x07.ics", nil, nil)
	out = append(out, loadErr(t, err))
	_, _, err = Open(ts.URL+"/missing%1b%5b31m.ics", nil, nil)
	out = append(out, loadErr(t, err))
	it, src, err := Open(ts.URL+"/%1b%5b31mred%9b.ics", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	out = append(out, it.Title, src.Name)
	for _, s := range out {
		if strings.ContainsAny(s, "\x1b\x07\u009b") {
			t.Errorf("escape reached %q", s)
		}
	}
	if it.Title != "red" {
		t.Errorf("title %q", it.Title)
	}
}

// TestGatherURL: a URL among a folder's calendars is one more calendar,
// named by the URL; one that fails is a warning and a status.
func TestGatherURL(t *testing.T) {
	isolate(t)
	s := newCalServer(t, calendarICS("", "Standup"))
	dir := t.TempDir()
	write(t, filepath.Join(dir, "home", "d.ics"), ics("d", "Dinner", ""))
	secret := strings.Replace(s.URL, "http://", "http://carol:pa55@", 1) + "/team.ics"
	it, src, err := OpenAll([]string{dir, secret, s.URL + "/%zz"}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(src.Name, "pa55") || strings.Contains(src.Name, "carol") || !strings.Contains(src.Name, s.URL+"/team.ics") {
		t.Errorf("name %q", src.Name)
	}
	for _, c := range it.Calendars {
		if strings.Contains(c.Origin, "pa55") {
			t.Errorf("calendar %+v", c)
		}
	}
	if len(it.Calendars) != 2 || it.Calendars[1].Name != "team" || !src.Remote() {
		t.Fatalf("calendars %+v", it.Calendars)
	}
	if it.Calendars[0].ReadOnly || !it.Calendars[1].ReadOnly {
		t.Errorf("only the URL's calendar is read-only (e says so): %+v", it.Calendars)
	}
	if w := strings.Join(src.Warnings(), "\n"); !strings.Contains(w, "not a URL visitline can fetch") {
		t.Errorf("warnings %q", w)
	}
	s.Close()
	if _, err := src.Loader()(); err != nil {
		t.Fatal(err)
	}
	if st := src.Status(); !st.Offline || st.Err == nil {
		t.Errorf("status %+v", st)
	}
	if len(src.Roots()) != 1 {
		t.Errorf("roots %q", src.Roots())
	}
}

// TestGatherLocalChange: after a local file changes, the change loader
// reads it and keeps the URL's copy without a request; the loader of a
// refresh asks the server again.
func TestGatherLocalChange(t *testing.T) {
	isolate(t)
	s := newCalServer(t, calendarICS("", "Standup"))
	dir := t.TempDir()
	home := filepath.Join(dir, "d.ics")
	write(t, home, ics("d", "Dinner", ""))
	_, src, err := OpenAll([]string{dir, s.URL + "/team.ics"}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	asked := func() int32 { return s.full.Load() + s.notMod.Load() }
	if asked() != 1 {
		t.Fatalf("%d requests to open", asked())
	}
	write(t, home, ics("d", "Supper", ""))
	it, err := src.ChangeLoaderWith(nil)()
	if err != nil {
		t.Fatal(err)
	}
	titles := map[string]bool{}
	for _, e := range it.Events {
		titles[e.Title] = true
	}
	if !titles["Supper"] || !titles["Standup"] || asked() != 1 {
		t.Errorf("after a local change: titles %v, %d requests (want the URL's copy kept, 1)", titles, asked())
	}
	if _, err := src.Loader()(); err != nil || asked() != 2 {
		t.Errorf("a refresh: %v, %d requests, want 2", err, asked())
	}
}

// TestURLCacheFirst: for the view, a URL with a cached copy starts from
// it without a request, unchecked; the next load asks the server.
func TestURLCacheFirst(t *testing.T) {
	isolate(t)
	s := newCalServer(t, calendarICS("Team", "Standup"))
	name := s.URL + "/team.ics"
	// No copy yet: fetched.
	if _, src, err := OpenAllCacheFirst([]string{name}, nil, nil); err != nil || src.Status().Unchecked || s.full.Load() != 1 {
		t.Fatalf("no copy: %v, %+v, %d fetches", err, src.Status(), s.full.Load())
	}
	it, src, err := OpenAllCacheFirst([]string{name}, nil, nil)
	if err != nil || it.Title != "Team" || !src.Status().Unchecked || s.full.Load()+s.notMod.Load() != 1 {
		t.Fatalf("from the cache: %v, %+v, %d requests", err, src.Status(), s.full.Load()+s.notMod.Load())
	}
	if _, err := src.Loader()(); err != nil || src.Status().Unchecked || s.notMod.Load() != 1 {
		t.Errorf("the first refresh: %v, %+v, %d 304s", err, src.Status(), s.notMod.Load())
	}
	// Among other names too.
	dir := t.TempDir()
	write(t, filepath.Join(dir, "home", "d.ics"), ics("d", "Dinner", ""))
	_, src, err = OpenAllCacheFirst([]string{dir, name}, nil, nil)
	if err != nil || !src.Status().Unchecked || s.notMod.Load() != 1 {
		t.Errorf("gathered: %v, %+v", err, src.Status())
	}
}
