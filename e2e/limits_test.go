package e2e

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/visitline/visitline/internal/synth"
)

// TestBoundedWork runs the inputs that once took minutes, gigabytes or
// crashed the runtime: each must end with exit 0 or 1 and say why. They
// are generated here, not committed. (Times and memory are measured by
// hand and given in the README, not asserted.)
func TestBoundedWork(t *testing.T) {
	if testing.Short() {
		t.Skip("large generated inputs")
	}
	header := "title: T\ntimezone: UTC\n"
	people := func(n int) string {
		var b strings.Builder
		b.WriteString("people:\n")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "  - {id: p%d, name: P%d}\n", i, i)
		}
		return b.String()
	}
	sameTime := func(n int) string {
		var b strings.Builder
		b.WriteString(header + people(5) + "events:\n")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "  - {id: e%d, title: Meeting %d, start: \"2024-01-26 09:00\", duration: 2h, participants: [p0, p1, p2, p3, p4]}\n", i, i)
		}
		return b.String()
	}
	unknownRefs := func(n int) string {
		var b strings.Builder
		b.WriteString(header + people(n) + "events:\n")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "  - {title: x, start: 2024-01-26, participants: [p%dx]}\n", i)
		}
		return b.String()
	}
	// The 50 MB inputs are written straight to the file, one at a time.
	huge := func(before, after string) func(w io.Writer) {
		return func(w io.Writer) {
			io.WriteString(w, before)
			z := strings.Repeat("z", 1<<20)
			for i := 0; i < 50; i++ {
				io.WriteString(w, z)
			}
			io.WriteString(w, after)
		}
	}
	deep := func(w io.Writer) {
		n, _ := io.WriteString(w, header+"events: []\nsummary:\n")
		for d := 1; n < 50<<20; d++ {
			k, _ := io.WriteString(w, strings.Repeat(" ", d%10000+1)+"k:\n")
			n += k
		}
	}
	cases := []struct {
		name string
		src  any // a string, or a func(io.Writer) that writes the largest inputs
		code int
		want string // in stderr
	}{
		{"10,000 events at the same time", sameTime(10000), 0, `warning: event "e0": and 49987 more overlaps`},
		{"5,000 events at the same time", sameTime(5000), 0, `warning: event "e1": P0 is also at "Meeting 0"`},
		{"events repeated through aliases", header + people(5) + "events:\n  - &e {title: x, start: \"2024-01-26 09:00\", duration: 1h, participants: [p0, p1, p2, p3, p4]}\n" +
			strings.Repeat("  - *e\n", 15000), 0, "and 74992 more overlaps"},
		{"an unknown reference of 100,000 characters", header + people(3) + "events:\n  - {title: x, start: 2024-01-26, participants: [" + strings.Repeat("q", 100000) + "]}\n",
			1, "f.yaml:8:50: event #1: an entry of participants is 97.7 KiB long; the limit is 64 bytes"},
		{"5,000 people and 5,000 unknown references", unknownRefs(5000), 1, `participant "p0x" is not a defined person; did you mean "p0"?`},
		{"a 50 MB timezone", huge("title: T\ntimezone: ", "\nevents: []\n"), 1, "f.yaml:2:1: line longer than 128 KiB"},
		{"a 50 MB kind", huge(header+"events:\n  - {title: x, start: 2024-01-26, kind: ", "}\n"), 1, "f.yaml:4:1: line longer than 128 KiB"},
		{"a 50 MB unknown key", huge(header+"events: []\n", ": 1\n"), 1, "f.yaml:4:1: line longer than 128 KiB"},
		{"a 5 MB kind over many lines", header + "events:\n  - title: x\n    start: 2024-01-26\n    kind: \"" + strings.Repeat("meal\n      ", 500000) + "\"\n", 1, "f.yaml: the file is 5.2 MiB and cannot be read in parts (the event at line 4 is larger than 1.0 MiB); a file read whole may be at most 3.0 MiB"},
		{"a block mapping nested 10,000 deep", deep, 1, "f.yaml:204:201: line indented more than 200 columns"},
		{"a 60 KB note aliased by 20,000 events", header + "events:\n  - {title: x, start: 2024-01-26, notes: &n \"" + strings.Repeat("n", 60000) + "\"}\n" +
			strings.Repeat("  - {title: y, start: 2024-01-26, notes: *n}\n", 20000), 1, "the file expands to more than 64.0 MiB of text (aliases count each time they are used); stopped here"},
		{"1,000 participants aliased by 9,000 events", header + people(1000) + "events:\n  - {title: x, start: \"2024-01-26 09:00\", duration: 1h, participants: &all [p0" +
			strings.Repeat(", p0", 999) + "]}\n" + strings.Repeat("  - {title: y, start: \"2024-01-26 09:00\", duration: 1h, participants: *all}\n", 9000),
			1, "more than 1000000 participants in all the events (aliases count each time they are used); stopped here"},
		{"names of 4,000 characters listed 20,000 times", bigNames(), 1, "the file expands to more than 64.0 MiB of text (participants' names count each time they are listed); stopped here"},
		{"1,000 unknown references aliased by 999 events", header + people(1000) + "events:\n  - {title: x, start: 2024-01-26, participants: &u [p0x" +
			strings.Repeat(", p0x", 999) + "]}\n" + strings.Repeat("  - {title: y, start: 2024-01-26, participants: *u}\n", 999),
			1, `participant "p0x" is not a defined person; did you mean "p0"?`},
		{"5,000,000 source references", header + "sources: [{id: s, publisher: S}]\nevents:\n  - {title: x, start: 2024-01-26, sources: &s [s" +
			strings.Repeat(", s", 999) + "]}\n" + strings.Repeat("  - {title: y, start: 2024-01-26, sources: *s}\n", 4999),
			1, "f.yaml:1005:44: event #1001: more than 1000000 sources in all the events (aliases count each time they are used); stopped here"},
		{"12 MiB with a quoted events key", bytes.Replace(synth.Generate(38000, 1900, 1), []byte("\nevents:\n"), []byte("\n\"events\":\n"), 1), 0, "is also at"}, // the overlap warnings of a file that loaded
		{"1,001 participants", header + people(1001) + "events:\n  - title: x\n    start: 2024-01-26\n    participants: [" + strings.Repeat("p0, ", 1000) + "p0]\n",
			1, "event #1: 1001 participants; the limit is 1000"},
	}
	dir := t.TempDir()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := os.Create(filepath.Join(dir, "f.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			switch src := c.src.(type) {
			case func(io.Writer):
				w := bufio.NewWriter(f)
				src(w)
				err = w.Flush()
			case string:
				_, err = io.WriteString(f, src)
			case []byte:
				_, err = f.Write(src)
			}
			if err := errors.Join(err, f.Close()); err != nil {
				t.Fatal(err)
			}
			r := runBinary(t, dir, nil, "--check", "f.yaml")
			if r.code != c.code || !strings.Contains(r.stderr, c.want) {
				t.Errorf("exit %d, want %d; stderr (first 600 bytes) lacks %q:\n%.600s", r.code, c.code, c.want, r.stderr)
			}
			if strings.Contains(r.stderr, "goroutine ") || strings.Contains(r.stderr, "internal error") {
				t.Errorf("a crash:\n%.2000s", r.stderr)
			}
		})
	}
}

// bigNames is 200 people with names of 4,000 characters, each listed by
// 100 events: 80 MB of search text from a file of 1 MB.
func bigNames() string {
	var b strings.Builder
	b.WriteString("title: T\ntimezone: UTC\npeople:\n")
	var ids []string
	for i := 0; i < 200; i++ {
		fmt.Fprintf(&b, "  - {id: p%d, name: %s}\n", i, strings.Repeat("N", 4000))
		ids = append(ids, fmt.Sprintf("p%d", i))
	}
	b.WriteString("events:\n")
	for i := 0; i < 100; i++ {
		fmt.Fprintf(&b, "  - {title: y, start: 2024-01-26, participants: [%s]}\n", strings.Join(ids, ", "))
	}
	return b.String()
}
