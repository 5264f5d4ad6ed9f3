package tui

import (
	"os"
	"strings"
	"testing"

	goldenfile "github.com/visitline/visitline/internal/golden"
)

// keysDoc is the generated key reference of the manual.
const keysDoc = "../docs/keys.md"

// TestKeysDoc: docs/keys.md is what KeysMarkdown makes from the key map, so
// the manual never lists a key the view does not have, or misses one.
// -update rewrites it.
func TestKeysDoc(t *testing.T) {
	want := KeysMarkdown()
	if goldenfile.Updating() {
		if err := os.WriteFile(keysDoc, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(keysDoc)
	if err != nil {
		t.Fatalf("%v; make it with: go test ./tui -run TestKeysDoc -update", err)
	}
	if string(got) != want {
		t.Errorf("docs/keys.md is not current with the key map (tui/keys.go); regenerate it with:\n\tgo test ./tui -run TestKeysDoc -update\nfirst difference at line %d", firstDiffLine(string(got), want))
	}
}

// TestKeysDocListsEveryKey: every key of every binding, the keys of the
// text fields and every legend symbol appear in the generated page, in
// code, under a heading of the ? page.
func TestKeysDocListsEveryKey(t *testing.T) {
	doc := KeysMarkdown()
	km := DefaultKeyMap()
	for _, b := range append(km.all(), km.inputKeys()...) {
		for _, k := range b.Keys() {
			if !strings.Contains(doc, "`"+keyName(k)+"`") {
				t.Errorf("key %q (%s) is not in docs/keys.md", k, b.Help().Desc)
			}
		}
	}
	for _, r := range legendRows() {
		if !strings.Contains(doc, "| "+mdCode(r.keys)+" | ") {
			t.Errorf("symbol %q is not in docs/keys.md", r.keys)
		}
	}
	for _, s := range keySections() {
		if !strings.Contains(doc, "\n## "+s.title+"\n") {
			t.Errorf("no heading %q", s.title)
		}
	}
}

// firstDiffLine is the number of the first line where a and b differ.
func firstDiffLine(a, b string) int {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return i + 1
		}
	}
	return min(len(al), len(bl)) + 1
}
