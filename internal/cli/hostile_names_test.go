package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestHostileFileNamesOutput: a folder whose file and folder names hold
// escapes, newlines, bytes that are not UTF-8 and a leading '-': --check
// and every --format name each broken file on one line of stderr, and no
// name reaches stdout or stderr unsanitised.
func TestHostileFileNamesOutput(t *testing.T) {
	dir := t.TempDir()
	put := func(path, body string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	event := "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:u\r\nDTSTART:20250101T100000Z\r\nSUMMARY:Fine\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	for _, n := range []string{"\x1b[2J\x1b]0;pwned\a.ics", "new\nline: ok.ics", "bad\xff\xfe.ics", "-rf.ics", "\u009b31m.ics"} {
		put(filepath.Join(dir, "cal", n), "title: [\n")
	}
	put(filepath.Join(dir, "\x1b]0;title\a\xffcol", "e.ics"), event)
	put(filepath.Join(dir, "\x1b]0;title\a\xffcol", "color"), "\x1b[5mred\n")
	put(filepath.Join(dir, "-", "\x1b[31mtrip\n.yaml"), "version: 1\ntitle: T\ntimezone: UTC\nevents:\n  - {title: Y, start: 2025-01-02 10:00}\n")
	for _, args := range [][]string{{"--check"}, {"--print"}, {"--format", "json"}, {"--format", "md"}, {"--format", "csv"}, {"--format", "yaml"}, {"--format", "ics"}} {
		r := run(t, dir, nil, append(args, "--now", "2025-01-01T00:00:00Z", ".")...)
		if r.code != 0 {
			t.Errorf("%v: exit %d\n%s", args, r.code, r.stderr)
		}
		for name, s := range map[string]string{"stdout": r.stdout, "stderr": r.stderr} {
			if !utf8.ValidString(s) {
				t.Errorf("%v: %s is not UTF-8", args, name)
			}
			for _, c := range s {
				if c < 0x20 && c != '\n' && c != '\t' && c != '\r' || c == 0x7f || c >= 0x80 && c < 0xa0 {
					t.Errorf("%v: %s holds %U:\n%q", args, name, c, s)
					break
				}
			}
		}
		lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
		if len(lines) != 6 { // five broken files and the colour
			t.Errorf("%v: %d lines on stderr; want 6:\n%s", args, len(lines), r.stderr)
		}
		for _, l := range lines {
			if strings.HasPrefix(l, "line") {
				t.Errorf("%v: a name's newline starts a line: %q", args, l)
			}
		}
	}
}
