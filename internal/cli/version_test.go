package cli

import (
	"runtime/debug"
	"testing"
)

// TestVersionOf: a build with a module version prints it; a build from a
// work tree prints the commit, shortened, and its date, with +dirty for
// changes not committed; without VCS stamps it is "devel".
func TestVersionOf(t *testing.T) {
	vcs := func(modified string) []debug.BuildSetting {
		return []debug.BuildSetting{
			{Key: "vcs", Value: "git"},
			{Key: "vcs.revision", Value: "26d578d0f08bd6bd4d1e5a86a5b5d5dbd8a1a7c2"},
			{Key: "vcs.time", Value: "2026-12-02T15:04:05Z"},
			{Key: "vcs.modified", Value: modified},
		}
	}
	cases := []struct {
		version  string
		settings []debug.BuildSetting
		want     string
	}{
		{"v1.2.3", vcs("false"), "v1.2.3"},
		{"v1.2.4-0.20261202150405-26d578d0f08b", vcs("false"), "v1.2.4-0.20261202150405-26d578d0f08b"},
		{"(devel)", vcs("false"), "devel 26d578d 2026-12-02"},
		{"(devel)", vcs("true"), "devel 26d578d+dirty 2026-12-02"},
		{"", vcs("false"), "devel 26d578d 2026-12-02"},
		// The go command makes this of an untagged commit: no version.
		{"v0.0.0-20261202150405-26d578d0f08b+dirty", vcs("true"), "devel 26d578d+dirty 2026-12-02"},
		{"(devel)", nil, "devel"},
		{"(devel)", []debug.BuildSetting{{Key: "vcs.time", Value: "2026-12-02T23:30:00-05:00"}}, "devel 2026-12-03"},
	}
	for _, c := range cases {
		info := &debug.BuildInfo{Main: debug.Module{Path: "github.com/visitline/visitline", Version: c.version}, Settings: c.settings}
		if got := versionOf(info); got != c.want {
			t.Errorf("%q with %v: got %q, want %q", c.version, c.settings, got, c.want)
		}
	}
}
