package itinerary

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/visitline/visitline/internal/synth"
)

// summary sums up what a load gave, for comparing the two parsers.
func summary(it *Itinerary, err error) string {
	if err != nil {
		var le *LoadError
		if errors.As(err, &le) {
			return "error:\n" + le.Error()
		}
		return "error: " + err.Error()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s %d people\n", it.Title, it.ZoneName(), len(it.People))
	for i := range it.Events {
		e := &it.Events[i]
		fmt.Fprintf(&b, "%s %d:%d %s %s %v %v %s\n", e.ID, e.Pos.Line, e.Pos.Column, e.Title, e.Start.UTC().Format("2006-01-02T15:04"), e.Participants, e.Topics, e.Zone)
	}
	for _, w := range it.Warnings {
		b.WriteString(w.Format("w") + "\n")
	}
	return b.String()
}

func TestChunkedLoadMatchesWholeLoad(t *testing.T) {
	src := synth.Generate(3500, 120, 7)
	if len(src) < chunkThreshold {
		t.Fatalf("the test file (%d bytes) should be over the threshold", len(src))
	}
	// A second top-level key after the list, and a comment in it.
	withTail := append(bytes.Replace(src, []byte("events:\n"), []byte("events: # the timeline\n\n"), 1), []byte("summary: |\n  after the events\n")...)
	lines := strings.Split(string(src), "\n")
	// An error deep in a chunk: a bad kind on the 2000th event.
	badKind := strings.Replace(string(src), "  - id: e1999\n", "  - id: e1999\n    kind: lunch\n", 1)
	badKind = strings.Replace(badKind, "    kind: lunch\n    title:", "    title:", 1)
	cases := map[string][]byte{
		"plain":         src,
		"tail":          withTail,
		"bad kind":      []byte(strings.Replace(string(src), "    kind: meal\n", "    kind: lunch\n", 3)),
		"unknown field": []byte(strings.Replace(string(src), "    city: Seoul\n", "    cty: Seoul\n", 2)),
		"syntax error":  []byte(strings.Join(lines[:len(lines)/2], "\n") + "\n    title: [unclosed\n" + strings.Join(lines[len(lines)/2:], "\n")),
		"alias across chunks": []byte(strings.Replace(strings.Replace(string(src), "    sources: [gen]\n", "    sources: &src [gen]\n", 1),
			"  - id: e2400\n", "  - id: e2400\n    notes: *src\n", 1)),
		"duplicate id far apart": []byte(strings.Replace(string(src), "  - id: e2400\n", "  - id: e3\n", 1)),
		"second events key":      append(append([]byte{}, src...), []byte("events: []\n")...),
	}
	for name, data := range cases {
		whole := summary(load("f.yaml", data, false, nil))
		chunked := summary(load("f.yaml", data, true, nil))
		if whole != chunked {
			t.Errorf("%s: the chunked load differs\n--- whole (first 600 bytes)\n%.600s\n--- chunked\n%.600s", name, whole, chunked)
		}
	}
	// The chunked path is really taken for the plain file.
	if l, it := loadChunked(src, nil); l == nil || it == nil || len(it.Events) != 3500 {
		t.Error("the plain file should load in chunks")
	}
	if l, _ := loadChunked([]byte(badKind), nil); l == nil {
		t.Error("a semantic error should not stop the chunked path")
	}
}

// TestParallelScanMatchesSerial searches a file large enough to be scanned
// on every core and checks the answer against a plain loop.
func TestParallelScanMatchesSerial(t *testing.T) {
	it, err := Load("big.yaml", synth.Generate(25_000, 500, 3))
	if err != nil {
		t.Fatal(err)
	}
	if len(it.searchAll) < parallelScanBytes {
		t.Fatalf("search text of %d bytes is too small for the parallel scan", len(it.searchAll))
	}
	for _, text := range []string{"memor", "e", "zzz", "notes for event 2499", "kim !seoul", "p1 chips"} {
		f := Filter{Query: it.ParseQuery(text)}
		var want []int
		for i := range it.Events {
			if it.keeps(&f, i) {
				want = append(want, i)
			}
		}
		if got := it.Select(f); fmt.Sprint(got) != fmt.Sprint(want) && !(len(got) == 0 && len(want) == 0) {
			t.Errorf("%q: %d events, want %d", text, len(got), len(want))
		}
	}
}
