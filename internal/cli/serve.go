package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/visitline/visitline/internal/serve"
	"github.com/visitline/visitline/internal/source"
	"github.com/visitline/visitline/itinerary"
)

// serveOptions are the parsed flags of visitline serve.
type serveOptions struct {
	listen, authorizedKeys, hostKey string
	maxSessions                     int
	idle                            time.Duration
	rate                            float64
	tz, now                         string
	sources                         []string
}

// newServeFlagSet declares serve's flags into o.
func newServeFlagSet(o *serveOptions) *flagSet {
	fs := &flagSet{FlagSet: flag.NewFlagSet("visitline serve", flag.ContinueOnError)}
	fs.SetOutput(io.Discard)
	fs.StringVar(&o.listen, "listen", serve.DefaultListen, "listen on `ADDR` (host:port); beyond loopback only when you mean it")
	fs.add("listen")
	fs.StringVar(&o.authorizedKeys, "authorized-keys", "", "who may connect: an OpenSSH authorized_keys `FILE`, read again when it changes; a line may carry person=\"ID\" (the session opens on that person) and restrict or no-* options (required)")
	fs.add("authorized-keys")
	fs.StringVar(&o.hostKey, "host-key", "", "the server's ed25519 host key `FILE`, made on first start, mode 0600 (default: $XDG_DATA_HOME/visitline/ssh_host_ed25519)")
	fs.add("host-key")
	fs.IntVar(&o.maxSessions, "max-sessions", serve.DefaultMaxSessions, fmt.Sprintf("at most `N` sessions at once (and %d per key)", serve.DefaultPerKey))
	fs.add("max-sessions")
	fs.DurationVar(&o.idle, "idle", serve.DefaultIdle, "close a view after `DURATION` without a key, with a notice")
	fs.add("idle")
	fs.Float64Var(&o.rate, "rate", serve.DefaultRate, "new connections a second one address may open (in bursts of four times `N`); 0 for no limit")
	fs.add("rate")
	fs.StringVar(&o.tz, "tz", "", "show times in this IANA `ZONE` to clients that send no TZ (ssh -o SendEnv=TZ) (default: the itinerary's zone)")
	fs.add("tz")
	fs.StringVar(&o.now, "now", "", "pretend it is `TIME` (RFC 3339) for the now marker")
	fs.add("now")
	return fs
}

// serveUsageHeader opens visitline serve --help.
const serveUsageHeader = `visitline serve shares one live itinerary over SSH, read-only.

Usage:
  visitline serve [--listen ADDR] --authorized-keys FILE [--host-key FILE]
                  SOURCE...

Each key in the authorized_keys FILE may connect with any ssh client
(ssh -p 2222 trip@host) and gets the interactive view, opened on the person
its line names; without a terminal (ssh -T, or a command) it gets the text
agenda, or md, json or ics when the command names one. SOURCE is an
itinerary or calendar file, or a folder of them (several are shared
together, as the view opens them); when one changes, every session shows
the new version.

Flags:
`

// serveUsageFooter follows the flags.
const serveUsageFooter = `
Exit codes: 0 stopped by SIGTERM or SIGINT, every session closed with a
notice; 1 the itinerary cannot be read; 2 usage error (flags, a bad line of
the authorized_keys FILE as FILE:LINE: message, the host key, the address).
`

// serveUsage is serve's --help, from its flags' declarations.
func serveUsage() string {
	var b strings.Builder
	b.WriteString(serveUsageHeader)
	fs := newServeFlagSet(&serveOptions{})
	fs.writeRows(&b)
	b.WriteString(serveUsageFooter)
	return b.String()
}

// parseServeArgs parses serve's flags and SOURCE, in any order.
func parseServeArgs(args []string) (serveOptions, error) {
	var o serveOptions
	fs := newServeFlagSet(&o)
	for {
		if err := fs.Parse(args); err != nil {
			return o, err
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		o.sources = append(o.sources, args[0])
		args = args[1:]
	}
	switch {
	case o.authorizedKeys == "":
		return o, errors.New("--authorized-keys FILE is required: the OpenSSH public keys that may connect")
	case len(o.sources) == 0:
		return o, errors.New("give the itinerary FILE to serve")
	case slices.Contains(o.sources, "-") || slices.Contains(o.sources, ""):
		return o, errors.New("serve needs itinerary files or folders, which it follows as they change; not standard input")
	case o.maxSessions < 1:
		return o, fmt.Errorf("--max-sessions %d: at least 1", o.maxSessions)
	case o.idle <= 0:
		return o, fmt.Errorf("--idle %v: a duration above 0, such as 30m", o.idle)
	case o.rate < 0:
		return o, fmt.Errorf("--rate %g: 0 (no limit) or more", o.rate)
	}
	return o, nil
}

// serve is visitline serve.
func (c Command) serve(args []string) int {
	o, err := parseServeArgs(args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(c.Stdout, serveUsage())
		return ExitOK
	}
	if err != nil {
		fmt.Fprintf(c.Stderr, "visitline serve: %v\nRun 'visitline serve --help' for usage.\n", err)
		return ExitUsage
	}
	view := options{tz: o.tz, now: o.now, view: "list"}
	s, err := view.settings()
	if err == nil && s.venue {
		err = errors.New(`--tz venue is not offered over SSH; give a zone`)
	}
	if err != nil {
		fmt.Fprintf(c.Stderr, "visitline serve: %v\n", err)
		return ExitUsage
	}
	it, src, err := loadAll(o.sources, nil, progressTo(c.Stderr))
	name := src.Name
	for _, l := range src.Warnings() {
		fmt.Fprintln(c.Stderr, l)
	}
	if err != nil {
		c.loadFailed(name, err)
		return ExitInvalid
	}
	for _, l := range itinerary.FormatProblems(name, it.Warnings) {
		fmt.Fprintln(c.Stderr, l)
	}
	watch, changes := "", (<-chan struct{})(nil)
	switch src.Kind {
	case source.File:
		watch = src.Name
	case source.Gathered: // folders or several files: watched as the view watches them
		w, err := src.Watch()
		if err != nil {
			fmt.Fprintf(c.Stderr, "visitline serve: %v\n", err)
			return ExitInvalid
		}
		if w != nil {
			defer w.Stop()
			changes = w.C
			if warning := w.Warning(); warning != "" {
				fmt.Fprintf(c.Stderr, "visitline serve: %s\n", itinerary.CleanLine(warning))
			}
		}
	}
	if src.Remote() { // a subscribed calendar: fetched again every defaultRefresh
		stop := make(chan struct{})
		defer close(stop)
		changes = withTicks(changes, defaultRefresh, stop)
	}
	err = serve.Serve(serve.Config{
		Listen: o.listen, AuthorizedKeys: o.authorizedKeys, HostKey: o.hostKey,
		Name: name, Watch: watch, Changes: changes, Itinerary: it,
		Load: src.Loader(),
		Zone: s.zone, Now: s.now, Person: keyPerson,
		MaxSessions: o.maxSessions, PerKey: serve.DefaultPerKey, Idle: o.idle, Rate: o.rate,
		Log: c.Stderr,
	})
	var se *serve.StartError
	switch {
	case errors.As(err, &se):
		fmt.Fprintf(c.Stderr, "visitline serve: %v\n", se.Err)
		return ExitUsage
	case err != nil:
		fmt.Fprintf(c.Stderr, "visitline serve: %v\n", err)
		return ExitInvalid
	}
	return ExitOK
}

// keyPerson resolves the person="ID" of an authorized_keys line as
// --person is resolved, the candidates named in the error.
func keyPerson(it *itinerary.Itinerary, query string) (int, error) {
	people, err := resolvePeople(it, []string{query})
	if err != nil {
		return -1, errors.New(strings.Replace(err.Error(), "--person ", "person=", 1))
	}
	return people[0], nil
}

// withTicks signals on changes and every d as well, until stop closes.
func withTicks(changes <-chan struct{}, d time.Duration, stop <-chan struct{}) <-chan struct{} {
	out := make(chan struct{}, 1)
	go func() {
		tick := time.NewTicker(d)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case _, ok := <-changes:
				if !ok {
					changes = nil
					continue
				}
			case <-tick.C:
			}
			select {
			case out <- struct{}{}:
			default: // a signal is waiting already
			}
		}
	}()
	return out
}
