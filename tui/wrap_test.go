package tui

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
	"github.com/visitline/visitline/itinerary"
)

// checkWrapped fails unless every line of a wrap to width is at most width
// cells and at most a bounded number of bytes beyond its own text: styles
// re-opened on a line cost one short sequence, whatever came before.
func checkWrapped(t testing.TB, lines []string, width int) {
	t.Helper()
	for k, l := range lines {
		if w := ansi.StringWidth(l); w > width {
			t.Fatalf("line %d is %d cells, over %d: %q", k, w, width, l)
		}
		if n := len(l); n > 4*width+3*64 {
			t.Fatalf("line %d is %d bytes at width %d: %.200q…", k, n, width, l)
		}
	}
}

// TestWrapStyledLongText: a styled text of 10,000 characters wraps into
// 1,000 lines, each carrying its style once (it used to double on every
// line, so a 188-character title hung the view).
func TestWrapStyledLongText(t *testing.T) {
	// The smallest reproducers: a bold text of twelve lines, then a title
	// 188 characters long.
	checkWrapped(t, wrapLines("\x1b[1m"+strings.Repeat("word ", 24)+"\x1b[m", 10, 10), 10)
	checkWrapped(t, wrapLines("\x1b[1m"+strings.Repeat("word ", 38)+"\x1b[m", 10, 10), 10)
	checkWrapped(t, wrapLines("한국 \x1b[1m한", 1, 1), 1)
	word := "abcdefghi " // ten characters: a line of ten cells holds one word
	for _, s := range []string{
		"\x1b[1;38;5;203m" + strings.Repeat(word, 1000) + "\x1b[0m",
		// a colour change before every word and never a reset
		strings.Repeat("\x1b[31m"+word+"\x1b[1m\x1b[38;5;12m", 1000),
	} {
		lines := wrapLines(s, 10, 10)
		if len(lines) != 1000 {
			t.Fatalf("%d lines, want 1000", len(lines))
		}
		checkWrapped(t, lines, 10)
		if got := strings.Fields(ansi.Strip(strings.Join(lines, " "))); len(got) != 1000 || got[999] != "abcdefghi" {
			t.Fatalf("text changed: %.100q", got)
		}
		for k, l := range lines {
			if !strings.HasPrefix(l, "\x1b[") || !strings.HasSuffix(l, "m") {
				t.Fatalf("line %d does not stand on its own: %q", k, l)
			}
		}
	}
}

// TestWrapKeepsStyleState: the sequence re-opened on the next line is the
// state the previous one left, resets and colour changes applied.
func TestWrapKeepsStyleState(t *testing.T) {
	for _, c := range []struct{ in, second string }{
		{"\x1b[1m\x1b[31maaaa bbbb", "\x1b[1;31mbbbb\x1b[m"},
		{"\x1b[1;31ma\x1b[22m a bbbb", "\x1b[31mbbbb\x1b[m"},
		{"\x1b[1;31maaaa\x1b[0m bbbb", "bbbb"},
		{"\x1b[38;5;12m\x1b[48;2;1;2;3maaaa \x1b[39mbbbb", "\x1b[38;5;12;48;2;1;2;3m\x1b[39mbbbb\x1b[m"},
		{"\x1b[0;4;32maaaa bbbb", "\x1b[4;32mbbbb\x1b[m"},
	} {
		lines := wrapLines(c.in, 4, 4)
		if len(lines) != 2 || lines[1] != c.second {
			t.Errorf("wrapLines(%q) = %q, want the second line %q", c.in, lines, c.second)
		}
	}
}

// TestLongTitlesDraw: the about page of an itinerary with a long title and
// the detail of an event whose overlap names a long title draw, in colour,
// with the whole title on screen.
func TestLongTitlesDraw(t *testing.T) {
	long := strings.TrimSpace(strings.Repeat("Delegation ", 40))
	src := fmt.Sprintf("title: %s\ntimezone: UTC\npeople: [{id: a, name: Ann}]\nevents:\n"+
		"  - {title: %s, start: \"2024-01-26 09:00\", duration: 1h, participants: [a]}\n"+
		"  - {title: Short, start: \"2024-01-26 09:30\", duration: 1h, participants: [a]}\n", long, long)
	it, err := itinerary.Load("f.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan [2]string, 1)
	go func() {
		m := sized(New(Config{Itinerary: it, Now: beforeVisit}, renderer(termenv.ANSI256)), 100, 60)
		detail := press(m, "j").View()
		about := press(m, "i").View()
		done <- [2]string{detail, about}
	}()
	var views [2]string
	select {
	case views = <-done:
	case <-time.After(time.Minute):
		t.Fatal("the view does not draw within a minute")
	}
	for k, v := range views {
		var pane []string
		for _, l := range strings.Split(ansi.Strip(v), "\n") {
			if k == 0 { // the detail pane, right of the timeline
				_, l, _ = strings.Cut(l, "│")
			}
			pane = append(pane, l)
		}
		if flat := strings.Join(strings.Fields(strings.Join(pane, "\n")), " "); !strings.Contains(flat, long) {
			t.Errorf("view %d lacks the whole title:\n%s", k, ansi.Strip(v))
		}
		for _, l := range strings.Split(v, "\n") {
			if w := ansi.StringWidth(l); w > 100 || len(l) > 4000 {
				t.Fatalf("view %d has a line of %d cells, %d bytes", k, w, len(l))
			}
		}
	}
	if !strings.Contains(ansi.Strip(views[0]), "! overlaps Delegation") {
		t.Errorf("the detail names no overlap:\n%s", ansi.Strip(views[0]))
	}
}

// FuzzWrapLines wraps random styled text to widths 1–200: every line fits
// its width, and no call takes over 100 ms.
func FuzzWrapLines(f *testing.F) {
	f.Add("\x1b[1;38;5;203m"+strings.Repeat("Delegation ", 40)+"\x1b[0m", uint8(30), uint8(20), int64(1))
	f.Add("경계현 Kyung Kye-hyun — 삼성전자 \x1b[4mdevice\x1b[24m solutions", uint8(1), uint8(3), int64(2))
	f.Add("", uint8(0), uint8(0), int64(3))
	f.Fuzz(func(t *testing.T, s string, first, rest uint8, seed int64) {
		// Mix styles into the text, as the views do.
		seqs := []string{"\x1b[1m", "\x1b[0m", "\x1b[m", "\x1b[31m", "\x1b[38;5;12m", "\x1b[48;2;1;2;3m", "\x1b[22m", "\x1b[4:3m", "\x1b[0;7m"}
		r := rand.New(rand.NewSource(seed))
		var b strings.Builder
		for _, c := range itinerary.CleanLine(s) {
			if r.Intn(4) == 0 {
				b.WriteString(seqs[r.Intn(len(seqs))])
			}
			b.WriteRune(c)
		}
		w1, w2 := 1+int(first)%200, 1+int(rest)%200
		var lines []string
		// A slow call is timed once more before it fails, so that a pause of
		// the shared machine (a collection, another process) is not taken
		// for slow code; slow code is slow twice.
		for try := 0; ; try++ {
			start := time.Now()
			lines = wrapLines(b.String(), w1, w2)
			d := time.Since(start)
			if d <= 100*time.Millisecond {
				break
			}
			if try == 1 {
				t.Fatalf("wrapping %d bytes took %v", b.Len(), d)
			}
		}
		for k, l := range lines {
			width := w2
			if k == 0 {
				width = w1
			}
			if w := ansi.StringWidth(l); w > width {
				t.Fatalf("line %d is %d cells, over %d: %q (of %q)", k, w, width, l, lines)
			}
		}
	})
}
