package cli

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/visitline/visitline/data"
)

// root is the module root, where the commands run that name files as a
// user in a clone does (data/..., calendar/...).
const root = "../.."

// result is what a run of the command showed.
type result struct {
	stdout, stderr string
	code           int
}

// run runs the command in-process in dir, as the binary would run with
// stdout and stderr going to pipes: no terminal, width 0.
func run(t *testing.T, dir string, stdin []byte, args ...string) result {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := os.Chdir(wd); err != nil {
			t.Fatal(err)
		}
	}()
	var out, errb bytes.Buffer
	cmd := Command{Stdin: bytes.NewReader(stdin), Stdout: &out, Stderr: &errb}
	code := cmd.Main(args)
	return result{out.String(), errb.String(), code}
}

// assertRefused checks the exit code 1, an empty stdout and no sign of a
// panic.
func assertRefused(t *testing.T, r result) {
	t.Helper()
	if r.code != 1 {
		t.Errorf("exit code %d, want 1; stderr:\n%s", r.code, r.stderr)
	}
	if r.stdout != "" {
		t.Errorf("stdout not empty: %q", r.stdout)
	}
	if strings.Contains(r.stderr, "panic") || strings.Contains(r.stderr, "goroutine ") {
		t.Errorf("stderr shows a crash:\n%s", r.stderr)
	}
}

func TestPersonFilter(t *testing.T) {
	for _, args := range [][]string{
		{"--person", "경계현"}, {"--person", "KYUNG"}, {"--person", "kye-hyun"}, {"--person", "kyung", "--person", "경계현"},
	} {
		r := run(t, root, nil, append([]string{"--print"}, args...)...)
		if r.code != 0 || !strings.Contains(r.stdout, "3 of 12 events · with Kyung Kye-hyun\n") ||
			strings.Contains(r.stdout, "Lunch") || !strings.Contains(r.stdout, "Dinner with Kyung") {
			t.Errorf("%v: %+v", args, r)
		}
	}
	// As the people picker finds him: by organisation, the only one of it.
	if r := run(t, root, nil, "--print", "--person", "sk group"); r.code != 0 || !strings.Contains(r.stdout, "1 of 12 events · with Chey Tae-won\n") {
		t.Errorf("--person \"sk group\": %+v", r)
	}
	r := run(t, root, nil, "--print", "--person", "altman", "--person", "chey")
	if !strings.Contains(r.stdout, "1 of 12 events · with Sam Altman and Chey Tae-won") {
		t.Errorf("all-of filter: %s", r.stdout)
	}
}

func TestUsageErrors(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--bogus"}, "visitline: flag provided but not defined: -bogus\nRun 'visitline --help' for usage.\n"},
		{[]string{"--tz", "Mars/Base"}, "visitline: --tz: unknown time zone \"Mars/Base\" (use an IANA name such as \"Asia/Seoul\", \"Europe/Zurich\" or \"UTC\"), or \"local\" or \"venue\"\n"},
		{[]string{"--tz", ""}, "visitline: --tz is empty; give an IANA zone such as Europe/London, \"local\" for this machine's zone or \"venue\" for each venue's own\n"},
		{[]string{"--print", "--tz="}, "visitline: --tz is empty; give an IANA zone"},
		{[]string{"--now", ""}, "visitline: --now is empty; give a time in RFC 3339"},
		{[]string{"--now", "noon"}, "visitline: --now \"noon\" is not an RFC 3339 time such as 2024-01-26T12:10:00+09:00\n"},
		{[]string{"--format", "pdf"}, "visitline: --format \"pdf\" is not one of text, md, json, ics, yaml, csv, html\n"},
		{[]string{"--view", "grid"}, "visitline: --view \"grid\" is not one of list, lanes, week, month\n"},
		{[]string{"--person", "nobody"}, "visitline: --person \"nobody\" matches nobody in this itinerary; the people are:\n  altman (Sam Altman, 샘 올트먼)\n"},
		{[]string{"--person", "ceo"}, "visitline: --person \"ceo\" is ambiguous; it matches no name, and these people by organisation or role:\n  altman (Sam Altman, 샘 올트먼) — CEO, OpenAI\n  kyung (Kyung Kye-hyun, 경계현) — President; CEO of the Device Solutions (DS) division, Samsung Electronics\n"},
		{[]string{"--person", "jung"}, "visitline: --person \"jung\" is ambiguous; it matches:\n  lee-jb (Lee Jung-bae, 이정배)\n  kwak (Kwak Noh-jung, 곽노정)\n"},
	}
	for _, c := range cases {
		r := run(t, root, nil, c.args...)
		if r.code != 2 || !strings.HasPrefix(r.stderr, c.want) || r.stdout != "" {
			t.Errorf("%v: code %d stderr %q, want code 2 and a stderr starting %q", c.args, r.code, r.stderr, c.want)
		}
	}
}

func TestVersionAndHelp(t *testing.T) {
	if r := run(t, root, nil, "--version"); r.code != 0 || !strings.HasPrefix(r.stdout, "visitline ") {
		t.Errorf("--version: %+v", r)
	}
	for _, h := range []string{"-h", "--help"} {
		r := run(t, root, nil, h)
		if r.code != 0 || !strings.Contains(r.stdout, "Usage:\n  visitline [flags] [SOURCE…]") || !strings.Contains(r.stdout, "Exit codes") {
			t.Errorf("%s: %+v", h, r)
		}
	}
}

func TestStdinAndFlagsAfterFile(t *testing.T) {
	r := run(t, root, data.Default, "-", "--check")
	if r.code != 0 || r.stdout != "<stdin>: ok (12 events, 15 people)\n" {
		t.Errorf("%+v", r)
	}
}

// TestEdgeArguments: an empty FILE and a --now outside the times an
// itinerary holds are usage errors, not the built-in itinerary or the
// system clock.
func TestEdgeArguments(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--check", ""}, "visitline: FILE is empty; give a file name, \"-\" for standard input, or no FILE for the built-in itinerary\n"},
		{[]string{""}, "visitline: FILE is empty"},
		{[]string{"--now", "0001-01-01T00:00:00Z"}, "visitline: --now \"0001-01-01T00:00:00Z\" is outside the times an itinerary can hold"},
		{[]string{"--now", "9999-12-31T00:00:00Z", "--check"}, "visitline: --now \"9999-12-31T00:00:00Z\" is outside"},
	}
	for _, c := range cases {
		r := run(t, root, nil, c.args...)
		if r.code != 2 || !strings.HasPrefix(r.stderr, c.want) || r.stdout != "" {
			t.Errorf("%q: code %d stderr %q stdout %.80q, want code 2 and a stderr starting %q", c.args, r.code, r.stderr, r.stdout, c.want)
		}
	}
}
