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

// TestVersionOfTheBuild: the binary built from a git checkout prints its
// commit: the module version of a tagged build, or "devel" with the short
// commit and its date.
func TestVersionOfTheBuild(t *testing.T) {
	r := runBinary(t, ".", nil, "--version")
	form := regexp.MustCompile(`^visitline (v\d+\.\d+\.\d+\S*|devel( [0-9a-f]{7}(\+dirty)?)?( \d{4}-\d{2}-\d{2})?)\n$`)
	if r.code != 0 || !form.MatchString(r.stdout) {
		t.Fatalf("--version: %+v", r)
	}
	info, err := exec.Command("go", "version", "-m", binary).Output()
	if err != nil {
		t.Fatal(err)
	}
	rev := regexp.MustCompile(`(?m)^\s+build\s+vcs\.revision=([0-9a-f]{40})$`).FindSubmatch(info)
	if rev == nil {
		t.Skipf("the binary has no commit stamped (not built from a git checkout?):\n%s", info)
	}
	if !strings.Contains(r.stdout, " "+string(rev[1][:7])) && !strings.Contains(r.stdout, string(rev[1][:12])) {
		t.Errorf("--version %q does not name the commit %s", r.stdout, rev[1])
	}
}
