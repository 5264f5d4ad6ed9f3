package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/visitline/visitline/agenda"
	"github.com/visitline/visitline/export"
	"github.com/visitline/visitline/tui"
)

// The refresh of a subscribed calendar: every 15 minutes unless --refresh
// or the config file says otherwise, and never more than once a minute.
const (
	defaultRefresh = 15 * time.Minute
	minRefresh     = time.Minute
)

// options are the parsed flags.
type options struct {
	check, print, noWatch, version bool
	next, noBell, compact          bool
	format                         string
	people                         []string
	calendars                      []string
	tz, now                        string
	tz2                            string // a second --tz: the second clock
	tzSet, tz2Set                  bool
	day, from, to                  string
	view                           string
	viewGiven                      bool // --view was given: it wins over the config file's
	config                         string
	file                           string   // the first SOURCE
	files                          []string // every SOURCE
	fileGiven                      bool     // FILE was on the command line, even if empty
	width                          int      // -1: not given
	refresh                        time.Duration
	refreshGiven                   bool // --refresh was given: it wins over the config file's
}

type multiFlag []string

// tzFlag is --tz, which may be given twice: the display zone, then the
// second clock's.
type tzFlag options

func (t *tzFlag) String() string {
	if t == nil {
		return ""
	}
	return t.tz
}

func (t *tzFlag) Set(v string) error {
	switch {
	case !t.tzSet:
		t.tz, t.tzSet = v, true
	case !t.tz2Set:
		t.tz2, t.tz2Set = v, true
	default:
		return errors.New("--tz may be given twice at most: the display zone and a second clock")
	}
	return nil
}

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

// flagSet is the flags, each declared once with its usage, and the order
// --help lists them in. A usage names its argument in back quotes, as
// flag.UnquoteUsage reads it.
type flagSet struct {
	*flag.FlagSet
	order []string
}

func (fs *flagSet) add(name string) { fs.order = append(fs.order, name) }

// newFlagSet declares the flags into o.
func newFlagSet(o *options) *flagSet {
	fs := &flagSet{FlagSet: flag.NewFlagSet("visitline", flag.ContinueOnError)}
	fs.SetOutput(io.Discard)
	fs.BoolVar(&o.check, "check", false, `validate only: "FILE: ok (N events, M people)" or every problem as FILE:LINE:COLUMN: message on stderr`)
	fs.add("check")
	fs.BoolVar(&o.print, "print", false, "print the agenda instead of opening the timeline")
	fs.add("print")
	fs.StringVar(&o.format, "format", "", "the `FORMAT` --print writes: "+formatList()+"; implies --print")
	fs.add("format")
	fs.BoolVar(&o.compact, "compact", false, "with --format md, the short briefing: a line an event under each day")
	fs.add("compact")
	fs.IntVar(&o.width, "width", -1, "cut agenda lines to `N` cells; 0 never cuts (default: the terminal's width on a terminal, whole lines otherwise)")
	fs.add("width")
	fs.Var((*multiFlag)(&o.people), "person", "keep only events with `P`: a person id or part of a name, native name, organisation or role (경계현, kyung, sk group), matched as the people picker does; repeat to require several")
	fs.add("person")
	fs.Var((*multiFlag)(&o.calendars), "calendar", "keep only events of the calendar called `NAME` (its name or id, any letter case) when several are open; repeat for any of several")
	fs.add("calendar")
	fs.Var((*tzFlag)(o), "tz", "show times in this IANA `ZONE`, \"local\" for this machine's, or \"venue\" for each venue's own clock (as key z does); floating calendar times are read in ZONE (default: this machine's zone). Given twice, the second zone's clock is shown beside the first")
	fs.add("tz")
	fs.StringVar(&o.day, "day", "", "only what covers `DATE`: "+agenda.DateHelp+", in the display zone and counted from --now")
	fs.add("day")
	fs.StringVar(&o.from, "from", "", "only what covers `DATE` or later (as --day)")
	fs.add("from")
	fs.StringVar(&o.to, "to", "", "only what covers `DATE` or earlier, inclusive (as --day)")
	fs.add("to")
	fs.BoolVar(&o.next, "next", false, "print what is under way and what comes next in one line (a JSON object with --format json) and exit")
	fs.add("next")
	fs.BoolVar(&o.noBell, "no-bell", false, "no terminal bell when a reminder shows")
	fs.add("no-bell")
	fs.StringVar(&o.now, "now", "", "pretend it is `TIME` (RFC 3339) for the now marker")
	fs.add("now")
	fs.StringVar(&o.view, "view", "list", "which `VIEW` the timeline opens in: list, lanes, week or month (v cycles them)")
	fs.add("view")
	fs.StringVar(&o.config, "config", "", "read the config `FILE` (keys, colours, default view, zones, week start; default: $XDG_CONFIG_HOME/visitline/config.yaml)")
	fs.add("config")
	fs.BoolVar(&o.noWatch, "no-watch", false, "do not reload FILE when it changes")
	fs.add("no-watch")
	fs.DurationVar(&o.refresh, "refresh", defaultRefresh, "fetch a subscribed calendar (an https:// or webcal:// SOURCE) again every `DURATION`, at least 1m; r fetches it at once")
	fs.add("refresh")
	fs.BoolVar(&o.version, "version", false, "print the version and exit")
	fs.add("version")
	return fs
}

// formatList is "text, md (a Markdown briefing), json, ics or yaml (the
// itinerary as a format-v1 file)", from export's table.
func formatList() string {
	fs := export.Formats()
	var b strings.Builder
	for i, f := range fs {
		switch {
		case i == len(fs)-1 && i > 0:
			b.WriteString(" or ")
		case i > 0:
			b.WriteString(", ")
		}
		b.WriteString(string(f))
		if about := export.About(f); about != "" {
			fmt.Fprintf(&b, " (%s)", about)
		}
	}
	return b.String()
}

// parseArgs parses flags and the SOURCEs, in any order.
func parseArgs(args []string) (options, error) {
	var o options
	fs := newFlagSet(&o)
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			return o, err
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		files = append(files, args[0])
		args = args[1:]
	}
	for _, f := range files {
		if f == "" {
			return o, errors.New(`FILE is empty; give a file name, "-" for standard input, or no FILE for the built-in itinerary`)
		}
	}
	if len(files) > 0 {
		o.file, o.files, o.fileGiven = files[0], files, true
	}
	if err := emptyValue(fs); err != nil {
		return o, err
	}
	fs.Visit(func(f *flag.Flag) {
		o.viewGiven = o.viewGiven || f.Name == "view"
		o.refreshGiven = o.refreshGiven || f.Name == "refresh"
	})
	if o.refresh < minRefresh {
		return o, fmt.Errorf("--refresh %s: a subscribed calendar is fetched at most once a minute (1m or more)", o.refresh)
	}
	if o.width < -1 {
		return o, fmt.Errorf("--width %d: a width is 0 (never cut) or more", o.width)
	}
	return o, nil
}

// emptyValue is the error for the first of --tz and --now given empty.
func emptyValue(fs *flagSet) error {
	var empty error
	fs.Visit(func(f *flag.Flag) {
		switch {
		case empty != nil || f.Value.String() != "":
		case f.Name == "tz":
			empty = errors.New(`--tz is empty; give an IANA zone such as Europe/London, "local" for this machine's zone or "venue" for each venue's own`)
		case f.Name == "now":
			empty = errors.New("--now is empty; give a time in RFC 3339, such as 2024-01-26T09:00:00+09:00")
		}
	})
	return empty
}

// usageHeader opens --help.
const usageHeader = `visitline shows a visit itinerary as a timeline in the terminal.

Usage:
  visitline [flags] [SOURCE…]
  visitline serve [flags] FILE   (share it over SSH; visitline serve --help)
  visitline remind [--exec PROGRAM] [FILE…]   (reminders; see remind --help)

A SOURCE (FILE) is a YAML itinerary (format v1) or an iCalendar file (.ics,
recognised by its content); "-" reads standard input; a folder is every
calendar in it and its subfolders (a vdir of khal or vdirsyncer: each
collection a calendar); an https:// or webcal:// URL is a subscribed
calendar, read-only, cached for when the network is not there. Several
SOURCEs are shown together. Without one
the built-in itinerary is shown: Sam Altman's visit to Korea, January 2024.
On a terminal the interactive timeline opens; otherwise the agenda is printed.

Flags:
`

// usageFooter follows the flags.
const usageFooter = `
Exit codes: 0 success, 1 the itinerary has errors or cannot be read,
2 usage error (unknown flag, bad --person, --calendar, --tz, --now or --format).

`

// Layout of the flags in --help: the usage starts in column usageColumn
// and wraps before usageWidth.
const (
	usageColumn = 21
	usageWidth  = 80
)

// usage is the --help text: the flags from their declarations, then the
// keys from the view's key map.
func usage() string {
	var b strings.Builder
	b.WriteString(usageHeader)
	fs := newFlagSet(&options{})
	fs.writeRows(&b)
	b.WriteString(usageFooter)
	b.WriteString(tui.HelpText())
	return b.String()
}

// writeRows writes a row for each flag of fs, in the order they were
// declared, then -h, --help.
func (fs *flagSet) writeRows(b *strings.Builder) {
	for _, name := range fs.order {
		arg, text := flag.UnquoteUsage(fs.Lookup(name))
		writeFlag(b, strings.TrimSpace("--"+name+" "+arg), text)
	}
	writeFlag(b, "-h, --help", "this help")
}

// writeFlag writes one flag's row: its name and argument, then its usage
// wrapped at usageWidth under usageColumn.
func writeFlag(b *strings.Builder, name, text string) {
	line := "  " + name
	col := ansi.StringWidth(line)
	if col >= usageColumn-1 {
		line += " "
	} else {
		line += strings.Repeat(" ", usageColumn-col)
	}
	start := true
	for _, word := range strings.Fields(text) {
		if !start && ansi.StringWidth(line)+1+ansi.StringWidth(word) > usageWidth {
			b.WriteString(line + "\n")
			line, start = strings.Repeat(" ", usageColumn), true
		}
		if !start {
			line += " "
		}
		line += word
		start = false
	}
	b.WriteString(line + "\n")
}
