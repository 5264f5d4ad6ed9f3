package tui

import (
	"testing"

	"github.com/muesli/termenv"
	"github.com/visitline/visitline/internal/synth"
	"github.com/visitline/visitline/itinerary"
)

// BenchmarkItineraryMsg100k: one pushed reload of the 100,000-event file
// in one view (what each of visitline serve's sessions does for a change).
func BenchmarkItineraryMsg100k(b *testing.B) {
	it, err := itinerary.Load("synth.yaml", synth.Generate(100_000, 5000, 1))
	if err != nil {
		b.Fatal(err)
	}
	m := sized(New(Config{Itinerary: it, Name: "synth.yaml", Watch: "synth.yaml", Now: beforeVisit, ReadOnly: true}, renderer(termenv.ANSI256)), 120, 40)
	b.ResetTimer()
	for range b.N {
		next, _ := m.Update(ItineraryMsg{Itinerary: it})
		m = next.(Model)
		_ = m.View()
	}
}
