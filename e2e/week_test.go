package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// lyonWeek is the shipped five-day example, Mon 8 – Fri 12 March 2027.
const lyonWeek = "data/examples/lyon-week.yaml" // from the module root, where TestMain runs

// TestWeekAndMonthInTmux: v cycles list → lanes → week → month → list; the
// week shows Mon 8 … Fri 12 side by side; h, l, j, k move as the keys page
// says; enter on a day of the month opens the list there.
func TestWeekAndMonthInTmux(t *testing.T) {
	s := startTmux(t, 120, 40, lyonWeek, "--now", "2027-03-10T14:20:00Z")
	s.waitFor("first frame", "Timeline · 11 events")
	if scr := s.key("v"); !strings.Contains(scr, "Lanes by person") {
		t.Fatalf("v should show the lanes:\n%s", scr)
	}
	scr := s.key("v")
	if !strings.Contains(scr, "Week · Mon 8 – Sun 14 Mar 2027") {
		t.Fatalf("v should show the week:\n%s", scr)
	}
	days := lineStarting(t, scr, "      Mon 8")
	for _, d := range []string{"Mon 8", "Tue 9", "Wed 10", "Thu 11", "Fri 12"} {
		if !strings.Contains(days, d) {
			t.Errorf("the week's days should show %q: %q", d, days)
		}
	}
	assertFits(t, scr, 120)
	for _, step := range []struct{ key, detail string }{
		{"j", "Dinner with the hosts"}, {"k", "Site visit, Confluence"},
		{"h", "Service design workshop"}, {"j", "User interviews"}, {"l", "Service design workshop"},
	} {
		s.key(step.key)
		s.waitFor(step.key+" moves to "+step.detail, "│"+step.detail)
	}
	scr = s.key("v")
	if !strings.Contains(scr, "Month · March 2027") {
		t.Fatalf("v should show the month:\n%s", scr)
	}
	s.key("h")
	s.key("enter")
	scr = s.waitFor("enter opens the list on Mon 8", "Timeline · 11 events", "│Train to Lyon")
	if !strings.Contains(scr, "❯ ") {
		t.Errorf("the list should have the day's event selected:\n%s", scr)
	}
	s.key("v")
	s.key("v")
	s.key("v")
	if scr := s.key("v"); !strings.Contains(scr, "Timeline · 11 events") {
		t.Errorf("four v should come back to the list:\n%s", scr)
	}
}

// TestWeekFitsSmallTerminals: the week and the month fit 80×24 and 40×12.
func TestWeekFitsSmallTerminals(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {40, 12}} {
		dir := t.TempDir()
		path := filepath.Join(dir, "trip.yaml")
		b, err := os.ReadFile(lyonWeek)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(path, b, 0o644)
		s := startTmux(t, size[0], size[1], path, "--view", "week", "--now", "2027-03-10T14:20:00Z")
		scr := s.waitFor("the week", "Week · ")
		assertFits(t, scr, size[0])
		scr = s.key("v")
		assertFits(t, scr, size[0])
		if !strings.Contains(scr, "Month · ") {
			t.Errorf("%dx%d: v should show the month:\n%s", size[0], size[1], scr)
		}
		s.quit()
	}
}

// TestConfigInTmux: a config that binds down: [n] makes n move down (and
// the footer say so); an unknown action exits 2 with the file's line and
// column; a key bound to two actions is refused naming both.
func TestConfigInTmux(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "visitline"), 0o755)
	conf := filepath.Join(dir, "visitline", "config.yaml")
	os.WriteFile(conf, []byte("keys:\n  down: [n]\n"), 0o644)
	s := startTmuxEnv(t, []string{"TZ=UTC", "XDG_CONFIG_HOME=" + dir}, 120, 40, lyonWeek, "--now", "2027-03-01T00:00:00Z")
	scr := s.waitFor("first frame", "Timeline · 11 events", "n down")
	if !strings.Contains(scr, "│Train to Lyon") {
		t.Fatalf("the first event should be selected:\n%s", scr)
	}
	s.key("n")
	s.waitFor("n moves down", "│Welcome at the atelier")
	s.quit()

	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("keys:\n  down: [n]\n  sideways: [x]\n"), 0o644)
	s = startTmux(t, 120, 40, "--config", bad, lyonWeek)
	s.waitFor("the error", "bad.yaml:3:3: unknown action \"sideways\" (the actions:")
	if code := s.exitCode(); code != "2" {
		t.Errorf("exit code %q, want 2", code)
	}

	dup := filepath.Join(dir, "dup.yaml")
	os.WriteFile(dup, []byte("keys:\n  down: [n]\n  view: [n]\n"), 0o644)
	s = startTmux(t, 120, 40, "--config", dup, lyonWeek)
	s.waitFor("the duplicate", "dup.yaml:3:10: key \"n\" is bound to both \"down\" (line 2) and \"view\"")
	if code := s.exitCode(); code != "2" {
		t.Errorf("exit code %q, want 2", code)
	}
}
