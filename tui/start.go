package tui

import (
	"errors"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// Start is what the view needs to show from its first frame, before the
// itinerary is read: the names read, the settings of the config file that
// the loading screen's look and keys take, and the load, which returns
// the timeline's Config.
type Start struct {
	// Name is the names read (space-separated), shown in the header.
	Name string
	// Keys, Colors and Theme are the config file's, as in Config.
	Keys   map[string][]string
	Colors map[string]string
	Theme  string
	// Progress is where Load reports how far it has got.
	Progress *LoadProgress
	// Load reads the itinerary and returns the view's Config; it runs off
	// the UI loop. An error ends the view: RunLoading returns it as it is.
	Load func() (Config, error)
}

// ErrQuit is RunLoading's error when the view ended before the timeline
// was there: esc or q on the loading screen, or a signal. The load may
// still be running.
var ErrQuit = errors.New("quit while loading")

// maxQueued is the most keys kept while loading; later ones are dropped.
const maxQueued = 256

// loadedMsg carries the finished load.
type loadedMsg struct {
	cfg Config
	err error
}

// starter is the root while the view starts: it routes to the loading
// screen until the load is done, then hands the program the timeline's
// Model as its root, the keys typed meanwhile replayed on it in order.
type starter struct {
	r       *lipgloss.Renderer
	st      *Styles
	load    loadingScreen
	run     func() tea.Msg // the load, as a command
	queue   []tea.KeyMsg   // keys typed while loading, at most maxQueued
	size    *tea.WindowSizeMsg
	err     error // the load's
	quitted bool  // quit while loading
}

// newStarter builds the root for s, rendering with r (nil: the default
// renderer); run is the load as a command, which sends a loadedMsg.
func newStarter(s Start, r *lipgloss.Renderer, run func() tea.Msg) starter {
	if r == nil {
		r = lipgloss.DefaultRenderer()
	}
	if s.Theme != "" {
		r.SetHasDarkBackground(s.Theme == "dark")
	}
	km := DefaultKeyMap()
	km.Rebind(s.Keys)
	st := DefaultStyles(r)
	st.applyColors(s.Colors)
	return starter{r: r, st: &st, load: newLoadingScreen(km, &st, s.Name, s.Progress), run: run}
}

func (s starter) Init() tea.Cmd {
	return tea.Batch(progressTick(), s.run)
}

func (s starter) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		return s.finished(msg)
	case tea.WindowSizeMsg:
		s.size = &msg
	case tea.KeyMsg:
		return s.key(msg)
	}
	var cmd tea.Cmd
	s.load, cmd, _ = s.load.update(msg)
	return s, cmd
}

// key quits on the loading screen's keys and keeps every other key, each
// rune of a merged KeyMsg as its own key.
func (s starter) key(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	keys := []tea.KeyMsg{msg}
	if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste {
		keys = keys[:0]
		for _, r := range msg.Runes {
			keys = append(keys, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt})
		}
	}
	for _, k := range keys {
		var quit bool
		var cmd tea.Cmd
		if s.load, cmd, quit = s.load.update(k); quit {
			s.quitted = true
			return s, cmd
		}
		if len(s.queue) < maxQueued {
			s.queue = append(s.queue, k)
		}
	}
	return s, nil
}

// finished turns to the timeline, which is the root from then on, or ends
// on the load's error.
func (s starter) finished(msg loadedMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		s.err = msg.err
		return s, tea.Quit
	}
	m := New(msg.cfg, s.r)
	cmds := []tea.Cmd{m.Init()}
	if s.size != nil {
		next, cmd := m.Update(*s.size)
		m, cmds = next.(Model), append(cmds, cmd)
	}
	for _, k := range s.queue {
		next, cmd := m.Update(k)
		m, cmds = next.(Model), append(cmds, cmd)
	}
	return m, tea.Batch(cmds...)
}

func (s starter) View() string { return s.load.view() }
