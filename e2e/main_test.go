package e2e

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/visitline/visitline/internal/bgquery"
)

// binary is the visitline binary built once for the end-to-end tests.
var binary string

// TestMain builds the binary from the module root and runs the tests from
// there, as a user runs visitline in a clone: the files they name, and the
// names the binary prints, read data/... and calendar/....
func TestMain(m *testing.M) {
	bgquery.Restore() // as main does, or the tests' children inherit CI
	flag.Parse()
	if err := os.Chdir(".."); err != nil {
		panic(err)
	}
	dir, err := os.MkdirTemp("", "visitline-bin")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "visitline")
	// With the commit stamped when git can give it (for --version); a
	// GOFLAGS=-buildvcs=false in the environment is overridden.
	out, err := exec.Command("go", "build", "-buildvcs=auto", "-o", binary, ".").CombinedOutput()
	if err != nil {
		out, err = exec.Command("go", "build", "-buildvcs=false", "-o", binary, ".").CombinedOutput()
	}
	if err != nil {
		os.RemoveAll(dir)
		panic("go build: " + err.Error() + "\n" + string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// result is what a run of the binary showed.
type result struct {
	stdout, stderr string
	code           int
}

func runBinary(t *testing.T, dir string, stdin []byte, args ...string) result {
	t.Helper()
	return runBinaryIn(t, "UTC", dir, stdin, args...)
}

// runBinaryIn runs the binary with this machine's zone set to tz.
func runBinaryIn(t *testing.T, tz, dir string, stdin []byte, args ...string) result {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TZ="+tz, "NO_COLOR=1")
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run %v: %v", args, err)
	}
	return result{out.String(), errb.String(), code}
}
