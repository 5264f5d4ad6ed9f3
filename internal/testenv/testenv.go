// Package testenv lets a test that needs something from outside Go — a
// program such as tmux or khal, a Python module, a folder of shared test
// data — skip so that a plain `go test ./...` says so, not only `go test -v`.
//
// The go command prints nothing of a passing package but its "ok" line, so a
// skip's reason would be seen only with -v. On Linux, when the go command's
// standard error is a terminal or a pipe, the reason is also written there
// directly, once per reason per test binary.
package testenv

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"testing"
)

var (
	mu    sync.Mutex
	told  = map[string]bool{}
	quiet bool // this package's own tests skip on purpose and say nothing
)

// Skip skips the test with the reason and announces the reason in the
// default output of go test.
func Skip(t testing.TB, format string, args ...any) {
	t.Helper()
	reason := fmt.Sprintf(format, args...)
	announce(reason)
	t.Skip(reason)
}

// Command returns the path of the program name, or skips the test, naming
// the Debian package that installs it, when the program is not on PATH.
func Command(t testing.TB, name, debianPackage string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		Skip(t, "%s is not installed (apt-get install %s; .ci/run installs it)", name, debianPackage)
	}
	return path
}

// announce writes "skipped: reason" to the go command's standard error,
// once per reason, where that reaches a person or a log without clobbering
// it: a terminal or a pipe. A regular file is left alone, as writing through
// a second file description would overwrite what the go command writes next.
func announce(reason string) {
	mu.Lock()
	defer mu.Unlock()
	if told[reason] {
		return
	}
	told[reason] = true
	if quiet || runtime.GOOS != "linux" {
		return
	}
	parent := fmt.Sprintf("/proc/%d", os.Getppid())
	comm, err := os.ReadFile(parent + "/comm")
	if err != nil || string(comm) != "go\n" {
		return // run by hand or by another runner: its -v output shows the skip
	}
	info, err := os.Stat(parent + "/fd/2")
	if err != nil || info.Mode().IsRegular() {
		return
	}
	f, err := os.OpenFile(parent+"/fd/2", os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return
	}
	defer f.Close()
	fmt.Fprintf(f, "skipped: %s\n", reason)
}

// Python returns /usr/bin/python3 when it imports every one of modules, or
// skips the test naming the Debian packages that bring them.
func Python(t testing.TB, debianPackages string, modules ...string) string {
	t.Helper()
	const py = "/usr/bin/python3"
	args := []string{"-c", "import " + strings.Join(modules, ", ")}
	if err := exec.Command(py, args...).Run(); err != nil {
		Skip(t, "%s cannot import %s (apt-get install %s; .ci/run installs it)", py, strings.Join(modules, ", "), debianPackages)
	}
	return py
}
