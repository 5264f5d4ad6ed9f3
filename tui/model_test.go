package tui

import (
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
	"github.com/visitline/visitline/data"
	goldenfile "github.com/visitline/visitline/internal/golden"
	"github.com/visitline/visitline/itinerary"
)

// beforeVisit is a frozen clock before the default visit, so nothing is
// past and the selection starts on the first event.
var beforeVisit = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

func renderer(profile termenv.Profile) *lipgloss.Renderer {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(profile)
	r.SetHasDarkBackground(true)
	return r
}

func defaultItinerary(t testing.TB) *itinerary.Itinerary {
	t.Helper()
	it, err := itinerary.Load(data.DefaultName, data.Default)
	if err != nil {
		t.Fatal(err)
	}
	return it
}

// newModel builds a model of the default visit at w×h with colours off.
func newModel(t testing.TB, w, h int) Model {
	t.Helper()
	return sized(New(Config{Itinerary: defaultItinerary(t), Now: beforeVisit}, renderer(termenv.Ascii)), w, h)
}

func sized(m Model, w, h int) Model {
	next, _ := m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return next.(Model)
}

// press sends keys: names of special keys ("tab", "enter", "esc", "pgdown",
// ...) or runes, a string of several runes being one KeyMsg as a paste is.
func press(m Model, keys ...string) Model {
	special := map[string]tea.KeyType{
		"tab": tea.KeyTab, "shift+tab": tea.KeyShiftTab, "enter": tea.KeyEnter, "esc": tea.KeyEsc,
		"up": tea.KeyUp, "down": tea.KeyDown, "pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown,
		"home": tea.KeyHome, "end": tea.KeyEnd, "ctrl+d": tea.KeyCtrlD, "ctrl+u": tea.KeyCtrlU,
		"left": tea.KeyLeft, "right": tea.KeyRight, "backspace": tea.KeyBackspace,
	}
	for _, k := range keys {
		msg := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
		if t, ok := special[k]; ok {
			msg = tea.KeyMsg{Type: t}
		}
		next, _ := m.Update(msg)
		m = next.(Model)
	}
	return m
}

func selectedID(m Model) string {
	i := m.tl.selected()
	if i < 0 {
		return ""
	}
	return m.it.Events[i].ID
}

func TestMovement(t *testing.T) {
	cases := []struct {
		keys []string
		want string
	}{
		{nil, "davos-panel"},
		{[]string{"j"}, "kyung-returns"},
		{[]string{"down", "down", "up"}, "kyung-returns"},
		{[]string{"jjj"}, "pyeongtaek-tour"}, // one KeyMsg with three runes moves three times
		{[]string{"jjjk"}, "altman-arrives"},
		{[]string{"G"}, "huang-wei-dinner"},
		{[]string{"end", "k"}, "altman-departs"},
		{[]string{"G", "g"}, "davos-panel"},
		{[]string{"G", "home"}, "davos-panel"},
		{[]string{"k"}, "davos-panel"},
		{[]string{"G", "j"}, "huang-wei-dinner"},
		{[]string{"pgdown"}, "huang-wei-dinner"}, // at 120×40 a page holds everything
	}
	for _, c := range cases {
		m := press(newModel(t, 120, 40), c.keys...)
		if got := selectedID(m); got != c.want {
			t.Errorf("%q: selected %s, want %s", c.keys, got, c.want)
		}
	}
}

// TestSelectionStaysVisible pages through a short window and checks that
// the selected row is always on screen.
func TestSelectionStaysVisible(t *testing.T) {
	m := newModel(t, 50, 15)
	for _, k := range []string{"pgdown", "pgdown", "j", "G", "pgup", "k", "ctrl+u", "ctrl+d", "g", "jjjjjjj", "pgdown"} {
		m = press(m, k)
		i := m.tl.selected()
		if !strings.Contains(m.View(), truncatedTitle(m.it.Events[i].Title)) {
			t.Fatalf("after %q the selected %q is not on screen:\n%s", k, m.it.Events[i].Title, m.View())
		}
	}
}

func truncatedTitle(s string) string {
	r := []rune(s)
	return string(r[:min(len(r), 12)])
}

func TestStartsOnCurrentEvent(t *testing.T) {
	it := defaultItinerary(t)
	cases := []struct {
		now  string
		want string
	}{
		{"2024-01-26T12:10:00+09:00", "lunch-ds"},        // during lunch
		{"2024-01-26T08:00:00+09:00", "pyeongtaek-tour"}, // before the tour: the next one
		{"2024-01-27T12:00:00+09:00", "davos-panel"},     // after everything: the first
		{"2023-12-01T12:00:00+09:00", "davos-panel"},     // before everything
	}
	for _, c := range cases {
		now, _ := time.Parse(time.RFC3339, c.now)
		m := sized(New(Config{Itinerary: it, Now: now}, renderer(termenv.Ascii)), 120, 40)
		if got := selectedID(m); got != c.want {
			t.Errorf("now %s: selected %s, want %s", c.now, got, c.want)
		}
	}
}

func TestParticipantsAndCard(t *testing.T) {
	m := press(newModel(t, 120, 40), "jjj") // the tour
	m = press(m, "tab")
	if m.focus != focusParticipants || m.det.part != 0 {
		t.Fatalf("tab: focus %v part %d", m.focus, m.det.part)
	}
	if !strings.Contains(m.View(), "❯ Sam Altman 샘 올트먼") {
		t.Errorf("focused participant not marked:\n%s", m.View())
	}
	m = press(m, "j", "enter")
	if m.focus != focusCard || m.it.People[m.card.person].ID != "kyung" {
		t.Fatalf("card of %d, focus %v", m.card.person, m.focus)
	}
	view := m.View()
	for _, want := range []string{"Card · Kyung Kye-hyun", "경계현", "President; CEO of the Device Solutions (DS) division", "Samsung Electronics · 삼성전자",
		"Events (3)", "Kyung Kye-hyun back from Japan", "❯ Fri 26 Jan  ~09:00–11:30  [reported] Tour of", "Dinner with Kyung Kye-hyun"} {
		if !strings.Contains(view, want) {
			t.Errorf("card lacks %q:\n%s", want, view)
		}
	}
	m = press(m, "j", "enter")
	if m.focus != focusTimeline || selectedID(m) != "dinner-kyung" {
		t.Errorf("enter on the card's event: focus %v, selected %s", m.focus, selectedID(m))
	}
	// esc walks back: card -> participants -> timeline.
	m = press(newModel(t, 120, 40), "jjj", "tab", "enter", "esc")
	if m.focus != focusParticipants {
		t.Errorf("esc from the card: focus %v", m.focus)
	}
	if m = press(m, "esc"); m.focus != focusTimeline || m.det.part != -1 {
		t.Errorf("esc from participants: focus %v part %d", m.focus, m.det.part)
	}
}

func TestFocusKeepsGeometry(t *testing.T) {
	m := press(newModel(t, 120, 40), "jjj")
	before := m.lay
	for _, k := range []string{"tab", "enter", "esc", "esc"} {
		m = press(m, k)
		if m.lay != before {
			t.Fatalf("layout changed after %q", k)
		}
	}
}

func TestNamesToggle(t *testing.T) {
	m := press(newModel(t, 120, 40), "jjj", "n")
	view := m.View()
	if !strings.Contains(view, "names: 한글") || !strings.Contains(view, "Altman leaves Korea — 샘 올트먼") || !strings.Contains(view, "경계현 Kyung Kye-hyun") {
		t.Errorf("native names not shown:\n%s", view)
	}
	if view = press(m, "n").View(); !strings.Contains(view, "names: Latin") {
		t.Errorf("toggle back:\n%s", view)
	}
}

// TestHelpListsOnlyLiveKeys checks the footer against the state: a key that
// does nothing is not offered.
func TestHelpListsOnlyLiveKeys(t *testing.T) {
	m := newModel(t, 120, 40)
	footer := func(m Model) string { v := m.View(); return v[strings.LastIndex(v, "\n")+1:] }
	if f := footer(m); strings.Contains(f, "esc") || strings.Contains(f, "shift+tab") || !strings.Contains(f, "tab/enter participants") {
		t.Errorf("timeline footer: %q", f)
	}
	m = press(m, "tab")
	if f := footer(m); strings.Contains(f, "tab/enter") || !strings.Contains(f, "enter open card") || !strings.Contains(f, "esc back") {
		t.Errorf("participants footer: %q", f)
	}
	m = press(m, "?")
	if !strings.Contains(m.View(), "Keys and symbols") || !strings.Contains(footer(m), "esc/q close") || strings.Contains(footer(m), "open card") {
		t.Errorf("full help:\n%s", m.View())
	}
}

func TestMouse(t *testing.T) {
	m := newModel(t, 120, 40)
	// Row 0 of the list is at y = header (2) + pane title (1); the tour is
	// the 8th row (day, davos, day, zone change, kyung, altman, day, tour).
	next, _ := m.Update(tea.MouseMsg{X: 10, Y: 3 + 7, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
	m = next.(Model)
	if got := selectedID(m); got != "pyeongtaek-tour" {
		t.Errorf("click selected %s", got)
	}
	small := newModel(t, 50, 15)
	for range 5 {
		next, _ = small.Update(tea.MouseMsg{X: 5, Y: 5, Button: tea.MouseButtonWheelDown, Action: tea.MouseActionPress})
		small = next.(Model)
	}
	i := small.tl.selected()
	if r := small.tl.selectedRow(); r < small.tl.offset || r >= small.tl.offset+small.tl.height || i < 0 {
		t.Errorf("wheel left the selection off screen: row %d, offset %d", r, small.tl.offset)
	}
}

// TestViewFitsWindow resizes through many sizes and checks every line of
// every view fits.
func TestViewFitsWindow(t *testing.T) {
	m := press(newModel(t, 120, 40), "jjj", "tab")
	for _, size := range [][2]int{{120, 40}, {80, 24}, {50, 15}, {40, 12}, {39, 12}, {100, 20}, {99, 30}, {200, 60}, {61, 13}} {
		m = sized(m, size[0], size[1])
		lines := strings.Split(m.View(), "\n")
		if len(lines) != size[1] {
			t.Errorf("%v: %d lines", size, len(lines))
		}
		for _, l := range lines {
			if w := ansi.StringWidth(l); w > size[0] {
				t.Errorf("%v: line of %d cells: %q", size, w, l)
			}
		}
	}
}

func TestTooSmall(t *testing.T) {
	v := newModel(t, 39, 11).View()
	if !strings.Contains(v, "Terminal too small: 39×11.") || !strings.Contains(v, "at least 40×12") {
		t.Errorf("got\n%s", v)
	}
}

// golden compares got with testdata/name (go test ./tui -update rewrites it).
func golden(t *testing.T, name, got string) {
	t.Helper()
	goldenfile.Check(t, "testdata/"+name, got)
}

func TestGoldenViews(t *testing.T) {
	cases := []struct {
		name string
		w, h int
		keys []string
	}{
		{"default-120x40.txt", 120, 40, nil},
		{"default-80x24.txt", 80, 24, nil},
		{"default-50x15.txt", 50, 15, nil},
		{"tour-participants-120x40.txt", 120, 40, []string{"jjj", "tab"}},
		{"kyung-card-80x24.txt", 80, 24, []string{"jjj", "tab", "j", "enter"}},
		{"tour-participants-50x15.txt", 50, 15, []string{"jjj", "tab"}},
	}
	for _, c := range cases {
		m := press(newModel(t, c.w, c.h), c.keys...)
		golden(t, c.name, m.View()+"\n")
	}
	// One in colour, to pin the styles.
	m := sized(New(Config{Itinerary: defaultItinerary(t), Now: beforeVisit}, renderer(termenv.ANSI256)), 120, 40)
	golden(t, "default-120x40.ansi", press(m, "jjj").View()+"\n")
}

// escape sequences other than SGR (colours and attributes).
var nonSGR = regexp.MustCompile(`\x1b[^\[]|\x1b\[[0-9;?]*[^0-9;?m]`)

func TestHostileTextCannotEscape(t *testing.T) {
	src := "title: \"Visit \\e]0;pwned\\a \\e]8;;http://evil\\e\\\\link\\e]8;;\\e\\\\\"\n" +
		"subtitle: \"\\eP1$qm\\e\\\\dcs \\x9b31m c1\"\n" +
		"timezone: Asia/Seoul\n" +
		"people: [{id: p, name: \"Eve\\r\\x08\\x08\\x08\\x07\", native: \"\\u202e경계현\", role: \"\\e[2J\\e[Hclear\"}]\n" +
		"events:\n  - {title: \"Lunch\\e[5m\\u0007\", start: \"2024-01-26 12:00\", participants: [p], notes: \"a\\rb\\x1b[1Ac\"}\n"
	it, err := itinerary.Load("hostile.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	m := sized(New(Config{Itinerary: it, Now: beforeVisit}, renderer(termenv.ANSI256)), 120, 40)
	for _, m := range []Model{m, press(m, "tab"), press(m, "tab", "enter"), press(m, "n")} {
		v := m.View()
		if loc := nonSGR.FindStringIndex(v); loc != nil {
			t.Errorf("escape sequence other than SGR at %d: %q", loc[0], v[loc[0]:min(loc[1]+10, len(v))])
		}
		for _, c := range []string{"\r", "\b", "\a", "\u009b", "\u202e"} {
			if strings.Contains(v, c) {
				t.Errorf("view holds %q", c)
			}
		}
		if !strings.Contains(v, "Eve") || !strings.Contains(v, "Lunch") {
			t.Errorf("the cleaned text should still show:\n%s", v)
		}
	}
}

func TestAboutView(t *testing.T) {
	m := press(newModel(t, 100, 30), "i")
	v := m.View()
	for _, want := range []string{"About this itinerary", "spent about nineteen hours in Korea", "Context: at the time Nvidia's GPUs",
		"Maeil Business Newspaper (매일경제)", "12 events · 15 people · 8 organisations"} {
		if !strings.Contains(v, want) {
			t.Errorf("about view lacks %q:\n%s", want, v)
		}
	}
	if v = press(m, "esc").View(); strings.Contains(v, "About this itinerary") {
		t.Errorf("esc should close it")
	}
}
