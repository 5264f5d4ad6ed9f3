package tui

import (
	"errors"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
	"github.com/visitline/visitline/itinerary"
)

// loadingStarter is the root before its load is done, at w×h, its load
// never run (the tests send the loadedMsg themselves).
func loadingStarter(t *testing.T, p *LoadProgress, w, h int) starter {
	t.Helper()
	s := newStarter(Start{Name: "big.yaml", Progress: p}, renderer(termenv.Ascii), func() tea.Msg { return nil })
	return update(t, s, tea.WindowSizeMsg{Width: w, Height: h})
}

func update(t *testing.T, s starter, msgs ...tea.Msg) starter {
	t.Helper()
	for _, msg := range msgs {
		next, _ := s.Update(msg)
		s = next.(starter)
	}
	return s
}

func runes(text string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(text)} }

func TestLoadingView(t *testing.T) {
	p := &LoadProgress{}
	s := loadingStarter(t, p, 80, 24)
	p.Bytes(0, 33066409)
	p.Bytes(33066409, 33066409)
	p.Update(42000, 100000)
	first := s.View()
	if !strings.Contains(first, "counting events") || !strings.Contains(first, "esc/q quit") {
		t.Errorf("the first frame, before a tick, shows no progress yet:\n%s", first)
	}
	s = update(t, s, progressTickMsg{})
	got := s.View()
	if lines := strings.Split(got, "\n"); len(lines) != 24 {
		t.Errorf("%d lines at 80×24", len(lines))
	}
	golden(t, "loading-80x24.txt", got)
	// Before the size is known the frame is drawn at 80×24.
	early := newStarter(Start{Name: "big.yaml", Progress: p}, renderer(termenv.Ascii), nil)
	if v := early.View(); !strings.Contains(v, "visitline · big.yaml") {
		t.Errorf("no header before the size:\n%s", v)
	}
}

// TestLoadingNames: a file name with escapes reaches the screen quoted.
func TestLoadingNames(t *testing.T) {
	s := newStarter(Start{Name: "evil\x1b[31m.yaml"}, renderer(termenv.Ascii), nil)
	if v := s.View(); strings.Contains(v, "\x1b[31m") || !strings.Contains(v, `"evil\x1b[31m.yaml"`) {
		t.Errorf("the name is not quoted:\n%q", v)
	}
}

// TestLoadingKeysReplayed: the keys typed while loading act, in order, on
// the timeline once it is there, as on a view loaded at once.
func TestLoadingKeysReplayed(t *testing.T) {
	s := loadingStarter(t, &LoadProgress{}, 120, 40)
	s = update(t, s, runes("j"), runes("jj"), runes("k"), runes("v"))
	if !strings.Contains(s.View(), "loading") {
		t.Fatal("not on the loading screen")
	}
	next, _ := s.Update(loadedMsg{cfg: Config{Itinerary: defaultItinerary(t), Now: beforeVisit}})
	m, ok := next.(Model)
	if !ok {
		t.Fatalf("after the load the root is a %T, not the timeline", next)
	}
	want := press(newModel(t, 120, 40), "j", "j", "j", "k", "v")
	if selectedID(m) != selectedID(want) || m.view != want.view {
		t.Errorf("after the load: event %q in view %d, want %q in view %d", selectedID(m), m.view, selectedID(want), want.view)
	}
	if m.View() != want.View() {
		t.Errorf("the replayed view differs:\n%s\nwant:\n%s", m.View(), want.View())
	}
}

func TestLoadingQueueBounded(t *testing.T) {
	s := loadingStarter(t, &LoadProgress{}, 80, 24)
	s = update(t, s, runes(strings.Repeat("j", maxQueued+100)))
	if len(s.queue) != maxQueued {
		t.Errorf("%d keys kept, want %d", len(s.queue), maxQueued)
	}
}

func TestLoadingQuit(t *testing.T) {
	for _, k := range []tea.KeyMsg{runes("q"), {Type: tea.KeyEsc}, {Type: tea.KeyCtrlC}, runes("jq")} {
		s := loadingStarter(t, &LoadProgress{}, 80, 24)
		next, cmd := s.Update(k)
		if s = next.(starter); !s.quitted || cmd == nil {
			t.Errorf("%s: not quit", k)
			continue
		}
		if _, ok := cmd().(tea.QuitMsg); !ok {
			t.Errorf("%s: the command is not tea.Quit", k)
		}
	}
}

// TestLoadingTyping: a search typed while loading may hold q, and esc
// closes it rather than quitting; the timeline gets every key; ctrl+c
// still quits, and after the field q quits again.
func TestLoadingTyping(t *testing.T) {
	s := loadingStarter(t, &LoadProgress{}, 120, 40)
	s = update(t, s, runes("/"), runes("qu"), tea.KeyMsg{Type: tea.KeyEsc}, runes("/"), runes("Pyeongtaek q"))
	if s.quitted {
		t.Fatal("quit on a key of the search")
	}
	if v := s.View(); !strings.Contains(v, "ctrl+c quit · typing") {
		t.Errorf("the footer does not say the keys are typed:\n%s", v)
	}
	s = update(t, s, tea.KeyMsg{Type: tea.KeyBackspace}, tea.KeyMsg{Type: tea.KeyBackspace}, tea.KeyMsg{Type: tea.KeyEnter})
	next, _ := s.Update(loadedMsg{cfg: Config{Itinerary: defaultItinerary(t), Now: beforeVisit}})
	m := next.(Model)
	want := press(newModel(t, 120, 40), "/", "q", "u", "esc", "/")
	for _, r := range "Pyeongtaek q" {
		want = press(want, string(r))
	}
	want = press(want, "backspace", "backspace", "enter")
	if m.View() != want.View() {
		t.Errorf("the replayed search differs:\n%s\nwant:\n%s", m.View(), want.View())
	}
	if !strings.Contains(m.View(), "Pyeongtaek") {
		t.Errorf("the search is not on screen:\n%s", m.View())
	}
	for _, keys := range [][]tea.Msg{{runes("/"), tea.KeyMsg{Type: tea.KeyCtrlC}}, {runes("p"), runes("a"), tea.KeyMsg{Type: tea.KeyEnter}, runes("q")}} {
		s := loadingStarter(t, &LoadProgress{}, 80, 24)
		if s = update(t, s, keys...); !s.quitted {
			t.Errorf("%v: not quit", keys)
		}
	}
}

func TestLoadingError(t *testing.T) {
	s := loadingStarter(t, &LoadProgress{}, 80, 24)
	bad := errors.New("big.yaml:3:1: bad")
	next, cmd := s.Update(loadedMsg{err: bad})
	if s = next.(starter); s.err != bad || cmd == nil {
		t.Fatalf("err %v", s.err)
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Error("a load error does not quit")
	}
}

// TestReloadPercent: a slow reload says how far it has got, from the
// progress its loader reports to, until it lands.
func TestReloadPercent(t *testing.T) {
	p := &LoadProgress{}
	m := sized(New(Config{Itinerary: defaultItinerary(t), Now: beforeVisit, Progress: p, Watch: "trip.yaml",
		Load: func() (*itinerary.Itinerary, error) { return nil, errors.New("not run") }}, renderer(termenv.Ascii)), 120, 40)
	next, _ := m.Update(fileChangedMsg{}) // its commands, the load among them, are not run
	m = next.(Model)
	p.Bytes(0, 1000)
	p.Update(45_000, 100_000)
	next, cmd := m.Update(slowReloadMsg{gen: 1})
	if m = next.(Model); !strings.Contains(m.View(), "⟳ reloading trip.yaml · 45 %") || cmd == nil {
		t.Fatalf("no percentage:\n%s", m.View())
	}
	p.Update(90_000, 100_000)
	next, _ = m.Update(reloadTickMsg{gen: 1})
	if m = next.(Model); !strings.Contains(m.View(), "⟳ reloading trip.yaml · 90 %") {
		t.Errorf("the percentage did not move:\n%s", m.View())
	}
	next, _ = m.Update(reloadedMsg{gen: 1, it: defaultItinerary(t)})
	m = next.(Model)
	if _, cmd = m.Update(reloadTickMsg{gen: 1}); cmd != nil || strings.Contains(m.View(), "reloading") {
		t.Errorf("the reload landed, and its mark stays or its ticks go on:\n%s", m.View())
	}
}

// TestLoadingSizes: the loading frame fills the window, its lines fit, the
// footer on the last; in 256 colours too.
func TestLoadingSizes(t *testing.T) {
	p := &LoadProgress{}
	for _, sz := range [][2]int{{80, 24}, {40, 12}, {30, 4}, {12, 2}, {200, 60}} {
		s := loadingStarter(t, p, sz[0], sz[1])
		lines := strings.Split(s.View(), "\n")
		if len(lines) != sz[1] || !strings.Contains(lines[len(lines)-1], "esc/q") && sz[0] >= 12 {
			t.Errorf("%d×%d: %d lines, the last %q", sz[0], sz[1], len(lines), lines[len(lines)-1])
		}
		for _, l := range lines {
			if n := ansi.StringWidth(l); n > sz[0] {
				t.Errorf("%d×%d: a line of %d cells: %q", sz[0], sz[1], n, l)
			}
		}
	}
	p.Bytes(0, 33066409)
	p.Bytes(33066409, 33066409)
	p.Update(42000, 100000)
	s := newStarter(Start{Name: "big.yaml", Progress: p}, renderer(termenv.ANSI256), nil)
	s = update(t, s, tea.WindowSizeMsg{Width: 80, Height: 24}, progressTickMsg{})
	golden(t, "loading-80x24.ansi", s.View())
}

// TestLoadingWords: what the loading screen says of each kind of load.
func TestLoadingWords(t *testing.T) {
	for _, c := range []struct {
		load func(p *LoadProgress)
		want string
		pct  int
	}{
		{func(*LoadProgress) {}, "counting events", -1},
		{func(p *LoadProgress) { p.Bytes(0, 2048); p.Bytes(1024, 2048) }, "1 KiB of 2 KiB · counting events", -1},
		{func(p *LoadProgress) { p.Bytes(0, 3<<20); p.Bytes(3<<20, 3<<20); p.Update(250, 1000) }, "3.0 MiB of 3.0 MiB · 250 of 1000 events", 25},
		{func(p *LoadProgress) { p.Bytes(0, -1); p.Bytes(5000, -1) }, "5 KiB · counting events", -1},
		{func(p *LoadProgress) { p.Files(0, 8); p.Files(2, 8) }, "2 of 8 files · counting events", 25},
		// A new load forgets the events of the last.
		{func(p *LoadProgress) { p.Update(10, 10); p.Bytes(0, 2048) }, "0 KiB of 2 KiB · counting events", -1},
	} {
		p := &LoadProgress{}
		c.load(p)
		if s := p.snapshot(); s.words() != c.want || s.percent() != c.pct {
			t.Errorf("%q at %d %%, want %q at %d %%", s.words(), s.percent(), c.want, c.pct)
		}
	}
}
