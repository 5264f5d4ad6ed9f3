package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/visitline/visitline/internal/synth"
	"github.com/visitline/visitline/internal/testenv"
)

const trade = "data/examples/trade-mission.yaml"

// TestPersonAsReportsWriteIt: on a trip across three countries, each name
// as a report writes it selects what the stored name selects.
func TestPersonAsReportsWriteIt(t *testing.T) {
	for _, c := range [][2]string{
		{"sofia", "castillo"},
		{"Misaki Sato", "Misaki Satō"},
		{"seoyeon", "Seo-yeon"},
		{"Seo-yeon Lee", "lee-sy"},
		{"jung minho", "Jung Min-ho"},
		{"Watanabe Kenichi", "Watanabe Ken'ichi"},
		{"Kenichi Watanabe", "watanabe"},
		{"bakeunhye", "박은혜"},
		{"Pak Un-hye", "park-eh"},
	} {
		a := run(t, root, nil, "--print", "--person", c[0], trade)
		b := run(t, root, nil, "--print", "--person", c[1], trade)
		if a.code != 0 || b.code != 0 {
			t.Errorf("--person %q: %d %s; --person %q: %d %s", c[0], a.code, a.stderr, c[1], b.code, b.stderr)
			continue
		}
		if a.stdout != b.stdout {
			t.Errorf("--person %q and --person %q print differently:\n%s\n---\n%s", c[0], c[1], a.stdout, b.stdout)
		}
	}
}

// TestPrintGrepsNativeNames: the text agenda carries native names, so
// grep 박은혜 finds each of her events.
func TestPrintGrepsNativeNames(t *testing.T) {
	r := run(t, root, nil, "--print", trade)
	var lines []string
	for _, l := range strings.Split(r.stdout, "\n") {
		if strings.Contains(l, "박은혜") {
			lines = append(lines, l)
		}
	}
	for _, title := range []string{"Cheongju plant visit", "Lunch with the plant team", "Memorandum signing", "Procurement call with Hanbit"} {
		if !strings.Contains(strings.Join(lines, "\n"), title) {
			t.Errorf("grep 박은혜 misses %q:\n%s", title, strings.Join(lines, "\n"))
		}
	}
	if len(lines) != 4 {
		t.Errorf("grep 박은혜 finds %d lines, want her 4 events", len(lines))
	}
}

// TestCSVParsesInPython: a 35-event trip is 35 rows under the header, as
// Python's csv module reads them, with native names in the people column.
func TestCSVParsesInPython(t *testing.T) {
	python := testenv.Command(t, "python3", "python3")
	dir := t.TempDir()
	file := filepath.Join(dir, "trip.yaml")
	if err := os.WriteFile(file, synth.Generate(35, 12, 7), 0o644); err != nil {
		t.Fatal(err)
	}
	r := run(t, root, nil, "--format", "csv", file)
	if r.code != 0 {
		t.Fatalf("%+v", r)
	}
	cmd := exec.Command(python, "-c", `
import csv, sys
rows = list(csv.reader(sys.stdin, strict=True))
assert rows[0] == ["date","start","end","zone","title","status","place","calendar","people","overlaps","approximate"], rows[0]
assert all(len(r) == len(rows[0]) for r in rows), "ragged"
print(len(rows) - 1)
print(sum(1 for r in rows[1:] if any(0xAC00 <= ord(c) <= 0xD7A3 for c in r[8])))
`)
	cmd.Stdin = strings.NewReader(r.stdout)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("python3 csv: %v\n%s", err, out)
	}
	got := strings.Fields(string(out))
	if len(got) != 2 || got[0] != "35" {
		t.Fatalf("python3 reads %q; want 35 rows", out)
	}
	if got[1] == "0" {
		t.Errorf("no row names a participant in Hangul:\n%s", r.stdout)
	}
	if !strings.HasPrefix(r.stdout, "date,start,end,zone,title,status,place,calendar,people,overlaps,approximate\r\n") {
		t.Errorf("not RFC 4180 lines (CRLF):\n%.200q", r.stdout)
	}
}

// TestCompactBriefingDay: one day of eight events is well under 90 lines
// in the compact briefing, each event on a line of its own.
func TestCompactBriefingDay(t *testing.T) {
	var b strings.Builder
	b.WriteString("title: A day\ntimezone: Asia/Seoul\npeople:\n  - {id: a, name: Ann Lee, native: 이안}\nevents:\n")
	for h := 8; h < 16; h++ {
		b.WriteString("  - {title: Meeting " + string(rune('A'+h-8)) + ", start: \"2027-04-13 " + two(h) + ":00\", duration: 50m, participants: [a], notes: \"A note\\n\\nthat the full briefing prints.\"}\n")
	}
	file := filepath.Join(t.TempDir(), "day.yaml")
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	r := run(t, root, nil, "--compact", file)
	if r.code != 0 {
		t.Fatalf("%+v", r)
	}
	if n := strings.Count(r.stdout, "\n"); n > 90 {
		t.Errorf("%d lines for a day of eight events:\n%s", n, r.stdout)
	}
	if n := strings.Count(r.stdout, "\n- **"); n != 8 {
		t.Errorf("%d event lines, want 8:\n%s", n, r.stdout)
	}
	if !strings.Contains(r.stdout, "Ann Lee (이안)") {
		t.Errorf("no native name:\n%s", r.stdout)
	}
	if e := run(t, root, nil, "--compact", "--format", "csv", file); e.code != 2 {
		t.Errorf("--compact with csv: exit %d, want a usage error", e.code)
	}
}

func two(h int) string { return string(rune('0'+h/10)) + string(rune('0'+h%10)) }

// TestDefaultBriefingSaysNoMore: the default briefing and text agenda give
// Kyung's on-record remark, and none of the phrases that said more than
// the report.
func TestDefaultBriefingSaysNoMore(t *testing.T) {
	for _, args := range [][]string{{"--format", "md"}, {"--print"}, {"--format", "html"}} {
		r := run(t, root, nil, args...)
		if !strings.Contains(r.stdout, "Kyung Kye-hyun said it was not the time to talk about it") {
			t.Errorf("%v: no remark of Kyung's", args)
		}
		for _, over := range []string{"meets Samsung and SK", "several chip start-ups", "landed", "TSMC's leaders",
			"not of Samsung Electronics", "taipei", "Taipei dinner"} {
			if strings.Contains(r.stdout, over) {
				t.Errorf("%v says %q", args, over)
			}
		}
	}
	y := run(t, root, nil, "--format", "yaml")
	if strings.Contains(y.stdout, "id: taipei") || !strings.Contains(y.stdout, "id: huang-wei-dinner") {
		t.Error("an id still names a city")
	}
}
