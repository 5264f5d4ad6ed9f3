package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/muesli/termenv"
	"github.com/visitline/visitline/data"
	"github.com/visitline/visitline/itinerary"
)

func at(t *testing.T, s string) time.Time {
	t.Helper()
	tm, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

func exampleItinerary(t *testing.T) *itinerary.Itinerary {
	t.Helper()
	b, err := data.Files.ReadFile("examples/lagos-london.yaml")
	if err != nil {
		t.Fatal(err)
	}
	it, err := itinerary.Load("lagos-london.yaml", b)
	if err != nil {
		t.Fatal(err)
	}
	return it
}

func modelAt(t *testing.T, it *itinerary.Itinerary, now string) Model {
	return sized(New(Config{Itinerary: it, Now: at(t, now)}, renderer(termenv.Ascii)), 120, 40)
}

// lineWith returns the first row of the timeline (the left pane) that holds
// substr.
func lineWith(view, substr string) string {
	for _, l := range strings.Split(view, "\n") {
		left, _, _ := strings.Cut(l, "│")
		if strings.Contains(left, substr) {
			return left
		}
	}
	return ""
}

func TestNowMarkerAndCountdowns(t *testing.T) {
	m := modelAt(t, defaultItinerary(t), "2024-01-26T12:10:00+09:00")
	v := m.View()
	if !strings.Contains(v, "now 12:10 · times: Asia/Seoul (KST)") {
		t.Errorf("header should say now:\n%s", lineWith(v, "times:"))
	}
	lunch := lineWith(v, "~11:45–13:00")
	if !strings.Contains(lunch, "[now · 50 min left]") {
		t.Errorf("current event: %q", lunch)
	}
	if drive := lineWith(v, "~13:00–14:30"); !strings.Contains(drive, "[in 50 min]") {
		t.Errorf("next event: %q", drive)
	}
	lines := strings.Split(v, "\n")
	nowRow, driveRow := -1, -1
	for k, l := range lines {
		if strings.Contains(l, "── now 12:10 ──") {
			nowRow = k
		}
		if strings.Contains(l, "Altman moves on to Seoul") {
			driveRow = k
		}
	}
	if nowRow < 0 || driveRow != nowRow+1 {
		t.Errorf("the now row should stand just before the next event: now %d, drive %d", nowRow, driveRow)
	}
	// Outside the itinerary: no marker, no "now" in the header.
	if v := newModel(t, 120, 40).View(); strings.Contains(v, "── now") || strings.Contains(v, "now 00:00") {
		t.Errorf("marker before the itinerary:\n%s", v)
	}
}

func TestClockTick(t *testing.T) {
	m := modelAt(t, defaultItinerary(t), "2024-01-26T12:10:00+09:00")
	if m.Init() != nil {
		t.Error("--now freezes the clock: no tick")
	}
	live := sized(New(Config{Itinerary: defaultItinerary(t)}, renderer(termenv.Ascii)), 120, 40)
	if live.Init() == nil {
		t.Error("a live clock ticks")
	}
	// The clock moves past the end of lunch: the tick moves the marker.
	now := at(t, "2024-01-26T13:05:00+09:00")
	m.clock = func() time.Time { return now }
	next, cmd := m.Update(tickMsg(now))
	m = next.(Model)
	if cmd == nil {
		t.Error("a tick schedules the next one")
	}
	v := m.View()
	if !strings.Contains(lineWith(v, "~13:00–14:30"), "[now · 1 h 25 min left]") || !strings.Contains(v, "── now 13:05") {
		t.Errorf("after the tick:\n%s", v)
	}
}

func TestTickIsAlignedToTheMinute(t *testing.T) {
	cases := map[string]time.Duration{
		"2024-01-26T12:10:42Z":      18 * time.Second,
		"2024-01-26T12:10:00Z":      time.Minute, // on the minute: the next one
		"2024-01-26T12:10:59.5Z":    500 * time.Millisecond,
		"2024-01-26T12:10:30+05:30": 30 * time.Second,
	}
	for now, want := range cases {
		if got := untilNextMinute(at(t, now)); got != want {
			t.Errorf("%s: %v, want %v", now, got, want)
		}
	}
}

func TestJumpToNow(t *testing.T) {
	m := press(modelAt(t, defaultItinerary(t), "2024-01-26T12:10:00+09:00"), "g")
	if selectedID(m) != "davos-panel" {
		t.Fatal(selectedID(m))
	}
	if m = press(m, "."); selectedID(m) != "lunch-ds" {
		t.Errorf(". selected %s", selectedID(m))
	}
	// Between events: the next one.
	m = press(modelAt(t, defaultItinerary(t), "2024-01-26T08:00:00+09:00"), "G", ".")
	if selectedID(m) != "pyeongtaek-tour" {
		t.Errorf(". before the tour selected %s", selectedID(m))
	}
}

func TestZoneCycle(t *testing.T) {
	m := newModel(t, 120, 40)
	zoneOf := func(m Model) string {
		h := strings.Split(m.View(), "\n")[1]
		_, z, _ := strings.Cut(h, "times: ")
		z, _, _ = strings.Cut(z, " · ")
		return z
	}
	// The machine's zone is a step of its own unless it is already in the
	// cycle (TZ=UTC, TZ=Asia/Seoul), so the cycle has three or four steps.
	var seen []string
	for range 5 {
		seen = append(seen, zoneOf(m))
		if len(seen) > 1 && seen[len(seen)-1] == seen[0] {
			break
		}
		m = press(m, "z")
	}
	steps := strings.Join(seen, " | ")
	if !strings.HasPrefix(steps, "Asia/Seoul (KST) | each venue's own zone | ") || !strings.HasSuffix(steps, "UTC) | Asia/Seoul (KST)") && !strings.HasSuffix(steps, "UTC | Asia/Seoul (KST)") {
		t.Errorf("cycle: %s", steps)
	}
	if name := time.Local.String(); name != "UTC" && name != "Asia/Seoul" && !strings.Contains(steps, "this machine's zone") {
		t.Errorf("cycle without the machine's zone (%s): %s", name, steps)
	}
	m = press(newModel(t, 120, 40), "z")
	if v := m.View(); !strings.Contains(lineWith(v, "Taiwan: Jensen"), "~19:00 CST") {
		t.Errorf("own zones: %q", lineWith(v, "Taiwan: Jensen"))
	}
	for k := 0; k < 4 && (m.zone == nil || m.zone.String() != "UTC"); k++ {
		m = press(m, "z")
	}
	if v := m.View(); !strings.Contains(lineWith(v, "Tour of Samsung"), "~00:00–02:30") || !strings.Contains(v, "Fri 26 Jan 2024 · 9 events") {
		t.Errorf("UTC:\n%s", v)
	}
	// --tz starts the cycle elsewhere; the selection survives every step.
	it := defaultItinerary(t)
	la, _ := time.LoadLocation("America/Los_Angeles")
	m = sized(New(Config{Itinerary: it, Now: beforeVisit, Zone: la}, renderer(termenv.Ascii)), 120, 40)
	m = press(m, "jjj")
	if zoneOf(m) != "America/Los_Angeles (PST)" || !strings.Contains(lineWith(m.View(), "Tour of Samsung"), "~16:00–18:30") {
		t.Errorf("--tz: %q", zoneOf(m))
	}
	for range 5 {
		if m = press(m, "z"); selectedID(m) != "pyeongtaek-tour" {
			t.Fatalf("z lost the selection: %s", selectedID(m))
		}
	}
}

func TestZoneChangeRows(t *testing.T) {
	v := newModel(t, 120, 40).View()
	for _, want := range []string{"⟶ venue in Asia/Seoul (KST), +8 h", "⟶ venue in Asia/Taipei (CST), −1 h"} {
		if !strings.Contains(v, want) {
			t.Errorf("missing %q:\n%s", want, v)
		}
	}
}

func TestOverlapsAndGaps(t *testing.T) {
	m := modelAt(t, exampleItinerary(t), "2025-03-01T00:00:00Z")
	v := m.View()
	for _, title := range []string{"Meeting with the trade envoy", "Working lunch"} {
		if !strings.Contains(lineWith(v, title), "[! overlap]") {
			t.Errorf("%s not flagged: %q", title, lineWith(v, title))
		}
	}
	m = press(m, "jj") // the envoy meeting
	if !strings.Contains(m.View(), "! overlaps Working lunch — Adaeze Okafor") {
		t.Errorf("detail pane:\n%s", m.View())
	}
	if strings.Contains(v, "┄ free") {
		t.Error("gaps show only on request")
	}
	m = press(m, "b")
	v = m.View()
	if !strings.Contains(v, "┄ free 2 h 55 min") || !strings.Contains(v, "┄ free 14 h") {
		t.Errorf("gap rows:\n%s", v)
	}
	if m = press(m, "b"); strings.Contains(m.View(), "┄ free") {
		t.Error("b hides them again")
	}
}

const reloadSrc = `title: %s
timezone: Europe/London
people: [{id: a, name: Ann}, {id: b, name: Bob}]
events:
  - {id: one, title: One, start: "2025-01-01 09:00", participants: [a]}
  - {id: two, title: Two, start: "2025-01-01 10:00", participants: [a, b]}
  - {id: three, title: Three, start: "2025-01-01 11:00", participants: [b]}
`

func loadSrc(t *testing.T, title string) *itinerary.Itinerary {
	it, err := itinerary.Load("r.yaml", []byte(strings.Replace(reloadSrc, "%s", title, 1)))
	if err != nil {
		t.Fatal(err)
	}
	return it
}

func TestReloadKeepsSelectionAndFilter(t *testing.T) {
	m := sized(New(Config{Itinerary: loadSrc(t, "First"), Watch: "r.yaml", Load: reloader("r.yaml"), Now: beforeVisit}, renderer(termenv.Ascii)), 120, 40)
	m = press(typeText(press(m, "p"), "bob"), "enter", "j") // filter Bob, select Three
	if selectedID(m) != "three" {
		t.Fatal(selectedID(m))
	}
	// The new file renames the title and adds an event before Three.
	src := strings.Replace(reloadSrc, "%s", "Second", 1) + `  - {id: zero, title: Zero, start: "2025-01-01 10:30", participants: [b]}` + "\n"
	it, err := itinerary.Load("r.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	next, _ := m.Update(reloadedMsg{it: it})
	m = next.(Model)
	v := m.View()
	if selectedID(m) != "three" || !strings.Contains(v, "Second") || !strings.Contains(v, "[Bob] · 3 of 4 events") {
		t.Errorf("after reload: selected %s\n%s", selectedID(m), v)
	}
	// A broken save keeps the last good itinerary and says why.
	_, err = itinerary.Load("r.yaml", []byte("title: [\n"))
	next, _ = m.Update(reloadedMsg{err: err})
	m = next.(Model)
	v = m.View()
	if !strings.Contains(v, "the file did not reload") || !strings.Contains(v, "r.yaml:1:1: YAML syntax") || !strings.Contains(v, "Three") {
		t.Errorf("broken save:\n%s", v)
	}
	next, _ = m.Update(reloadedMsg{it: it})
	if v = next.(Model).View(); strings.Contains(v, "did not reload") {
		t.Errorf("fixed save should clear the panel:\n%s", v)
	}
	// A reload while the picker is open re-ranks the new file's people.
	m = typeText(press(next.(Model), "p"), "bob")
	smaller, err := itinerary.Load("r.yaml", []byte("title: T\ntimezone: UTC\npeople: [{id: bob, name: Bob}]\nevents: []\n"))
	if err != nil {
		t.Fatal(err)
	}
	next, _ = m.Update(reloadedMsg{it: smaller})
	m = press(next.(Model), "enter")
	if len(m.filter.People) != 1 || m.it.People[m.filter.People[0]].ID != "bob" {
		t.Errorf("picker after reload: %v", m.filter.People)
	}
}

// TestWatchSeesRenameSaves saves the way editors do, writing a temporary
// file and renaming it over the watched one.
func TestWatchSeesRenameSaves(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "trip.yaml")
	os.WriteFile(path, []byte("a"), 0o644)
	changes, stop, err := watch(path)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	expect := func(what string, want bool) {
		t.Helper()
		select {
		case <-changes:
			if !want {
				t.Errorf("%s: signalled", what)
			}
		case <-time.After(debounce + 700*time.Millisecond):
			if want {
				t.Errorf("%s: no signal", what)
			}
		}
	}
	os.WriteFile(filepath.Join(dir, "other.yaml"), []byte("x"), 0o644)
	expect("another file", false)
	tmp := filepath.Join(dir, ".trip.yaml.swp")
	os.WriteFile(tmp, []byte("b"), 0o644)
	os.Rename(tmp, path)
	expect("rename over the file", true)
	for range 5 { // a burst of writes is one signal
		os.WriteFile(path, []byte("c"), 0o644)
	}
	expect("burst", true)
	expect("after the burst", false)
}

// TestTickKeepsTheLayout: a minute in which nothing starts or ends keeps
// the rows (the layout is not made again) and moves the countdown; a
// minute that crosses an end lays them out again.
func TestTickKeepsTheLayout(t *testing.T) {
	m := modelAt(t, defaultItinerary(t), "2024-01-26T13:05:00+09:00")
	before := m.tl.rows
	now := at(t, "2024-01-26T13:06:00+09:00")
	m.clock = func() time.Time { return now }
	next, _ := m.Update(tickMsg(now))
	m = next.(Model)
	if !m.tl.rows.SameRows(before) {
		t.Error("a quiet minute laid the rows out again")
	}
	if v := m.View(); !strings.Contains(lineWith(v, "~13:00–14:30"), "[now · 1 h 24 min left]") || !strings.Contains(v, "── now 13:06") {
		t.Errorf("after a quiet minute:\n%s", v)
	}
	now = at(t, "2024-01-26T14:31:00+09:00")
	next, _ = m.Update(tickMsg(now))
	m = next.(Model)
	if m.tl.rows.SameRows(before) {
		t.Error("the end of lunch did not lay the rows out again")
	}
	if v := m.View(); !strings.Contains(v, "── now 14:31") {
		t.Errorf("after the end of lunch:\n%s", v)
	}
}
