package cli

import (
	"flag"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// TestServeUsage: visitline serve --help lists every declared flag once,
// in order, within 80 cells; the main --help points to it.
func TestServeUsage(t *testing.T) {
	r := run(t, root, nil, "serve", "--help")
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("serve --help: %+v", r)
	}
	fs := newServeFlagSet(&serveOptions{})
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	if n != len(fs.order) {
		t.Fatalf("%d declared, %d listed", n, len(fs.order))
	}
	last := -1
	for _, name := range fs.order {
		i := strings.Index(r.stdout, "\n  --"+name+" ")
		if i < 0 || i < last {
			t.Errorf("--%s missing or out of order", name)
		}
		last = i
	}
	for _, l := range strings.Split(r.stdout, "\n") {
		if ansi.StringWidth(l) > 80 {
			t.Errorf("line wider than 80: %q", l)
		}
	}
	if !strings.Contains(usage(), "visitline serve [flags] FILE") {
		t.Error("--help does not mention serve")
	}
}

// TestServeUsageErrors: serve's usage errors exit 2 before anything
// listens; an itinerary that does not load exits 1.
func TestServeUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"serve", "data/visit.yaml"}, 2, "--authorized-keys FILE is required"},
		{[]string{"serve", "--authorized-keys", "k"}, 2, "give the itinerary FILE to serve"},
		{[]string{"serve", "--authorized-keys", "k", "-"}, 2, "not standard input"},
		{[]string{"serve", "--authorized-keys", "k", "a.yaml", "b.yaml"}, 1, "a.yaml: no such file"},
		{[]string{"serve", "--authorized-keys", "k", "--max-sessions", "0", "a.yaml"}, 2, "--max-sessions 0"},
		{[]string{"serve", "--authorized-keys", "k", "--idle", "0s", "a.yaml"}, 2, "--idle 0s"},
		{[]string{"serve", "--authorized-keys", "k", "--tz", "venue", "data/visit.yaml"}, 2, "--tz venue is not offered"},
		{[]string{"serve", "--authorized-keys", "k", "--tz", "Mars/Base", "data/visit.yaml"}, 2, "--tz"},
		{[]string{"serve", "--bogus"}, 2, "flag provided but not defined"},
		{[]string{"serve", "--authorized-keys", "k", "testdata/no-such.yaml"}, 1, "no-such.yaml"},
		{[]string{"serve", "--authorized-keys", "no-such-keys", "--listen", "127.0.0.1:0", "data/visit.yaml"}, 2, "no-such-keys"},
	} {
		r := run(t, root, nil, tc.args...)
		if r.code != tc.code || !strings.Contains(r.stderr, tc.want) || r.stdout != "" {
			t.Errorf("%q: exit %d, stderr %q, want %d %q", tc.args, r.code, r.stderr, tc.code, tc.want)
		}
	}
}

// TestWithTicks: the merged signal comes on a change and on each tick,
// and a closed change channel leaves the ticks.
func TestWithTicks(t *testing.T) {
	changes := make(chan struct{})
	stop := make(chan struct{})
	defer close(stop)
	out := withTicks(changes, time.Hour, stop)
	changes <- struct{}{}
	<-out
	// Closed, the changes leave the ticks, on the same output.
	changes = make(chan struct{})
	ticks := withTicks(changes, time.Millisecond, stop)
	close(changes)
	for range 3 {
		select {
		case <-ticks:
		case <-time.After(10 * time.Second):
			t.Fatal("no tick after the changes closed")
		}
	}
}
