package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestNewEmojiInTmux: emoji and ideographs newer than the terminal's tables
// (🫨 🩷 🛜, CJK Extension H) are shown as U+FFFD, so the rows holding them
// are as wide as the view measured them: the pane border stays in one column.
func TestNewEmojiInTmux(t *testing.T) {
	src := "version: 1\ntitle: \"Party 🫨 time\"\ntimezone: UTC\nevents:\n" +
		"  - {title: \"Dance 🩷 floor 🛜 \U00031350 end\", start: \"2024-01-26 10:00\", place: Hall}\n" +
		"  - {title: Plain, start: \"2024-01-26 11:00\"}\n"
	path := filepath.Join(t.TempDir(), "emoji.yaml")
	os.WriteFile(path, []byte(src), 0o644)
	s := startTmux(t, 100, 30, path, "--now", "2024-01-01T00:00:00Z")
	scr := s.waitFor("first frame", "Timeline · 2 events")
	if !strings.Contains(scr, "Party \ufffd time") || !strings.Contains(scr, "Dance \ufffd floor \ufffd \ufffd end") {
		t.Errorf("the new characters are not replaced:\n%s", scr)
	}
	border := -1
	for _, l := range strings.Split(scr, "\n") {
		k := strings.Index(l, "│")
		if k < 0 {
			continue
		}
		if col := ansi.StringWidth(l[:k]); border < 0 {
			border = col
		} else if col != border {
			t.Errorf("the pane border moves from column %d to %d:\n%s", border, col, scr)
			break
		}
	}
	assertFits(t, scr, 100)
	s.quit()
}

// TestLongTitlesInTmux: an event title of 188 characters, the overlap line
// naming it and the about page of an itinerary with a long title draw (the
// view used to hang at 100 % CPU wrapping them), in colour.
func TestLongTitlesInTmux(t *testing.T) {
	long := strings.TrimSpace(strings.Repeat("Quarterly ", 19)) // 189 characters
	src := "version: 1\ntitle: \"" + long + " review\"\ntimezone: UTC\npeople: [{id: a, name: Ann}]\nevents:\n" +
		"  - {title: \"" + long + "\", start: \"2024-01-26 10:00\", duration: 1h, participants: [a]}\n" +
		"  - {title: Other, start: \"2024-01-26 10:30\", duration: 1h, participants: [a]}\n"
	path := filepath.Join(t.TempDir(), "long.yaml")
	os.WriteFile(path, []byte(src), 0o644)
	s := startTmuxEnv(t, []string{"COLORTERM=truecolor"}, 100, 30, path, "--now", "2024-01-01T00:00:00Z")
	scr := s.waitFor("first frame", "Timeline · 2 events", "Quarterly")
	if !strings.Contains(scr, "! overlaps Other") {
		scr = s.key("j")
		if !strings.Contains(strings.Join(strings.Fields(scr), " "), "! overlaps Quarterly") {
			t.Errorf("no overlap line naming the long title:\n%s", scr)
		}
	}
	scr = s.key("i")
	if !strings.Contains(scr, "About this itinerary") || !strings.Contains(strings.Join(strings.Fields(scr), " "), long+" review") {
		t.Errorf("the about page does not draw the whole title:\n%s", scr)
	}
	assertFits(t, scr, 100)
	s.key("q") // closes the page
	s.quit()
}
