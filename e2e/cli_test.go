package e2e

import (
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

func TestPrintInLocalZone(t *testing.T) {
	r := runBinaryIn(t, "Europe/Berlin", ".", nil, "--print", "--tz", "local")
	if !strings.Contains(r.stdout, "times: this machine's zone (CET)") || !strings.Contains(r.stdout, "~01:00–03:30   [reported] Tour of Samsung's") {
		t.Errorf("--tz local in Berlin:\n%s", r.stdout)
	}
}

// TestVersionOfTheBuild: the binary built from a git checkout without a
// tag prints "devel", the short commit (+dirty for uncommitted changes) and
// the commit's date, as its build info has them.
func TestVersionOfTheBuild(t *testing.T) {
	r := runBinary(t, ".", nil, "--version")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "visitline ") {
		t.Fatalf("--version: %+v", r)
	}
	info, err := exec.Command("go", "version", "-m", binary).Output()
	if err != nil {
		t.Fatal(err)
	}
	setting := func(key string) string {
		m := regexp.MustCompile(`(?m)^\s+build\s+` + regexp.QuoteMeta(key) + `=(\S+)$`).FindSubmatch(info)
		if m == nil {
			return ""
		}
		return string(m[1])
	}
	rev, when := setting("vcs.revision"), setting("vcs.time")
	mod := regexp.MustCompile(`(?m)^\s+mod\s+\S+\s+(\S+)`).FindSubmatch(info)
	if len(rev) < 7 || len(when) < 10 || mod == nil {
		t.Skipf("the binary has no commit stamped (not built from a git checkout?):\n%s", info)
	}
	if v := string(mod[1]); v != "(devel)" && !strings.HasPrefix(v, "v0.0.0-") {
		t.Skipf("a tagged build (%s)", v)
	}
	want := "visitline devel " + rev[:7]
	if setting("vcs.modified") == "true" {
		want += "+dirty"
	}
	want += " " + when[:10] + "\n"
	if r.stdout != want {
		t.Errorf("--version printed %q, want %q", r.stdout, want)
	}
}
