package tui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// Benchmarks of the lanes view at 120×40 on synthetic itineraries of 100,
// 10,000 and 100,000 events (numbers in the README's Performance section).

// runRunes sends one rune key per iteration, in turn, rendering after each.
func runRunes(b *testing.B, m Model, keys string) {
	msgs := make([]tea.KeyMsg, 0, len(keys))
	for _, r := range keys {
		msgs = append(msgs, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		next, _ := m.Update(msgs[i%len(msgs)])
		m = next.(Model)
		_ = m.View()
	}
}

// BenchmarkLanesView draws the lanes, by person, at the default zoom.
func BenchmarkLanesView(b *testing.B) {
	forSizes(b, func(b *testing.B, n int) {
		m := press(benchModel(b, n), "v", "llll")
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			_ = m.View()
		}
	})
}

// BenchmarkLanesMoveKey: h and l along a lane, j and k across lanes.
func BenchmarkLanesMoveKey(b *testing.B) {
	forSizes(b, func(b *testing.B, n int) {
		runRunes(b, press(benchModel(b, n), "v", "llll"), "lljjhhkk")
	})
}

// BenchmarkLanesZoomedOut draws a day a column: the window holds every
// event of about three months.
func BenchmarkLanesZoomedOut(b *testing.B) {
	forSizes(b, func(b *testing.B, n int) {
		runRunes(b, press(benchModel(b, n), "v", "llll", "-------"), "lh")
	})
}

// BenchmarkLanesRegroup cycles the grouping: every key builds the lanes
// and their interval indexes again.
func BenchmarkLanesRegroup(b *testing.B) {
	forSizes(b, func(b *testing.B, n int) {
		runRunes(b, press(benchModel(b, n), "v"), "t")
	})
}

// BenchmarkLanesSearchKeystroke is BenchmarkSearchKeystroke in the lanes:
// each key also sorts the events left into lanes.
func BenchmarkLanesSearchKeystroke(b *testing.B) {
	forSizes(b, func(b *testing.B, n int) {
		m := typeText(press(benchModel(b, n), "v", "/"), "memor")
		run(b, m, "y", "backspace")
	})
}

// BenchmarkWeekView draws the week view.
func BenchmarkWeekView(b *testing.B) {
	forSizes(b, func(b *testing.B, n int) {
		m := press(benchModel(b, n), "v", "v", "llll")
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			_ = m.View()
		}
	})
}

// BenchmarkWeekMoveKey: h and l by day, j and k in the day, > and < by a
// week; every key may build another week.
func BenchmarkWeekMoveKey(b *testing.B) {
	forSizes(b, func(b *testing.B, n int) {
		runRunes(b, press(benchModel(b, n), "v", "v"), "lljjhhkk><")
	})
}

// BenchmarkMonthView draws the month view.
func BenchmarkMonthView(b *testing.B) {
	forSizes(b, func(b *testing.B, n int) {
		m := press(benchModel(b, n), "v", "v", "v", "ll")
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			_ = m.View()
		}
	})
}

// BenchmarkMonthMoveKey: h, l, j, k by day and week, > and < by a month.
func BenchmarkMonthMoveKey(b *testing.B) {
	forSizes(b, func(b *testing.B, n int) {
		runRunes(b, press(benchModel(b, n), "v", "v", "v"), "ljhk><")
	})
}
