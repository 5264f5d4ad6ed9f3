package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var known = Known{
	Actions: []string{"up", "down", "names", "input_down", "quit"},
	Context: func(a string) string {
		if a == "input_down" {
			return "input"
		}
		return "view"
	},
	Views: []string{"list", "lanes", "week", "month"},
}

func TestParseGood(t *testing.T) {
	c, err := Parse("config.yaml", []byte(`keys:
  down: [n, ctrl+n]
  input_down: n   # another context: no clash
colors: {past: "#888888", now: "208"}
theme: light
view: week
zones: [Asia/Seoul, Europe/Paris]
remind: [10m, 1h]
week_start: sunday
refresh: 1h
`), known)
	if err != nil {
		t.Fatal(err)
	}
	if km := c.KeyMap(); strings.Join(km["down"], ",") != "n,ctrl+n" || strings.Join(km["input_down"], ",") != "n" {
		t.Errorf("keys: %v", km)
	}
	if c.Colors["now"] != "208" || c.Theme != "light" || c.View != "week" || len(c.Zones) != 2 ||
		c.Zones[0].String() != "Asia/Seoul" || len(c.Remind) != 2 || c.Remind[1] != time.Hour ||
		c.WeekStart == nil || *c.WeekStart != time.Sunday || c.Refresh != time.Hour {
		t.Errorf("parsed %+v", c)
	}
}

func TestParseBad(t *testing.T) {
	cases := []struct{ file, want string }{
		{"keys:\n  down: [n]\n  sideway: [x]\n", `config.yaml:3:3: unknown action "sideway" (the actions:`},
		{"keys:\n  down: [n]\n  names: [x, n]\n", `config.yaml:3:14: key "n" is bound to both "down" (line 2) and "names"`},
		{"view: weak\n", `config.yaml:1:7: unknown view "weak"; did you mean "week"?`},
		{"zones: [Mars/Olympus]\n", `config.yaml:1:9: zones: unknown time zone "Mars/Olympus"`},
		{"zones: [UTC, UTC, UTC]\n", `config.yaml:1:8: zones: one or two zones, not 3`},
		{"remind: [soon]\n", `config.yaml:1:10: remind: "soon" is not a lead`},
		{"week_start: mondey\n", `config.yaml:1:13: week_start "mondey" is not a day; did you mean "monday"?`},
		{"colors: {pasts: red}\n", `config.yaml:1:10: unknown colour role "pasts"; did you mean "past"?`},
		{"theme: blue\n", `config.yaml:1:8: theme "blue" is not light or dark`},
		{"refresh: 30s\n", `config.yaml:1:10: refresh: "30s" is not a duration of a minute or more`},
		{"keyz: {}\n", `config.yaml:1:1: unknown setting "keyz"; did you mean "keys"?`},
		{"- a\n", `config.yaml:1:1: the config file is a mapping`},
	}
	for _, c := range cases {
		_, err := Parse("config.yaml", []byte(c.file), known)
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%q: got %v, want %q", c.file, err, c.want)
		}
	}
}

func TestLoadMissing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.yaml")
	if c, err := Load(path, true, known); err != nil || len(c.Keys) != 0 {
		t.Errorf("a missing default file: %v, %v", c, err)
	}
	if _, err := Load(path, false, known); err == nil {
		t.Error("a missing --config FILE should be an error")
	}
	os.WriteFile(path, []byte(strings.Repeat("#", maxSize+1)), 0o644)
	if _, err := Load(path, false, known); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("a huge file: %v", err)
	}
}
