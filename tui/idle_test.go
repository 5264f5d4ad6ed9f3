package tui

import (
	"os/exec"
	"strings"
	"testing"
)

// TestRendererSleepsWhenIdle: the view runs on the patched Bubble Tea of
// third_party/bubbletea, whose renderer stops its frame ticker while
// nothing changes (its own tests, visitline_idle_test.go, show the ticker
// stopping and waking: go test github.com/charmbracelet/bubbletea). Without
// go.mod's replace the view would build on upstream's renderer, which wakes
// 120 times a second for as long as it runs, and every other test would
// still pass: this one would not.
func TestRendererSleepsWhenIdle(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH")
	}
	out, err := exec.Command(goBin, "list", "-m", "-f", "{{with .Replace}}{{.Path}}{{end}}", "github.com/charmbracelet/bubbletea").Output()
	if err != nil {
		t.Fatalf("go list -m: %v", err)
	}
	if got := strings.TrimSpace(string(out)); got != "./third_party/bubbletea" {
		t.Fatalf("Bubble Tea is replaced by %q, not by the patched copy in ./third_party/bubbletea (go.mod's replace)", got)
	}
}
