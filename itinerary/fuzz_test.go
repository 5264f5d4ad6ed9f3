package itinerary

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/visitline/visitline/data"
)

// strictPanics makes every panic the loader recovers from fail t, and
// returns the function that checks.
func strictPanics(t testing.TB) func() {
	var mu sync.Mutex
	var seen []string
	panicked = func(v any) {
		mu.Lock()
		defer mu.Unlock()
		seen = append(seen, fmt.Sprint(v))
	}
	t.Cleanup(func() { panicked = nil })
	return func() {
		mu.Lock()
		defer mu.Unlock()
		if len(seen) > 0 {
			t.Fatalf("the loader recovered from a panic: %v", seen)
		}
	}
}

// seeds adds the shipped itineraries and the bad files to f's corpus,
// each with the extra values given.
func seeds(f *testing.F, extra ...any) {
	add := func(b []byte) { f.Add(append([]any{b}, extra...)...) }
	add(data.Default)
	if b, err := data.Files.ReadFile("examples/lagos-london.yaml"); err == nil {
		add(b)
	}
	bad, _ := filepath.Glob("../testdata/bad/*.yaml")
	for _, name := range bad {
		if b, err := os.ReadFile(name); err == nil && len(b) < 10000 {
			add(b)
		}
	}
}

// FuzzChunked is the differential test of the two parsers: any text, read
// in chunks of one, two or three events, must give exactly what the whole
// parse gives (or the chunked path must not be taken).
func FuzzChunked(f *testing.F) {
	seeds(f, uint8(0))
	f.Add([]byte("title: T\ntimezone: UTC\nsummary: \"a\nevents:\n  - title: Smuggled\n    start: 2024-01-26\n\"\nevents: []\n"), uint8(1))
	f.Add([]byte("title: T\ntimezone: UTC\nevents:\n- &a {title: x, start: 2024-01-26}\n- *a\n- {<<: *a, title: y}\nsummary: z\n"), uint8(1))
	f.Add([]byte("title: T\rtimezone: UTC\revents:\r  - title: x\r    start: 2024-01-26\r  - title: y\r"), uint8(1))
	f.Add([]byte("title: T\ntimezone: UTC\n\"events\":\n  - title: x\n    start: 2024-01-26\n  - {title: y, start: 2024-01-27}\n'events': []\n"), uint8(1))
	f.Fuzz(func(t *testing.T, b []byte, n uint8) {
		check := strictPanics(t)
		perChunk := 1 + int(n%3)
		w := whole(b)
		c, _ := inChunks(b, perChunk)
		check()
		if w != c {
			t.Fatalf("in chunks of %d the load differs\n--- whole\n%s\n--- chunked\n%s", perChunk, w, c)
		}
	})
}

// FuzzLoad feeds arbitrary bytes to the loader: it must never panic, not
// even one it recovers from, and it must return either an itinerary or a
// *LoadError whose every line names the file.
func FuzzLoad(f *testing.F) {
	seeds(f)
	f.Add([]byte("title: T\ntimezone: UTC\nevents: [{title: x, start: 2024-01-26, participants: &a [*a]}]\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		check := strictPanics(t)
		it, err := Load("fuzz.yaml", b)
		check()
		if err == nil {
			if it == nil {
				t.Fatal("nil itinerary without error")
			}
			for i := range it.Events {
				it.TimeRange(i, nil)
				it.Overlaps(i)
			}
			it.Days(it.Select(Filter{}), nil)
			return
		}
		le, ok := err.(*LoadError)
		if !ok || len(le.Problems) == 0 {
			t.Fatalf("error %T %v is not a LoadError with problems", err, err)
		}
		for _, p := range le.Problems {
			if p.Message == "" {
				t.Fatal("empty message")
			}
		}
	})
}

// FuzzQuery parses arbitrary searches against the default visit.
func FuzzQuery(f *testing.F) {
	it, err := Load(data.DefaultName, data.Default)
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{"@kyung !dinner", "최태원", "@", "!", "@@!!", "\xff\xfe", "seoul meeting"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q := it.ParseQuery(s)
		it.Select(Filter{Query: q})
		it.MatchPeople(s)
		it.ResolvePerson(s)
	})
}
