package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"

	"github.com/visitline/visitline/internal/remind"
	"github.com/visitline/visitline/internal/source"
	"github.com/visitline/visitline/itinerary"
)

// remindOptions are the flags of `visitline remind`.
type remindOptions struct {
	exec     string
	noNotify bool
	noState  bool
}

func newRemindFlags(o *remindOptions) *flagSet {
	fs := &flagSet{FlagSet: flag.NewFlagSet("visitline remind", flag.ContinueOnError)}
	fs.SetOutput(io.Discard)
	fs.StringVar(&o.exec, "exec", "", "at each reminder run `PROGRAM` (no shell, no arguments) with the event in VISITLINE_TITLE, VISITLINE_START (RFC 3339), VISITLINE_PLACE, VISITLINE_IN (minutes), VISITLINE_ID and VISITLINE_CALENDAR; killed after 30 s")
	fs.add("exec")
	fs.BoolVar(&o.noNotify, "no-notify", false, "send no desktop notifications")
	fs.add("no-notify")
	fs.BoolVar(&o.noState, "no-state", false, "keep no state file of the reminders fired ($XDG_STATE_HOME/visitline/reminders.state)")
	fs.add("no-state")
	return fs
}

// remindUsage is `visitline remind --help`.
func remindUsage() string {
	var b strings.Builder
	b.WriteString(`visitline remind stays in the foreground and, at each reminder's lead time
(remind: in the file), sends a desktop notification and/or runs --exec.

Usage:
  visitline remind [flags] [FILE…]

Flags:
`)
	fs := newRemindFlags(&remindOptions{})
	fs.writeRows(&b)
	return b.String()
}

// watchSource follows a file or a folder as the view does (a folder
// recursively).
func watchSource(file string) (<-chan struct{}, func(), error) {
	w, err := source.WatchTree([]string{file})
	if err != nil {
		return nil, nil, err
	}
	return w.C, w.Stop, nil
}

// remind is `visitline remind [FILE…]`: it runs until SIGTERM or SIGINT.
func (c Command) remind(args []string) int {
	var o remindOptions
	fs := newRemindFlags(&o)
	var files []string
	for {
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(c.Stdout, remindUsage())
			return ExitOK
		}
		if err != nil {
			fmt.Fprintf(c.Stderr, "visitline remind: %v\nRun 'visitline remind --help' for usage.\n", err)
			return ExitUsage
		}
		if args = fs.Args(); len(args) == 0 {
			break
		}
		files, args = append(files, args[0]), args[1:]
	}
	for _, f := range files {
		if f == "" || f == "-" {
			fmt.Fprintf(c.Stderr, "visitline remind: FILE %s: give files to watch, not standard input\n", itinerary.QuoteName(f))
			return ExitUsage
		}
	}
	if o.exec != "" {
		path, err := exec.LookPath(o.exec)
		if err != nil {
			fmt.Fprintf(c.Stderr, "visitline remind: --exec: %v\n", err)
			return ExitUsage
		}
		o.exec = path
	}
	if len(files) == 0 {
		files = []string{""}
	}
	loadFile := func(file string) (*itinerary.Itinerary, error) {
		it, _, err := load(file, nil, nil)
		return it, err
	}
	for _, f := range files {
		if _, err := loadFile(f); err != nil {
			c.loadFailed(f, err)
			return ExitInvalid
		}
	}
	cfg := remind.Config{Files: files, Load: loadFile, Watch: watchSource, Exec: o.exec, Log: c.Stderr}
	if !o.noState {
		cfg.State = remind.StatePath()
	}
	if !o.noNotify {
		if bus, err := remind.SessionBus(); err != nil {
			fmt.Fprintf(c.Stderr, "visitline remind: no desktop notifications (no session bus: %v)\n", err)
		} else {
			defer bus.Close()
			cfg.Notifier = bus
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := remind.New(cfg).Run(ctx); err != nil {
		fmt.Fprintf(c.Stderr, "visitline remind: %v\n", err)
		return ExitInvalid
	}
	return ExitOK
}
