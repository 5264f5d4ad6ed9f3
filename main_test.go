package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/visitline/visitline/data"
	"github.com/visitline/visitline/export"
	"github.com/visitline/visitline/internal/bgquery"
	"github.com/visitline/visitline/itinerary"
)

var update = flag.Bool("update", false, "rewrite golden files")

// binary is the visitline binary built once for the end-to-end tests.
var binary string

func TestMain(m *testing.M) {
	bgquery.Restore() // as main does, or the tests' children inherit CI
	flag.Parse()
	dir, err := os.MkdirTemp("", "visitline-bin")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "visitline")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		panic("go build: " + err.Error() + "\n" + string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// result is what a run of the binary showed.
type result struct {
	stdout, stderr string
	code           int
}

func runBinary(t *testing.T, dir string, stdin []byte, args ...string) result {
	t.Helper()
	return runBinaryIn(t, "UTC", dir, stdin, args...)
}

// runBinaryIn runs the binary with this machine's zone set to tz.
func runBinaryIn(t *testing.T, tz, dir string, stdin []byte, args ...string) result {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TZ="+tz, "NO_COLOR=1")
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run %v: %v", args, err)
	}
	return result{out.String(), errb.String(), code}
}

// golden compares got with the golden file, or rewrites it with -update.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s\n--- got\n%s--- want\n%s", path, got, want)
	}
}

// assertRefused checks the exit code 1, an empty stdout and no sign of a
// panic.
func assertRefused(t *testing.T, r result) {
	t.Helper()
	if r.code != 1 {
		t.Errorf("exit code %d, want 1; stderr:\n%s", r.code, r.stderr)
	}
	if r.stdout != "" {
		t.Errorf("stdout not empty: %q", r.stdout)
	}
	if strings.Contains(r.stderr, "panic") || strings.Contains(r.stderr, "goroutine ") {
		t.Errorf("stderr shows a crash:\n%s", r.stderr)
	}
}

// TestBadFiles feeds every file in testdata/bad to --check and to the
// default view, and compares stderr with the .stderr golden next to it.
func TestBadFiles(t *testing.T) {
	files, _ := filepath.Glob("testdata/bad/*.yaml")
	if len(files) < 20 {
		t.Fatalf("found %d bad files, want at least 20", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			for _, args := range [][]string{{"--check", f}, {f}} {
				r := runBinary(t, ".", nil, args...)
				assertRefused(t, r)
				golden(t, strings.TrimSuffix(f, ".yaml")+".stderr", r.stderr)
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
		{[]string{"--check", "a-directory.yaml"}, nil, "a-directory.yaml: is a directory, not an itinerary file\n"},
		{[]string{"--check", "huge.yaml"}, nil, "huge.yaml: file is 200.0 MiB; the limit is 64.0 MiB\n"},
		{[]string{"--check", "-"}, []byte("title: [\n"), "<stdin>:1:1: YAML syntax: did not find expected node content\n"},
		{[]string{"-"}, []byte{}, "<stdin>:1:1: the file is empty; an itinerary needs at least title, timezone and events\n"},
	}
	for _, c := range cases {
		r := runBinary(t, dir, c.stdin, c.args...)
		assertRefused(t, r)
		if r.stderr != c.want {
			t.Errorf("%v: stderr %q, want %q", c.args, r.stderr, c.want)
		}
	}
}

// TestCheckShippedFiles runs --check on every itinerary under data/.
func TestCheckShippedFiles(t *testing.T) {
	r := runBinary(t, ".", nil, "--check")
	if r.code != 0 || r.stdout != "data/visit.yaml: ok (12 events, 15 people)\n" || r.stderr != "" {
		t.Errorf("default: %+v", r)
	}
	err := fs.WalkDir(data.Files, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		name := filepath.Join("data", path)
		r := runBinary(t, ".", nil, "--check", name)
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
	r := runBinary(t, ".", nil, "--check", "data/examples/lagos-london.yaml")
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
	r := runBinary(t, dir, nil, "--check", "w.yaml")
	lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
	if r.code != 0 || len(lines) != 2 || !strings.HasPrefix(lines[0], "w.yaml:11:5: warning: ") || !strings.HasPrefix(lines[1], "w.yaml:16:12: warning: ") {
		t.Errorf("got code %d, stderr:\n%s\nwant the overlap at 11:5, then the clock change at 16:12", r.code, r.stderr)
	}
}

func TestPrintDefaultVisit(t *testing.T) {
	r := runBinary(t, ".", nil, "--print")
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("%+v", r)
	}
	golden(t, "testdata/print-default.txt", r.stdout)
	out := r.stdout
	kyung := strings.Index(out, "~22:00         Kyung Kye-hyun returns from")
	jan26 := strings.Index(out, "Fri 26 Jan 2024")
	tour := strings.Index(out, "~09:00–11:30   [reported] Tour of Samsung's Pyeongtaek")
	taipei := strings.Index(out, "~20:00         [reported] Meanwhile in Taiwan")
	if kyung < 0 || jan26 < kyung || tour < jan26 || taipei < tour {
		t.Errorf("order wrong: kyung %d, 26 Jan %d, tour %d, Taipei (20:00 KST) %d\n%s", kyung, jan26, tour, taipei, out)
	}
	// A pipe gets whole lines: every participant of every event.
	it, err := itinerary.Load(data.DefaultName, data.Default)
	if err != nil {
		t.Fatal(err)
	}
	for i := range it.Events {
		for _, p := range it.Events[i].Participants {
			if name := it.People[p].Name; !strings.Contains(out, name) {
				t.Errorf("the piped agenda lacks %s of %q", name, it.Events[i].Title)
			}
		}
	}
	if zone := strings.Index(out, "⟶ venue in Asia/Taipei (CST), −1 h\n  ~20:00         [reported] Meanwhile in Taiwan"); zone < 0 {
		t.Errorf("no zone change row before the Taipei dinner:\n%s", out)
	}
	// Without a terminal on stdout, no flag prints the same agenda.
	if plain := runBinary(t, ".", nil); plain.stdout != out {
		t.Errorf("no-flag output differs from --print")
	}
}

// TestMarkdownBriefing: the default visit's briefing, and Kyung Kye-hyun's
// own, which opens with his card and keeps only his events.
func TestMarkdownBriefing(t *testing.T) {
	r := runBinary(t, ".", nil, "--format", "md")
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("%+v", r)
	}
	golden(t, "testdata/print-default.md", r.stdout)
	k := runBinary(t, ".", nil, "--format", "md", "--person", "kyung")
	golden(t, "testdata/print-kyung.md", k.stdout)
	card, lunch := strings.Index(k.stdout, "## Kyung Kye-hyun\n\n- **Native name:** 경계현"), strings.Index(k.stdout, "Lunch")
	if card < 0 || lunch >= 0 || strings.Count(k.stdout, "\n### ") != 3 {
		t.Errorf("Kyung's briefing: card at %d, lunch at %d, %d events", card, lunch, strings.Count(k.stdout, "\n### "))
	}
	for _, out := range []string{r.stdout, k.stdout} {
		if strings.ContainsRune(out, '\x1b') || strings.Contains(out, "1 people") {
			t.Errorf("escape codes or a wrong plural in\n%s", out)
		}
	}
}

func TestPrintWidth(t *testing.T) {
	r := runBinary(t, ".", nil, "--print", "--width", "60")
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	cut := 0
	for _, line := range lines {
		w := displayWidth(line)
		if w > 60 {
			t.Errorf("line wider than 60 cells (%d): %s", w, line)
		}
		if strings.HasSuffix(line, "…") {
			cut++
		}
	}
	if r.code != 0 || cut == 0 {
		t.Errorf("--width 60 cut no line: %+v", r)
	}
	if whole := runBinary(t, ".", nil, "--print", "--width", "0"); whole.stdout != runBinary(t, ".", nil, "--print").stdout {
		t.Errorf("--width 0 should print whole lines, as a pipe gets them")
	}
	if bad := runBinary(t, ".", nil, "--print", "--width", "-3"); bad.code != 2 {
		t.Errorf("--width -3: %+v", bad)
	}
}

func TestPrintInAnotherZone(t *testing.T) {
	r := runBinary(t, ".", nil, "--print", "--tz", "America/Los_Angeles")
	day25 := strings.Index(r.stdout, "Thu 25 Jan 2024")
	tour := strings.Index(r.stdout, "~16:00–18:30   [reported] Tour of Samsung's Pyeongtaek")
	day26 := strings.Index(r.stdout, "Fri 26 Jan 2024")
	if r.code != 0 || day25 < 0 || tour < day25 || (day26 >= 0 && day26 < tour) {
		t.Errorf("the tour should move to 25 Jan, 16:00 in Los Angeles:\n%s", r.stdout)
	}
	if !strings.Contains(r.stdout, "times: America/Los_Angeles (PST)") {
		t.Errorf("header does not name the zone:\n%s", r.stdout)
	}
}

func TestPrintInLocalZone(t *testing.T) {
	r := runBinaryIn(t, "Europe/Berlin", ".", nil, "--print", "--tz", "local")
	if !strings.Contains(r.stdout, "times: this machine's zone (CET)") || !strings.Contains(r.stdout, "~01:00–03:30   [reported] Tour of Samsung's") {
		t.Errorf("--tz local in Berlin:\n%s", r.stdout)
	}
}

func TestPrintWithNow(t *testing.T) {
	r := runBinary(t, ".", nil, "--print", "--now", "2024-01-26T12:10:00+09:00")
	for _, want := range []string{
		"✓ ~09:00–11:30   [reported] Tour of Samsung's Pyeongtaek",
		"▶ ~11:45–13:00   [now · 50 min left] [reported] Lunch with Samsung's",
		"  ── now 12:10 ──\n→ ~13:00–14:30   [in 50 min] [reported] Altman moves on",
		"  ~14:30–16:00   [reported] Meetings with chip",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("missing %q in\n%s", want, r.stdout)
		}
	}
}

func TestPersonFilter(t *testing.T) {
	for _, args := range [][]string{
		{"--person", "경계현"}, {"--person", "KYUNG"}, {"--person", "kye-hyun"}, {"--person", "kyung", "--person", "경계현"},
	} {
		r := runBinary(t, ".", nil, append([]string{"--print"}, args...)...)
		if r.code != 0 || !strings.Contains(r.stdout, "3 of 12 events · with Kyung Kye-hyun\n") ||
			strings.Contains(r.stdout, "Lunch") || !strings.Contains(r.stdout, "Dinner with Kyung") {
			t.Errorf("%v: %+v", args, r)
		}
	}
	// As the people picker finds him: by organisation, the only one of it.
	if r := runBinary(t, ".", nil, "--print", "--person", "sk group"); r.code != 0 || !strings.Contains(r.stdout, "1 of 12 events · with Chey Tae-won\n") {
		t.Errorf("--person \"sk group\": %+v", r)
	}
	r := runBinary(t, ".", nil, "--print", "--person", "altman", "--person", "chey")
	if !strings.Contains(r.stdout, "1 of 12 events · with Sam Altman and Chey Tae-won") {
		t.Errorf("all-of filter: %s", r.stdout)
	}
}

func TestUsageErrors(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--bogus"}, "visitline: flag provided but not defined: -bogus\nRun 'visitline --help' for usage.\n"},
		{[]string{"--tz", "Mars/Base"}, "visitline: --tz: unknown time zone \"Mars/Base\" (use an IANA name such as \"Asia/Seoul\", \"Europe/Zurich\" or \"UTC\"), or \"local\" or \"venue\"\n"},
		{[]string{"--tz", ""}, "visitline: --tz is empty; give an IANA zone such as Europe/London, \"local\" for this machine's zone or \"venue\" for each venue's own\n"},
		{[]string{"--print", "--tz="}, "visitline: --tz is empty; give an IANA zone"},
		{[]string{"--now", ""}, "visitline: --now is empty; give a time in RFC 3339"},
		{[]string{"--now", "noon"}, "visitline: --now \"noon\" is not an RFC 3339 time such as 2024-01-26T12:10:00+09:00\n"},
		{[]string{"--format", "pdf"}, "visitline: --format \"pdf\" is not one of text, md, json, ics, yaml\n"},
		{[]string{"a.yaml", "b.yaml"}, "visitline: one FILE at most, got 2: a.yaml b.yaml\n"},
		{[]string{"--view", "grid"}, "visitline: --view \"grid\" is not one of list, lanes\n"},
		{[]string{"--person", "nobody"}, "visitline: --person \"nobody\" matches nobody in this itinerary; the people are:\n  altman (Sam Altman, 샘 올트먼)\n"},
		{[]string{"--person", "ceo"}, "visitline: --person \"ceo\" is ambiguous; it matches no name, and these people by organisation or role:\n  altman (Sam Altman, 샘 올트먼) — CEO, OpenAI\n  kyung (Kyung Kye-hyun, 경계현) — President; CEO of the Device Solutions (DS) division, Samsung Electronics\n"},
		{[]string{"--person", "jung"}, "visitline: --person \"jung\" is ambiguous; it matches:\n  lee-jb (Lee Jung-bae, 이정배)\n  kwak (Kwak Noh-jung, 곽노정)\n"},
	}
	for _, c := range cases {
		r := runBinary(t, ".", nil, c.args...)
		if r.code != 2 || !strings.HasPrefix(r.stderr, c.want) || r.stdout != "" {
			t.Errorf("%v: code %d stderr %q, want code 2 and a stderr starting %q", c.args, r.code, r.stderr, c.want)
		}
	}
}

func TestVersionAndHelp(t *testing.T) {
	if r := runBinary(t, ".", nil, "--version"); r.code != 0 || !strings.HasPrefix(r.stdout, "visitline ") {
		t.Errorf("--version: %+v", r)
	}
	for _, h := range []string{"-h", "--help"} {
		r := runBinary(t, ".", nil, h)
		if r.code != 0 || !strings.Contains(r.stdout, "Usage:\n  visitline [flags] [FILE]") || !strings.Contains(r.stdout, "Exit codes") {
			t.Errorf("%s: %+v", h, r)
		}
	}
}

func TestPrintJSON(t *testing.T) {
	r := runBinary(t, ".", nil, "--format", "json", "--person", "chey")
	var doc export.Document
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, r.stdout)
	}
	if len(doc.Events) != 1 || doc.Events[0].ID != "chey-meeting" || doc.Events[0].Start != "2024-01-26T16:00:00+09:00" ||
		doc.Filter == nil || doc.Filter.People[0] != "chey" || doc.DisplayTimezone != "Asia/Seoul" || len(doc.People) != 15 {
		t.Errorf("unexpected document: %+v", doc)
	}
	golden(t, "testdata/print-example.json", runBinary(t, ".", nil, "--format", "json", "data/examples/lagos-london.yaml").stdout)
}

func TestStdinAndFlagsAfterFile(t *testing.T) {
	r := runBinary(t, ".", data.Default, "-", "--check")
	if r.code != 0 || r.stdout != "<stdin>: ok (12 events, 15 people)\n" {
		t.Errorf("%+v", r)
	}
}

// TestProgressLine: a quick load prints nothing; a slow one shows how far
// it got, then clears its line.
func TestProgressLine(t *testing.T) {
	var quick bytes.Buffer
	p := &progressLine{w: &quick}
	p.start("a.yaml")()
	if quick.Len() != 0 {
		t.Errorf("quick load printed %q", quick.String())
	}
	var slow syncBuffer
	p = &progressLine{w: &slow}
	stop := p.start("big.yaml")
	p.update(3000, 10000)
	time.Sleep(progressDelay + 250*time.Millisecond)
	stop()
	out := slow.String()
	if !strings.Contains(out, "visitline: reading big.yaml… 3000 of 10000 events") || !strings.HasSuffix(out, "\r\x1b[K") {
		t.Errorf("slow load printed %q", out)
	}
}

// syncBuffer is a bytes.Buffer safe for the progress goroutine.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestLoadSaysStdinWasCalendar: load tells the view whether standard
// input was a calendar, for e's message (QA2 #15).
func TestLoadSaysStdinWasCalendar(t *testing.T) {
	ics, err := os.ReadFile("calendar/testdata/google.ics")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		in  []byte
		cal bool
	}{{ics, true}, {data.Default, false}} {
		_, it, cal, err := load("-", bytes.NewReader(c.in), nil)
		if err != nil || it == nil || cal != c.cal {
			t.Errorf("calendar %v: got %v (%v)", c.cal, cal, err)
		}
	}
}
