package itinerary

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// refsThroughAliases is people ids p0… and an anchored list of n unknown
// references, each one letter from an id, used by events more events.
func refsThroughAliases(people, n, events int, field string) string {
	var b strings.Builder
	b.WriteString("title: T\ntimezone: UTC\n")
	if field == "sources" {
		b.WriteString("sources:\n")
		for i := range people {
			fmt.Fprintf(&b, "  - {id: p%d, publisher: P%d}\n", i, i)
		}
	} else {
		b.WriteString("people:\n")
		for i := range people {
			fmt.Fprintf(&b, "  - {id: p%d, name: P%d}\n", i, i)
		}
	}
	b.WriteString("events:\n  - {title: x, start: 2024-01-26, " + field + ": &refs [")
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "p%dx", i%people)
	}
	b.WriteString("]}\n")
	b.WriteString(strings.Repeat("  - {title: y, start: 2024-01-26, "+field+": *refs}\n", events))
	return b.String()
}

// TestSuggestionsBoundedInTotal: unknown references repeated through an
// alias are described (with a suggestion and the known ids) only while the
// errors are kept, so 300,000 of them among 1,000 ids cost what 50 do
// (each compared with every id: 20 s before, 72 s for 40 KB). The bound is
// generous, ten times the 3 s every input must keep to.
func TestSuggestionsBoundedInTotal(t *testing.T) {
	for _, field := range []string{"participants", "sources"} {
		src := refsThroughAliases(1000, 1000, 299, field)
		start := time.Now()
		_, err := Load("refs.yaml", []byte(src))
		d := time.Since(start)
		var le *LoadError
		if !errors.As(err, &le) || len(le.Problems) != maxCollected || le.Omitted != 300_000-maxCollected {
			t.Fatalf("%s: %v", field, err)
		}
		if first := le.Problems[0].Message; !strings.Contains(first, `"p0x" is not a defined`) || !strings.Contains(first, `did you mean "p0"?`) {
			t.Errorf("%s: first error %q", field, first)
		}
		if d > 30*time.Second {
			t.Errorf("%s: %v for %d bytes", field, d, len(src))
		}
	}
}

// TestSourcesCountedInTotal: the sources of all the events together are
// bounded as the participants are, aliases counted each time, with the
// position of the list that passes the limit.
func TestSourcesCountedInTotal(t *testing.T) {
	var b strings.Builder
	b.WriteString("title: T\ntimezone: UTC\nsources: [{id: s, publisher: S}]\nevents:\n  - {title: x, start: 2024-01-26, sources: &s [s" +
		strings.Repeat(", s", 999) + "]}\n")
	b.WriteString(strings.Repeat("  - {title: y, start: 2024-01-26, sources: *s}\n", 5000))
	_, err := Load("s.yaml", []byte(b.String()))
	var le *LoadError
	if !errors.As(err, &le) {
		t.Fatalf("loaded: %v", err)
	}
	want := "event #1001: more than 1000000 sources in all the events (aliases count each time they are used); stopped here"
	last := le.Problems[len(le.Problems)-1]
	if last.Message != want || last.Line != 1005 || last.Column != 44 {
		t.Errorf("last problem %d:%d: %s, want 1005:44: %s", last.Line, last.Column, last.Message, want)
	}
}

// TestMisspeltZoneThroughAliases: a misspelt zone merged into 20,000
// events is looked up once, and still reported at each use.
func TestMisspeltZoneThroughAliases(t *testing.T) {
	src := "title: T\ntimezone: UTC\nevents:\n  - &e {title: x, start: \"2024-01-26 09:00\", timezone: Europe/Berln}\n" +
		strings.Repeat("  - {<<: *e, title: y}\n", 20000)
	_, err := Load("z.yaml", []byte(src))
	var le *LoadError
	if !errors.As(err, &le) || le.Omitted != 20001-maxCollected || !strings.Contains(le.Problems[0].Message, `unknown time zone "Europe/Berln"; did you mean "Europe/Berlin"?`) {
		t.Fatalf("%v", err)
	}
}
