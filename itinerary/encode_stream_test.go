package itinerary

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/visitline/visitline/internal/synth"
)

// trickyStrings are texts whose YAML spelling depends on the emitter:
// quotes, line breaks (kept, stripped, leading, trailing), long lines,
// Hangul, the merge key, YAML 1.1 booleans, indicators and document
// markers.
var trickyStrings = []string{
	`say "hi"`, "it's", `'single' and "double"`, "line one\nline two",
	"ends in a break\n", "ends in two breaks\n\n", "\n\nstarts with breaks", "\n",
	" leading space", "trailing space ", "tab\there", strings.Repeat("long words without end ", 20),
	strings.Repeat("x", 300), strings.Repeat("긴 한국어 문장입니다 ", 30), "삼성전자 평택캠퍼스",
	"<<", "=", "yes", "No", "on", "OFF", "~", "null", "0o17", "1_000", "12:30", "2024-01-26",
	"2024-01-26 09:00:00", "- dash", "? question", ": colon", "key: value", "# hash", "a #b",
	"[flow]", "{map}", "&anchor", "*alias", "!tag", "%directive", "@at", "`tick", "|", ">",
	"---", "...", "--- not a marker", "...\n...", "a\r\nb", "\u00a0nbsp", "\u2028sep", "emoji 🎉",
	"back\\slash", "\x7f del", "mixed\n  indented\n\tand tabbed\n", "trailing spaces on lines  \nnext  \n",
}

// streamMatchesTree fails t unless WriteYAML and the old whole-tree
// writer give the same bytes for it and events.
func streamMatchesTree(t testing.TB, where string, it *Itinerary, events []int) {
	t.Helper()
	streamMatchesTreeBatch(t, where, it, events, yamlBatch)
}

// streamMatchesTreeBatch is streamMatchesTree with batch events a document.
func streamMatchesTreeBatch(t testing.TB, where string, it *Itinerary, events []int, batch int) {
	t.Helper()
	var stream, tree bytes.Buffer
	errS := writeYAML(&stream, it, events, batch)
	errT := writeYAMLTree(&tree, it, events)
	if (errS == nil) != (errT == nil) {
		t.Fatalf("%s: stream error %v, tree error %v", where, errS, errT)
	}
	if !bytes.Equal(stream.Bytes(), tree.Bytes()) {
		s, w := stream.String(), tree.String()
		i := 0
		for i < len(s) && i < len(w) && s[i] == w[i] {
			i++
		}
		lo := max(0, i-200)
		t.Fatalf("%s: %d events: stream (%d bytes) differs from tree (%d bytes) at byte %d:\nstream: %q\ntree:   %q",
			where, len(events), len(s), len(w), i, s[lo:min(len(s), i+200)], w[lo:min(len(w), i+200)])
	}
}

// selections are the event lists to write: all, none, every third, the
// last, and the events across a batch boundary.
func selections(n int) map[string][]int {
	all, third := make([]int, n), []int{}
	for i := range all {
		all[i] = i
		if i%3 == 0 {
			third = append(third, i)
		}
	}
	s := map[string][]int{"all": all, "none": nil, "third": third}
	if n > 0 {
		s["last"] = []int{n - 1}
		s["reversed"] = []int{n - 1, 0}
	}
	if n > yamlBatch+1 {
		s["boundary"] = all[yamlBatch-1 : yamlBatch+1]
		s["one batch"] = all[:yamlBatch]
		s["one batch and one"] = all[:yamlBatch+1]
	}
	return s
}

func TestWriteYAMLStreamMatchesTree(t *testing.T) {
	files, _ := filepath.Glob("../data/examples/*.yaml")
	files = append(files, "../data/visit.yaml")
	if len(files) < 2 {
		t.Fatal("no shipped files found")
	}
	check := func(where string, it *Itinerary) {
		for name, evs := range selections(len(it.Events)) {
			streamMatchesTree(t, where+" "+name, it, evs)
		}
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		it, err := Load(f, src)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		check(f, it)
	}
	for _, size := range []struct{ events, people int }{{1, 1}, {10, 3}, {yamlBatch - 1, 20}, {yamlBatch, 20}, {yamlBatch + 1, 20}, {700, 40}, {2000, 100}} {
		for _, seed := range []uint64{1, 7, 42} {
			it, err := Load("synth.yaml", synth.Generate(size.events, size.people, seed))
			if err != nil {
				t.Fatal(err)
			}
			check(fmt.Sprintf("synth %d/%d seed %d", size.events, size.people, seed), it)
		}
	}
	// Tricky strings in every text field of the top level, the last
	// person (just before the events) and events on both sides of a
	// batch boundary and at the end.
	for k := range trickyStrings {
		it, err := Load("synth.yaml", synth.Generate(2*yamlBatch+3, 10, uint64(k)))
		if err != nil {
			t.Fatal(err)
		}
		str := func(j int) string { return trickyStrings[(k+j)%len(trickyStrings)] }
		it.Title, it.Subtitle, it.Summary = str(0), str(1), str(2)
		p := &it.People[len(it.People)-1]
		p.Name, p.Native, p.Role, p.Note = str(3), str(4), str(5), str(6)
		p.Aliases = []string{str(7), str(8)}
		for j := range it.Events {
			e := &it.Events[j]
			e.Title, e.Place, e.City, e.Track = str(j), str(j+1), str(j+2), str(j+3)
			e.Notes = str(j + 4)
			e.Topics = []string{str(j + 5), str(j + 6)}
			if j%2 == 0 {
				// The notes last in the event: a kept trailing break
				// there makes yaml.v3 end its document with "...".
				e.Sources, e.RemindSet = nil, false
			}
		}
		check(fmt.Sprintf("tricky %d", k), it)
	}
}

// FuzzYAMLStreamMatchesTree: for every itinerary that loads, the
// streaming writer, one to four events a document, writes the bytes the
// old whole-tree writer writes, for all events and for every other one.
func FuzzYAMLStreamMatchesTree(f *testing.F) {
	files, _ := filepath.Glob("../data/examples/*.yaml")
	for _, p := range append(files, "../data/visit.yaml") {
		if src, err := os.ReadFile(p); err == nil {
			f.Add(src, uint8(1))
		}
	}
	f.Add(synth.Generate(9, 3, 1), uint8(2))
	for k, s := range trickyStrings {
		q, _ := json.Marshal(s) // a JSON string is a YAML double-quoted scalar
		src := fmt.Sprintf("version: 1\ntitle: T\ntimezone: Asia/Seoul\npeople:\n  - id: p\n    name: P\n    note: %s\n"+
			"events:\n  - id: a\n    title: %s\n    start: 2024-01-26 09:00\n    notes: %s\n"+
			"  - id: b\n    title: t\n    start: 2024-01-26 10:00\n    participants: [p]\n    notes: %s\n", q, q, q, q)
		f.Add([]byte(src), uint8(k))
	}
	f.Fuzz(func(t *testing.T, src []byte, b uint8) {
		it, err := Load("fuzz.yaml", src)
		if err != nil {
			return
		}
		batch := 1 + int(b%4)
		all, every := make([]int, len(it.Events)), []int{}
		for i := range all {
			all[i] = i
			if i%2 == 1 {
				every = append(every, i)
			}
		}
		streamMatchesTreeBatch(t, "all", it, all, batch)
		streamMatchesTreeBatch(t, "every other", it, every, batch)
	})
}

// BenchmarkWriteYAML writes every event of a synthetic itinerary as
// --format yaml does, streaming ("stream") and as the old whole-tree writer
// did ("tree"), for the comparison in docs/performance.md.
func BenchmarkWriteYAML(b *testing.B) {
	for _, n := range []int{10_000} {
		it, err := Load("synth.yaml", synth.Generate(n, max(n/20, 50), 1))
		if err != nil {
			b.Fatal(err)
		}
		all := make([]int, n)
		for i := range all {
			all[i] = i
		}
		for _, w := range []struct {
			name  string
			write func(io.Writer, *Itinerary, []int) error
		}{{"stream", WriteYAML}, {"tree", writeYAMLTree}} {
			b.Run(fmt.Sprintf("%s/events=%d", w.name, n), func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					if err := w.write(io.Discard, it, all); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// TestNotPlainFirst: no string notPlainString matches begins with an
// ASCII byte outside notPlainFirst (the expression is ASCII only), so the
// check before it changes no output.
func TestNotPlainFirst(t *testing.T) {
	for c := 0; c < 128; c++ {
		if strings.IndexByte(notPlainFirst, byte(c)) >= 0 {
			continue
		}
		// What the expression could match after a first byte c: any of its
		// alternatives' rests, tried with every tricky tail.
		for _, rest := range []string{"", "es", "ES", "o", "O", "rue", "alse", "n", "ff", "ull", "b1", "o7", "1", "x1", "1:30", ".5", "inf", "nan", "<", "024-01-26", "0_0", "e5"} {
			if s := string(rune(c)) + rest; notPlainString.MatchString(s) {
				t.Errorf("%q matches but %q is not in notPlainFirst", s, rune(c))
			}
		}
	}
}
