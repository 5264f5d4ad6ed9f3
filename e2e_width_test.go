package main

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
