package data_test

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/visitline/visitline/data"
	"github.com/visitline/visitline/itinerary"
	"gopkg.in/yaml.v3"
)

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	sch, err := jsonschema.NewCompiler().Compile("itinerary.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// instance turns a YAML file into the JSON value a schema validates, the
// way editors do: scalars keep their text (a date stays a string), numbers
// and booleans their type.
func instance(t *testing.T, src []byte) any {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		t.Fatalf("not YAML: %v", err)
	}
	var convert func(n *yaml.Node) any
	convert = func(n *yaml.Node) any {
		switch n.Kind {
		case yaml.DocumentNode:
			return convert(n.Content[0])
		case yaml.AliasNode:
			return convert(n.Alias)
		case yaml.MappingNode:
			m := map[string]any{}
			for i := 0; i+1 < len(n.Content); i += 2 {
				m[n.Content[i].Value] = convert(n.Content[i+1])
			}
			return m
		case yaml.SequenceNode:
			out := []any{}
			for _, c := range n.Content {
				out = append(out, convert(c))
			}
			return out
		}
		switch n.Tag {
		case "!!null":
			return nil
		case "!!bool":
			return n.Value == "true"
		case "!!int", "!!float":
			return json.Number(n.Value)
		}
		return n.Value
	}
	return convert(&doc)
}

// TestShippedFilesMatchSchema validates every itinerary in data/ against
// the schema, and checks each names the schema for editors.
func TestShippedFilesMatchSchema(t *testing.T) {
	sch := compileSchema(t)
	n := 0
	err := fs.WalkDir(data.Files, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		n++
		src, _ := data.Files.ReadFile(path)
		if err := sch.Validate(instance(t, src)); err != nil {
			t.Errorf("%s: %v", path, err)
		}
		want := "# yaml-language-server: $schema=" + strings.Repeat("../", strings.Count(path, "/")) + "itinerary.schema.json\n"
		if !bytes.HasPrefix(src, []byte(want)) {
			t.Errorf("%s does not start with %q", path, want)
		}
		return nil
	})
	if err != nil || n < 2 {
		t.Fatalf("walked %d files: %v", n, err)
	}
}

// TestSchemaAndLoaderRefuseTheSameFiles: the bad files whose faults a
// schema can express are refused by both.
func TestSchemaAndLoaderRefuseTheSameFiles(t *testing.T) {
	sch := compileSchema(t)
	for _, name := range []string{"unknown-fields", "wrong-types", "missing-required", "unknown-kind-status", "version",
		"end-and-duration", "top-level-list", "bad-times"} {
		path := filepath.Join("..", "testdata", "bad", name+".yaml")
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(instance(t, src)); err == nil {
			t.Errorf("%s: the schema accepts it", name)
		}
		if _, err := itinerary.Load(path, src); err == nil {
			t.Errorf("%s: the loader accepts it", name)
		}
	}
	// And a file that uses the format's range is accepted by both.
	good := []byte(`id: trip-1984
title: 1984
timezone: UTC
people: [{id: 7, name: Seven, group: true}]
events:
  - {title: a, start: "2024-01-26 09:00:30", duration: 1h30m, kind: , participants: [7]}
  - {title: b, start: 2024-01-26, end: 2024-01-27, timezone: America/Argentina/Buenos_Aires}
  - {title: c, start: "2024-01-26T09:00+09:00", approximate: true, topics: [x, 2]}
  - {title: d, start: "2024-01-26 13:30", timezone: Europe/Berlin, end: "2024-01-26 16:05", end_timezone: America/Los_Angeles}
`)
	if err := sch.Validate(instance(t, good)); err != nil {
		t.Errorf("schema: %v", err)
	}
	if _, err := itinerary.Load("good.yaml", good); err != nil {
		t.Errorf("loader: %v", err)
	}
}

// TestSchemaNewFields: a bad itinerary id or end_timezone is refused by
// both the schema and the loader.
func TestSchemaNewFields(t *testing.T) {
	sch := compileSchema(t)
	for _, src := range []string{
		"id: \"seoul 2024\"\ntitle: T\ntimezone: UTC\nevents: []\n",
		"id: [x]\ntitle: T\ntimezone: UTC\nevents: []\n",
		"title: T\ntimezone: UTC\nevents: [{title: x, start: \"2024-01-26 09:00\", end: \"2024-01-26 10:00\", end_timezone: Local}]\n",
		"title: T\ntimezone: UTC\nevents: [{title: x, start: \"2024-01-26 09:00\", end: \"2024-01-26 10:00\", end_timezone: [UTC]}]\n",
	} {
		if err := sch.Validate(instance(t, []byte(src))); err == nil {
			t.Errorf("the schema accepts\n%s", src)
		}
		if _, err := itinerary.Load("f.yaml", []byte(src)); err == nil {
			t.Errorf("the loader accepts\n%s", src)
		}
	}
}
