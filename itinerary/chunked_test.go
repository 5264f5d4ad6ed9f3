package itinerary

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

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
	fmt.Fprintf(&b, "%s %s %q %d people %d orgs %d sources\n", it.Title, it.ZoneName(), it.Summary, len(it.People), len(it.Orgs), len(it.Sources))
	for i := range it.Events {
		e := &it.Events[i]
		fmt.Fprintf(&b, "%s %d:%d %q %s %s %v %v %s %s %s %q\n", e.ID, e.Pos.Line, e.Pos.Column, e.Title, e.Start.UTC().Format(time.RFC3339), e.End.UTC().Format(time.RFC3339),
			e.Participants, e.Topics, e.Zone, e.Kind, e.Status, e.Notes)
	}
	for _, w := range it.Warnings {
		b.WriteString(w.Format("w") + "\n")
	}
	return b.String()
}

// whole and inChunks load data through one path each; inChunks also says
// whether the chunked path was taken.
func whole(data []byte) string {
	return summary(loadWith("f.yaml", data, chunking{threshold: len(data) + 1}, nil))
}

func inChunks(data []byte, perChunk int) (string, bool) {
	_, it, _ := loadChunked(&fileText{data: data, size: len(data)}, newLineIndex(data), perChunk, nil)
	return summary(loadWith("f.yaml", data, chunking{threshold: 0, perChunk: perChunk}, nil)), it != nil
}

func TestChunkedLoadMatchesWholeLoad(t *testing.T) {
	// Small chunks, so that a small file has many boundaries.
	const perChunk = 40
	src := synth.Generate(400, 30, 7)
	// A second top-level key after the list, and a comment in it.
	withTail := append(bytes.Replace(src, []byte("events:\n"), []byte("events: # the timeline\n\n"), 1), []byte("summary: |\n  after the events\n")...)
	lines := strings.Split(string(src), "\n")
	cases := map[string]struct {
		data   []byte
		chunks bool // the chunked path must be taken
	}{
		"plain":         {src, true},
		"tail":          {withTail, true},
		"bad kind":      {[]byte(strings.Replace(string(src), "    kind: meal\n", "    kind: lunch\n", 3)), true},
		"unknown field": {[]byte(strings.Replace(string(src), "    city: Seoul\n", "    cty: Seoul\n", 2)), true},
		"syntax error":  {[]byte(strings.Join(lines[:len(lines)/2], "\n") + "\n    title: [unclosed\n" + strings.Join(lines[len(lines)/2:], "\n")), false},
		"alias across chunks": {[]byte(strings.Replace(strings.Replace(string(src), "    sources: [gen]\n", "    sources: &src [gen]\n", 1),
			"  - id: e240\n", "  - id: e240\n    notes: *src\n", 1)), false},
		"duplicate id far apart": {[]byte(strings.Replace(string(src), "  - id: e240\n", "  - id: e3\n", 1)), true},
		"second events key":      {append(append([]byte{}, src...), []byte("events: []\n")...), false},
		// A quoted summary holding an "events:" line and a list: the whole
		// parse reads it as text, and so must the chunked one.
		"events inside a quoted summary": {[]byte("title: T\ntimezone: UTC\nsummary: \"about\nevents:\n  - title: Smuggled\n    start: 2024-01-26\n\"\nevents: []\n"), false},
		// Bare carriage returns are line breaks to YAML.
		"bare CR": {bytes.ReplaceAll(src[:len(src)/2], []byte("\n"), []byte("\r")), false},
		"CRLF":    {bytes.ReplaceAll(src, []byte("\n"), []byte("\r\n")), true},
		// The key quoted is the same key.
		"double-quoted key": {bytes.Replace(src, []byte("\nevents:\n"), []byte("\n\"events\": # quoted\n"), 1), true},
		"single-quoted key": {bytes.Replace(src, []byte("\nevents:\n"), []byte("\n'events':\n"), 1), true},
		// A quoted key inside a quoted summary is text, as above.
		"quoted key inside a quoted summary": {[]byte("title: T\ntimezone: UTC\nsummary: '\n\"events\":\n  - title: Smuggled\n    start: 2024-01-26\n'\nevents: []\n"), false},
	}
	for name, c := range cases {
		w := whole(c.data)
		ch, took := inChunks(c.data, perChunk)
		if w != ch {
			t.Errorf("%s: the chunked load differs\n--- whole (first 600 bytes)\n%.600s\n--- chunked\n%.600s", name, w, ch)
		}
		if took != c.chunks {
			t.Errorf("%s: chunked path taken: %v, want %v", name, took, c.chunks)
		}
		if f, reread := fromFile(c.data, perChunk); f != w || c.chunks && !reread {
			t.Errorf("%s: read again from its file: %v; the load differs: %v\n--- whole\n%.600s\n--- from the file\n%.600s", name, reread, f != w, w, f)
		}
	}
	if s, _ := inChunks(cases["events inside a quoted summary"].data, 1); strings.Contains(s, `"Smuggled"`) {
		t.Errorf("the quoted summary's list was read as events:\n%.300s", s)
	}
}

// TestChunkedLoadStopsItsWorkers loads files that fail in the middle of
// the chunked walk, and checks no goroutine is left behind.
// TestLargeFileLoadsInChunks: a file past the threshold takes the chunked
// path through Load, and gives what the whole parse gives.
func TestLargeFileLoadsInChunks(t *testing.T) {
	src := synth.Generate(3500, 120, 7)
	if len(src) < chunkThreshold {
		t.Fatalf("the test file (%d bytes) should be over the threshold", len(src))
	}
	if _, it, why := loadChunked(&fileText{data: src, size: len(src)}, newLineIndex(src), eventsPerChunk, nil); it == nil {
		t.Fatalf("not read in chunks: %s", why)
	}
	if got, want := summary(Load("f.yaml", src)), whole(src); got != want {
		t.Error("the chunked load differs from the whole one")
	}
}

func TestChunkedLoadStopsItsWorkers(t *testing.T) {
	src := synth.Generate(400, 30, 7)
	failing := map[string][]byte{
		"alias in a late chunk": []byte(strings.Replace(strings.Replace(string(src), "    sources: [gen]\n", "    sources: &src [gen]\n", 1),
			"  - id: e390\n", "  - id: e390\n    notes: *src\n", 1)),
		"bad kind": []byte(strings.Replace(string(src), "    kind: meal\n", "    kind: lunch\n", 1)),
		// The walk stops at the second chunk, with most chunks still to parse.
		"alias in an early chunk": []byte(strings.Replace(strings.Replace(string(src), "    sources: [gen]\n", "    sources: &src [gen]\n", 1),
			"  - id: e15\n", "  - id: e15\n    notes: *src\n", 1)),
	}
	before := runtime.NumGoroutine()
	for i := 0; i < 5; i++ {
		for name, data := range failing {
			if _, err := loadWith("f.yaml", data, chunking{perChunk: 10}, nil); err == nil && name == "bad kind" {
				t.Fatal("a bad kind should not load")
			}
		}
	}
	// Goroutines of other tests may still be ending: give them a moment.
	var after int
	for wait := 0; wait < 50; wait++ {
		if after = runtime.NumGoroutine(); after <= before {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	buf := make([]byte, 1<<16)
	t.Fatalf("%d goroutines before the loads, %d after:\n%s", before, after, buf[:runtime.Stack(buf, true)])
}

// TestLargeFileOfAnotherShapeIsRefused: a file past maxWholeParse that
// cannot be read in chunks is refused with the reason, not parsed whole.
func TestLargeFileOfAnotherShapeIsRefused(t *testing.T) {
	src := synth.Generate(3500, 120, 7)
	flow := bytes.Replace(src, []byte("events:\n"), []byte("events:\n\t# a tab\n"), 1)
	for len(flow) <= maxWholeParse {
		flow = append(flow, strings.Repeat("# padding\n", 100000)...)
	}
	_, err := Load("big.yaml", flow)
	if err == nil || !strings.Contains(err.Error(), "cannot be read in parts (a line is indented with a tab)") {
		t.Errorf("got %v", err)
	}
}

// TestParallelScanMatchesSerial searches a file large enough to be scanned
// on every core and checks the answer against a plain loop.
func TestParallelScanMatchesSerial(t *testing.T) {
	it, err := Load("big.yaml", synth.Generate(25_000, 500, 3))
	if err != nil {
		t.Fatal(err)
	}
	if it.searchAll != "" {
		t.Fatal("the search texts were made at load; they are made when first asked for")
	}
	it.WarmSearch()
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
