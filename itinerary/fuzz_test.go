package itinerary

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/visitline/visitline/data"
)

// FuzzLoad feeds arbitrary bytes to the loader: it must never panic, and it
// must return either an itinerary or a *LoadError whose every line names the
// file.
func FuzzLoad(f *testing.F) {
	f.Add(data.Default)
	if b, err := data.Files.ReadFile("examples/lagos-london.yaml"); err == nil {
		f.Add(b)
	}
	bad, _ := filepath.Glob("../testdata/bad/*.yaml")
	for _, name := range bad {
		if b, err := os.ReadFile(name); err == nil && len(b) < 10000 {
			f.Add(b)
		}
	}
	f.Add([]byte("title: T\ntimezone: UTC\nevents: [{title: x, start: 2024-01-26, participants: &a [*a]}]\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		it, err := Load("fuzz.yaml", b)
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
