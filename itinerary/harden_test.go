package itinerary

import (
	"fmt"
	"strings"
	"testing"
)

// TestCleanDropsCharactersOfUncertainWidth: the characters terminals and
// the view measure differently are removed at load, the text around them
// kept.
func TestCleanDropsCharactersOfUncertainWidth(t *testing.T) {
	cases := map[string]string{
		"co\u00adop":             "coop",       // soft hyphen
		"\u0600123 \u06dd4":      "123 4",      // Arabic number sign, end of ayah
		"👍🏽 ok":                  "👍 ok",       // skin tone
		"❤️ love":                "❤ love",     // VS16
		"✈︎ flight":              "✈ flight",   // VS15
		"👨\u200d👩\u200d👧 family": "👨👩👧 family", // zero-width joiners between emoji
		"क्\u200dष":              "क्\u200dष",  // a joiner in Devanagari stays
		"plain 경계현":              "plain 경계현",
		"mark\u200fed \u200eltr": "marked ltr", // RLM, LRM
	}
	for in, want := range cases {
		if got := Clean(in); got != want {
			t.Errorf("Clean(%q) = %q, want %q", in, got, want)
		}
	}
	it := mustLoad(t, header+"events:\n  - {title: \"Dinner 🍷\u00ad👍🏻\", start: 2024-01-26, place: \"\u0600Cairo\"}\n")
	if e := it.Events[0]; e.Title != "Dinner 🍷👍" || e.Place != "Cairo" {
		t.Errorf("loaded %q at %q", e.Title, e.Place)
	}
}

// TestCleanReplacesCharactersNewerThanTerminals: emoji and ideographs
// assigned after Unicode 14.0, which terminals of today draw as nothing
// while the view counts two cells, become U+FFFD; those of 14.0 stay.
func TestCleanReplacesCharactersNewerThanTerminals(t *testing.T) {
	cases := map[string]string{
		"shaking 🫨 face":                    "shaking \ufffd face",               // U+1FAE8, Unicode 15.0
		"🩷🩵🩶":                               "\ufffd\ufffd\ufffd",                // pink, light blue, grey hearts
		"wifi 🛜":                            "wifi \ufffd",                       // U+1F6DC
		"goose \U0001fabf \U0001fae9":       "goose \ufffd \ufffd",               // 15.0, 16.0
		"ext H \U00031350\U000323af":        "ext H \ufffd\ufffd",                // CJK Extension H
		"ext I \U0002ebf0":                  "ext I \ufffd",                      // CJK Extension I
		"melting 🫠 🥹 \U0001faf6 \U0001fa7c": "melting 🫠 🥹 \U0001faf6 \U0001fa7c", // Unicode 14.0
		"ext G \U00030000 \U0003134a 𠀀 漢字":  "ext G \U00030000 \U0003134a 𠀀 漢字",
	}
	for in, want := range cases {
		if got := Clean(in); got != want {
			t.Errorf("Clean(%q) = %q, want %q", in, got, want)
		}
	}
	it := mustLoad(t, header+"events:\n  - {title: \"Party 🫨🩷\", start: 2024-01-26}\n")
	if got := it.Events[0].Title; got != "Party \ufffd\ufffd" {
		t.Errorf("loaded %q", got)
	}
}

func TestQuoteEscapesAndCuts(t *testing.T) {
	cases := map[string]string{
		"kim":                       `"kim"`,
		"\x1b]0;PWNED\a":            `"\x1b]0;PWNED\a"`,
		"\u202ekim\u009b2J":         `"\u202ekim\u009b2J"`,
		"a\"b\\c":                   `"a\"b\\c"`,
		"\xffbad":                   `"\xffbad"`,
		"경계현":                       `"경계현"`,
		strings.Repeat("x", 100000): `"` + strings.Repeat("x", MaxQuoted-1) + `… (97.7 KiB)"`,
	}
	for in, want := range cases {
		if got := Quote(in); got != want {
			t.Errorf("Quote(%.40q) = %s, want %s", in, got, want)
		}
	}
}

func TestQuoteName(t *testing.T) {
	cases := map[string]string{
		"trip.yaml":          "trip.yaml",
		"data/visit.yaml":    "data/visit.yaml",
		"<stdin>":            "<stdin>",
		"서울.yaml":            "서울.yaml",
		"my trip.yaml":       `"my trip.yaml"`,
		"a\x1b[2J.yaml":      `"a\x1b[2J.yaml"`,
		"it's.yaml":          `"it's.yaml"`,
		"rtl\u202elmay.yaml": `"rtl\u202elmay.yaml"`,
		"\xfe.yaml":          `"\xfe.yaml"`,
		"":                   `""`,
	}
	for in, want := range cases {
		if got := QuoteName(in); got != want {
			t.Errorf("QuoteName(%q) = %s, want %s", in, got, want)
		}
	}
	p := Problem{Line: 3, Column: 1, Message: "x"}
	if got := p.Format("a\x1b.yaml"); got != `"a\x1b.yaml":3:1: x` {
		t.Errorf("Format = %q", got)
	}
}

func TestMergeKeys(t *testing.T) {
	src := header + `people: [{id: a, name: A}, {id: b, name: B}]
events:
  - &base {title: Base, start: "2024-01-26 09:00", duration: 1h, kind: meal, participants: [a], place: Here}
  - <<: *base
    title: Own title wins
    place: There
  - <<: [{kind: talk}, *base]
    title: Earlier merge wins
  - {<<: *base, title: With a bad field, plase: red}
`
	_, err := Load("f.yaml", []byte(src))
	if err == nil || !strings.Contains(err.Error(), `f.yaml:11:42: event #4: unknown field "plase"; did you mean "place"?`) {
		t.Fatalf("got %v", err)
	}
	it := mustLoad(t, strings.Replace(src, ", plase: red", "", 1))
	byTitle := map[string]*Event{}
	for i := range it.Events {
		byTitle[it.Events[i].Title] = &it.Events[i]
	}
	if e := byTitle["Own title wins"]; e == nil || e.Place != "There" || e.Kind != "meal" || len(e.Participants) != 1 || e.End.Sub(e.Start).Hours() != 1 {
		t.Errorf("own fields: %+v", e)
	}
	if e := byTitle["Earlier merge wins"]; e == nil || e.Kind != "talk" || e.Place != "Here" {
		t.Errorf("merge order: %+v", e)
	}
	for _, bad := range []string{"  - {<<: 3, title: x, start: 2024-01-26}\n", "  - {<<: [[1]], title: x, start: 2024-01-26}\n"} {
		_, err := Load("f.yaml", []byte(header+"events:\n"+bad))
		if err == nil || !strings.Contains(err.Error(), "a merge key (<<) takes a mapping or a list of mappings") {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

// TestMergeBombStops: merge keys that would bring in millions of mappings
// stop at the limit with a positioned error.
func TestMergeBombStops(t *testing.T) {
	var b strings.Builder
	b.WriteString(header + "events:\n  - &m0 {title: x, start: 2024-01-26}\n")
	for d := 1; d < 8; d++ {
		b.WriteString(fmt.Sprintf("  - &m%d {<<: [%s], title: y}\n", d, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*m%d, ", d-1), 50), ", ")))
	}
	errs := loadErrors(t, b.String())
	if len(errs) != 1 || !strings.HasPrefix(errs[0], "f.yaml:5:20: event #4: ") || !strings.HasSuffix(errs[0], "merge keys (<<) bring in more than 100000 mappings; stopped here") {
		t.Errorf("got %q", errs)
	}
}

// TestLimitsArePositionedErrors checks the count limits an in-memory test
// can reach; the README lists them all.
func TestLimitsArePositionedErrors(t *testing.T) {
	var b strings.Builder
	b.WriteString(header + "people: [{id: a, name: A}]\nevents:\n  - title: x\n    start: 2024-01-26\n    topics: [")
	b.WriteString(strings.Repeat("t, ", MaxPerEvent))
	b.WriteString("t]\n    notes: \"" + strings.Repeat("n", maxText+1) + "\"\n")
	errs := strings.Join(loadErrors(t, b.String()), "\n")
	for _, want := range []string{
		"f.yaml:7:13: event #1: 1001 topics; the limit is 1000",
		"f.yaml:8:12: event #1: notes is 64.0 KiB long; the limit is 64 KiB",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("lacks %q:\n%s", want, errs)
		}
	}
	if errs := loadErrors(t, header+"events: []\nsummary:\n"+strings.Repeat(" ", MaxIndent+1)+"x\n"); errs[0] != "f.yaml:5:201: line indented more than 200 columns; an itinerary does not nest this deep" {
		t.Errorf("got %q", errs)
	}
}

// TestSuggestIsBounded: long values and long candidates get no
// suggestion; short ones still do.
func TestSuggestIsBounded(t *testing.T) {
	long := strings.Repeat("a", 1000)
	if s := suggest(long, []string{long + "b"}); s != "" {
		t.Errorf("suggested %.20q for a long value", s)
	}
	if s := suggest("kyng", []string{long, "kyung"}); s != "kyung" {
		t.Errorf("suggested %q", s)
	}
	if d := boundedDistance([]rune("kitten"), []rune("sitting"), 2); d != 3 {
		t.Errorf("distance %d, want 3 (over the limit of 2)", d)
	}
	if d := boundedDistance([]rune("kitten"), []rune("sitten"), 2); d != 1 {
		t.Errorf("distance %d, want 1", d)
	}
}

// TestProblemsPastTheCapAreCounted: a file with more problems than a load
// keeps says how many there were in all.
func TestProblemsPastTheCapAreCounted(t *testing.T) {
	var b strings.Builder
	b.WriteString(header + "events:\n")
	for i := 0; i < maxCollected+500; i++ {
		b.WriteString("  - {title: x, start: 2024-01-26, kind: bad}\n")
	}
	errs := loadErrors(t, b.String())
	if len(errs) != MaxProblems+1 || errs[MaxProblems] != fmt.Sprintf("f.yaml: and %d more problems", maxCollected+500-MaxProblems) {
		t.Errorf("%d lines, the last %q", len(errs), errs[len(errs)-1])
	}
}
