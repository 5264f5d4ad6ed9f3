package tui

import (
	"fmt"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"
	"github.com/visitline/visitline/internal/synth"
	"github.com/visitline/visitline/itinerary"
)

// Benchmarks of what a keystroke costs: Update and View, at 120×40, on
// synthetic itineraries of 100, 10,000 and 100,000 events. The numbers are
// in the README's Performance section.

var benchSizes = []int{100, 10_000, 100_000}

var benchLoaded = map[int]*itinerary.Itinerary{}

func benchItinerary(b *testing.B, n int) *itinerary.Itinerary {
	if it, ok := benchLoaded[n]; ok {
		return it
	}
	it, err := itinerary.Load("synth.yaml", synth.Generate(n, max(n/20, 50), 1))
	if err != nil {
		b.Fatal(err)
	}
	benchLoaded[n] = it
	return it
}

func benchModel(b *testing.B, n int) Model {
	m := New(Config{Itinerary: benchItinerary(b, n), Now: beforeVisit}, renderer(termenv.ANSI256))
	return sized(m, 120, 40)
}

var benchKeys = map[string]tea.KeyMsg{
	"j": {Type: tea.KeyRunes, Runes: []rune("j")}, "k": {Type: tea.KeyRunes, Runes: []rune("k")},
	"pgdown": {Type: tea.KeyPgDown}, "pgup": {Type: tea.KeyPgUp}, "enter": {Type: tea.KeyEnter}, "esc": {Type: tea.KeyEsc},
	"tab": {Type: tea.KeyTab}, "]": {Type: tea.KeyRunes, Runes: []rune("]")}, "backspace": {Type: tea.KeyBackspace},
	"y": {Type: tea.KeyRunes, Runes: []rune("y")}, "u": {Type: tea.KeyRunes, Runes: []rune("u")},
	"e": {Type: tea.KeyRunes, Runes: []rune("e")},
}

// run sends the keys in turn, one per iteration, rendering after each.
func run(b *testing.B, m Model, keys ...string) {
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		next, _ := m.Update(benchKeys[keys[i%len(keys)]])
		m = next.(Model)
		_ = m.View()
	}
}

func forSizes(b *testing.B, f func(b *testing.B, n int)) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("events=%d", n), func(b *testing.B) { f(b, n) })
	}
}

func BenchmarkFirstFrame(b *testing.B) {
	it := defaultItinerary(b)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		m := sized(New(Config{Itinerary: it}, renderer(termenv.ANSI256)), 120, 40)
		_ = m.View()
	}
}

func BenchmarkNavigationKey(b *testing.B) {
	forSizes(b, func(b *testing.B, n int) {
		m := press(benchModel(b, n), "pgdown", "pgdown") // away from the top
		run(b, m, "j", "j", "k", "k")
	})
}

func BenchmarkPageJump(b *testing.B) {
	forSizes(b, func(b *testing.B, n int) { run(b, benchModel(b, n), "pgdown", "pgdown", "pgup", "pgup") })
}

func BenchmarkPersonFilterChange(b *testing.B) {
	forSizes(b, func(b *testing.B, n int) { run(b, benchModel(b, n), "]") })
}

// BenchmarkSearchKeystroke types into a search of "memor": one letter that
// narrows, then a backspace that widens again.
func BenchmarkSearchKeystroke(b *testing.B) {
	forSizes(b, func(b *testing.B, n int) {
		m := typeText(press(benchModel(b, n), "/"), "memor")
		run(b, m, "y", "backspace")
	})
}

func BenchmarkPickerKeystroke(b *testing.B) {
	forSizes(b, func(b *testing.B, n int) {
		m := typeText(press(benchModel(b, n), "p"), "kim")
		run(b, m, "u", "backspace")
	})
}

// BenchmarkOpenCard opens a participant's card and closes it again.
func BenchmarkOpenCard(b *testing.B) {
	forSizes(b, func(b *testing.B, n int) {
		m := press(benchModel(b, n), "tab")
		run(b, m, "enter", "esc")
	})
}

// BenchmarkSearchKeystrokeCold is BenchmarkSearchKeystroke without the
// cache of recent results: every keystroke searches.
func BenchmarkSearchKeystrokeCold(b *testing.B) {
	forSizes(b, func(b *testing.B, n int) {
		runCold(b, typeText(press(benchModel(b, n), "/"), "memor"), "y", "backspace")
	})
}

// runCold is run with the cache of recent results emptied before each key.
func runCold(b *testing.B, m Model, keys ...string) {
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.recent.results = nil
		next, _ := m.Update(benchKeys[keys[i%len(keys)]])
		m = next.(Model)
		_ = m.View()
	}
}

// BenchmarkSearchEveryEvent is the worst case: the first letter of a
// search that every event matches, so every event is laid out again.
func BenchmarkSearchEveryEvent(b *testing.B) {
	forSizes(b, func(b *testing.B, n int) {
		runCold(b, press(benchModel(b, n), "/"), "e", "backspace")
	})
}

// BenchmarkMinuteTick: the clock's tick at the start of a minute that
// crosses no start or end (the idle view's one message a minute), with
// the frame it draws.
func BenchmarkMinuteTick(b *testing.B) {
	forSizes(b, func(b *testing.B, n int) {
		m := benchModel(b, n)
		at := m.clock()
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			next, _ := m.Update(tickMsg(at.Add(time.Duration(i+1) * time.Minute)))
			m = next.(Model)
			_ = m.View()
		}
	})
}
