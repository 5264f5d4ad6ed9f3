package cli

import (
	"runtime/debug"
	"strings"
	"time"
)

// version is the module version from the build info; for a build from a
// work tree, which has none (or only the pseudo-version v0.0.0-… that the
// go command makes of an untagged commit), "devel" and the commit and its
// date, as "devel 26d578d 2026-12-02", with "+dirty" after the commit when
// the tree had changes.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	return versionOf(info)
}

// versionOf is version for this build info.
func versionOf(info *debug.BuildInfo) string {
	var revision, date string
	var dirty bool
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			revision = s.Value
		case "vcs.time":
			if t, err := time.Parse(time.RFC3339, s.Value); err == nil {
				date = t.UTC().Format(time.DateOnly)
			}
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if v := info.Main.Version; v != "" && v != "(devel)" && (revision == "" || !strings.HasPrefix(v, "v0.0.0-")) {
		return v
	}
	v := "devel"
	if revision != "" {
		v += " " + revision[:min(len(revision), 7)]
		if dirty {
			v += "+dirty"
		}
	}
	if date != "" {
		v += " " + date
	}
	return v
}
