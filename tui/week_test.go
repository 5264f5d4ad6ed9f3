package tui

import (
	"testing"
	"time"

	"github.com/muesli/termenv"
	"github.com/visitline/visitline/data"
	"github.com/visitline/visitline/itinerary"
)

// lyonWeek is the five-day trip of data/examples/lyon-week.yaml: Mon 8 –
// Fri 12 March 2027.
func lyonWeek(t testing.TB) *itinerary.Itinerary {
	t.Helper()
	b, err := data.Files.ReadFile("examples/lyon-week.yaml")
	if err != nil {
		t.Fatal(err)
	}
	it, err := itinerary.Load("lyon-week.yaml", b)
	if err != nil {
		t.Fatal(err)
	}
	return it
}

// duringLyon is Wednesday 10 March 2027, 15:20 in Lyon.
var duringLyon = time.Date(2027, 3, 10, 14, 20, 0, 0, time.UTC)

func TestGoldenWeekMonth(t *testing.T) {
	for _, trip := range []struct {
		name string
		cfg  Config
	}{
		{"default", Config{Itinerary: defaultItinerary(t), Now: beforeVisit}},
		{"lyon", Config{Itinerary: lyonWeek(t), Now: duringLyon}},
	} {
		for _, size := range [][2]int{{120, 40}, {80, 24}, {40, 12}} {
			m := sized(New(trip.cfg, renderer(termenv.Ascii)), size[0], size[1])
			week := press(m, "v", "v")
			golden(t, trip.name+"-week-"+itoa(size[0])+"x"+itoa(size[1])+".txt", week.View()+"\n")
			month := press(week, "v")
			golden(t, trip.name+"-month-"+itoa(size[0])+"x"+itoa(size[1])+".txt", month.View()+"\n")
		}
	}
}
