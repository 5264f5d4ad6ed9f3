package tui

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"
	"github.com/visitline/visitline/internal/synth"
	"github.com/visitline/visitline/itinerary"
)

// watchedModel is a model of reloadSrc titled First that watches path.
func watchedModel(t *testing.T, path string) Model {
	t.Helper()
	return sized(New(Config{Itinerary: loadSrc(t, "First"), Name: path, Watch: path, Load: reloader(path), Now: beforeVisit}, renderer(termenv.Ascii)), 120, 40)
}

func step(t *testing.T, m Model, msg tea.Msg) (Model, tea.Cmd) {
	t.Helper()
	next, cmd := m.Update(msg)
	return next.(Model), cmd
}

// TestReloadsAreOrdered: a slow load of a big save that finishes after a
// newer small save is dropped, and the small save's content is what shows.
func TestReloadsAreOrdered(t *testing.T) {
	path := filepath.Join(t.TempDir(), "trip.yaml")
	m := watchedModel(t, path)
	big, err := itinerary.Load(path, synth.Generate(300, 20, 1))
	if err != nil {
		t.Fatal(err)
	}

	// The big save settles: its load starts.
	m, cmd := step(t, m, fileChangedMsg{})
	if cmd == nil || m.reload.gen != 1 {
		t.Fatalf("first change: gen %d, cmd %v", m.reload.gen, cmd)
	}
	if v := m.View(); strings.Contains(v, "reloading") {
		t.Fatalf("a load says it is reloading before it is slow:\n%s", v)
	}
	if m, _ = step(t, m, slowReloadMsg{gen: 1}); !strings.Contains(m.View(), "⟳ reloading "+path+"…") {
		t.Fatalf("a slow load does not say so:\n%s", m.View())
	}
	// The small save settles while the big load runs: no second load yet.
	m, _ = step(t, m, fileChangedMsg{})
	if m.reload.gen != 2 || m.reload.loading != 1 {
		t.Fatalf("second change: %+v", m.reload)
	}
	// The big load finishes: dropped, and the newest is loaded instead.
	m, cmd = step(t, m, reloadedMsg{gen: 1, it: big})
	if v := m.View(); strings.Contains(v, "Synthetic itinerary") || !strings.Contains(v, "First") {
		t.Fatalf("a stale load landed:\n%s", v)
	}
	if cmd == nil {
		t.Fatal("the newest save is not loaded after the stale one")
	}
	os.WriteFile(path, []byte(strings.Replace(reloadSrc, "%s", "Small save", 1)), 0o644)
	if m.reload.loading != 2 {
		t.Fatalf("the next load is not of the newest save: %+v", m.reload)
	}
	msg := runLoad(t, path, m.reload.loading)
	if msg.gen != 2 || msg.err != nil {
		t.Fatalf("the next load is not of the newest save: %+v", msg)
	}
	m, _ = step(t, m, msg)
	if v := m.View(); !strings.Contains(v, "Small save") || !strings.Contains(v, "reloaded") || strings.Contains(v, "reloading") {
		t.Fatalf("the newest save does not show:\n%s", v)
	}
	// A result of an older generation never lands, even late.
	m, _ = step(t, m, reloadedMsg{gen: 1, it: big})
	if v := m.View(); !strings.Contains(v, "Small save") {
		t.Fatalf("a late stale load landed:\n%s", v)
	}
}

// TestReloadOfMissingFile: the footer says the file is missing and the last
// version stays; the file's return clears it.
func TestReloadOfMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "gone", "trip.yaml")
	m := watchedModel(t, path)
	m, _ = step(t, m, fileChangedMsg{})
	m, _ = step(t, m, runLoad(t, path, m.reload.loading))
	v := m.View()
	if !strings.Contains(v, "trip.yaml is missing; showing the last version") || !strings.Contains(v, "First") || strings.Contains(v, "did not reload") {
		t.Fatalf("missing file:\n%s", v)
	}
	if v = press(m, "j").View(); !strings.Contains(v, "is missing") {
		t.Fatalf("a key hides that the file is missing:\n%s", v)
	}
	os.MkdirAll(filepath.Dir(path), 0o755)
	os.WriteFile(path, []byte(strings.Replace(reloadSrc, "%s", "Back again", 1)), 0o644)
	m, _ = step(t, m, fileChangedMsg{})
	m, _ = step(t, m, runLoad(t, path, m.reload.loading))
	if v = m.View(); strings.Contains(v, "missing") || !strings.Contains(v, "Back again") {
		t.Fatalf("the file came back:\n%s", v)
	}
}

// runLoad runs a reload command, failing if it does not return: a reload
// must never block, whatever the path is now.
func runLoad(t *testing.T, path string, gen int) reloadedMsg {
	t.Helper()
	got := make(chan tea.Msg, 1)
	go func() { got <- loadFile(reloader(path), gen)() }()
	select {
	case msg := <-got:
		return msg.(reloadedMsg)
	case <-time.After(20 * time.Second):
		t.Fatalf("the reload of %s blocks", path)
		return reloadedMsg{}
	}
}

// TestReloadRefusesWhatIsNotAFile: a directory, a named pipe with no writer
// or a device in the file's place is refused at once with a message, shown
// in the error panel.
func TestReloadRefusesWhatIsNotAFile(t *testing.T) {
	dir := t.TempDir()
	cases := map[string]string{dir: "is a directory, not an itinerary file"}
	for _, p := range specialFiles(t, dir) {
		cases[p] = "is a device, not an itinerary file"
		if strings.HasSuffix(p, ".fifo") {
			cases[p] = "is a named pipe (FIFO), not an itinerary file"
		}
	}
	for path, want := range cases {
		msg := runLoad(t, path, 1)
		if msg.err == nil || !strings.Contains(msg.err.Error(), want) || msg.missing {
			t.Errorf("%s: %+v, want %q", path, msg, want)
		}
		m := watchedModel(t, path)
		m.reload.gen = 1
		if m, _ = step(t, m, msg); !strings.Contains(m.View(), want) {
			t.Errorf("%s: the panel does not say %q:\n%s", path, want, m.View())
		}
	}
}

// TestFailedReloadsLeaveNoGoroutine: reloads that fail in every way, and a
// watch started and stopped, end every goroutine they started.
func TestFailedReloadsLeaveNoGoroutine(t *testing.T) {
	dir := t.TempDir()
	broken := filepath.Join(dir, "broken.yaml")
	os.WriteFile(broken, []byte("title: [\n"), 0o644)
	// Big enough for the loader's chunked path, broken in its last event.
	bigBroken := filepath.Join(dir, "big.yaml")
	os.WriteFile(bigBroken, append(synth.Generate(6000, 50, 2), "    kind: lunch\n"...), 0o644)
	paths := []string{filepath.Join(dir, "missing.yaml"), dir, broken, bigBroken}
	paths = append(paths, specialFiles(t, dir)...)

	before := runtime.NumGoroutine()
	for _, p := range paths {
		if msg := runLoad(t, p, 1); msg.err == nil {
			t.Errorf("%s loaded", p)
		}
	}
	_, stop, err := watch(broken)
	if err != nil {
		t.Fatal(err)
	}
	stop()
	deadline := time.Now().Add(10 * time.Second)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			t.Fatalf("%d goroutines before, %d after:\n%s", before, runtime.NumGoroutine(), buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// expectSignal waits for the watcher's signal, or checks that none comes,
// then waits for the watcher to be quiet.
func expectSignal(t *testing.T, changes <-chan struct{}, what string, want bool) {
	t.Helper()
	wait := 10 * time.Second
	if !want {
		wait = debounce + pollInterval + 500*time.Millisecond
	}
	select {
	case <-changes:
		if !want {
			t.Errorf("%s: signalled", what)
		}
	case <-time.After(wait):
		if want {
			t.Errorf("%s: no signal", what)
		}
	}
	// Let the events settle (on a busy machine one change can come as two
	// signals), so that the next check sees only what comes after.
	for {
		select {
		case <-changes:
		case <-time.After(debounce + pollInterval):
			return
		}
	}
}

// TestWatchFollowsTheDirectory: the directory of the file removed and made
// again, and swapped for another: saves are still seen, and saves to the
// old directory no longer are.
func TestWatchFollowsTheDirectory(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "trip")
	path := filepath.Join(dir, "trip.yaml")
	os.Mkdir(dir, 0o755)
	os.WriteFile(path, []byte("a"), 0o644)
	changes, stop, err := watch(path)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()

	os.RemoveAll(dir)
	expectSignal(t, changes, "directory removed", true)
	os.Mkdir(dir, 0o755)
	os.WriteFile(path, []byte("b"), 0o644)
	expectSignal(t, changes, "directory made again", true)
	os.WriteFile(path, []byte("cc"), 0o644)
	expectSignal(t, changes, "save in the new directory", true)

	// Swap: the old directory moves aside, a new one takes its name.
	newDir := filepath.Join(root, "trip.new")
	os.Mkdir(newDir, 0o755)
	os.WriteFile(filepath.Join(newDir, "trip.yaml"), []byte("d"), 0o644)
	os.Rename(dir, filepath.Join(root, "trip.old"))
	os.Rename(newDir, dir)
	expectSignal(t, changes, "directory swapped", true)
	os.WriteFile(filepath.Join(root, "trip.old", "trip.yaml"), []byte("stale"), 0o644)
	expectSignal(t, changes, "save in the directory moved away", false)
	os.WriteFile(path, []byte("eee"), 0o644)
	expectSignal(t, changes, "save in the swapped-in directory", true)
}

func TestDarkBackground(t *testing.T) {
	for in, dark := range map[string]bool{
		"":             true,
		"15;0":         true,
		"0;15":         false,
		"0;7":          false,
		"7;default;0":  true,
		"0;default;15": false,
		"garbage":      true,
		"0;256":        true,
	} {
		if got := darkBackground(in); got != dark {
			t.Errorf("COLORFGBG=%q: dark %v, want %v", in, got, dark)
		}
	}
}

// TestEditorReloadOrderedWithWatch: the editor returns while a load the
// watch started is running; the editor's load shows, and the watch's, older,
// is dropped without loading the file once more.
func TestEditorReloadOrderedWithWatch(t *testing.T) {
	path := filepath.Join(t.TempDir(), "trip.yaml")
	os.WriteFile(path, []byte(strings.Replace(reloadSrc, "%s", "Edited", 1)), 0o644)
	m := watchedModel(t, path)
	m.cfg.File, m.cfg.Load = path, reloader(path)
	m, _ = step(t, m, fileChangedMsg{}) // the watch's load, generation 1, runs
	m, cmd := step(t, m, editorDoneMsg{editor: "vim"})
	m, _ = step(t, m, cmd())
	if v := m.View(); !strings.Contains(v, "Edited") || !strings.Contains(v, "after editing") {
		t.Fatalf("the editor's load does not show:\n%s", v)
	}
	m, cmd = step(t, m, reloadedMsg{gen: 1, it: loadSrc(t, "Stale")})
	if v := m.View(); strings.Contains(v, "Stale") || !strings.Contains(v, "Edited") || cmd != nil {
		t.Fatalf("the watch's older load landed or loads again (cmd %v):\n%s", cmd != nil, v)
	}
}

// TestReloadKeepsAWaitingFetch: a refresh that waits for a running load
// is not turned into a local reload by a file change that comes after it;
// once it has started, a change takes the local loader again.
func TestReloadKeepsAWaitingFetch(t *testing.T) {
	var ran string
	loader := func(name string) func() (*itinerary.Itinerary, error) {
		return func() (*itinerary.Itinerary, error) { ran = name; return nil, nil }
	}
	var r reloadState
	if r.changed("dir", loader("local"), false) == nil {
		t.Fatal("the first change started no load")
	}
	if r.changed("dir", loader("fetch"), true) != nil || r.changed("dir", loader("local"), false) != nil {
		t.Fatal("a second load started while one runs")
	}
	if r.load(); ran != "fetch" {
		t.Errorf("the waiting load is the %s one, want the fetch", ran)
	}
	r.loading = 0
	r.start() // the fetch
	r.changed("dir", loader("local"), false)
	if r.load(); ran != "local" {
		t.Errorf("a change after the fetch started waits with the %s loader", ran)
	}
}
