package remind

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/visitline/visitline/itinerary"
)

// The test binary is its own hook: with VISITLINE_TEST_HOOK set it
// appends what it was given to that file (or hangs, for "hang") and exits.
func TestMain(m *testing.M) {
	if out := os.Getenv("VISITLINE_TEST_HOOK"); out != "" {
		if strings.HasSuffix(out, "hang") {
			time.Sleep(time.Hour)
		}
		wd, _ := os.Getwd()
		f, err := os.OpenFile(out, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
		if err != nil {
			os.Exit(3)
		}
		var b strings.Builder
		for _, k := range []string{"VISITLINE_TITLE", "VISITLINE_START", "VISITLINE_PLACE", "VISITLINE_IN", "VISITLINE_ID", "VISITLINE_CALENDAR"} {
			b.WriteString(k + "=" + os.Getenv(k) + "\n")
		}
		b.WriteString("args=" + strings.Join(os.Args[1:], " ") + "\n")
		b.WriteString("wd=" + wd + "\n---\n")
		f.WriteString(b.String())
		f.Close()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// fakeClock is a clock the test sets.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}
func (c *fakeClock) After(time.Duration) <-chan time.Time { return make(chan time.Time) }

const trip = `version: 1
id: trip
title: A trip
timezone: Asia/Singapore
remind: [1m]
events:
  - id: debrief
    title: %s
    start: 2027-03-12 18:00
    duration: 1h
    place: Changi T3
  - id: quiet
    title: No reminders
    start: 2027-03-12 18:30
    remind: []
`

func writeTrip(t *testing.T, dir, title string) string {
	t.Helper()
	path := filepath.Join(dir, "trip.yaml")
	q := `"` + strings.ReplaceAll(title, `"`, `\"`) + `"`
	if err := os.WriteFile(path, []byte(strings.Replace(trip, "%s", q, 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func newRunner(t *testing.T, file, state, out string, log *bytes.Buffer, clock *fakeClock) *Runner {
	t.Helper()
	t.Setenv("VISITLINE_TEST_HOOK", out)
	r := New(Config{Files: []string{file}, Load: itinerary.LoadFile, Exec: os.Args[0], State: state, Log: log, Clock: clock})
	r.Reload(file)
	return r
}

func hookRuns(t *testing.T, out string) []string {
	t.Helper()
	b, err := os.ReadFile(out)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	runs := strings.Split(strings.TrimSuffix(string(b), "---\n"), "---\n")
	return runs
}

// TestHookFiresOnce: with remind: [1m], the hook runs a minute before the
// start, once, with the event in its environment; a reload and a restart
// (a new runner on the same state file) do not run it again.
func TestHookFiresOnce(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	file := writeTrip(t, dir, "Delegation debrief")
	state := filepath.Join(dir, "state", "reminders.state")
	out := filepath.Join(dir, "hook.out")
	clock := &fakeClock{now: at("2027-03-12T17:58:59+08:00")}
	var log bytes.Buffer
	r := newRunner(t, file, state, out, &log, clock)
	if next := r.Check(clock.now); !next.Equal(at("2027-03-12T17:59:00+08:00")) {
		t.Errorf("next reminder %v, want 17:59", next)
	}
	r.Wait()
	if runs := hookRuns(t, out); len(runs) != 0 {
		t.Fatalf("the hook ran before the lead: %q", runs)
	}
	clock.now = at("2027-03-12T17:59:00+08:00")
	r.Check(clock.now)
	r.Wait()
	runs := hookRuns(t, out)
	if len(runs) != 1 {
		t.Fatalf("hook ran %d times at the lead, want once: %q", len(runs), runs)
	}
	for _, want := range []string{"VISITLINE_TITLE=Delegation debrief\n", "VISITLINE_START=2027-03-12T18:00:00+08:00\n",
		"VISITLINE_PLACE=Changi T3\n", "VISITLINE_IN=1\n", "VISITLINE_ID=debrief\n", "VISITLINE_CALENDAR=trip\n", "args=\n"} {
		if !strings.Contains(runs[0], want) {
			t.Errorf("hook got\n%s\nwant %q", runs[0], want)
		}
	}
	if !strings.Contains(log.String(), "Reminder: Delegation debrief in 1 min · Changi T3 (lead 1 min, due 17:59 +08)") {
		t.Errorf("log:\n%s", log.String())
	}
	// Later in the same minute, after a reload, and after a restart.
	clock.now = at("2027-03-12T17:59:30+08:00")
	r.Check(clock.now)
	writeTrip(t, dir, "Delegation debrief")
	r.Reload(file)
	r.Check(clock.now)
	r2 := newRunner(t, file, state, out, &log, clock)
	r2.Check(clock.now)
	r.Wait()
	r2.Wait()
	if runs := hookRuns(t, out); len(runs) != 1 {
		t.Errorf("hook ran %d times after a reload and a restart, want once", len(runs))
	}
	// The event with remind: [] never fires; once the debrief has begun
	// nothing is due.
	clock.now = at("2027-03-12T18:29:30+08:00")
	r.Check(clock.now)
	r.Wait()
	if runs := hookRuns(t, out); len(runs) != 1 {
		t.Errorf("hook ran for an event with remind: []: %q", runs)
	}
}

// TestHookNoShell: a title holding $(touch x) reaches the hook as text and
// runs nothing.
func TestHookNoShell(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	title := "Debrief $(touch x) `touch y`; touch z"
	file := writeTrip(t, dir, title)
	out := filepath.Join(dir, "hook.out")
	clock := &fakeClock{now: at("2027-03-12T17:59:10+08:00")}
	var log bytes.Buffer
	r := newRunner(t, file, "", out, &log, clock)
	r.Check(clock.now)
	r.Wait()
	runs := hookRuns(t, out)
	if len(runs) != 1 || !strings.Contains(runs[0], "VISITLINE_TITLE="+title+"\n") {
		t.Fatalf("hook runs %q", runs)
	}
	for _, f := range []string{"x", "y", "z"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			t.Errorf("%s was created: the title ran through a shell", f)
		}
	}
}

// TestMissedOnWake: a runner that wakes after two leads passed fires one
// reminder, the latest, and none once the event has begun.
func TestMissedOnWake(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	file := writeTrip(t, dir, "Delegation debrief")
	src, _ := os.ReadFile(file)
	os.WriteFile(file, []byte(strings.Replace(string(src), "remind: [1m]", "remind: [30m, 10m]", 1)), 0o600)
	out := filepath.Join(dir, "hook.out")
	clock := &fakeClock{now: at("2027-03-12T17:55:00+08:00")}
	var log bytes.Buffer
	r := newRunner(t, file, "", out, &log, clock)
	r.Check(clock.now)
	r.Wait()
	if runs := hookRuns(t, out); len(runs) != 1 || !strings.Contains(runs[0], "VISITLINE_IN=5\n") {
		t.Errorf("after sleeping through two leads: %q", runs)
	}
	if !strings.Contains(log.String(), "(lead 10 min") || strings.Contains(log.String(), "(lead 30 min") {
		t.Errorf("log:\n%s", log.String())
	}
	late := newRunner(t, file, "", filepath.Join(dir, "late.out"), &log, &fakeClock{now: at("2027-03-12T18:00:00+08:00")})
	late.Check(at("2027-03-12T18:00:00+08:00"))
	late.Wait()
	if runs := hookRuns(t, filepath.Join(dir, "late.out")); len(runs) != 0 {
		t.Errorf("a reminder of an event that has begun: %q", runs)
	}
}

// TestHookKilled: a hook that hangs is killed after the timeout.
func TestHookKilled(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	file := writeTrip(t, dir, "Delegation debrief")
	clock := &fakeClock{now: at("2027-03-12T17:59:10+08:00")}
	var log bytes.Buffer
	t.Setenv("VISITLINE_TEST_HOOK", filepath.Join(dir, "hang"))
	r := New(Config{Files: []string{file}, Load: itinerary.LoadFile, Exec: os.Args[0], Log: &log, Clock: clock, HookTimeout: 100 * time.Millisecond})
	r.Reload(file)
	r.Check(clock.now)
	done := make(chan struct{})
	go func() { r.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("the hung hook was not killed")
	}
	if !strings.Contains(log.String(), `"Delegation debrief" (lead 1 min): hook `) || !strings.Contains(log.String(), "killed after 100ms") {
		t.Errorf("log:\n%s", log.String())
	}
}

// tickingClock is a fake clock whose waits end when the test says.
type tickingClock struct {
	fakeClock
	ticks chan time.Time
}

func (c *tickingClock) After(time.Duration) <-chan time.Time { return c.ticks }

// TestRunWatchesAndStops: Run fires what is due, reloads the file when it
// is saved (a new event's reminder fires at its lead), and returns cleanly
// when its context ends, as on SIGTERM.
func TestRunWatchesAndStops(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	file := writeTrip(t, dir, "Delegation debrief")
	out := filepath.Join(dir, "hook.out")
	t.Setenv("VISITLINE_TEST_HOOK", out)
	clock := &tickingClock{fakeClock: fakeClock{now: at("2027-03-12T17:59:00+08:00")}, ticks: make(chan time.Time)}
	var log syncBuffer
	r := New(Config{Files: []string{file}, Load: itinerary.LoadFile, Exec: os.Args[0], Log: &log, Clock: clock})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- r.Run(ctx) }()
	waitFor(t, func() bool { return len(hookRuns(t, out)) == 1 })
	// A save adds an event at 18:20: at 18:19 its reminder fires.
	src, _ := os.ReadFile(file)
	os.WriteFile(file, append(src, "  - {id: added, title: Added, start: \"2027-03-12 18:20\"}\n"...), 0o600)
	waitFor(t, func() bool { return r.loaded("added") })
	clock.mu.Lock()
	clock.now = at("2027-03-12T18:19:00+08:00")
	clock.mu.Unlock()
	clock.ticks <- clock.now
	waitFor(t, func() bool { return len(hookRuns(t, out)) == 2 })
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not stop")
	}
	if runs := hookRuns(t, out); !strings.Contains(runs[1], "VISITLINE_TITLE=Added\n") || !strings.Contains(log.String(), "stopping") {
		t.Errorf("runs %q, log:\n%s", runs, log.String())
	}
}

// waitFor polls cond (a file being written by a hook, a reload landing)
// for up to 10 s.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatal("timed out")
}

// syncBuffer is a log the runner and the test share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestRunWithWatch: with Config.Watch (the caller's watch of a folder),
// a change it signals reloads that file, and stop ends its watch.
func TestRunWithWatch(t *testing.T) {
	dir := t.TempDir()
	file := writeTrip(t, dir, "Delegation debrief")
	changes := make(chan struct{})
	stopped := make(chan struct{})
	watch := func(f string) (<-chan struct{}, func(), error) {
		if f != file {
			t.Errorf("Watch(%q), want %q", f, file)
		}
		return changes, func() { close(stopped) }, nil
	}
	clock := &tickingClock{fakeClock: fakeClock{now: at("2027-03-12T17:00:00+08:00")}, ticks: make(chan time.Time)}
	r := New(Config{Files: []string{file}, Load: itinerary.LoadFile, Watch: watch, Log: io.Discard, Clock: clock})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- r.Run(ctx) }()
	waitFor(t, func() bool { return r.loaded("debrief") })
	src, _ := os.ReadFile(file)
	os.WriteFile(file, append(src, "  - {id: added, title: Added, start: \"2027-03-12 18:20\"}\n"...), 0o600)
	changes <- struct{}{}
	waitFor(t, func() bool { return r.loaded("added") })
	cancel()
	<-done
	select {
	case <-stopped:
	default:
		t.Error("the watch was not stopped")
	}
}

// TestCalendarName: VISITLINE_CALENDAR is the event's calendar in a
// gathered itinerary, else the itinerary's id, else the file's name.
func TestCalendarName(t *testing.T) {
	gathered := &itinerary.Itinerary{ID: "trip", Calendars: []itinerary.Calendar{{Name: "Work"}, {Name: "Home"}}}
	one := &itinerary.Itinerary{ID: "trip", Calendars: []itinerary.Calendar{{Name: "Work"}}}
	for _, c := range []struct {
		it   *itinerary.Itinerary
		file string
		want string
	}{
		{gathered, "cals", "Home"},
		{one, "cals/work.ics", "trip"},
		{&itinerary.Itinerary{}, "dir/visit.yaml", "visit.yaml"},
		{&itinerary.Itinerary{}, "", "visitline"},
	} {
		if got := calendarName(c.file, c.it, &itinerary.Event{Calendar: 1}); got != c.want {
			t.Errorf("calendarName(%q) = %q, want %q", c.file, got, c.want)
		}
	}
}
