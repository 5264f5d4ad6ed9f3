package cli

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/visitline/visitline/data"
	"github.com/visitline/visitline/internal/golden"
)

// TestBadFiles feeds every file in testdata/bad to --check and to the
// default view, and compares stderr with the .stderr golden next to it.
// The files are the module's testdata/bad, shared with the loader's and the
// schema's tests, named from the module root as the goldens name them.
func TestBadFiles(t *testing.T) {
	files, _ := filepath.Glob(root + "/testdata/bad/*.yaml")
	if len(files) < 20 {
		t.Fatalf("found %d bad files, want at least 20", len(files))
	}
	for _, f := range files {
		f, _ := filepath.Rel(root, f)
		t.Run(filepath.Base(f), func(t *testing.T) {
			for _, args := range [][]string{{"--check", f}, {f}} {
				r := run(t, root, nil, args...)
				assertRefused(t, r)
				golden.Check(t, filepath.Join(root, strings.TrimSuffix(f, ".yaml")+".stderr"), r.stderr)
			}
		})
	}
}

// TestUnreadableInputs covers what cannot be a committed file: a missing
// file, a directory, an oversized file, and bad input on stdin.
func TestUnreadableInputs(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "a-directory.yaml"), 0o755)
	big := filepath.Join(dir, "huge.yaml")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	f.Truncate(200 << 20) // sparse: costs no disk
	f.Close()
	cases := []struct {
		args  []string
		stdin []byte
		want  string
	}{
		{[]string{"missing.yaml"}, nil, "missing.yaml: no such file\n"},
		{[]string{"--check", "a-directory.yaml"}, nil, "a-directory.yaml: no calendar or itinerary (.ics, .yaml, .yml) found\n"},
		{[]string{"--check", "huge.yaml"}, nil, "huge.yaml: file is 200.0 MiB; the limit is 64.0 MiB\n"},
		{[]string{"--check", "-"}, []byte("title: [\n"), "<stdin>:1:1: YAML syntax: did not find expected node content\n"},
		{[]string{"-"}, []byte{}, "<stdin>:1:1: the file is empty; an itinerary needs at least title, timezone and events\n"},
	}
	for _, c := range cases {
		r := run(t, dir, c.stdin, c.args...)
		assertRefused(t, r)
		if r.stderr != c.want {
			t.Errorf("%v: stderr %q, want %q", c.args, r.stderr, c.want)
		}
	}
}

// TestCheckShippedFiles runs --check on every itinerary under data/.
func TestCheckShippedFiles(t *testing.T) {
	r := run(t, root, nil, "--check")
	if r.code != 0 || r.stdout != "data/visit.yaml: ok (12 events, 15 people)\n" || r.stderr != "" {
		t.Errorf("default: %+v", r)
	}
	err := fs.WalkDir(data.Files, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		name := filepath.Join("data", path)
		r := run(t, root, nil, "--check", name)
		ok := regexp.MustCompile(`^` + regexp.QuoteMeta(name) + `: ok \([1-9][0-9]* events, [1-9][0-9]* people\)\n$`)
		if r.code != 0 || !ok.MatchString(r.stdout) {
			t.Errorf("%s: %+v", path, r)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestCheckWarnsAboutOverlaps(t *testing.T) {
	r := run(t, root, nil, "--check", "data/examples/lagos-london.yaml")
	want := "data/examples/lagos-london.yaml:93:5: warning: event \"working-lunch\": Adaeze Okafor is also at \"Meeting with the trade envoy\" (10:00–12:30) at the same time\n"
	if r.code != 0 || r.stderr != want {
		t.Errorf("got code %d stderr %q, want %q", r.code, r.stderr, want)
	}
}

// TestCheckWarningsInOrder: --check lists the warnings of every kind (a
// time in a clock change, an overlap) in one list sorted by position.
func TestCheckWarningsInOrder(t *testing.T) {
	dir := t.TempDir()
	file := `version: 1
title: Order
timezone: Europe/London
people:
  - {id: a, name: Ann}
events:
  - title: First
    start: "2025-03-28 10:00"
    end: "2025-03-28 12:00"
    participants: [a]
  - title: Second
    start: "2025-03-28 11:00"
    end: "2025-03-28 13:00"
    participants: [a]
  - title: In the gap
    start: "2025-03-30 01:30"
`
	if err := os.WriteFile(filepath.Join(dir, "w.yaml"), []byte(file), 0o644); err != nil {
		t.Fatal(err)
	}
	r := run(t, dir, nil, "--check", "w.yaml")
	lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
	if r.code != 0 || len(lines) != 2 || !strings.HasPrefix(lines[0], "w.yaml:11:5: warning: ") || !strings.HasPrefix(lines[1], "w.yaml:16:12: warning: ") {
		t.Errorf("got code %d, stderr:\n%s\nwant the overlap at 11:5, then the clock change at 16:12", r.code, r.stderr)
	}
}

// assertNoEscapes fails when r's output holds a byte that a terminal would
// act on: ESC, BEL, the 8-bit CSI, OSC and ST, or a bidirectional override.
func assertNoEscapes(t *testing.T, what string, r result) {
	t.Helper()
	for _, out := range []string{r.stdout, r.stderr} {
		for _, bad := range []string{"\x1b", "\a", "\u009b", "\u009d", "\u009c", "\u202e"} {
			if strings.Contains(out, bad) {
				t.Errorf("%s: output holds %q:\n%q", what, bad, out)
			}
		}
	}
}

// TestNoEscapeFromValuesOrFileNames: values quoted in errors, and a file
// name holding escape sequences, reach stderr and stdout only as visible
// escapes.
func TestNoEscapeFromValuesOrFileNames(t *testing.T) {
	dir := t.TempDir()
	hostile, err := os.ReadFile(root + "/testdata/bad/hostile-values.yaml")
	if err != nil {
		t.Fatal(err)
	}
	badName := "bad\x1b]0;PWNED\a\u202e.yaml"
	goodName := "good\x1b[2J name.yaml"
	os.WriteFile(filepath.Join(dir, badName), hostile, 0o644)
	os.WriteFile(filepath.Join(dir, goodName), []byte("title: T\ntimezone: UTC\nevents: []\n"), 0o644)

	r := run(t, dir, nil, "--check", badName)
	assertRefused(t, r)
	assertNoEscapes(t, "--check of the hostile file", r)
	for _, want := range []string{
		`"bad\x1b]0;PWNED\a\u202e.yaml":11:15: event #1: duration "\x1b]0;PWNED\a\x1b]52;c;SGVsbG8=\a\x1b[2J" is not a duration`,
		`"bad\x1b]0;PWNED\a\u202e.yaml":5:11: itinerary: unknown time zone "Asia/Seoul\x1b]0;PWNED\a"`,
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %s:\n%s", want, r.stderr)
		}
	}

	r = run(t, dir, nil, "--check", goodName)
	assertNoEscapes(t, "--check of a good file with a hostile name", r)
	if r.code != 0 || r.stdout != `"good\x1b[2J name.yaml": ok (0 events, 0 people)`+"\n" {
		t.Errorf("got %+v", r)
	}
	for _, args := range [][]string{{goodName}, {"--format", "json", goodName}, {"--format", "ics", goodName}, {"missing\x1b[2J.yaml"}, {"a\x1b.yaml", "b.yaml"}} {
		assertNoEscapes(t, fmt.Sprint(args), run(t, dir, nil, args...))
	}
}

// TestMergeKeysLoad: YAML merge keys work as YAML says, in the binary.
func TestMergeKeysLoad(t *testing.T) {
	src := "title: T\ntimezone: UTC\npeople: [{id: a, name: A}]\nevents:\n  - &lunch\n    title: Lunch\n    kind: meal\n    participants: [a]\n    duration: 1h\n    start: 2024-01-26 12:00\n" +
		"  - <<: *lunch\n    title: Lunch again\n    start: 2024-01-27 12:00\n"
	r := run(t, root, []byte(src), "--format", "json", "-")
	if r.code != 0 || strings.Count(r.stdout, `"kind": "meal"`) != 2 || !strings.Contains(r.stdout, `"end": "2024-01-27T13:00:00Z"`) {
		t.Errorf("got %+v", r)
	}
	if bytes.Contains([]byte(r.stderr), []byte("<<")) {
		t.Errorf("stderr: %s", r.stderr)
	}
}
