package tui

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
	"github.com/visitline/visitline/data"
	"github.com/visitline/visitline/itinerary"
)

func TestEditorArgs(t *testing.T) {
	cases := []struct {
		editor, file string
		line         int
		want         []string
	}{
		{"vi", "v.yaml", 12, []string{"vi", "+12", "v.yaml"}},
		{"/usr/bin/nvim", "v.yaml", 3, []string{"/usr/bin/nvim", "+3", "v.yaml"}},
		{"vim -u NONE", "a b.yaml", 7, []string{"vim", "-u", "NONE", "+7", "a b.yaml"}},
		{"nano", "v.yaml", 1, []string{"nano", "+1", "v.yaml"}},
		{"emacsclient -t", "v.yaml", 9, []string{"emacsclient", "-t", "+9", "v.yaml"}},
		{"micro", "v.yaml", 9, []string{"micro", "+9", "v.yaml"}},
		{"kak", "v.yaml", 9, []string{"kak", "+9", "v.yaml"}},
		{"hx", "v.yaml", 9, []string{"hx", "+9", "v.yaml"}},
		{"code -w", "v.yaml", 40, []string{"code", "-w", "--goto", "v.yaml:40"}},
		{`"/opt/VS Code/bin/code" --wait`, "v.yaml", 5, []string{"/opt/VS Code/bin/code", "--wait", "--goto", "v.yaml:5"}},
		{"ed", "v.yaml", 5, []string{"ed", "v.yaml"}},
		{"vim", "v.yaml", 0, []string{"vim", "v.yaml"}},
		{"vim", "-rf.yaml", 2, []string{"vim", "+2", "./-rf.yaml"}},
	}
	for _, c := range cases {
		got, err := editorArgs(c.editor, c.file, c.line)
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("editorArgs(%q, %q, %d) = %q, %v; want %q", c.editor, c.file, c.line, got, err, c.want)
		}
	}
	for _, bad := range []string{`vim "unclosed`, "   "} {
		if _, err := editorArgs(bad, "v.yaml", 1); err == nil {
			t.Errorf("editorArgs(%q) should fail", bad)
		}
	}
}

func TestEditorCommand(t *testing.T) {
	env := func(vars map[string]string) func(string) string { return func(k string) string { return vars[k] } }
	for _, c := range []struct {
		vars map[string]string
		want string
	}{
		{map[string]string{"VISUAL": "code -w", "EDITOR": "nano"}, "code -w"},
		{map[string]string{"EDITOR": "nano"}, "nano"},
		{map[string]string{"VISUAL": " ", "EDITOR": "nano"}, "nano"},
		{nil, "vi"},
	} {
		if got := editorCommand(env(c.vars)); got != c.want {
			t.Errorf("%v: %q, want %q", c.vars, got, c.want)
		}
	}
}

// flat is the view's text with its line breaks and runs of spaces made
// single spaces, to find a wrapped message whole.
func flat(v string) string { return strings.Join(strings.Fields(ansi.Strip(v)), " ") }

// TestEditWithoutFile: the built-in itinerary and standard input have no
// file; e says so, and how to get one, whole at 80×24.
func TestEditWithoutFile(t *testing.T) {
	m := press(newModel(t, 80, 24), "e")
	v := m.View()
	for _, want := range []string{"no file to edit: the built-in itinerary is not a file on disk.",
		"Write it to one with visitline --format yaml > visit.yaml, then open it: visitline visit.yaml"} {
		if !strings.Contains(flat(v), want) {
			t.Errorf("lacks %q:\n%s", want, v)
		}
	}
	assertFitsWindow(t, v, 80, 24)
	if v = press(m, "j").View(); strings.Contains(v, "no file to edit") {
		t.Errorf("the next key should clear the message:\n%s", v)
	}
	m = sized(New(Config{Itinerary: defaultItinerary(t), Name: "<stdin>", Stdin: true, Now: beforeVisit}, renderer(termenv.Ascii)), 80, 24)
	v = press(m, "e").View()
	if !strings.Contains(flat(v), "no file to edit: standard input is not a file on disk. Save what you piped in to a file, then open that: visitline visit.yaml") ||
		strings.Contains(v, "data/visit.yaml") || strings.Contains(v, "--format") {
		t.Errorf("stdin: the message should say to save the input, nothing about the built-in itinerary:\n%s", v)
	}
	assertFitsWindow(t, v, 80, 24)
	// A calendar piped in is saved as YAML first: the next step says how
	// (QA2 #15).
	m = sized(New(Config{Itinerary: defaultItinerary(t), Name: "<stdin>", Stdin: true, Calendar: true, Now: beforeVisit}, renderer(termenv.Ascii)), 80, 24)
	v = press(m, "e").View()
	if !strings.Contains(flat(v), "no file to edit: standard input is not a file on disk. Save the calendar as an itinerary, visitline --format yaml < cal.ics > trip.yaml, then open that: visitline trip.yaml") ||
		strings.Contains(flat(v), "visit.yaml") {
		t.Errorf("stdin calendar: the message should say to convert it to YAML:\n%s", v)
	}
	assertFitsWindow(t, v, 80, 24)
}

// TestEditKeyOnlyWithFile: the footer offers e only when there is a file
// to edit, whatever the focus.
func TestEditKeyOnlyWithFile(t *testing.T) {
	for _, cfg := range []Config{{Name: "<stdin>", Stdin: true}, {}, {File: "visit.yaml"}} {
		cfg.Itinerary, cfg.Now = defaultItinerary(t), beforeVisit
		for _, keys := range [][]string{nil, {"jjj", "tab"}, {"jjj", "tab", "j", "enter"}} {
			m := press(sized(New(cfg, renderer(termenv.Ascii)), 300, 40), keys...)
			offered := strings.Contains(footerOf(m), "e edit")
			if offered != (cfg.File != "") || m.keys.Edit.Enabled() != offered {
				t.Errorf("file %q, keys %v: e offered %v, enabled %v: %q", cfg.File, keys, offered, m.keys.Edit.Enabled(), footerOf(m))
			}
		}
	}
}

// TestEditorMissingOrFailing: the status line says what went wrong and the
// view stays whole.
func TestEditorMissingOrFailing(t *testing.T) {
	t.Setenv("VISUAL", "")
	t.Setenv("EDITOR", "visitline-no-such-editor --flag")
	m := sized(New(Config{Itinerary: defaultItinerary(t), File: "visit.yaml", Now: beforeVisit}, renderer(termenv.Ascii)), 80, 24)
	next, cmd := press(m, "jj").Update(keyMsg("e"))
	m = next.(Model)
	if cmd != nil || !strings.Contains(flat(m.View()), `cannot start the editor "visitline-no-such-editor": not found`) {
		t.Errorf("missing editor: cmd %v\n%s", cmd != nil, m.View())
	}
	assertFitsWindow(t, m.View(), 80, 24)
	next, cmd = m.Update(editorDoneMsg{editor: "vim", err: errors.New("exit status 1")})
	m = next.(Model)
	if cmd != nil || !strings.Contains(m.View(), `the editor "vim" failed: exit status 1`) || selectedID(m) != "altman-arrives" {
		t.Errorf("failing editor: selected %s\n%s", selectedID(m), m.View())
	}
	// An editor that returns well reloads the file, keeping the selection.
	path := filepath.Join(t.TempDir(), "visit.yaml")
	if err := os.WriteFile(path, bytes.Replace(data.Default, []byte("title: Sam Altman in Korea"), []byte("title: Edited visit"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	m.cfg.File, m.cfg.Load = path, reloader(path)
	next, cmd = m.Update(editorDoneMsg{editor: "vim"})
	m = next.(Model)
	if cmd == nil {
		t.Fatal("no reload after the editor")
	}
	next, _ = m.Update(cmd())
	m = next.(Model)
	if v := m.View(); !strings.Contains(v, "Edited visit") || !strings.Contains(v, "reloaded "+path+" after editing") || selectedID(m) != "altman-arrives" {
		t.Errorf("after the editor: selected %s\n%s", selectedID(m), v)
	}
}

func assertFitsWindow(t *testing.T, v string, w, h int) {
	t.Helper()
	lines := strings.Split(v, "\n")
	if len(lines) != h {
		t.Errorf("%d lines in a %d-line window", len(lines), h)
	}
	for _, l := range lines {
		if ansi.StringWidth(l) != w {
			t.Errorf("line of %d cells in %d columns: %q", ansi.StringWidth(l), w, l)
		}
	}
}

// TestErrorPanel: at 80×24 a long FILE:LINE:COLUMN message shows whole,
// wrapped; it replaces the last status; many errors scroll with E; a good
// save clears the panel.
func TestErrorPanel(t *testing.T) {
	m := sized(New(Config{Itinerary: defaultItinerary(t), Name: "visit.yaml", Watch: "visit.yaml", Load: reloader("visit.yaml"), Now: beforeVisit}, renderer(termenv.Ascii)), 80, 24)
	next, _ := m.Update(reloadedMsg{it: defaultItinerary(t)})
	m = next.(Model)
	if !strings.Contains(m.View(), "reloaded visit.yaml") {
		t.Fatalf("no reloaded status:\n%s", m.View())
	}
	long := `/home/someone/trips/2024/korea/visit.yaml:214:19: event "dinner-kyung": participant "kyung-kye-hyun" is not a defined person (known: altman, kyung, lee-jungbae, park-yongin, choi-siyoung, chey, kwak)`
	next, _ = m.Update(reloadedMsg{err: &itinerary.LoadError{File: "x", Problems: nil}})
	m = next.(Model)
	m.reloadErrors = []string{long}
	v := m.View()
	if !strings.Contains(flat(v), long) {
		t.Errorf("the message is not whole:\n%s", v)
	}
	if strings.Contains(v, "reloaded visit.yaml") {
		t.Errorf("the stale status stays under the panel:\n%s", v)
	}
	assertFitsWindow(t, v, 80, 24)
	var many []string
	for k := range 12 {
		many = append(many, fmt.Sprintf("visit.yaml:%d:3: problem number %d with a message long enough to wrap onto a second line of the panel", k+1, k+1))
	}
	m.reloadErrors = many
	m.settle()
	v = m.View()
	if !strings.Contains(v, "E shows more") || strings.Contains(v, "problem number 12") || !strings.Contains(v, "E more errors") && !strings.Contains(v, "…") {
		t.Errorf("many errors:\n%s", v)
	}
	seen := flat(v)
	for range 10 {
		m = press(m, "E")
		seen += flat(m.View())
	}
	for k := range many {
		// A message can straddle two panelfuls: look for its start.
		if e := fmt.Sprintf("visit.yaml:%d:3: problem number %d with", k+1, k+1); !strings.Contains(seen, e) {
			t.Errorf("E never shows %q", e)
		}
	}
	next, _ = m.Update(reloadedMsg{it: defaultItinerary(t)})
	if v = next.(Model).View(); strings.Contains(v, "did not reload") || strings.Contains(v, "problem number") {
		t.Errorf("a good save should clear the panel:\n%s", v)
	}
}

// TestEditEventsOwnFile: in a gathered itinerary e opens each event's own
// file; an event of standard input, or of a read-only calendar (a URL),
// says why it has none, and the footer does not offer e for it.
func TestEditEventsOwnFile(t *testing.T) {
	it := defaultItinerary(t)
	it.Calendars = []itinerary.Calendar{{ID: "work", Name: "Work", Origin: "/cal/work"},
		{ID: "team", Name: "Team", Origin: "https://example.com/team.ics", ReadOnly: true}}
	for i := range it.Events {
		it.Events[i].Calendar, it.Events[i].File = 0, fmt.Sprintf("/cal/work/%d.ics", i)
	}
	it.Events[1].File = "-"
	it.Events[2].Calendar, it.Events[2].File = 1, ""
	m := sized(New(Config{Itinerary: it, Now: beforeVisit}, renderer(termenv.Ascii)), 120, 30)
	if got := m.fileOf(0); got != "/cal/work/0.ics" {
		t.Errorf("event 0: file %q", got)
	}
	if got := m.fileOf(1); got != "" || !strings.Contains(m.noFileToEdit(1), "standard input is not a file on disk") {
		t.Errorf("event of stdin: file %q, %q", got, m.noFileToEdit(1))
	}
	if got := m.fileOf(2); got != "" || m.noFileToEdit(2) != `no file to edit: the calendar Team is read-only here (https://example.com/team.ics is not a file on disk)` {
		t.Errorf("event of a URL: file %q, %q", got, m.noFileToEdit(2))
	}
	for _, i := range []int{0, 1, 2} {
		m.tl.selectEvent(i)
		m.updateListKeys()
		if m.keys.Edit.Enabled() != (i == 0) {
			t.Errorf("event %d: e enabled %v", i, m.keys.Edit.Enabled())
		}
	}
}
