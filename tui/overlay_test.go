package tui

import (
	"fmt"
	"github.com/visitline/visitline/agenda"
	"os"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
	"github.com/visitline/visitline/internal/synth"
	"github.com/visitline/visitline/itinerary"
)

// pageLines scrolls the open page from top to bottom with j and returns
// every line that was on screen.
func pageLines(t *testing.T, m Model) []string {
	t.Helper()
	var seen []string
	for range 500 {
		seen = append(seen, strings.Split(m.View(), "\n")...)
		before := m.page.vp.YOffset
		m = press(m, "j")
		if m.page.vp.YOffset == before {
			return seen
		}
	}
	t.Fatal("the page never reached its end")
	return nil
}

// TestHelpPageReachesEveryKey: at 80×24 and 60×20 every binding of the key
// map, and every key of the text fields, can be scrolled into view, as
// keys then what they do.
func TestHelpPageReachesEveryKey(t *testing.T) {
	km := DefaultKeyMap()
	rows := append(referenceRows(km.all(), longHelp), inputRows()...)
	if len(rows) < 30 {
		t.Fatalf("only %d rows", len(rows))
	}
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		m := press(newModel(t, size[0], size[1]), "?")
		lines := pageLines(t, m)
		for _, r := range rows {
			found := false
			for _, l := range lines {
				fields := strings.Fields(strings.TrimPrefix(l, "  "+r.keys))
				if strings.HasPrefix(l, "  "+r.keys+" ") && len(fields) > 0 && strings.HasPrefix(r.desc, fields[0]) {
					found = true
				}
			}
			if !found {
				t.Errorf("%d×%d: %q (%s) never shows", size[0], size[1], r.keys, r.desc)
			}
		}
		for _, want := range []string{"Symbols", "◎  ", "[! overlap]", "[cancelled]"} {
			if !strings.Contains(strings.Join(lines, "\n"), want) {
				t.Errorf("%d×%d: the legend lacks %q", size[0], size[1], want)
			}
		}
	}
}

// TestAboutPageReachesSources: the about page scrolls to its last source.
func TestAboutPageReachesSources(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		m := press(newModel(t, size[0], size[1]), "i")
		if strings.Contains(m.View(), "2024-01-26") {
			t.Fatalf("%d×%d: the test needs the sources off the first screen", size[0], size[1])
		}
		text := strings.Join(pageLines(t, m), "\n")
		for _, want := range []string{"Sources", "Maeil Business Newspaper", "2024-01-26"} {
			if !strings.Contains(text, want) {
				t.Errorf("%d×%d: about never shows %q", size[0], size[1], want)
			}
		}
		if v := press(m, "G").View(); !strings.Contains(v, "2024-01-26") {
			t.Errorf("G should show the end:\n%s", v)
		}
	}
}

// TestPagesTakeEveryKey: no key pressed on a page reaches the view behind
// it; esc, q and the page's own key close it; ctrl+c still quits.
func TestPagesTakeEveryKey(t *testing.T) {
	for _, open := range []string{"?", "i"} {
		m := press(newModel(t, 80, 24), "jjj", open)
		want := selectedID(m)
		m = press(m, "j", "k", "G", "g", "tab", "enter", "n", "z", "b", ".", "]", "a", "f", "e", "E", "jjj", "pgdown", "pgup", "J", "K")
		if !m.pageOpen() || selectedID(m) != want || m.focus != focusTimeline || m.native || m.gaps || m.mode != modeList ||
			!m.filter.Empty() || m.status != "" {
			t.Errorf("%s: keys reached the view: selected %s, focus %v, native %v, gaps %v, filter %v, status %q",
				open, selectedID(m), m.focus, m.native, m.gaps, m.filter, m.status)
		}
		m = press(m, "p", "/")
		if m.mode != modeList {
			t.Errorf("%s: p or / opened a field behind the page", open)
		}
		for _, closer := range []string{"esc", "q", open} {
			next, cmd := press(m, "g").Update(keyMsg(closer))
			if next.(Model).pageOpen() || cmd != nil {
				t.Errorf("%s: %s should close the page and nothing else", open, closer)
			}
		}
		if _, cmd := m.Update(tea.KeyMsg{Type: tea.KeyCtrlC}); cmd == nil {
			t.Errorf("%s: ctrl+c should quit", open)
		} else if _, ok := cmd().(tea.QuitMsg); !ok {
			t.Errorf("%s: ctrl+c should quit", open)
		}
	}
	// ? on the about page shows the help, and the other way round.
	if m := press(newModel(t, 80, 24), "i", "?"); !m.showHelp || m.showAbout {
		t.Errorf("? on about: help %v about %v", m.showHelp, m.showAbout)
	}
}

func keyMsg(k string) tea.KeyMsg {
	if k == "esc" {
		return tea.KeyMsg{Type: tea.KeyEsc}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

// TestFooterKeepsHelpKey: at every width the footer ends with ? and q.
func TestFooterKeepsHelpKey(t *testing.T) {
	for w := minWidth; w <= 140; w += 7 {
		for _, keys := range [][]string{nil, {"jjj", "tab"}, {"jjj", "tab", "enter"}} {
			v := press(newModel(t, w, 30), keys...).View()
			footer := v[strings.LastIndex(v, "\n")+1:]
			if !strings.Contains(footer, "? more keys") || !strings.Contains(footer, "q quit") || ansi.StringWidth(footer) != w {
				t.Errorf("%d columns, keys %v: footer %q", w, keys, footer)
			}
		}
	}
}

// TestPageGoldens pins the help and about pages at three sizes.
func TestPageGoldens(t *testing.T) {
	for _, size := range [][2]int{{120, 40}, {80, 24}, {60, 20}} {
		for _, page := range []struct{ key, name string }{{"?", "help"}, {"i", "about"}} {
			m := press(newModel(t, size[0], size[1]), page.key)
			golden(t, fmt.Sprintf("%s-%dx%d.txt", page.name, size[0], size[1]), m.View()+"\n")
		}
	}
}

// TestStickyDayHeader: wherever the timeline is scrolled, its first line is
// the header of the day of the row under it.
func TestStickyDayHeader(t *testing.T) {
	it, err := itinerary.Load("synth.yaml", synth.Generate(2000, 100, 3))
	if err != nil {
		t.Fatal(err)
	}
	m := sized(New(Config{Itinerary: it, Now: beforeVisit}, renderer(termenv.Ascii)), 80, 24)
	check := func(what string) {
		t.Helper()
		start, header, sticky := m.tl.firstRow()
		day := header
		if !sticky {
			day = start
		}
		if m.tl.rows.Row(day).Kind != agenda.DayHeader {
			t.Fatalf("%s: the first line is not a day header", what)
		}
		// The day of the first row under the header is that day.
		for r := start; r >= 0; r-- {
			if m.tl.rows.Row(r).Kind == agenda.DayHeader {
				if r != day {
					t.Fatalf("%s: first line shows row %d, the first row belongs to day row %d", what, day, r)
				}
				break
			}
		}
		list := strings.Split(m.View(), "\n")[3]
		if want := agenda.DayLabel(m.tl.rows.Row(day).Date()); !strings.HasPrefix(list, want) {
			t.Fatalf("%s: first line of the timeline %q, want the header %q", what, list, want)
		}
		sel := m.tl.selectedRow()
		if sel <= m.tl.offset && sticky {
			t.Fatalf("%s: the selection is under the sticky header", what)
		}
	}
	check("start")
	for k := range 40 {
		m = press(m, "pgdown")
		check(fmt.Sprintf("page %d", k))
	}
	for k := range 30 {
		m = press(m, "k")
		check(fmt.Sprintf("up %d", k))
	}
	m = press(m, "G")
	check("G")
	for k := range 20 {
		next, _ := m.Update(tea.MouseMsg{X: 5, Y: 10, Button: tea.MouseButtonWheelUp})
		m = next.(Model)
		check(fmt.Sprintf("wheel %d", k))
	}
	// A click on the sticky header selects nothing.
	want := selectedID(m)
	next, _ := m.Update(tea.MouseMsg{X: 5, Y: 3, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
	if got := selectedID(next.(Model)); got != want {
		t.Errorf("a click on the day header selected %s", got)
	}
}

// TestCardBadgesAndWrapping: the card puts each event's status and overlap
// badges before its title, and the detail pane wraps a long role (Hangul
// counted as two cells) under a hanging indent instead of cutting it.
func TestCardBadgesAndWrapping(t *testing.T) {
	src, err := os.ReadFile("../data/examples/lagos-london.yaml")
	if err != nil {
		t.Fatal(err)
	}
	it, err := itinerary.Load("l.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	m := sized(New(Config{Itinerary: it, Now: beforeVisit}, renderer(termenv.Ascii)), 80, 24)
	v := press(m, "jjj", "tab", "enter").View()
	for _, want := range []string{"[! overlap] Meeting with the trade envoy", "[planned] [! overlap] Working lunch"} {
		if !strings.Contains(v, want) {
			t.Errorf("card lacks %q:\n%s", want, v)
		}
	}

	role := "전무 Executive Officer, Electronic Devices and Semiconductor Solutions Division, 반도체 부문 담당"
	long, err := itinerary.Load("w.yaml", []byte("title: W\ntimezone: UTC\npeople: [{id: t, name: Tanaka Haruki, native: 田中春樹, role: \""+role+"\"}]\n"+
		"events: [{title: Meeting, start: \"2024-01-26 10:00\", participants: [t]}]\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []int{60, 80, 120} {
		m := sized(New(Config{Itinerary: long, Now: beforeVisit}, renderer(termenv.Ascii)), w, 40)
		pane := m.det.view()
		if !strings.Contains(flat(pane), "Tanaka Haruki 田中春樹 — "+role) || strings.Contains(pane, "…") {
			t.Errorf("%d columns: the role is cut:\n%s", w, pane)
		}
		if !strings.Contains(pane, "\n    ") {
			t.Errorf("%d columns: no hanging indent:\n%s", w, pane)
		}
		assertFitsWindow(t, m.View(), w, 40)
	}
}
