package tui

import (
	"errors"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
	"github.com/visitline/visitline/itinerary"
)

// TestRefreshOffline: a subscribed URL's view refreshes on r and on its
// timer; when the fetch fails it keeps the copy and its header says
// "offline · as of 14:05"; e says the calendar is read-only.
func TestRefreshOffline(t *testing.T) {
	it, err := itinerary.Load("team", []byte("title: Team\ntimezone: UTC\nevents:\n  - {title: Standup, start: \"2025-01-01 10:00\", duration: 1h}\n"))
	if err != nil {
		t.Fatal(err)
	}
	url := "https://example.com/team\x1b[31m.ics"
	loads := 0
	offline, asOf := false, time.Date(2025, 1, 1, 14, 5, 0, 0, time.UTC)
	why := errors.New(`"https://example.com/team\x1b[31m.ics": cannot connect: connection refused`)
	cfg := Config{Itinerary: it, Name: url, URL: url, Zone: time.UTC, Now: asOf.Add(time.Hour), Refresh: 15 * time.Minute,
		Load:   func() (*itinerary.Itinerary, error) { loads++; return it, nil },
		Status: func() (bool, time.Time, error) { return offline, asOf, why },
	}
	m := sized(New(cfg, renderer(termenv.Ascii)), 100, 30)
	if v := ansi.Strip(m.View()); strings.Contains(v, "offline") {
		t.Errorf("offline while fresh:\n%s", v)
	}
	if m.Init() == nil || m.refreshTick() == nil {
		t.Error("no refresh timer")
	}
	offline = true
	next, cmd := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("r")})
	m = next.(Model)
	if cmd == nil || m.reload.gen != 1 {
		t.Fatalf("r started no load (gen %d)", m.reload.gen)
	}
	next, _ = m.Update(loadFile(cfg.Load, 1)())
	m = next.(Model)
	v := m.View()
	if !strings.Contains(ansi.Strip(v), "Team  offline · as of 14:05") || !strings.Contains(v, "cannot refresh") || loads != 1 {
		t.Errorf("after a failed refresh (%d loads):\n%s", loads, v)
	}
	if strings.Contains(v, "\x1b[31m") {
		t.Errorf("an escape of the URL reached the screen:\n%q", v)
	}
	next, cmd = m.Update(refreshMsg{})
	m = next.(Model)
	if cmd == nil || m.reload.gen != 2 {
		t.Errorf("the timer started no load (gen %d)", m.reload.gen)
	}
	m = press(m, "e")
	if !strings.Contains(m.status, "read-only") || strings.ContainsRune(m.status, 0x1b) {
		t.Errorf("e: %q", m.status)
	}
}

// TestRefreshAtStart: a view opened on a cached copy fetches at once.
func TestRefreshAtStart(t *testing.T) {
	it, err := itinerary.Load("team", []byte("title: Team\ntimezone: UTC\nevents: []\n"))
	if err != nil {
		t.Fatal(err)
	}
	// A frozen clock and no timer: Init's only command is the refresh's
	// (running the others would wait for their ticks).
	cfg := Config{Itinerary: it, Name: "https://example.com/team.ics", RefreshAtStart: true, Now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
		Load: func() (*itinerary.Itinerary, error) { return it, nil }}
	m := sized(New(cfg, renderer(termenv.Ascii)), 80, 20)
	found := false
	msg := m.Init()()
	if batch, ok := msg.(tea.BatchMsg); ok && len(batch) == 1 {
		msg = batch[0]()
	}
	if _, ok := msg.(refreshNowMsg); ok {
		found = true
	}
	if !found {
		t.Fatal("Init asks for no refresh at once")
	}
	next, cmd := m.Update(refreshNowMsg{})
	if cmd == nil || next.(Model).reload.gen != 1 {
		t.Errorf("refreshNowMsg started no load")
	}
}

// TestRefreshOfflineAmongOthers: a refresh that gives a new itinerary
// (a folder's, beside a URL that failed) says why the URL could not be
// fetched, not "reloaded".
func TestRefreshOfflineAmongOthers(t *testing.T) {
	load := func(title string) *itinerary.Itinerary {
		it, err := itinerary.Load("x", []byte("title: "+title+"\ntimezone: UTC\nevents:\n  - {title: Standup, start: \"2025-01-01 10:00\", duration: 1h}\n"))
		if err != nil {
			t.Fatal(err)
		}
		return it
	}
	asOf := time.Date(2025, 1, 1, 14, 5, 0, 0, time.UTC)
	offline := false
	cfg := Config{Itinerary: load("A"), Name: "https://example.com/team.ics cals", Zone: time.UTC, Now: asOf.Add(time.Hour), Refresh: 15 * time.Minute,
		Load: func() (*itinerary.Itinerary, error) { return load("B"), nil },
		Status: func() (bool, time.Time, error) {
			return offline, asOf, errors.New("https://example.com/team.ics: cannot connect")
		},
	}
	m := sized(New(cfg, renderer(termenv.Ascii)), 100, 30)
	offline = true
	next, _ := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("r")})
	next, _ = next.(Model).Update(loadFile(cfg.Load, 1)())
	if v := ansi.Strip(next.(Model).View()); !strings.Contains(v, "cannot refresh: https://example.com/team.ics: cannot connect") || strings.Contains(v, "reloaded") {
		t.Errorf("after a failed refresh among others:\n%s", v)
	}
}
