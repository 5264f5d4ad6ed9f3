package source

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/visitline/visitline/itinerary"
)

// terminalSafe says what in s a terminal would act on: a control
// character other than a newline ending a line or a tab, a C1 control, or
// bytes that are not UTF-8.
func terminalSafe(s string) error {
	if !utf8.ValidString(s) {
		return errors.New("not UTF-8")
	}
	for i, r := range s {
		if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r >= 0x80 && r < 0xa0 {
			return fmt.Errorf("control %U at byte %d", r, i)
		}
	}
	return nil
}

// hostileNames are file names a folder may hold, each made to act on a
// terminal or to pass for something else.
var hostileNames = []string{
	"\x1b[2J\x1b]0;pwned\a.ics", // clear the screen, set the title
	"new\nline: ok.ics",         // a forged line of output
	"bad\xff\xfe.ics",           // not UTF-8
	"-rf.ics",                   // a leading '-'
	"\u202eevil\u202c.ics",      // bidi override
	"\u009b31m.ics",             // a C1 CSI
}

// writeHostile writes a folder whose every name is hostile: broken files
// under each name above, a collection folder and a YAML itinerary named
// with escapes (their calendars named after them), and a bad color file.
func writeHostile(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, n := range hostileNames {
		write(t, filepath.Join(dir, "broken", n), "title: [\n")
	}
	col := filepath.Join(dir, "\x1b]8;;http://evil\x1b\\col\xff")
	write(t, filepath.Join(col, "e.ics"), vcal(single("u", "Fine", "")))
	write(t, filepath.Join(col, "color"), "\x1b[5m#12345\n")
	write(t, filepath.Join(dir, "\x1b[31mtrip\n.yaml"), "version: 1\ntitle: T\ntimezone: UTC\nevents:\n  - {title: Y, start: 2025-01-02 10:00}\n")
	write(t, filepath.Join(dir, "-", "x.ics"), vcal(single("v", "Dash", "")))
	return dir
}

// TestHostileFileNames: no name of a file or folder reaches a warning, an
// error or a calendar's name unsanitised; each broken file is still named
// (one warning line each, the newline in a name written as \n).
func TestHostileFileNames(t *testing.T) {
	dir := writeHostile(t)
	it, src, err := OpenAll([]string{dir}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	warnings := src.Warnings()
	t.Log(strings.Join(warnings, "\n"))
	for _, w := range warnings {
		if err := terminalSafe(w); err != nil || strings.Contains(w, "\n") {
			t.Errorf("warning %q: %v", w, err)
		}
	}
	for _, n := range []string{`\x1b[2J`, `new\nline`, `bad\xff\xfe`, "-rf.ics", `\u202eevil`, `\u009b31m`, "color"} {
		if !strings.Contains(strings.Join(warnings, "\n"), n) {
			t.Errorf("no warning names %q:\n%s", n, strings.Join(warnings, "\n"))
		}
	}
	if len(it.Events) != 3 || len(it.Calendars) != 3 {
		t.Errorf("%d events, %d calendars; want 3 and 3", len(it.Events), len(it.Calendars))
	}
	for _, c := range it.Calendars {
		for _, s := range []string{c.Name, c.ID, c.Color} {
			if err := terminalSafe(s); err != nil || strings.Contains(s, "\n") {
				t.Errorf("calendar %q: %v", s, err)
			}
		}
	}
	// Nothing loads: the error names the first file, quoted.
	_, _, err = OpenAll([]string{filepath.Join(dir, "broken")}, nil, nil)
	var le *itinerary.LoadError
	if !errors.As(err, &le) {
		t.Fatalf("error %v", err)
	}
	for _, l := range le.Lines() {
		if err := terminalSafe(l); err != nil || strings.Contains(l, "\n") {
			t.Errorf("error line %q: %v", l, err)
		}
	}
}
