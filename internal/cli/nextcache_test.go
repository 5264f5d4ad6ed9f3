package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/visitline/visitline/itinerary"
)

// TestNextCache: a second --next on the same file reads the cache, which
// holds only what can be under way or next within the hour, and says the
// same; a change of the file is seen at once.
func TestNextCache(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	dir := t.TempDir()
	file := filepath.Join(dir, "big.yaml")
	now := time.Now().UTC()
	write := func(title string) {
		var b strings.Builder
		b.WriteString("title: Big\ntimezone: UTC\nevents:\n")
		for k := 2000; k > 0; k-- { // past events, to be left out of the cache
			fmt.Fprintf(&b, "  - {title: Past %d, start: %q, duration: 30m}\n", k, now.Add(-time.Duration(k)*time.Hour).Format(time.RFC3339))
		}
		fmt.Fprintf(&b, "  - {title: Meeting, start: %q, duration: 1h, place: Room 1}\n", now.Add(-10*time.Minute).Format(time.RFC3339))
		fmt.Fprintf(&b, "  - {title: %s, start: %q, duration: 1h, place: Changi T3}\n", title, now.Add(3*time.Hour).Format(time.RFC3339))
		fmt.Fprintf(&b, "  - {title: Later, start: %q, duration: 1h}\n", now.Add(30*time.Hour).Format(time.RFC3339))
		if err := os.WriteFile(file, []byte(b.String()), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("Debrief")
	first := run(t, ".", nil, "--next", file)
	if first.code != 0 || !strings.Contains(first.stdout, "now: Meeting · ") || !strings.Contains(first.stdout, "Debrief · Changi T3 · in ") {
		t.Fatalf("--next: %+v", first)
	}
	path := nextCachePath(file, nil)
	cached, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("no cache: %v", err)
	}
	it, err := itinerary.Load("cache", cached)
	if err != nil || len(it.Events) != 2 {
		t.Fatalf("the cache holds %v events (%v), want the meeting and the debrief", len(it.Events), err)
	}
	second := run(t, ".", nil, "--next", file)
	if second.stdout != first.stdout {
		t.Errorf("from the cache %q, loaded %q", second.stdout, first.stdout)
	}
	write("Briefing at the airport")
	if third := run(t, ".", nil, "--next", file); !strings.Contains(third.stdout, "Briefing at the airport") {
		t.Errorf("a changed file is not seen: %q", third.stdout)
	}
}
