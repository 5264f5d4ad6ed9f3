package export_test

import (
	"io"
	"testing"

	"github.com/visitline/visitline/export"
	"github.com/visitline/visitline/internal/synth"
	"github.com/visitline/visitline/itinerary"
)

// BenchmarkYAMLBesideText writes 100,000 synthetic events (tools/gen's)
// as --format yaml does and as the text print (--print) does, loaded
// once: the writers alone, for the ratio in docs/performance.md.
func BenchmarkYAMLBesideText(b *testing.B) {
	const n = 100_000
	it, err := itinerary.Load("synth.yaml", synth.Generate(n, n/20, 1))
	if err != nil {
		b.Fatal(err)
	}
	all := make([]int, n)
	for i := range all {
		all[i] = i
	}
	for _, w := range []struct {
		name  string
		write func(io.Writer) error
	}{
		{"text", func(w io.Writer) error { return export.Text(w, it, export.Options{Zone: it.Zone}) }},
		{"yaml", func(w io.Writer) error { return export.YAML(w, it, all, export.Options{}) }},
	} {
		b.Run(w.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if err := w.write(io.Discard); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
