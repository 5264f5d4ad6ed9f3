package data_test

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/visitline/visitline/internal/config"
	"github.com/visitline/visitline/tui"
)

func compileConfigSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	sch, err := jsonschema.NewCompiler().Compile("config.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

var configKnown = config.Known{Actions: tui.ActionNames(), Context: tui.ActionContext, Views: tui.ViewNames()}

// TestConfigSchemaActions: the schema's keys are the key map's actions,
// and its views the view's.
func TestConfigSchemaActions(t *testing.T) {
	b, err := os.ReadFile("config.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Properties struct {
			Keys struct{ Properties map[string]any }
			View struct{ Enum []string }
		}
	}
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	var names []string
	for n := range s.Properties.Keys.Properties {
		names = append(names, n)
	}
	slices.Sort(names)
	want := slices.Sorted(slices.Values(tui.ActionNames()))
	if !slices.Equal(names, want) {
		t.Errorf("schema actions %v, want %v", names, want)
	}
	if !slices.Equal(s.Properties.View.Enum, tui.ViewNames()) {
		t.Errorf("schema views %v, want %v", s.Properties.View.Enum, tui.ViewNames())
	}
}

// TestConfigSchemaAgrees: files the reader takes the schema takes, and
// files the schema refuses the reader refuses too.
func TestConfigSchemaAgrees(t *testing.T) {
	sch := compileConfigSchema(t)
	good := []string{
		"keys:\n  down: [n, ctrl+n]\n  up: k\n",
		"colors: {past: \"#888888\", now: \"208\", org: teal}\ntheme: dark\nview: month\nzones: [Asia/Seoul, UTC]\nremind: [10m, 1h30m]\nweek_start: sunday\n",
		"",
	}
	for _, src := range good {
		if _, err := config.Parse("config.yaml", []byte(src), configKnown); err != nil {
			t.Errorf("reader refuses %q: %v", src, err)
		}
		if src == "" {
			continue
		}
		if err := sch.Validate(instance(t, []byte(src))); err != nil {
			t.Errorf("schema refuses %q: %v", src, err)
		}
	}
	bad := []string{
		"keys:\n  sideways: [x]\n",
		"view: grid\n",
		"theme: blue\n",
		"colors: {pasts: red}\n",
		"remind: [soon]\n",
		"week_start: someday\n",
		"zones: [UTC, UTC, UTC]\n",
		"keyz: {}\n",
	}
	for _, src := range bad {
		if err := sch.Validate(instance(t, []byte(src))); err == nil {
			t.Errorf("schema takes %q", src)
		}
		if _, err := config.Parse("config.yaml", []byte(src), configKnown); err == nil || !strings.HasPrefix(err.Error(), "config.yaml:") {
			t.Errorf("reader takes %q (%v)", src, err)
		}
	}
}
