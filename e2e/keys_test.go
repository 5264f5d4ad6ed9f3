package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/visitline/visitline/agenda"
	"github.com/visitline/visitline/internal/synth"
	"github.com/visitline/visitline/itinerary"
	"github.com/visitline/visitline/tui"
)

// pageRange reads "lines 1–16 of 77" from a page's title.
var pageRange = regexp.MustCompile(`lines (\d+)–(\d+) of (\d+)`)

// scrollPage presses j on the open page until its last line is on screen
// and returns every screen seen.
func (s *tmuxSession) scrollPage() []string {
	s.t.Helper()
	scr := s.screen()
	screens := []string{scr}
	for range 300 {
		m := pageRange.FindStringSubmatch(scr)
		if m == nil {
			return screens // the page fits
		}
		if m[2] == m[3] {
			return screens
		}
		scr = s.key("j")
		screens = append(screens, scr)
	}
	s.t.Fatal("the page never reached its end")
	return nil
}

// helpRows are the key column of every row of --help, which is made from
// the same key map as the ? page.
func helpRows(t *testing.T) []string {
	var keys []string
	for _, l := range strings.Split(tui.HelpText(), "\n") {
		if strings.HasPrefix(l, "  ") && len(l) > 24 {
			keys = append(keys, strings.TrimSpace(l[:24]))
		}
	}
	if len(keys) < 30 {
		t.Fatalf("only %d rows in --help", len(keys))
	}
	return keys
}

// TestHelpAndAboutInTmux: at 80×24 and 60×20 every key of the key map can
// be scrolled into view on the ? page, the about page's sources can be
// reached, and keys pressed on a page leave the view behind it as it was.
func TestHelpAndAboutInTmux(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			s := startTmux(t, size[0], size[1], "--now", "2024-01-01T00:00:00Z")
			s.waitFor("first frame", "Timeline · 12 events")
			s.key("j")
			before := s.key("j")
			if !strings.Contains(before, "? more keys") {
				t.Errorf("the footer lacks ? at %d columns:\n%s", size[0], before)
			}
			s.key("?")
			screens := s.scrollPage()
			for _, keys := range helpRows(t) {
				found := false
			search:
				for _, scr := range screens {
					for _, l := range strings.Split(scr, "\n") {
						if strings.HasPrefix(l, "  "+keys+" ") {
							found = true
							break search
						}
					}
				}
				if !found {
					t.Errorf("%q is never on the ? page", keys)
				}
			}
			if !strings.Contains(strings.Join(screens, "\n"), "[! overlap]") {
				t.Errorf("the legend never shows")
			}
			// Keys that would move, filter or refocus the view behind.
			for _, k := range []string{"g", "k", "Tab", "Enter", "n", "z", "b", "e", "]"} {
				s.tmux("send-keys", "-t", "main", k)
			}
			s.key("i") // switch to about
			for _, k := range []string{"G", "j", "Tab", "n"} {
				s.tmux("send-keys", "-t", "main", k)
			}
			s.waitFor("about's sources", "About this itinerary", "Sources", "2024-01-26")
			if after := s.key("Escape"); after != before {
				t.Errorf("keys on the pages changed the view:\nbefore\n%s\nafter\n%s", before, after)
			}
			s.quit()
		})
	}
}

// TestStickyDayInTmux: after G on a file of 10,000 events the selected
// event's day header is the first line of the timeline.
func TestStickyDayInTmux(t *testing.T) {
	src := synth.Generate(10000, 300, 7)
	path := filepath.Join(t.TempDir(), "big.yaml")
	if err := os.WriteFile(path, src, 0o644); err != nil {
		t.Fatal(err)
	}
	it, err := itinerary.Load(path, src)
	if err != nil {
		t.Fatal(err)
	}
	days := it.Days(it.Select(itinerary.Filter{}), it.Zone)
	last := days[len(days)-1]
	label := agenda.DayLabel(last.Date)
	title := it.Events[last.Events[len(last.Events)-1]].Title
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		s := startTmux(t, size[0], size[1], path, "--now", "2000-01-01T00:00:00Z")
		s.waitFor("first frame", "Timeline · 10000 events")
		scr := s.key("G")
		if !strings.Contains(scr, "\n"+label+" · ") || !strings.Contains(scr, title[:20]) || !isDayHeader(strings.Split(scr, "\n")[3]) {
			t.Errorf("%d×%d: after G the day header %q should be on screen, and a day header first:\n%s", size[0], size[1], label, scr)
		}
		// Half way up, the header still heads the rows under it.
		for range 5 {
			scr = s.key("PgUp")
		}
		if l := strings.Split(scr, "\n")[3]; !isDayHeader(l) {
			t.Errorf("%d×%d: the first timeline line is not a day header: %q\n%s", size[0], size[1], l, scr)
		}
	}
}

// dayHeader matches a day header row: "Fri 4 Jun 2027 · 1 event".
var dayHeader = regexp.MustCompile(`^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2} \d{4} · \d+ events?`)

func isDayHeader(line string) bool { return dayHeader.MatchString(line) }

// TestLongRoleWrapsInTmux: a participant's long role wraps under the name
// with a hanging indent instead of being cut.
func TestLongRoleWrapsInTmux(t *testing.T) {
	src := `version: 1
title: Wrapping
timezone: Asia/Seoul
orgs: [{id: e, name: Electronics Corporation of Somewhere}]
people:
  - {id: t, name: Tanaka Haruki, native: 田中春樹, org: e, role: "Executive Officer, Electronic Devices and Semiconductor Solutions Division, responsible for partnerships"}
events:
  - {title: Meeting, start: "2024-01-26 10:00", participants: [t]}
`
	path := filepath.Join(t.TempDir(), "wrap.yaml")
	os.WriteFile(path, []byte(src), 0o644)
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		s := startTmux(t, size[0], size[1], path, "--now", "2024-01-01T00:00:00Z")
		scr := s.waitFor("first frame", "Timeline · 1 event")
		if size[1] < 24 {
			scr = s.key("Tab") // one pane at a time
		}
		flat := strings.Join(strings.Fields(scr), " ")
		if !strings.Contains(flat, "Tanaka Haruki 田中春樹 — Executive Officer, Electronic Devices and Semiconductor Solutions Division, responsible for partnerships, Electronics Corporation of Somewhere") {
			t.Errorf("%d×%d: the role is not whole:\n%s", size[0], size[1], scr)
		}
		if !regexp.MustCompile(`(?m)^    \S`).MatchString(scr) {
			t.Errorf("%d×%d: no hanging indent, or a cut line:\n%s", size[0], size[1], scr)
		}
		assertFits(t, scr, size[0])
	}
}

// TestEditorInTmux: e runs $EDITOR (a command with an argument) with +LINE
// of the selected event and the file, suspends the view, and brings it back
// with the file reloaded and the selection kept.
func TestEditorInTmux(t *testing.T) {
	dir := t.TempDir()
	orig, err := os.ReadFile("data/examples/lagos-london.yaml")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "trip.yaml")
	os.WriteFile(path, orig, 0o644)
	argsFile := filepath.Join(dir, "args")
	// Named vi so that it gets +LINE; it records its arguments and edits
	// the file's title, as a user would.
	editor := filepath.Join(dir, "vi")
	script := fmt.Sprintf("#!/bin/sh\nprintf '%%s\\n' \"$@\" > %q\nsed -i 's/^title: .*/title: Edited in the editor/' \"$3\"\n", argsFile)
	if err := os.WriteFile(editor, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	it, err := itinerary.LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := startTmuxEnv(t, []string{"TZ=UTC", "VISUAL=", "EDITOR=" + editor + " -n"}, 80, 24, path, "--now", "2025-03-01T00:00:00Z", "--no-watch")
	s.waitFor("first frame", "Lagos fintech delegation")
	s.key("j")
	scr := s.key("j")
	sel := ""
	for _, l := range strings.Split(scr, "\n") {
		if strings.HasPrefix(l, "❯ ") && !strings.HasPrefix(l, "❯ Timeline") {
			sel = l
		}
	}
	want := -1
	for i, e := range it.Events {
		if len(e.Title) > 12 && strings.Contains(sel, e.Title[:12]) {
			want = i
		}
	}
	if want < 0 {
		t.Fatalf("cannot tell the selected event from %q", sel)
	}
	s.tmux("send-keys", "-t", "main", "e")
	scr = s.waitFor("back from the editor", "Edited in the editor", sel[:30])
	got, err := os.ReadFile(argsFile)
	if err != nil {
		t.Fatalf("the editor did not run: %v\n%s", err, scr)
	}
	if args := strings.Split(strings.TrimSpace(string(got)), "\n"); len(args) != 3 || args[0] != "-n" ||
		args[1] != "+"+strconv.Itoa(it.Events[want].Pos.Line) || args[2] != path {
		t.Errorf("editor arguments %q, want [-n +%d %s]", args, it.Events[want].Pos.Line, path)
	}
	assertFits(t, scr, 80)
	// A missing editor says so and leaves the view whole.
	s.tmux("send-keys", "-t", "main", "q")
	s.exitCode()
	s = startTmuxEnv(t, []string{"TZ=UTC", "VISUAL=visitline-missing-editor"}, 80, 24, path, "--now", "2025-03-01T00:00:00Z")
	s.waitFor("first frame", "Edited in the editor")
	s.tmux("send-keys", "-t", "main", "e")
	scr = s.waitFor("missing editor", `cannot start the editor "visitline-missing-editor": not found`, "Timeline ·")
	assertFits(t, scr, 80)
}

// TestInvalidSaveInTmux: at 80×24 the reload error shows whole, wrapped,
// with no stale status under it.
func TestInvalidSaveInTmux(t *testing.T) {
	orig, err := os.ReadFile("data/examples/lagos-london.yaml")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "trip.yaml")
	os.WriteFile(path, orig, 0o644)
	s := startTmux(t, 80, 24, path, "--now", "2025-03-01T00:00:00Z")
	s.waitFor("first frame", "Lagos fintech delegation")
	good := []byte(strings.Replace(string(orig), "title: Lagos fintech delegation to London", "title: Revised plan", 1))
	saveByRename(t, path, good)
	s.waitFor("good save", "Revised plan", "reloaded")
	bad := []byte(strings.Replace(string(good), "    kind: meal\n", "    kind: a-lunch-kind-that-does-not-exist\n", 1))
	_, lerr := itinerary.Load(path, bad)
	le, ok := lerr.(*itinerary.LoadError)
	if !ok {
		t.Fatalf("the broken file should not load: %v", lerr)
	}
	saveByRename(t, path, bad)
	scr := s.waitFor("broken save", "the file did not reload")
	deadline := time.Now().Add(5 * time.Second)
	for strings.Contains(scr, "reloaded") && time.Now().Before(deadline) {
		scr = s.screen()
	}
	flat := strings.Join(strings.Fields(scr), " ")
	for _, l := range le.Lines() {
		if len(l) < 80 {
			t.Fatalf("the message %q is too short to test wrapping", l)
		}
		if !strings.Contains(flat, l) {
			t.Errorf("the message is not whole on screen: %q\n%s", l, scr)
		}
	}
	if strings.Contains(scr, "reloaded") {
		t.Errorf("the stale status stays:\n%s", scr)
	}
	assertFits(t, scr, 80)
	saveByRename(t, path, good)
	s.waitFor("fixed save", "reloaded")
	if scr = s.screen(); strings.Contains(scr, "did not reload") {
		t.Errorf("a good save should clear the panel:\n%s", scr)
	}
}
