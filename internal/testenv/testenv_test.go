package testenv

import (
	"os/exec"
	"strings"
	"testing"
)

// TestCommandSkipsForAMissingProgram: a program that is not on PATH skips
// the test (it does not fail it) with a reason naming the package.
func TestCommandSkipsForAMissingProgram(t *testing.T) {
	quiet = true
	defer func() { quiet = false }()
	var reason string
	ok := t.Run("missing", func(t *testing.T) {
		defer func() { reason = lastSkip(t) }()
		Command(t, "visitline-no-such-program", "no-such-package")
		t.Fatal("Command returned for a missing program")
	})
	if !ok {
		t.Fatal("a missing program failed the test instead of skipping it")
	}
	if !strings.Contains(reason, "apt-get install no-such-package") {
		t.Errorf("skip reason %q does not name the package", reason)
	}
}

// TestCommandFindsAProgram: a program on PATH is returned, the test goes on.
func TestCommandFindsAProgram(t *testing.T) {
	want, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go on PATH")
	}
	if got := Command(t, "go", "golang"); got != want {
		t.Errorf("Command = %q, want %q", got, want)
	}
}

// lastSkip gives the reason of a skipped subtest; the testing package keeps
// it only in the log, so Skip records it here too.
func lastSkip(t *testing.T) string {
	if !t.Skipped() {
		return ""
	}
	mu.Lock()
	defer mu.Unlock()
	for r := range told {
		if strings.Contains(r, "no-such-package") {
			return r
		}
	}
	return ""
}
