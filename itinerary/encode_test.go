package itinerary

import (
	"bytes"
	"slices"
	"testing"

	"gopkg.in/yaml.v3"
)

const everyField = `version: 1
id: trip
title: A trip
subtitle: Two days
timezone: Europe/Berlin
summary: |
  Line one
  line two
sources:
  - {id: s1, publisher: P, title: T, date: "2025-01-01", url: "https://example.com"}
orgs:
  - {id: o1, name: Org, native: 오르그, color: "#112233"}
people:
  - {id: p1, name: Ann, native: 안, org: o1, role: Lead, group: true, note: "a\nb"}
events:
  - id: e1
    title: Talk
    start: 2025-03-30 01:30
    end: 2025-03-30 03:30
    timezone: Europe/Berlin
    end_timezone: Europe/London
    approximate: true
    kind: meeting
    status: planned
    track: A
    place: Hall
    city: Berlin
    participants: [p1]
    topics: [x]
    notes: "n"
    sources: [s1]
  - {id: e2, title: Day, start: 2025-03-31, end: 2025-04-01}
`

// TestWriteYAMLFieldNames: every key the writer writes is a field the
// reader knows, in the reader's order (the field names of format v1 are
// declared once, in decode.go), and what is written loads back to the same
// text when written again.
func TestWriteYAMLFieldNames(t *testing.T) {
	it, err := Load("every.yaml", []byte(everyField))
	if err != nil {
		t.Fatal(err)
	}
	all := []int{0, 1}
	var out bytes.Buffer
	if err := WriteYAML(&out, it, all); err != nil {
		t.Fatal(err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	root := doc.Content[0]
	checkKeys(t, "top", root, topFields)
	lists := map[string][]string{"sources": sourceFields, "orgs": orgFields, "people": personFields, "events": eventFields}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if fields, ok := lists[root.Content[i].Value]; ok {
			for _, m := range root.Content[i+1].Content {
				checkKeys(t, root.Content[i].Value, m, fields)
			}
		}
	}
	back, err := Load("back.yaml", out.Bytes())
	if err != nil {
		t.Fatalf("written file does not load: %v\n%s", err, out.String())
	}
	var again bytes.Buffer
	if err := WriteYAML(&again, back, all); err != nil {
		t.Fatal(err)
	}
	if again.String() != out.String() {
		t.Errorf("written twice differs:\n%s\n---\n%s", out.String(), again.String())
	}
}

func checkKeys(t *testing.T, where string, m *yaml.Node, fields []string) {
	t.Helper()
	last := -1
	for i := 0; i+1 < len(m.Content); i += 2 {
		at := slices.Index(fields, m.Content[i].Value)
		if at < 0 {
			t.Errorf("%s: the writer writes %q, which the reader does not know", where, m.Content[i].Value)
		} else if at < last {
			t.Errorf("%s: %q out of the reader's order", where, m.Content[i].Value)
		}
		last = max(last, at)
	}
}
