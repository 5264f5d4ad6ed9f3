// Package remind is `visitline remind`: a foreground runner that watches
// itinerary files and, at each reminder's lead time, sends a desktop
// notification and/or runs a hook program with the event in environment
// variables. Each reminder fires once, also across reloads and restarts: the
// reminders fired are kept in a small state file.
package remind

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/visitline/visitline/agenda"
	"github.com/visitline/visitline/itinerary"
)

// HookTimeout is how long a hook may run before it is killed.
const HookTimeout = 30 * time.Second

// maxSleep bounds one wait of the loop, so that a clock that jumps (a
// laptop that slept) is noticed within it.
const maxSleep = time.Minute

// Clock is the runner's time: the real one, or a fake in tests.
type Clock interface {
	Now() time.Time
	After(d time.Duration) <-chan time.Time
}

type realClock struct{}

func (realClock) Now() time.Time                         { return time.Now() }
func (realClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// Notifier sends a desktop notification.
type Notifier interface {
	Notify(summary, body string) error
}

// Config is what a Runner needs.
type Config struct {
	// Files are the itineraries to watch — files or folders of calendars;
	// "" is the built-in one.
	Files []string
	// Watch, when not nil, follows one of Files: it signals on changes
	// until stop is called (the caller's watch of folders). Without it the
	// runner watches each file's directory itself.
	Watch func(file string) (changes <-chan struct{}, stop func(), err error)
	// Load reads one of Files.
	Load func(file string) (*itinerary.Itinerary, error)
	// Exec is the hook program run at each reminder, or "".
	Exec string
	// Notifier sends desktop notifications; nil sends none.
	Notifier Notifier
	// State is the state file of the reminders fired; "" keeps none.
	State string
	// Log receives the log lines.
	Log io.Writer
	// Clock is the time; nil is the real clock.
	Clock Clock
	// HookTimeout is how long a hook may run; 0 is HookTimeout.
	HookTimeout time.Duration
}

// Runner fires the reminders of its files.
type Runner struct {
	cfg   Config
	mu    sync.Mutex                      // its, for loaded
	its   map[string]*itinerary.Itinerary // by file
	fired map[string]time.Time            // reminder keys and the starts of their events
	hooks sync.WaitGroup
}

// New makes a runner and reads its state file.
func New(cfg Config) *Runner {
	if cfg.Clock == nil {
		cfg.Clock = realClock{}
	}
	if cfg.HookTimeout == 0 {
		cfg.HookTimeout = HookTimeout
	}
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	r := &Runner{cfg: cfg, its: map[string]*itinerary.Itinerary{}, fired: map[string]time.Time{}}
	r.readState()
	return r
}

// StatePath is the state file under $XDG_STATE_HOME/visitline/ (or
// ~/.local/state/visitline/), or "" when neither is known.
func StatePath() string {
	dir := os.Getenv("XDG_STATE_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return ""
		}
		dir = filepath.Join(home, ".local", "state")
	}
	return filepath.Join(dir, "visitline", "reminders.state")
}

// Reload reads file again; an error is logged and the last good copy kept.
func (r *Runner) Reload(file string) {
	it, err := r.cfg.Load(file)
	if err != nil {
		r.logf("%s: %v (keeping the last copy)", name(file), err)
		return
	}
	r.mu.Lock()
	r.its[file] = it
	r.mu.Unlock()
}

// loaded reports whether an event with the id is in a file loaded.
func (r *Runner) loaded(id string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, it := range r.its {
		for i := range it.Events {
			if it.Events[i].ID == id {
				return true
			}
		}
	}
	return false
}

func name(file string) string {
	if file == "" {
		return "the built-in itinerary"
	}
	return itinerary.QuoteName(file)
}

// Check fires the reminders due at now that have not fired, and returns
// when the next one is due (zero: none).
func (r *Runner) Check(now time.Time) time.Time {
	var next time.Time
	changed := false
	for _, file := range r.cfg.Files {
		r.mu.Lock()
		it := r.its[file]
		r.mu.Unlock()
		if it == nil {
			continue
		}
		events := it.Select(itinerary.Filter{})
		due, passed := agenda.DueReminders(it, events, now, func(key string) bool { _, ok := r.fired[file+"|"+key]; return ok })
		for _, p := range passed {
			r.fired[file+"|"+agenda.ReminderKey(it, p)] = it.Events[p.Event].Start
		}
		for _, d := range due {
			r.fired[file+"|"+agenda.ReminderKey(it, d)] = it.Events[d.Event].Start
			r.fire(file, it, d, now)
			changed = true
		}
		if n := agenda.NextReminder(it, events, now); !n.IsZero() && (next.IsZero() || n.Before(next)) {
			next = n
		}
	}
	if changed {
		r.writeState(now)
	}
	return next
}

// fire sends the notification and starts the hook of reminder d.
func (r *Runner) fire(file string, it *itinerary.Itinerary, d agenda.Reminder, now time.Time) {
	e := &it.Events[d.Event]
	text := agenda.ReminderText(it, d, now)
	r.logf("%s (lead %s, due %s)", text, leadText(d.Lead), d.At(it).In(e.Zone).Format("15:04 MST"))
	if r.cfg.Notifier != nil {
		body := agenda.StartLabel(it, d.Event, nil)
		if p := agenda.Place(e); p != "" {
			body += " · " + p
		}
		if err := r.cfg.Notifier.Notify(e.Title+" in "+agenda.Countdown(now, e.Start), body); err != nil {
			r.logf("%q: notification not sent: %v", e.Title, err)
		}
	}
	if r.cfg.Exec == "" {
		return
	}
	env := append(os.Environ(),
		"VISITLINE_TITLE="+e.Title,
		"VISITLINE_START="+e.Start.In(e.Zone).Format(time.RFC3339),
		"VISITLINE_PLACE="+agenda.Place(e),
		"VISITLINE_IN="+strconv.Itoa(int(e.Start.Sub(now).Round(time.Minute)/time.Minute)),
		"VISITLINE_ID="+e.ID,
		"VISITLINE_CALENDAR="+calendarName(file, it, e),
	)
	r.hooks.Add(1)
	go func() {
		defer r.hooks.Done()
		r.runHook(e.Title, leadText(d.Lead), env)
	}()
}

// calendarName names the calendar an event is in: the name of its
// calendar when the itinerary gathers several (a folder), else the
// itinerary's id, else its file's name.
func calendarName(file string, it *itinerary.Itinerary, e *itinerary.Event) string {
	if len(it.Calendars) > 1 && e.Calendar >= 0 && e.Calendar < len(it.Calendars) {
		return it.Calendars[e.Calendar].Name
	}
	if it.ID != "" {
		return it.ID
	}
	if file == "" {
		return "visitline"
	}
	return filepath.Base(file)
}

// runHook runs the hook with env and no arguments, never through a shell,
// killing it after the timeout.
func (r *Runner) runHook(title, lead string, env []string) {
	ctx, cancel := context.WithTimeout(context.Background(), r.cfg.HookTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, r.cfg.Exec)
	cmd.Env = env
	cmd.Stdin = nil
	cmd.WaitDelay = time.Second
	err := cmd.Run()
	switch {
	case ctx.Err() != nil:
		r.logf("%q (lead %s): hook %s killed after %s", title, lead, r.cfg.Exec, r.cfg.HookTimeout)
	case err != nil:
		r.logf("%q (lead %s): hook %s: %v", title, lead, r.cfg.Exec, err)
	}
}

// Wait waits for the hooks running.
func (r *Runner) Wait() { r.hooks.Wait() }

func leadText(d time.Duration) string {
	if d == 0 {
		return "at the start"
	}
	return agenda.DurationLabel(d)
}

func (r *Runner) logf(format string, args ...any) {
	fmt.Fprintf(r.cfg.Log, "%s %s\n", r.cfg.Clock.Now().Format("2006-01-02 15:04:05"), fmt.Sprintf(format, args...))
}

// Run loads the files, watches their directories and fires reminders until
// ctx ends (SIGTERM), then waits for the hooks running.
func (r *Runner) Run(ctx context.Context) error {
	for _, f := range r.cfg.Files {
		r.Reload(f)
	}
	changes, stop := r.watch()
	defer stop()
	for {
		now := r.cfg.Clock.Now()
		next := r.Check(now)
		sleep := maxSleep
		if !next.IsZero() && next.Sub(now) < sleep {
			sleep = max(next.Sub(now), time.Second)
		}
		select {
		case <-ctx.Done():
			r.logf("stopping")
			r.Wait()
			return nil
		case <-r.cfg.Clock.After(sleep):
		case f := <-changes:
			r.Reload(f)
		}
	}
}

// watch follows the files (with Config.Watch, or by watching their
// directories, so that an editor's save by rename is seen) and sends the
// file that changed.
func (r *Runner) watch() (<-chan string, func()) {
	if r.cfg.Watch == nil {
		return r.watchDirs()
	}
	out := make(chan string, 1)
	done := make(chan struct{})
	var stops []func()
	for _, f := range r.cfg.Files {
		if f == "" || f == "-" {
			continue
		}
		changes, stop, err := r.cfg.Watch(f)
		if err != nil {
			r.logf("%s: not watched: %v", name(f), err)
			continue
		}
		stops = append(stops, stop)
		go func() {
			for {
				select {
				case <-done:
					return
				case _, ok := <-changes:
					if !ok {
						return
					}
					select {
					case out <- f:
					case <-done:
						return
					}
				}
			}
		}()
	}
	return out, func() {
		close(done)
		for _, stop := range stops {
			stop()
		}
	}
}

// watchDirs watches the directories of the files and sends the file that
// changed.
func (r *Runner) watchDirs() (<-chan string, func()) {
	out := make(chan string, 1)
	w, err := fsnotify.NewWatcher()
	if err != nil {
		r.logf("not watching the files: %v", err)
		return out, func() {}
	}
	byPath := map[string]string{}
	for _, f := range r.cfg.Files {
		if f == "" || f == "-" {
			continue
		}
		abs, err := filepath.Abs(f)
		if err != nil {
			continue
		}
		byPath[abs] = f
		if err := w.Add(filepath.Dir(abs)); err != nil {
			r.logf("%s: not watched: %v", name(f), err)
		}
	}
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-done:
				return
			case ev, ok := <-w.Events:
				if !ok {
					return
				}
				if f, ok := byPath[filepath.Clean(ev.Name)]; ok && ev.Op&(fsnotify.Write|fsnotify.Create|fsnotify.Rename) != 0 {
					select {
					case out <- f:
					case <-done:
						return
					}
				}
			case _, ok := <-w.Errors:
				if !ok {
					return
				}
			}
		}
	}()
	return out, func() { close(done); w.Close() }
}

// stateHorizon is how long after an event's start its fired reminders are
// kept in the state file.
const stateHorizon = time.Hour

// readState reads the state file: one reminder a line, the start of its
// event (RFC 3339), a tab, its key.
func (r *Runner) readState() {
	if r.cfg.State == "" {
		return
	}
	b, err := os.ReadFile(r.cfg.State)
	if err != nil {
		if !errors.Is(err, os.ErrNotExist) {
			r.logf("state %s: %v", r.cfg.State, err)
		}
		return
	}
	for _, line := range strings.Split(string(b), "\n") {
		start, key, ok := strings.Cut(line, "\t")
		t, err := time.Parse(time.RFC3339, start)
		if ok && err == nil {
			r.fired[key] = t
		}
	}
}

// writeState writes the state file, keeping the reminders of events that
// started less than stateHorizon before now.
func (r *Runner) writeState(now time.Time) {
	if r.cfg.State == "" {
		return
	}
	var b []byte
	for key, start := range r.fired {
		if now.Sub(start) > stateHorizon {
			delete(r.fired, key)
			continue
		}
		b = append(b, start.UTC().Format(time.RFC3339)+"\t"+key+"\n"...)
	}
	if err := os.MkdirAll(filepath.Dir(r.cfg.State), 0o700); err != nil {
		r.logf("state: %v", err)
		return
	}
	tmp := r.cfg.State + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		r.logf("state: %v", err)
		return
	}
	if err := os.Rename(tmp, r.cfg.State); err != nil {
		r.logf("state: %v", err)
	}
}
