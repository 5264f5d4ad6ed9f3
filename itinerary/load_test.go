package itinerary

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const header = "title: T\ntimezone: Asia/Seoul\n"

func mustLoad(t *testing.T, src string) *Itinerary {
	t.Helper()
	it, err := Load("f.yaml", []byte(src))
	if err != nil {
		t.Fatalf("load failed:\n%v\nsource:\n%s", err, src)
	}
	return it
}

func loadErrors(t *testing.T, src string) []string {
	t.Helper()
	_, err := Load("f.yaml", []byte(src))
	var le *LoadError
	if !errors.As(err, &le) {
		t.Fatalf("want a *LoadError, got %v for\n%s", err, src)
	}
	return le.Lines()
}

func TestEmptyOptionalFieldsAreAbsent(t *testing.T) {
	it := mustLoad(t, header+"subtitle:\nevents:\n  - {title: x, start: \"2024-01-26 09:00\", timezone: , kind: , status: , end: , notes: }\n")
	e := it.Events[0]
	if e.Zone.String() != "Asia/Seoul" || e.OwnZone || e.Kind != KindOther || e.Status != StatusConfirmed || e.HasEnd || e.Start.UTC().Hour() != 0 {
		t.Errorf("got zone %v own %v kind %v status %v end %v start %v", e.Zone, e.OwnZone, e.Kind, e.Status, e.HasEnd, e.Start.UTC())
	}
}

func TestLoadMinimal(t *testing.T) {
	it := mustLoad(t, header+"events: []\n")
	if it.Title != "T" || it.ZoneName() != "Asia/Seoul" || len(it.Events) != 0 || it.Version != 1 {
		t.Errorf("got %+v", it)
	}
	// events may be given empty.
	mustLoad(t, header+"events:\n")
}

func TestLoadErrors(t *testing.T) {
	cases := []struct {
		name, src string
		want      []string
	}{
		{"unknown field with suggestion", header + "events: []\ntitel: x\n",
			[]string{`f.yaml:4:1: the top level: unknown field "titel"; did you mean "title"? (allowed: version, id, title, subtitle, timezone, summary, remind, calendars, sources, orgs, people, events)`}},
		{"repeated field", header + "title: U\nevents: []\n",
			[]string{`f.yaml:3:1: the top level: field "title" is given twice (first at line 1)`}},
		{"version", "version: 2\n" + header + "events: []\n",
			[]string{`f.yaml:1:10: version 2 is not supported; this program reads version 1`}},
		{"version text", "version: one\n" + header + "events: []\n",
			[]string{`f.yaml:1:10: version must be the number 1, not the text "one"`}},
		{"missing start", header + "events:\n  - title: x\n",
			[]string{`f.yaml:4:5: event #1: missing required field "start"`}},
		{"empty title", "title: \"  \"\ntimezone: UTC\nevents: []\n",
			[]string{`f.yaml:1:8: itinerary: title is empty`}},
		{"end before start", header + "events:\n  - {title: x, start: \"2024-01-26 10:00\", end: \"2024-01-26 09:59\"}\n",
			[]string{`f.yaml:4:48: event #1: end 2024-01-26 09:59 is before start 2024-01-26 10:00`}},
		{"end and duration", header + "events:\n  - {title: x, start: \"2024-01-26 10:00\", end: \"2024-01-26 11:00\", duration: 1h}\n",
			[]string{`f.yaml:4:68: event #1: give either end or duration, not both`}},
		{"participant undefined with suggestion", header + "people: [{id: kyung, name: K}]\nevents:\n  - {id: d, title: x, start: 2024-01-26, participants: [kyugn]}\n",
			[]string{`f.yaml:5:57: event "d": participant "kyugn" is not a defined person; did you mean "kyung"? (known: kyung)`}},
		{"zone in event", header + "events:\n  - {title: x, start: 2024-01-26, timezone: Asia/Tokio}\n",
			[]string{`f.yaml:4:45: event #1: unknown time zone "Asia/Tokio"; did you mean "Asia/Tokyo"?`}},
		{"color", header + "orgs: [{id: a, name: A, color: \"#12345\"}]\nevents: []\n",
			[]string{`f.yaml:3:32: org "a": color must be "#RRGGBB" (six hex digits), not the text "#12345"`}},
		{"tab", "title: T\n\ttimezone: UTC\n",
			[]string{`f.yaml:2:1: tab character in indentation; YAML indents with spaces`}},
		{"control byte", header + "events: []\nsubtitle: a\x07b\n",
			[]string{`f.yaml:4:12: control character U+0007 is not allowed in YAML; write it as an escape in a double-quoted string if it is meant`}},
		{"invalid utf-8 after hangul", header + "subtitle: 경계\xff\nevents: []\n",
			[]string{`f.yaml:3:13: invalid UTF-8 (byte 0xff); save the file as UTF-8`}},
		{"syntax error with no line from yaml", header + "events: []\nsubtitle: a: b\n",
			[]string{`f.yaml:4:1: YAML syntax: mapping values are not allowed in this context`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := loadErrors(t, c.src)
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}

func TestProblemsAreCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString(header + "events:\n")
	for i := 0; i < MaxProblems+7; i++ {
		b.WriteString("  - {title: x, start: never}\n")
	}
	got := loadErrors(t, b.String())
	if len(got) != MaxProblems+1 || got[len(got)-1] != "f.yaml: and 7 more problems" {
		t.Errorf("got %d lines, last %q", len(got), got[len(got)-1])
	}
}

func TestEventOrder(t *testing.T) {
	it := mustLoad(t, header+`events:
  - {id: late, title: late, start: "2024-01-26 12:00"}
  - {id: taipei, title: taipei, start: "2024-01-26 10:30", timezone: Asia/Taipei}
  - {id: tie-a, title: a, start: "2024-01-26 09:00"}
  - {id: tie-b, title: b, start: "2024-01-26T00:00:00Z"}
  - {id: allday, title: allday, start: "2024-01-26"}
  - {id: midnight, title: midnight, start: "2024-01-26 00:00"}
`)
	var got []string
	for _, e := range it.Events {
		got = append(got, e.ID)
	}
	// allday sorts before the timed event at the same instant (midnight);
	// tie-a and tie-b are the same instant and keep file order; 10:30 in
	// Taipei is 11:30 in Seoul.
	want := "allday midnight tie-a tie-b taipei late"
	if strings.Join(got, " ") != want {
		t.Errorf("order %q, want %q", strings.Join(got, " "), want)
	}
	for i, e := range it.Events {
		if e.Index != i {
			t.Errorf("event %s has Index %d, want %d", e.ID, e.Index, i)
		}
	}
}

func TestTimes(t *testing.T) {
	seoul, _ := time.LoadLocation("Asia/Seoul")
	it := mustLoad(t, header+`events:
  - {id: a, title: a, start: "2024-01-26 09:00", duration: 2h30m}
  - {id: b, title: b, start: "2024-01-26T09:00:00+01:00", end: "2024-01-26T10:00:00Z"}
  - {id: c, title: c, start: "2024-01-26", end: "2024-01-27"}
  - {id: d, title: d, start: "2024-01-26 23:00", end: "2024-01-27 01:15:30"}
`)
	byID := map[string]*Event{}
	for i := range it.Events {
		byID[it.Events[i].ID] = &it.Events[i]
	}
	a := byID["a"]
	if !a.Start.Equal(time.Date(2024, 1, 26, 9, 0, 0, 0, seoul)) || a.Duration() != 150*time.Minute || !a.HasEnd {
		t.Errorf("a: %v %v", a.Start, a.Duration())
	}
	if b := byID["b"]; b.Duration() != 2*time.Hour {
		t.Errorf("b: %v", b.Duration())
	}
	c := byID["c"]
	if !c.AllDay || c.Duration() != 48*time.Hour || c.Date.Format("2006-01-02") != "2024-01-26" {
		t.Errorf("c: allDay %v duration %v date %v (a date-only end includes its day)", c.AllDay, c.Duration(), c.Date)
	}
	if got := it.TimeRange(byID["d"].Index, nil); got != "23:00–01:15+1" {
		t.Errorf("d range %q", got)
	}
	if got := it.TimeRange(c.Index, nil); got != "2 days" {
		t.Errorf("c range %q", got)
	}
}

func TestStringsAreCleaned(t *testing.T) {
	it := mustLoad(t, `title: "A\e]0;owned\aB\e[31mC\u009b2JD\u202eE"
timezone: UTC
people: [{id: p, name: "  Kim\n  Jong  ", note: "line one\r\nline two\ttab"}]
events: [{title: "경계현\u0007", start: 2024-01-26}]
`)
	if it.Title != "ABCDE" {
		t.Errorf("title %q", it.Title)
	}
	if it.People[0].Name != "Kim Jong" {
		t.Errorf("name %q", it.People[0].Name)
	}
	if it.People[0].Note != "line one\nline two    tab" {
		t.Errorf("note %q", it.People[0].Note)
	}
	if it.Events[0].Title != "경계현" {
		t.Errorf("event title %q", it.Events[0].Title)
	}
}

func TestCleanNFC(t *testing.T) {
	// 경 written as conjoining jamo (NFD) becomes the precomposed syllable.
	if got := Clean("\u1100\u1167\u11bc"); got != "경" {
		t.Errorf("got %q", got)
	}
	for _, s := range []string{"\x1bP1;2|secret\x1b\\x", "\x1b[?1049hx", "\x1b(Bx", "\u009d8;;http://evil\x07x", "\x1b]8;;http://x\x1b\\x"} {
		if got := Clean(s); got != "x" {
			t.Errorf("Clean(%q) = %q, want %q", s, got, "x")
		}
	}
}

func TestAliasesAreFollowed(t *testing.T) {
	it := mustLoad(t, header+`people:
  - {id: a, name: A}
events:
  - {title: x, start: 2024-01-26, participants: &who [a]}
  - {title: y, start: 2024-01-27, participants: *who}
`)
	if len(it.EventsOf(0)) != 2 {
		t.Errorf("alias not followed: %v", it.EventsOf(0))
	}
}

func TestLoadFileErrors(t *testing.T) {
	_, err := LoadFile(t.TempDir())
	if err == nil || !strings.HasSuffix(err.Error(), ": is a directory, not an itinerary file") {
		t.Errorf("directory: %v", err)
	}
	_, err = LoadFile("does/not/exist.yaml")
	if err == nil || err.Error() != "does/not/exist.yaml: no such file" {
		t.Errorf("missing: %v", err)
	}
}

// TestReadAllSized: a regular file is read whole into a buffer of its
// size, and one that grows while it is read is read to its end.
func TestReadAllSized(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f.yaml")
	want := bytes.Repeat([]byte("title: x\n"), 10000)
	if err := os.WriteFile(path, want, 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := ReadAll(path, f)
	if err != nil || !bytes.Equal(got, want) || cap(got) != len(want)+1 {
		t.Errorf("ReadAll of a regular file: %d bytes (cap %d), %v; want %d bytes, cap %d", len(got), cap(got), err, len(want), len(want)+1)
	}
	grown, err := readSized(bytes.NewReader(want), 10)
	if err != nil || !bytes.Equal(grown, want) {
		t.Errorf("readSized past its size: %d bytes, %v", len(grown), err)
	}
}
