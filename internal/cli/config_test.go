package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestConfigErrors: a bad config file, given or at the default path, is a
// usage error with every problem positioned.
func TestConfigErrors(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config.yaml")
	os.WriteFile(path, []byte("keys:\n  down: [n]\n  up: k\n  sideways: [x]\n  names: [n]\n"), 0o644)
	r := run(t, root, nil, "--config", path, "--print")
	want := path + ":4:3: unknown action \"sideways\" (the actions: up, down,"
	if r.code != 2 || !strings.HasPrefix(r.stderr, want) || !strings.Contains(r.stderr, path+":5:11: key \"n\" is bound to both \"down\" (line 2) and \"names\"\n") {
		t.Errorf("code %d stderr %q, want 2 and %q, then the duplicate", r.code, r.stderr, want)
	}
	// The default path: $XDG_CONFIG_HOME/visitline/config.yaml.
	t.Setenv("XDG_CONFIG_HOME", dir)
	os.MkdirAll(filepath.Join(dir, "visitline"), 0o755)
	os.WriteFile(filepath.Join(dir, "visitline", "config.yaml"), []byte("view: weak\n"), 0o644)
	if r := run(t, root, nil, "--print"); r.code != 2 || !strings.Contains(r.stderr, "visitline/config.yaml:1:7: unknown view \"weak\"; did you mean \"week\"?") {
		t.Errorf("default path: code %d stderr %q", r.code, r.stderr)
	}
	os.WriteFile(filepath.Join(dir, "visitline", "config.yaml"), []byte("view: week\nzones: [UTC]\n"), 0o644)
	if r := run(t, root, nil, "--print"); r.code != 0 || !strings.Contains(r.stdout, "UTC") {
		t.Errorf("a good config: code %d stderr %q", r.code, r.stderr)
	}
	if r := run(t, root, nil, "--config", filepath.Join(dir, "none.yaml"), "--print"); r.code != 2 {
		t.Errorf("a missing --config FILE: code %d", r.code)
	}
}
