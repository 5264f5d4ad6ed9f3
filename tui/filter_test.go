package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"
)

// typeText sends text as one KeyMsg, as a paste or a fast typist does.
func typeText(m Model, text string) Model {
	next, _ := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(text)})
	return next.(Model)
}

func visibleIDs(m Model) string {
	var out []string
	for _, i := range m.visible {
		out = append(out, m.it.Events[i].ID)
	}
	return strings.Join(out, " ")
}

func header(m Model) string { return strings.Split(m.View(), "\n")[1] }

func TestPickerFiltersByPerson(t *testing.T) {
	m := press(newModel(t, 120, 40), "p")
	if m.mode != modePicker || !strings.Contains(m.View(), "Filter by person") {
		t.Fatalf("p did not open the picker:\n%s", m.View())
	}
	m = typeText(m, "최태원")
	if got := m.it.People[m.picker.selected()].ID; got != "chey" {
		t.Fatalf("top match %s", got)
	}
	m = press(m, "enter")
	if m.mode != modeList || visibleIDs(m) != "chey-meeting" {
		t.Fatalf("after enter: mode %v, visible %q", m.mode, visibleIDs(m))
	}
	if h := header(m); !strings.Contains(h, "[Chey Tae-won] · 1 of 12 events") {
		t.Errorf("header: %q", h)
	}
	if selectedID(m) != "chey-meeting" {
		t.Errorf("selected %s", selectedID(m))
	}
	m = press(m, "esc")
	if len(m.visible) != 12 || !m.filter.Empty() {
		t.Errorf("esc: %q", visibleIDs(m))
	}
	if selectedID(m) != "chey-meeting" {
		t.Errorf("the selection should stay on the event when it survives: %s", selectedID(m))
	}
}

func TestPickerMatching(t *testing.T) {
	cases := []struct{ typed, top string }{
		{"태원", "chey"}, {"KYUNG", "kyung"}, {"foundry", "choi-sy"}, {"sk hynix", "kwak"}, {"nvidia", "huang"}, {"hunt", "hunt"},
	}
	for _, c := range cases {
		m := typeText(press(newModel(t, 120, 40), "p"), c.typed)
		if p := m.picker.selected(); p < 0 || m.it.People[p].ID != c.top {
			t.Errorf("%q: top %d", c.typed, p)
		}
	}
	m := typeText(press(newModel(t, 120, 40), "p"), "zzz")
	if m.picker.selected() != -1 || !strings.Contains(m.View(), "nobody matches") {
		t.Errorf("no match:\n%s", m.View())
	}
	if m = press(m, "enter"); m.mode != modeList || !m.filter.Empty() {
		t.Errorf("enter with no match should just close")
	}
	// Moving picks another than the top match.
	m = press(typeText(press(newModel(t, 120, 40), "p"), "samsung"), "down", "enter")
	if len(m.filter.People) != 1 || m.it.People[m.filter.People[0]].ID != "ds-management" {
		t.Errorf("down then enter: %v", m.filter.People)
	}
}

func TestTwoPeopleAllAndAny(t *testing.T) {
	m := newModel(t, 120, 40)
	m = press(typeText(press(m, "p"), "kyung"), "enter")
	m = press(typeText(press(m, "p"), "altman"), "enter")
	if visibleIDs(m) != "pyeongtaek-tour dinner-kyung" {
		t.Fatalf("all of: %q", visibleIDs(m))
	}
	if h := header(m); !strings.Contains(h, "[Kyung Kye-hyun] [Sam Altman] all of · 2 of 12 events") {
		t.Errorf("header: %q", h)
	}
	m = press(m, "a")
	if !strings.Contains(header(m), "any of · 10 of 12 events") {
		t.Errorf("any of: %q / %q", header(m), visibleIDs(m))
	}
	// Enter on a person already in the filter takes them out.
	m = press(typeText(press(m, "p"), "altman"), "enter")
	if visibleIDs(m) != "kyung-returns pyeongtaek-tour dinner-kyung" {
		t.Errorf("toggle off: %q", visibleIDs(m))
	}
}

func TestEmptyResultSaysWhy(t *testing.T) {
	m := newModel(t, 120, 40)
	m = press(typeText(press(m, "p"), "최태원"), "enter")
	m = press(typeText(press(m, "p"), "이정배"), "enter")
	v := m.View()
	if len(m.visible) != 0 || !strings.Contains(v, "No events with Chey Tae-won and Lee Jung-bae — esc") || !strings.Contains(v, "Jung-bae · a show any of them") {
		t.Fatalf("empty message:\n%s", v)
	}
	m = press(m, "esc")
	if visibleIDs(m) != "chey-meeting" {
		t.Errorf("esc drops the last person first: %q", visibleIDs(m))
	}
	if m = press(m, "esc"); len(m.visible) != 12 {
		t.Errorf("second esc clears: %d", len(m.visible))
	}
}

func TestSearch(t *testing.T) {
	m := press(newModel(t, 120, 40), "/")
	if m.mode != modeSearch {
		t.Fatal("/ did not open the search")
	}
	m = typeText(m, "@kyung !dinner")
	if visibleIDs(m) != "kyung-returns pyeongtaek-tour" {
		t.Fatalf("as typed: %q", visibleIDs(m))
	}
	footer := func(m Model) string { v := m.View(); return v[strings.LastIndex(v, "\n")+1:] }
	if f := footer(m); !strings.Contains(f, "/@kyung !dinner") || !strings.Contains(f, "2 of 12") {
		t.Errorf("footer: %q", f)
	}
	m = press(m, "enter")
	if m.mode != modeList || visibleIDs(m) != "kyung-returns pyeongtaek-tour" || !strings.Contains(header(m), "[/@kyung !dinner] · 2 of 12 events") {
		t.Errorf("enter keeps the query: %q %q", visibleIDs(m), header(m))
	}
	// j moves in the list again, and / reopens the query for editing.
	if m = press(m, "j"); selectedID(m) != "pyeongtaek-tour" {
		t.Errorf("j after search: %s", selectedID(m))
	}
	m = press(m, "/", "esc")
	if len(m.visible) != 12 || m.mode != modeList {
		t.Errorf("esc clears: %d", len(m.visible))
	}
	// Typing letter by letter narrows, and backspace widens again.
	m = press(newModel(t, 120, 40), "/")
	for _, r := range "seoul" {
		m = typeText(m, string(r))
	}
	want := "altman-arrives to-seoul startups-skhynix chey-meeting dinner-kyung dinner-group-leaders"
	if visibleIDs(m) != want {
		t.Errorf("seoul: %q", visibleIDs(m))
	}
	next, _ := m.Update(tea.KeyMsg{Type: tea.KeyBackspace})
	m = next.(Model)
	if visibleIDs(m) != want {
		t.Errorf("seou: %q", visibleIDs(m))
	}
	// Search and person filter combine.
	m = press(m, "enter")
	m = press(typeText(press(m, "p"), "chey"), "enter")
	if visibleIDs(m) != "chey-meeting" {
		t.Errorf("search and person: %q", visibleIDs(m))
	}
}

func TestSearchHighlightsMatches(t *testing.T) {
	m := sized(New(Config{Itinerary: defaultItinerary(t), Now: beforeVisit}, renderer(termenv.ANSI256)), 120, 40)
	m = typeText(press(m, "/"), "pyeongtaek")
	want := m.st.Match.Render("Pyeongtaek")
	// The selected row is drawn plainly; the others highlight the match.
	m = press(m, "enter", "j")
	if !strings.Contains(m.View(), want) {
		t.Errorf("no highlighted %q in\n%s", want, m.View())
	}
}

func TestStepThroughPeople(t *testing.T) {
	m := press(newModel(t, 120, 40), "]")
	if len(m.filter.People) != 1 || m.it.People[m.filter.People[0]].ID != "altman" {
		t.Fatalf("] from nothing: %v", m.filter.People)
	}
	m = press(m, "]", "]")
	if m.it.People[m.filter.People[0]].ID != "lee-jb" {
		t.Errorf("]]]: %s", m.it.People[m.filter.People[0]].ID)
	}
	m = press(m, "[")
	if m.it.People[m.filter.People[0]].ID != "kyung" {
		t.Errorf("[: %s", m.it.People[m.filter.People[0]].ID)
	}
	if m = press(newModel(t, 120, 40), "["); m.it.People[m.filter.People[0]].ID != "hunt" {
		t.Errorf("[ from nothing wraps to the last person")
	}
}

func TestCardFiltersToPerson(t *testing.T) {
	m := press(newModel(t, 120, 40), "jjj", "tab", "j", "enter", "f")
	if m.focus != focusTimeline || visibleIDs(m) != "kyung-returns pyeongtaek-tour dinner-kyung" {
		t.Errorf("f on the card: focus %v, %q", m.focus, visibleIDs(m))
	}
	// Jumping from a card to an event the filter hides clears the filter.
	m = press(m, "tab", "enter") // Sam Altman's card, from the tour
	m = press(m, "g", "enter")   // Davos, not with Kyung
	if selectedID(m) != "davos-panel" || !m.filter.Empty() {
		t.Errorf("jump to a hidden event: %s, filter %+v", selectedID(m), m.filter)
	}
}

func TestStartFilter(t *testing.T) {
	it := defaultItinerary(t)
	m := sized(New(Config{Itinerary: it, Now: beforeVisit, People: []int{it.PersonIndex("kyung")}}, renderer(termenv.Ascii)), 120, 40)
	if visibleIDs(m) != "kyung-returns pyeongtaek-tour dinner-kyung" || !strings.Contains(header(m), "[Kyung Kye-hyun] · 3 of 12 events") {
		t.Errorf("--person at start: %q %q", visibleIDs(m), header(m))
	}
}

// TestPickerAndSearchTakeEveryKey: while a field is open, q, j and n are
// text, not commands.
func TestPickerAndSearchTakeEveryKey(t *testing.T) {
	m := typeText(press(newModel(t, 120, 40), "/"), "qjn")
	if m.mode != modeSearch || m.search.input.Value() != "qjn" || m.native {
		t.Errorf("search field: %q", m.search.input.Value())
	}
	m = typeText(press(newModel(t, 120, 40), "p"), "q")
	if m.mode != modePicker || m.picker.input.Value() != "q" {
		t.Errorf("picker field: %q", m.picker.input.Value())
	}
}

// A search that leaves no events, then cleared, gives back the event that
// was selected before it, in the list and in the lanes, whether Esc clears
// it in the field or after Enter closed the field.
func TestEmptyResultKeepsSelection(t *testing.T) {
	for _, c := range []struct {
		name string
		keys []string
	}{
		{"list, esc in the field", []string{"/", "z", "z", "z", "esc"}},
		{"list, enter then esc", []string{"/", "zz", "z", "enter", "esc"}},
		{"lanes, esc in the field", []string{"v", "/", "z", "z", "z", "esc"}},
		{"lanes, enter then esc", []string{"v", "/", "zzz", "enter", "esc"}},
	} {
		m := press(newModel(t, 120, 40), "j", "j", "j")
		before := selectedID(m)
		if before == "" || before == m.it.Events[0].ID {
			t.Fatalf("setup: selected %q", before)
		}
		m = press(m, c.keys[:len(c.keys)-1]...)
		if len(m.visible) != 0 || selectedID(m) != "" {
			t.Fatalf("%s: zzz should match nothing: %q", c.name, visibleIDs(m))
		}
		m = press(m, c.keys[len(c.keys)-1])
		if !m.filter.Empty() {
			t.Fatalf("%s: filter still on", c.name)
		}
		if got := selectedID(m); got != before {
			t.Errorf("%s: selection %q after clearing, want %q", c.name, got, before)
		}
	}
}
