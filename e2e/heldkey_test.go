package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHeldKeyInTmux: sixty j's sent at once, as a held key's repeats
// arrive (Bubble Tea may read them as one message of sixty runes), move
// the selection sixty events down, whatever the frame rate draws of the
// way there.
func TestHeldKeyInTmux(t *testing.T) {
	var b strings.Builder
	b.WriteString("title: T\ntimezone: UTC\nevents:\n")
	for i := range 100 {
		fmt.Fprintf(&b, "  - {title: Event %03d, start: \"2024-01-%02d %02d:00\", duration: 30m}\n", i, 1+i/10, 8+i%10)
	}
	path := filepath.Join(t.TempDir(), "held.yaml")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	s := startTmux(t, 120, 40, "--now", "2023-12-01T00:00:00Z", path)
	s.waitFor("first frame", "Timeline · 100 events")
	keys := []string{"send-keys", "-t", "main"}
	for range 60 {
		keys = append(keys, "j")
	}
	s.tmux(keys...)
	scr := s.waitFor("the 61st event's details", "│Event 060")
	selected := ""
	for _, l := range strings.Split(scr, "\n") {
		if strings.HasPrefix(l, "❯ ") && !strings.HasPrefix(l, "❯ Timeline") {
			selected = l
		}
	}
	if !strings.Contains(selected, "Event 060") {
		t.Fatalf("the selected row is %q, not the 61st event's:\n%s", selected, scr)
	}
	s.quit()
}
