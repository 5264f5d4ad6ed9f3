package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/visitline/visitline/data"
	"github.com/visitline/visitline/export"
	"github.com/visitline/visitline/internal/golden"
	"github.com/visitline/visitline/itinerary"
)

func TestPrintDefaultVisit(t *testing.T) {
	r := run(t, root, nil, "--print")
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("%+v", r)
	}
	golden.Check(t, "testdata/print-default.txt", r.stdout)
	out := r.stdout
	kyung := strings.Index(out, "~22:00         Kyung Kye-hyun back from")
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
	if plain := run(t, root, nil); plain.stdout != out {
		t.Errorf("no-flag output differs from --print")
	}
}

// TestMarkdownBriefing: the default visit's briefing, and Kyung Kye-hyun's
// own, which opens with his card and keeps only his events.
func TestMarkdownBriefing(t *testing.T) {
	r := run(t, root, nil, "--format", "md")
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("%+v", r)
	}
	golden.Check(t, "testdata/print-default.md", r.stdout)
	k := run(t, root, nil, "--format", "md", "--person", "kyung")
	golden.Check(t, "testdata/print-kyung.md", k.stdout)
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

func TestPrintInAnotherZone(t *testing.T) {
	r := run(t, root, nil, "--print", "--tz", "America/Los_Angeles")
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

func TestPrintWithNow(t *testing.T) {
	r := run(t, root, nil, "--print", "--now", "2024-01-26T12:10:00+09:00")
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

func TestPrintJSON(t *testing.T) {
	r := run(t, root, nil, "--format", "json", "--person", "chey")
	var doc export.Document
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, r.stdout)
	}
	if len(doc.Events) != 1 || doc.Events[0].ID != "chey-meeting" || doc.Events[0].Start != "2024-01-26T16:00:00+09:00" ||
		doc.Filter == nil || doc.Filter.People[0] != "chey" || doc.DisplayTimezone != "Asia/Seoul" || len(doc.People) != 15 {
		t.Errorf("unexpected document: %+v", doc)
	}
	golden.Check(t, "testdata/print-example.json", run(t, root, nil, "--format", "json", "data/examples/lagos-london.yaml").stdout)
}

func TestPrintWidth(t *testing.T) {
	r := run(t, root, nil, "--print", "--width", "60")
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	cut := 0
	for _, line := range lines {
		w := ansi.StringWidth(line)
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
	if whole := run(t, root, nil, "--print", "--width", "0"); whole.stdout != run(t, root, nil, "--print").stdout {
		t.Errorf("--width 0 should print whole lines, as a pipe gets them")
	}
	if bad := run(t, root, nil, "--print", "--width", "-3"); bad.code != 2 {
		t.Errorf("--width -3: %+v", bad)
	}
}
