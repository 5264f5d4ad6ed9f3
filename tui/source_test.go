package tui

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/visitline/visitline/internal/source"
	"github.com/visitline/visitline/itinerary"
)

// reloader is the loader the command gives the view for the file at path.
func reloader(path string) func() (*itinerary.Itinerary, error) {
	return source.FileLoader(path)
}

// TestNoCalendarDependency: the view reads nothing itself; it takes a
// loader (Config.Load), so it does not depend on the iCalendar reader
// (issue 20 step 3).
func TestNoCalendarDependency(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH")
	}
	out, err := exec.Command(goBin, "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	var deps []string
	for _, p := range strings.Fields(string(out)) {
		if strings.HasPrefix(p, "github.com/visitline/visitline/") {
			deps = append(deps, p)
		}
		// Nor does it fetch anything: a subscribed URL is the loader's.
		if p == "github.com/visitline/visitline/calendar" || p == "github.com/visitline/visitline/internal/source" || p == "net/http" {
			t.Errorf("tui depends on %s", p)
		}
	}
	if len(deps) == 0 {
		t.Fatalf("go list printed no package of visitline: %q", out)
	}
}
