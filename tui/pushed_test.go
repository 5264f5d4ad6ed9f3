package tui

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/muesli/termenv"
	"github.com/visitline/visitline/itinerary"
)

// servedModel is a model as visitline serve makes it: read-only, opened on
// the card of kyung.
func servedModel(t *testing.T) Model {
	t.Helper()
	it := defaultItinerary(t)
	kyung := it.PersonIndex("kyung")
	return sized(New(Config{Itinerary: it, Name: "visit.yaml", Watch: "visit.yaml", Now: beforeVisit,
		People: []int{kyung}, Card: true, ReadOnly: true}, renderer(termenv.Ascii)), 120, 40)
}

// TestServedOpensOnCard: Card opens the view on the first person's card,
// filtered to them.
func TestServedOpensOnCard(t *testing.T) {
	m := servedModel(t)
	v := m.View()
	if m.focus != focusCard || !strings.Contains(v, "Card · Kyung Kye-hyun") || !strings.Contains(v, "3 of 12 events") {
		t.Errorf("focus %v:\n%s", m.focus, v)
	}
	plain := sized(New(Config{Itinerary: defaultItinerary(t), People: []int{1}, Now: beforeVisit}, renderer(termenv.Ascii)), 120, 40)
	if plain.focus == focusCard {
		t.Error("a person filter alone opened the card")
	}
}

// TestReadOnlyEdit: e says read-only, starts no editor, on the card and
// on the timeline.
func TestReadOnlyEdit(t *testing.T) {
	m := servedModel(t)
	for _, keys := range [][]string{{"e"}, {"esc", "esc", "e"}} {
		m2, cmd := step(t, press(m, keys[:len(keys)-1]...), keyMsg("e"))
		if cmd != nil || !strings.Contains(footerOf(m2)+m2.View(), "read-only over SSH") {
			t.Errorf("%v: cmd %v, view:\n%s", keys, cmd != nil, m2.View())
		}
	}
	if strings.Contains(m.View(), "e edit") {
		t.Error("the footer offers e")
	}
}

// TestItineraryMsg: a pushed itinerary replaces the shown one keeping the
// person filter and the card; a pushed error shows the panel over the last
// good one; a missing file says so.
func TestItineraryMsg(t *testing.T) {
	m := servedModel(t)
	it := defaultItinerary(t)
	for i := range it.Events {
		it.Events[i].Title = strings.Replace(it.Events[i].Title, "Dinner with", "Supper with", 1)
	}
	m, _ = step(t, m, ItineraryMsg{Itinerary: it})
	v := m.View()
	if !strings.Contains(v, "Supper with Kyung") || m.focus != focusCard || !strings.Contains(v, "3 of 12 events") {
		t.Errorf("after a push:\n%s", v)
	}
	bad := &itinerary.LoadError{File: "visit.yaml", Problems: []itinerary.Problem{{Line: 3, Column: 1, Message: "broken on purpose"}}}
	m, _ = step(t, m, ItineraryMsg{Err: bad})
	if v := m.View(); !strings.Contains(v, "broken on purpose") || !strings.Contains(v, "Supper with Kyung") {
		t.Errorf("after a pushed error:\n%s", v)
	}
	m, _ = step(t, m, ItineraryMsg{Err: &os.PathError{Op: "stat", Path: "visit.yaml", Err: os.ErrNotExist}})
	if v := m.View(); !strings.Contains(v, "is missing") || strings.Contains(v, "broken on purpose") {
		t.Errorf("after a missing file:\n%s", v)
	}
	m, _ = step(t, m, ItineraryMsg{Err: errors.New("network down")})
	if v := m.View(); !strings.Contains(v, "network down") {
		t.Errorf("after another error:\n%s", v)
	}
}
