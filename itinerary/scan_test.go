package itinerary

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/visitline/visitline/data"
	"github.com/visitline/visitline/internal/synth"
)

// scanCases are chunks scanChunk reads (true) or leaves to yaml.v3.
var scanCases = []struct {
	text  string
	reads bool
}{
	{"  - id: a\n    title: Tour\n    start: 2024-01-26 09:00\n", true},
	{"  - id: a\n    title: \"Tour: the fab\"\n    participants: [p1, \"p 2\", 'it''s']\n", true},
	{"  - id: a\n    topics: []\n    n: 12\n    b: true\n    z: ~\n    d: 2024-01-26\n    f: 1.5\n", true},
	{"  - id: 김\n    title: 삼성전자 평택캠퍼스 방문\n    place: [평택, 서울]\n", true},
	{"  - id: a\n    notes: |\n      one\n\n      two\n    city: Seoul\n\n  - id: b\n    notes: |-\n      x\n  - id: c\n    notes: |+\n      y\n\n", true},
	{"- id: a\n  title: t\n-   id: b\n    title: u\n", true},
	{"  - id: a\n    title: t # a comment\n", false},
	{"  - id: a\n    title: a long\n      title\n", false},
	{"  - id: a\n    title: \"esc\\n\"\n", false},
	{"  - id: a\n    title: &x t\n", false},
	{"  - id: a\n    participants:\n      - p1\n      - \"p 2\"\n    title: t\n", true},
	{"  - id: a\n    participants:\n    - p1\n    -   'p2'\n  - id: b\n    topics:\n      - x\n", true},
	{"  - id: a\n    participants:\n      - p1\n\n      - p2\n", false},
	{"  - id: a\n    participants:\n      - - p1\n", false},
	{"  - id: a\n    participants:\n      - p1\n        more\n", false},
	{"  - id: a\n    participants:\n      - k: v\n", false},
	{"  - id: a\n    participants:\n    title: t\n", false},
	{"  - id: a\n    title: t\tu\n", false},
	{"  - id: a\n    title: t\r\n", false},
	{"  - id: a\n    title: a: b\n", false},
	{"  - id: a\n    topics: [a, [b]]\n", false},
	{"  - id: a\n    topics: [a,]\n", false},
	{"  - id: a\n    notes: >\n      folded\n      over lines\n\n      and a paragraph\n    city: Seoul\n", true},
	{"  - id: a\n    notes: >-\n      x\n      y\n  - id: b\n    notes: >+\n      z\n\n", true},
	{"  - id: a\n    notes: >\n      folded\n        deeper\n", false},
	{"  - id: a\n    notes: |\n\n      late\n", false},
	{"  - id: a\n    title: t", false},
	{"  - just a string\n", false},
}

// TestScanChunk: scanChunk reads the chunks it should, and gives what
// yaml.v3 gives for them.
func TestScanChunk(t *testing.T) {
	for _, c := range scanCases {
		got, ok := scanChunk([]byte(c.text), 10)
		if ok != c.reads {
			t.Errorf("%q: read %v, want %v", c.text, ok, c.reads)
		}
		if ok {
			sameAsYAML(t, c.text, got)
		}
	}
}

// TestScanChunkSynth: the generator's files and the writer's are read by
// the scanner, chunk by chunk, as yaml.v3 reads them.
func TestScanChunkSynth(t *testing.T) {
	src := synth.Generate(600, 50, 1)
	it, err := Load("synth.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	var written bytes.Buffer
	if err := WriteYAML(&written, it, it.Select(Filter{})); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"generated": src, "written": written.Bytes()} {
		lines := newLineIndex(data)
		sec, why := findEventsSection(data, lines)
		if why != "" {
			t.Fatalf("%s: %s", name, why)
		}
		for k := 0; k < len(sec.items); k += eventsPerChunk {
			end := sec.end
			if k+eventsPerChunk < len(sec.items) {
				end = sec.items[k+eventsPerChunk]
			}
			text := data[lines.start(sec.items[k]):lines.end(data, end)]
			got, ok := scanChunk(text, sec.items[k])
			if !ok {
				t.Fatalf("%s: the chunk at line %d is not read by the scanner", name, sec.items[k]+1)
			}
			want, _ := parseChunkYAML(text, sec.items[k])
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s: the chunk at line %d differs from yaml.v3's", name, sec.items[k]+1)
			}
		}
	}
}

// TestScanChunkByHand: the events of the built-in visit, written by hand
// (folded notes, escapes, quotes), item by item: the scanner reads those
// it can as yaml.v3 does, and reads some.
func TestScanChunkByHand(t *testing.T) {
	lines := newLineIndex(data.Default)
	sec, why := findEventsSection(data.Default, lines)
	if why != "" {
		t.Fatal(why)
	}
	read := 0
	for k, first := range sec.items {
		end := sec.end
		if k+1 < len(sec.items) {
			end = sec.items[k+1]
		}
		text := data.Default[lines.start(first):lines.end(data.Default, end)]
		if got, ok := scanChunk(text, 10); ok {
			read++
			sameAsYAML(t, string(text), got)
		}
	}
	if read < len(sec.items)/2 {
		t.Errorf("the scanner read %d of the %d events", read, len(sec.items))
	}
	t.Logf("the scanner read %d of the %d events", read, len(sec.items))
}

func sameAsYAML(t *testing.T, text string, got []*yaml.Node) {
	t.Helper()
	want, ok := parseChunkYAML([]byte(text), 10)
	if !ok {
		t.Fatalf("%q: the scanner read what yaml.v3 refuses", text)
	}
	if !reflect.DeepEqual(got, want) {
		for i := range min(len(got), len(want)) {
			if !reflect.DeepEqual(got[i], want[i]) {
				t.Fatalf("%q: item %d\n got %s\nwant %s", text, i, dumpNode(got[i]), dumpNode(want[i]))
			}
		}
		t.Fatalf("%q: %d items, yaml.v3 %d", text, len(got), len(want))
	}
}

// FuzzScanChunk: whatever the scanner reads, it reads as yaml.v3 does.
func FuzzScanChunk(f *testing.F) {
	for _, c := range scanCases {
		f.Add(c.text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if got, ok := scanChunk([]byte(text), 10); ok {
			sameAsYAML(t, text, got)
		}
	})
}

// dumpNode is n's fields, its children indented.
func dumpNode(n *yaml.Node) string {
	var b strings.Builder
	var dump func(n *yaml.Node, depth int)
	dump = func(n *yaml.Node, depth int) {
		fmt.Fprintf(&b, "\n%s%d %s %d %q %d:%d %q %q %q %q", strings.Repeat("  ", depth), n.Kind, n.Tag, n.Style, n.Value, n.Line, n.Column, n.Anchor, n.HeadComment, n.LineComment, n.FootComment)
		for _, c := range n.Content {
			dump(c, depth+1)
		}
	}
	dump(n, 0)
	return b.String()
}

// FuzzScanChunkValues: values of every kind the scanner reads, put in the
// places it reads them (a key's value, a flow list's items, a literal
// text's lines, an item's first key), read as yaml.v3 reads them.
func FuzzScanChunkValues(f *testing.F) {
	f.Add("title", "Tour of the fab", "p1, p2", "line one\n\n  deeper\n", uint8(0))
	f.Add("n", "2024-01-26 09:00:00", `"a", 'b''c', d`, "x\n", uint8(3))
	f.Add("_1", "0o17", "[]", "\n", uint8(7))
	f.Fuzz(func(t *testing.T, key, value, list, text string, shape uint8) {
		indent := strings.Repeat(" ", int(shape%3)*2)
		chomp := []string{"|", "|-", "|+", ">", ">-", ">+"}[shape/3%6]
		var b strings.Builder
		fmt.Fprintf(&b, "%s- %s: %s\n", indent, key, value)
		fmt.Fprintf(&b, "%s  list: [%s]\n", indent, list)
		fmt.Fprintf(&b, "%s  text: %s\n", indent, chomp)
		for _, l := range strings.Split(text, "\n") {
			if l != "" {
				l = indent + "    " + l
			}
			b.WriteString(l + "\n")
		}
		fmt.Fprintf(&b, "%s  block:\n", indent)
		for _, item := range strings.Split(list, ",") {
			fmt.Fprintf(&b, "%s%s- %s\n", indent, []string{"  ", "    "}[shape>>6&1], strings.TrimLeft(item, " "))
		}
		if shape&0x80 != 0 {
			fmt.Fprintf(&b, "%s-   %s: '%s'\n", indent, key, value)
		}
		if got, ok := scanChunk([]byte(b.String()), 10); ok {
			sameAsYAML(t, b.String(), got)
		}
	})
}
