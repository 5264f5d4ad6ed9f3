package cli

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/visitline/visitline/internal/synth"
)

// BenchmarkNext is `visitline --next` in-process: the default visit, and a
// file of 10,000 events from its cache (as a status bar runs it) and with
// --now, which loads the whole file each time. The bound for the
// whole process is 20 ms and 100 ms; docs/performance.md has the figures.
func BenchmarkNext(b *testing.B) {
	b.Setenv("XDG_CACHE_HOME", b.TempDir())
	big := filepath.Join(b.TempDir(), "10k.yaml")
	if err := os.WriteFile(big, synth.Generate(10000, 200, 1), 0o600); err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		args []string
	}{
		{"default", []string{"--next", "--now=2024-01-26T12:10:00+09:00"}},
		{"10k", []string{"--next", big}},
		{"10k-loaded", []string{"--next", "--now=2024-01-26T12:10:00+09:00", big}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			cmd := Command{Stdout: io.Discard, Stderr: io.Discard}
			for b.Loop() {
				if code := cmd.Main(bc.args); code != 0 {
					b.Fatalf("exit %d", code)
				}
			}
		})
	}
}
