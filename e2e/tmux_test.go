package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// tmuxSession drives the built binary in a detached tmux server of its own.
type tmuxSession struct {
	t      *testing.T
	socket string
	conf   string
	exit   string // file the wrapper writes the exit code to
	pid    string // file the wrapper writes the binary's process id to
}

func startTmux(t *testing.T, w, h int, args ...string) *tmuxSession {
	return startTmuxIn(t, "UTC", w, h, args...)
}

// startTmuxIn starts the binary with this machine's zone set to tz.
func startTmuxIn(t *testing.T, tz string, w, h int, args ...string) *tmuxSession {
	return startTmuxEnv(t, []string{"TZ=" + tz}, w, h, args...)
}

// startTmuxEnv starts the binary with extra environment variables.
func startTmuxEnv(t *testing.T, env []string, w, h int, args ...string) *tmuxSession {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed (apt-get install tmux); .ci/run installs it")
	}
	dir := t.TempDir()
	s := &tmuxSession{t: t, socket: fmt.Sprintf("visitline-test-%d-%d", os.Getpid(), time.Now().UnixNano()),
		conf: filepath.Join(dir, "tmux.conf"), exit: filepath.Join(dir, "exit"), pid: filepath.Join(dir, "pid")}
	os.WriteFile(s.conf, []byte("set -g default-terminal \"xterm-256color\"\nset -g status off\nset -g escape-time 0\n"), 0o644)
	quoted := make([]string, len(args))
	for i, a := range args {
		quoted[i] = shellQuote(a)
	}
	// The inner shell writes its process id, which exec hands to the binary.
	cmd := fmt.Sprintf("cd %q && sh -c 'echo $$ > \"$0\" && exec \"$@\"' %s %s %s; echo $? > %q; sleep 60",
		mustGetwd(t), shellQuote(s.pid), shellQuote(binary), strings.Join(quoted, " "), s.exit)
	newSession := []string{"new-session", "-d", "-s", "main", "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), "env", "LANG=C.UTF-8", "CI="}
	newSession = append(append(newSession, env...), "sh", "-c", cmd)
	s.tmux(newSession...)
	t.Cleanup(func() { exec.Command("tmux", "-L", s.socket, "kill-server").Run() })
	return s
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

func mustGetwd(t *testing.T) string {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return wd
}

func (s *tmuxSession) tmux(args ...string) string {
	s.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", s.socket, "-f", s.conf}, args...)...).CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// quit presses q and fails unless the program exits with 0.
func (s *tmuxSession) quit() {
	s.t.Helper()
	s.tmux("send-keys", "-t", "main", "q")
	if code := s.exitCode(); code != "0" {
		s.t.Errorf("exit code %s after q", code)
	}
}

func (s *tmuxSession) screen() string { return s.tmux("capture-pane", "-p", "-t", "main") }

// waitFor polls the screen until it holds every want, or fails.
func (s *tmuxSession) waitFor(what string, want ...string) string {
	s.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		scr := s.screen()
		missing := ""
		for _, w := range want {
			if !strings.Contains(scr, w) {
				missing = w
				break
			}
		}
		if missing == "" {
			return scr
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("%s: %q never appeared; screen:\n%s", what, missing, scr)
		}
		time.Sleep(40 * time.Millisecond)
	}
}

// key sends one key and waits for the screen to change.
func (s *tmuxSession) key(k string) string {
	s.t.Helper()
	before := s.screen()
	s.tmux("send-keys", "-t", "main", k)
	deadline := time.Now().Add(10 * time.Second)
	prev := before
	for {
		// Changed, then the same twice in a row: the frame is whole.
		if scr := s.screen(); scr != before && scr == prev {
			return scr
		} else {
			prev = scr
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("key %q changed nothing; screen:\n%s", k, before)
		}
		time.Sleep(40 * time.Millisecond)
	}
}

// resize changes the window size and waits for a whole new frame that
// stays: the header on the first line, the help on the last, unchanged for
// 100 ms. (A frame drawn for the old size in the new window shows without
// its top lines, which Bubble Tea drops when a frame is too tall.)
func (s *tmuxSession) resize(w, h int, header string) string {
	s.t.Helper()
	s.tmux("resize-window", "-t", "main", "-x", fmt.Sprint(w), "-y", fmt.Sprint(h))
	deadline := time.Now().Add(10 * time.Second)
	prev := ""
	for {
		scr := s.screen()
		lines := strings.Split(strings.TrimRight(scr, "\n"), "\n")
		whole := len(lines) == h && strings.HasPrefix(lines[0], header) && strings.Contains(lines[h-1], "↓/j down")
		if whole && scr == prev {
			return scr
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("no steady frame at %d×%d:\n%s", w, h, scr)
		}
		prev = scr
		time.Sleep(100 * time.Millisecond)
	}
}

func (s *tmuxSession) exitCode() string {
	s.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if b, err := os.ReadFile(s.exit); err == nil && len(b) > 0 {
			return strings.TrimSpace(string(b))
		}
		time.Sleep(40 * time.Millisecond)
	}
	s.t.Fatal("the program did not exit")
	return ""
}

func assertFits(t *testing.T, scr string, w int) {
	t.Helper()
	for _, l := range strings.Split(scr, "\n") {
		if n := ansi.StringWidth(l); n > w {
			t.Errorf("line of %d cells in a %d-column window: %q", n, w, l)
		}
	}
}

// TestTimelineInTmux drives the real binary in a real terminal: select the
// Pyeongtaek tour, read its participants, open Kyung Kye-hyun's card, jump
// to his dinner, resize, and quit.
func TestTimelineInTmux(t *testing.T) {
	s := startTmux(t, 120, 40, "--now", "2024-01-01T00:00:00Z")
	s.waitFor("first frame", "Sam Altman in Korea", "❯ all day", "Davos panel")
	s.key("j")
	s.key("j")
	scr := s.key("j")
	if !strings.Contains(scr, "❯ ~09:00–11:30  ◎ [reported] Tour of Samsung's Pyeongtaek") {
		t.Fatalf("the tour is not selected:\n%s", scr)
	}
	for _, want := range []string{"Participants (6)", "Sam Altman 샘 올트먼", "Kyung Kye-hyun 경계현", "Lee Jung-bae 이정배", "Park Yong-in 박용인", "Choi Si-young 최시영"} {
		if !strings.Contains(scr, want) {
			t.Errorf("detail pane lacks %q", want)
		}
	}
	s.key("Tab")
	scr = s.key("j")
	if !strings.Contains(scr, "❯ Kyung Kye-hyun 경계현") {
		t.Fatalf("Kyung is not focused:\n%s", scr)
	}
	scr = s.key("Enter")
	for _, want := range []string{"Card · Kyung Kye-hyun", "Events (3)", "Kyung Kye-hyun returns from Japan", "Tour of Samsung's Pyeongtaek", "Dinner with Kyung Kye-hyun"} {
		if !strings.Contains(scr, want) {
			t.Errorf("card lacks %q:\n%s", want, scr)
		}
	}
	s.key("j")
	scr = s.key("Enter")
	if !strings.Contains(scr, "❯ ~17:30–18:45  ⊙ [reported] Dinner with Kyung Kye-hyun") || !strings.Contains(scr, "❯ Timeline") {
		t.Fatalf("enter on the dinner did not select it in the timeline:\n%s", scr)
	}
	assertFits(t, s.resize(80, 24, "Sam Altman in Korea"), 80)
	scr = s.resize(50, 15, "Sam Altman in Korea")
	assertFits(t, scr, 50)
	if !strings.Contains(scr, "❯ ~17:30  ⊙ [reported] Dinner with Kyung") {
		t.Errorf("selection lost on resize:\n%s", scr)
	}
	assertFits(t, s.resize(120, 40, "Sam Altman in Korea"), 120)
	s.quit()
}

// typeLiteral sends text as typed characters and waits for the screen to
// show want.
func (s *tmuxSession) typeLiteral(text string, want ...string) string {
	s.t.Helper()
	s.tmux("send-keys", "-t", "main", "-l", text)
	return s.waitFor("typing "+text, want...)
}

// TestFilterAndSearchInTmux: the person picker with a Hangul name, esc to
// bring everything back, a search with a person term and an exclusion, and
// two people at once.
func TestFilterAndSearchInTmux(t *testing.T) {
	s := startTmux(t, 120, 40, "--now", "2024-01-01T00:00:00Z")
	s.waitFor("first frame", "Timeline · 12 events")
	s.key("p")
	s.typeLiteral("최태원", "❯   Chey Tae-won 최태원")
	scr := s.key("Enter")
	if !strings.Contains(scr, "[Chey Tae-won] · 1 of 12 events") || !strings.Contains(scr, "Separate meeting with SK Group's Chairman") ||
		strings.Contains(scr, "Tour of Samsung's Pyeongtaek") {
		t.Fatalf("only the meeting with Chey should be left:\n%s", scr)
	}
	scr = s.key("Escape")
	if !strings.Contains(scr, "Timeline · 12 events") || !strings.Contains(scr, "Tour of Samsung's Pyeongtaek") {
		t.Fatalf("esc should bring everything back:\n%s", scr)
	}
	s.key("/")
	s.typeLiteral("@kyung !dinner", "2 of 12")
	scr = s.key("Enter")
	if !strings.Contains(scr, "Kyung Kye-hyun returns from") || !strings.Contains(scr, "Tour of Samsung's Pyeongtaek") ||
		strings.Contains(scr, "~17:30–18:45") || !strings.Contains(scr, "Timeline · 2 of 12 events") {
		t.Fatalf("@kyung !dinner should leave Kyung's events but the dinner:\n%s", scr)
	}
	s.key("Escape")
	s.waitFor("search cleared", "Timeline · 12 events")
	s.key("p")
	s.typeLiteral("kyung", "❯   Kyung Kye-hyun")
	s.key("Enter")
	s.key("p")
	s.typeLiteral("altman", "❯   Sam Altman")
	scr = s.key("Enter")
	if !strings.Contains(scr, "[Kyung Kye-hyun] [Sam Altman] all of · 2 of 12 events") ||
		!strings.Contains(scr, "Tour of Samsung's Pyeongtaek") || !strings.Contains(scr, "Dinner with Kyung Kye-hyun") ||
		strings.Contains(scr, "returns from Japan") {
		t.Fatalf("two people should keep only events with both:\n%s", scr)
	}
	s.quit()
}

// saveByRename writes content the way many editors save: to a temporary
// file in the same directory, then renamed over the target.
func saveByRename(t *testing.T, path string, content []byte) {
	t.Helper()
	tmp := path + ".tmp~"
	if err := os.WriteFile(tmp, content, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// TestTimeAndReloadInTmux: the now marker and countdown with --now inside
// the example, z to UTC, then edits of the file while the view is open: a
// good save, a broken one (the old events stay, the error shows), a fix.
func TestTimeAndReloadInTmux(t *testing.T) {
	orig, err := os.ReadFile("data/examples/lagos-london.yaml")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "trip.yaml")
	os.WriteFile(path, orig, 0o644)
	s := startTmuxIn(t, "Asia/Tokyo", 120, 40, path, "--now", "2025-03-29T12:10:00Z")
	scr := s.waitFor("first frame", "── now 12:10", "[now · 20 min left]", "now 12:10 · times: Europe/London (GMT)")
	if !strings.Contains(scr, "❯ 10:00–12:30") {
		t.Errorf("the current event should be selected:\n%s", scr)
	}
	// London, each venue's zone, this machine's (Tokyo), UTC.
	s.key("z")
	scr = s.key("z")
	if !strings.Contains(scr, "times: this machine's zone (JST)") || !strings.Contains(scr, "22:35–05:10+1") {
		t.Fatalf("the second z should show Tokyo time (the flight home leaves 22:35 JST):\n%s", scr)
	}
	scr = s.key("z")
	if !strings.Contains(scr, "times: UTC") || !strings.Contains(scr, "13:35–20:10") {
		t.Fatalf("the third z should show UTC (the flight home leaves 14:35 BST, 13:35 UTC):\n%s", scr)
	}
	saveByRename(t, path, []byte(strings.Replace(string(orig), "title: Lagos fintech delegation to London", "title: Revised delegation plan", 1)))
	s.waitFor("good save", "Revised delegation plan", "times: UTC", "❯ 10:00–12:30")
	saveByRename(t, path, []byte(strings.Replace(string(orig), "    kind: meal\n", "    kind: lunch\n", 1)))
	scr = s.waitFor("broken save", "the file did not reload", "trip.yaml:")
	if !strings.Contains(scr, `unknown kind "lunch"`) || !strings.Contains(scr, "Revised delegation plan") || !strings.Contains(scr, "Working lunch") {
		t.Errorf("the error and the last good version should both show:\n%s", scr)
	}
	saveByRename(t, path, orig)
	deadline := time.Now().Add(10 * time.Second)
	for {
		scr = s.screen()
		if !strings.Contains(scr, "did not reload") && strings.Contains(scr, "Lagos fintech delegation to London") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the fix should clear the error:\n%s", scr)
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.quit()
}

// TestNoColorInTmux: with NO_COLOR the view draws no colours, and the
// selection, the focus and the statuses still show, by glyphs and words.
func TestNoColorInTmux(t *testing.T) {
	s := startTmuxEnv(t, []string{"TZ=UTC", "NO_COLOR=1"}, 120, 40, "--now", "2024-01-26T10:15:00+09:00")
	s.waitFor("first frame", "Timeline · 12 events")
	colours := s.tmux("capture-pane", "-e", "-p", "-t", "main")
	if strings.Contains(colours, "\x1b[3") || strings.Contains(colours, "\x1b[4") || strings.Contains(colours, "\x1b[9") {
		t.Errorf("colour codes with NO_COLOR:\n%q", colours)
	}
	scr := s.screen()
	for _, want := range []string{"❯ Timeline", "❯ ~09:00–11:30", "[now · 1 h 15 min left]", "[reported]", "[expected]", "── now 10:15"} {
		if !strings.Contains(scr, want) {
			t.Errorf("without colour %q should still show:\n%s", want, scr)
		}
	}
	scr = s.key("Tab")
	if !strings.Contains(scr, "❯ Details · participants") || !strings.Contains(scr, "❯ Sam Altman 샘 올트먼") {
		t.Errorf("the focus should show without colour:\n%s", scr)
	}
	s.quit()
}

// TestPrintOnATerminalInTmux: on a terminal the printed agenda is cut to
// the terminal's width, one screen line a row, where a pipe gets whole
// lines.
func TestPrintOnATerminalInTmux(t *testing.T) {
	s := startTmux(t, 70, 40, "--print")
	scr := s.waitFor("the printed agenda", "~20:00", "Meanwhile in Taiwan")
	var cut bool
	for _, line := range strings.Split(scr, "\n") {
		if strings.Contains(line, "Tour of Samsung's Pyeongtaek") {
			cut = strings.HasSuffix(strings.TrimRight(line, " "), "…")
		}
	}
	if !cut || strings.Contains(scr, "Kwak Noh-jung") {
		t.Errorf("the agenda is not cut to the terminal's 70 columns:\n%s", scr)
	}
}

// resizeUntil changes the window size and waits for a whole, steady frame
// with header on its first line and footer in its last.
func (s *tmuxSession) resizeUntil(w, h int, header, footer string) string {
	s.t.Helper()
	s.tmux("resize-window", "-t", "main", "-x", fmt.Sprint(w), "-y", fmt.Sprint(h))
	deadline := time.Now().Add(10 * time.Second)
	prev := ""
	for {
		scr := s.screen()
		lines := strings.Split(strings.TrimRight(scr, "\n"), "\n")
		whole := len(lines) == h && strings.HasPrefix(lines[0], header) && strings.Contains(lines[h-1], footer)
		if whole && scr == prev {
			return scr
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("no steady frame at %d×%d:\n%s", w, h, scr)
		}
		prev = scr
		time.Sleep(100 * time.Millisecond)
	}
}

// lineStarting is the first line of scr that starts with prefix.
func lineStarting(t *testing.T, scr, prefix string) string {
	t.Helper()
	for _, l := range strings.Split(scr, "\n") {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	t.Fatalf("no line starts with %q:\n%s", prefix, scr)
	return ""
}

// barColumns are the screen columns where bars start in a line of the
// lanes: "[", or "❯" for the selected bar.
func barColumns(line string) []int {
	var out []int
	x := 0
	for _, r := range line {
		if r == '[' || r == '❯' {
			out = append(out, x)
		}
		x += ansi.StringWidth(string(r))
	}
	return out
}

// TestLanesInTmux: v draws a lane for each person with the bars to scale,
// t regroups the default visit by track, v goes back to the list, and the
// lanes fit 80×24 and 40×12.
func TestLanesInTmux(t *testing.T) {
	path := filepath.Join(t.TempDir(), "two.yaml")
	os.WriteFile(path, []byte(`title: Two people
timezone: Europe/Paris
people: [{id: pat, name: Pat}, {id: robin, name: Robin}]
events:
  - {title: Alpha, start: "2025-05-05 09:00", end: "2025-05-05 10:00", participants: [pat]}
  - {title: Bravo, start: "2025-05-05 11:00", end: "2025-05-05 13:00", participants: [pat]}
  - {title: Charlie, start: "2025-05-05 10:00", end: "2025-05-05 12:00", participants: [robin]}
`), 0o644)
	s := startTmux(t, 80, 24, path, "--now", "2025-01-01T00:00:00Z")
	s.waitFor("first frame", "Timeline · 3 events")
	scr := s.key("v")
	if !strings.Contains(scr, "Lanes by person · 3 events · 15 min a column") {
		t.Fatalf("v should show the lanes:\n%s", scr)
	}
	pat, robin := barColumns(lineStarting(t, scr, "Pat ")), barColumns(lineStarting(t, scr, "Robin "))
	// Alpha at 09:00 and Bravo at 11:00 are two hours, 8 columns of 15 min,
	// apart; Charlie starts between them, at 10:00.
	if len(pat) != 2 || len(robin) != 1 || pat[1]-pat[0] != 8 || robin[0]-pat[0] != 4 {
		t.Fatalf("bars: Pat %v, Robin %v; want Alpha, Charlie and Bravo 0, 4 and 8 columns apart:\n%s", pat, robin, scr)
	}
	hours := lineStarting(t, scr, "     ")
	for _, l := range strings.Split(scr, "\n") {
		if strings.Contains(l, "09  10  11") {
			hours = l
		}
	}
	if x := strings.Index(hours, "09"); x != pat[0] || strings.Index(hours, "11") != pat[1] {
		t.Errorf("the hour labels should stand over the bars' starts:\n%s\n%s", hours, lineStarting(t, scr, "Pat "))
	}
	if !strings.Contains(lineStarting(t, scr, "Robin "), "Charlie") {
		t.Errorf("Charlie's title should show:\n%s", scr)
	}
	scr = s.key("v")
	if !strings.Contains(scr, "Timeline · 3 events") || !strings.Contains(scr, "❯ 09:00–10:00") {
		t.Fatalf("v should come back to the list on Alpha:\n%s", scr)
	}
	s.quit()

	s = startTmux(t, 80, 24, "--view", "lanes", "--now", "2024-01-26T12:10:00+09:00")
	scr = s.waitFor("first frame", "Lanes by person", "Sam Altman ", "Kyung Kye-hyun ")
	assertFits(t, scr, 80)
	scr = s.key("t")
	if !strings.Contains(scr, "Lanes by track") || !strings.HasPrefix(lineStarting(t, scr, "Korea visit"), "Korea visit ") {
		t.Fatalf("t should group by track:\n%s", scr)
	}
	scr = s.resizeUntil(40, 12, "Sam Altman in Korea", "lane below")
	assertFits(t, scr, 40)
	if !strings.Contains(scr, "Korea v… ") || !strings.Contains(scr, "❯") {
		t.Errorf("at 40×12 the start of the tracks' names and the selection should show:\n%s", scr)
	}
	scr = s.key("v")
	if !strings.Contains(scr, "Timeline · 12") || !strings.Contains(scr, "❯ ~11:45  ⊙ [now · 50 min left]") {
		t.Errorf("v should come back to the list on the lunch:\n%s", scr)
	}
	s.quit()
}

// TestLanesSameEventAcrossLanesInTmux: j from an event that the next lane
// has too stays on it, and the axis stays where it was.
func TestLanesSameEventAcrossLanesInTmux(t *testing.T) {
	s := startTmux(t, 100, 24, "--view", "lanes", "--now", "2026-11-24T13:00:00-08:00", "data/examples/sf-conference.yaml")
	s.waitFor("first frame", "Lanes by person", "Lena Weber ")
	scr := s.key("l")
	if !strings.Contains(scr, "Visit to the Golden Gate") || strings.Contains(scr, "lane above") {
		t.Fatalf("l should select the visit in the first lane:\n%s", scr)
	}
	dates := strings.Split(scr, "\n")[3]
	scr = s.key("j")
	// On the second lane the footer offers the lane above.
	if !strings.Contains(scr, "lane above") || !strings.Contains(scr, "Visit to the Golden Gate") {
		t.Fatalf("j should stay on the visit, in Deniz's lane:\n%s", scr)
	}
	if got := strings.Split(scr, "\n")[3]; got != dates {
		t.Errorf("j moved the axis:\n%s\n%s", dates, got)
	}
	s.quit()
}
