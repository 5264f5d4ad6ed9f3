package itinerary

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/visitline/visitline/internal/synth"
	"gopkg.in/yaml.v3"
)

// writerMatchesNodes fails t unless writeYAML, batch events a piece, and
// the node writer it replaced give the same bytes (or both an error) for
// it and events.
func writerMatchesNodes(t testing.TB, where string, it *Itinerary, events []int, batch int) {
	t.Helper()
	var got, want bytes.Buffer
	errG := writeYAML(&got, it, events, batch)
	errW := writeYAMLNodes(&want, it, events, yamlBatch)
	if (errG == nil) != (errW == nil) {
		t.Fatalf("%s: writer error %v, node writer error %v", where, errG, errW)
	}
	if errG != nil {
		return
	}
	if g, w := got.String(), want.String(); g != w {
		i := 0
		for i < len(g) && i < len(w) && g[i] == w[i] {
			i++
		}
		lo := max(0, i-200)
		t.Fatalf("%s: %d events: writer (%d bytes) differs from node writer (%d bytes) at byte %d:\nwriter: %q\nnodes:  %q",
			where, len(events), len(g), len(w), i, g[lo:min(len(g), i+200)], w[lo:min(len(w), i+200)])
	}
}

// fixtureFiles are the repository's itinerary files: the shipped ones,
// the bad files (those of them that load) and the itineraries of the
// package's tests.
func fixtureFiles(t *testing.T) map[string][]byte {
	files := map[string][]byte{"every field": []byte(everyField), "two calendars": []byte(twoCalendars), "listed calendars": []byte(listedCalendars)}
	names, _ := filepath.Glob("../data/examples/*.yaml")
	bad, _ := filepath.Glob("../testdata/bad/*.yaml")
	for _, name := range append(append(names, "../data/visit.yaml"), bad...) {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		files[name] = src
	}
	if len(names) < 2 || len(bad) < 2 {
		t.Fatal("the repository's itinerary files are not found")
	}
	return files
}

// TestWriteYAMLMatchesNodes: on every fixture that loads and on
// synthetic itineraries (tools/gen's), every selection of events, the
// writer's bytes are the node writer's, whatever its batch.
func TestWriteYAMLMatchesNodes(t *testing.T) {
	loaded := 0
	for name, src := range fixtureFiles(t) {
		it, err := Load(name, src)
		if err != nil {
			continue
		}
		loaded++
		for sel, evs := range selections(len(it.Events)) {
			for _, batch := range []int{1, 3, yamlBatch} {
				writerMatchesNodes(t, fmt.Sprintf("%s %s batch %d", name, sel, batch), it, evs, batch)
			}
		}
	}
	if loaded < 8 {
		t.Errorf("only %d fixtures load", loaded)
	}
	for _, size := range []struct{ events, people int }{{1, 1}, {yamlBatch + 1, 20}, {3000, 150}} {
		it, err := Load("synth.yaml", synth.Generate(size.events, size.people, 3))
		if err != nil {
			t.Fatal(err)
		}
		for sel, evs := range selections(len(it.Events)) {
			writerMatchesNodes(t, fmt.Sprintf("synth %d %s", size.events, sel), it, evs, yamlBatch)
		}
	}
}

// TestWriteYAMLTrickyEverywhere: every tricky string in every string
// field, calendars, ids and reminders included, is written as the node
// writer writes it.
func TestWriteYAMLTrickyEverywhere(t *testing.T) {
	for k := range trickyStrings {
		str := func(j int) string { return trickyStrings[(k+j)%len(trickyStrings)] }
		it := fieldsItinerary(t, func(j int) string { return str(j) })
		all := []int{0, 1, 2}
		writerMatchesNodes(t, fmt.Sprintf("tricky %d", k), it, all, 1)
		writerMatchesNodes(t, fmt.Sprintf("tricky %d", k), it, all, yamlBatch)
	}
}

// fieldsItinerary is everyField with the text of every string field,
// calendars given, set by text (called with a different number for each
// field).
func fieldsItinerary(t testing.TB, text func(j int) string) *Itinerary {
	it, err := Load("every.yaml", []byte(everyField))
	if err != nil {
		t.Fatal(err)
	}
	it.Events = append(it.Events, it.Events[0])
	it.Calendars = []Calendar{{Name: "Home", Color: "#112233"}, {Name: "Work"}}
	it.RemindSet, it.Remind = true, []time.Duration{30 * time.Minute}
	j := 0
	next := func() string { j++; return text(j) }
	set := func(ps ...*string) {
		for _, p := range ps {
			*p = next()
		}
	}
	set(&it.ID, &it.Title, &it.Subtitle, &it.Summary, &it.Calendars[0].Name, &it.Calendars[1].Color)
	for i := range it.Sources {
		s := &it.Sources[i]
		set(&s.ID, &s.Publisher, &s.Title, &s.Date, &s.URL)
	}
	for i := range it.Orgs {
		o := &it.Orgs[i]
		set(&o.ID, &o.Name, &o.Native, &o.Color)
	}
	for i := range it.People {
		p := &it.People[i]
		set(&p.ID, &p.Name, &p.Native, &p.Role, &p.Note)
		p.Aliases = []string{next(), next()}
	}
	for i := range it.Events {
		e := &it.Events[i]
		set(&e.ID, &e.Title, &e.Track, &e.Place, &e.City, &e.Notes)
		e.Topics = []string{next(), next(), next()}
		e.Calendar = i % 3 // the third has none
		e.RemindSet, e.Remind = i == 1, []time.Duration{time.Hour, 5 * time.Minute}
	}
	return it
}

// FuzzYAMLWriterMatchesReference: any strings in any of the itinerary's
// string fields (texts, notes with line breaks, names, aliases, topics,
// ids, calendars) are written as the node writer writes them.
func FuzzYAMLWriterMatchesReference(f *testing.F) {
	for k := range trickyStrings {
		n := len(trickyStrings)
		f.Add(trickyStrings[k], trickyStrings[(k+1)%n], trickyStrings[(k+7)%n], uint8(k))
	}
	f.Add("plain", "2024-01-26 09:00", "a: b", uint8(0))
	f.Add("", "", "", uint8(0)) // items with no keys: "- {}"
	f.Fuzz(func(t *testing.T, a, b, c string, k uint8) {
		texts := []string{a, b, c}
		it := fieldsItinerary(t, func(j int) string { return texts[(j+int(k))%3] })
		writerMatchesNodes(t, "fuzz", it, []int{0, 1, 2}, 1+int(k%3))
	})
}

// FuzzScalarMatchesYAMLv3: a scalar written here is written as yaml.v3
// writes it alone in the same place, as a value at the top level and in a
// list item (a one-line and a text field) and as an item of a flow list.
func FuzzScalarMatchesYAMLv3(f *testing.F) {
	for _, s := range append(trickyStrings, "2024-01-26 09:00", "2024-01-26", "-1", "0X1F", ".5", "+.inf", "a: b", "a:b", "x #y", "x#y", "-x", "?x", "it's") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, indent := range []int{0, 4} {
			for _, text := range []bool{false, true} {
				m := yamlMap{t: &yamlText{}, indent: indent}
				m.value("k", s, text)
				want, err := byYAMLv3("k", ystrOrText(s, text), indent, false)
				if got := strings.TrimPrefix(string(m.t.b), yamlSpaces[:indent]+"k: "); err == nil && got != want {
					t.Fatalf("%q, indent %d, text %v: written %q, yaml.v3 writes %q", s, indent, text, got, want)
				}
			}
			m := yamlMap{t: &yamlText{}, indent: indent}
			m.flowStart("k")
			m.flowItem(s)
			want, err := byYAMLv3("k", ystr(s), indent, true)
			if got := strings.TrimPrefix(string(m.t.b), yamlSpaces[:indent]+"k: ["); err == nil && got != want {
				t.Fatalf("%q, indent %d, in a flow list: written %q, yaml.v3 writes %q", s, indent, got, want)
			}
		}
	})
}

// TestTimeShapes: the two shapes of time quotedForLoaders and
// resolvesString know without the regular expression or yaml.v3 get the
// answers those give.
func TestTimeShapes(t *testing.T) {
	for _, s := range []string{"2024-01-26", "0000-00-00", "9999-99-99", "2024-01-26 09:00", "0000-00-00 00:00", "9999-99-99 99:99"} {
		if got, want := quotedForLoaders(s), notPlainString.MatchString(s); got != want {
			t.Errorf("quotedForLoaders(%q) = %v, the expression says %v", s, got, want)
		}
		if got, want := resolvesString(s), (&yaml.Node{Kind: yaml.ScalarNode, Value: s}).ShortTag() == "!!str"; got != want {
			t.Errorf("resolvesString(%q) = %v, yaml.v3 says %v", s, got, want)
		}
	}
}

// BenchmarkWriteYAMLNodes writes every event of a synthetic itinerary as
// WriteYAML does and as the node writer it replaced did, for the
// comparison in docs/performance.md.
func BenchmarkWriteYAMLNodes(b *testing.B) {
	const n = 10_000
	it, err := Load("synth.yaml", synth.Generate(n, n/20, 1))
	if err != nil {
		b.Fatal(err)
	}
	all := make([]int, n)
	for i := range all {
		all[i] = i
	}
	for _, w := range []struct {
		name  string
		write func(io.Writer, *Itinerary, []int, int) error
	}{{"writer", writeYAML}, {"nodes", writeYAMLNodes}} {
		b.Run(w.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if err := w.write(io.Discard, it, all, yamlBatch); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
