package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFolderCheckWarnings: --check of a folder positions an overlap
// warning in the file of the event it is about, and names the event by
// its title (its number in the gathered itinerary is no file's).
func TestFolderCheckWarnings(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "c"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct{ name, uid, start, title string }{
		{"a.ics", "a", "100000", "Alpha"}, {"b.ics", "b", "103000", "Beta"},
	} {
		body := "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:" + f.uid + "\r\nDTSTART:20250101T" + f.start + "Z\r\nDURATION:PT1H\r\nSUMMARY:" + f.title +
			"\r\nATTENDEE;CN=Ann:mailto:ann@x.org\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
		if err := os.WriteFile(filepath.Join(dir, "c", f.name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r := run(t, dir, nil, "--check", ".")
	want := filepath.Join("c", "b.ics") + `:2: warning: event "Beta": Ann is also at "Alpha"`
	if r.code != 0 || !strings.HasPrefix(r.stderr, want) || r.stdout != ".: ok (2 events, 1 person)\n" {
		t.Errorf("exit %d\nstdout %q\nstderr %q\nwant the warning %q", r.code, r.stdout, r.stderr, want)
	}
}
