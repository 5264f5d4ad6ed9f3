// Package cli is the visitline command: it parses the flags and FILE,
// loads the itinerary, and opens the interactive view or prints the agenda
// in one of export's formats. main only wires it to the process.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/visitline/visitline/agenda"
	"github.com/visitline/visitline/export"
	"github.com/visitline/visitline/internal/config"
	"github.com/visitline/visitline/itinerary"
	"github.com/visitline/visitline/tui"
)

// Exit codes of the command-line contract.
const (
	ExitOK      = 0 // success
	ExitInvalid = 1 // the itinerary has errors or cannot be read
	ExitUsage   = 2 // a usage error
)

// Command is one run of visitline with its standard streams and what main
// knows of the terminal.
type Command struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// Terminal says whether Stdout is a terminal: then the interactive
	// view opens, unless --print or --format is given.
	Terminal bool
	// Width is the terminal's width in cells, 0 when Stdout is not one.
	Width int
}

// Main runs the command with args, the arguments after the program's name,
// and returns the exit code.
func (c Command) Main(args []string) int {
	o, err := parseArgs(args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(c.Stdout, usage())
		return ExitOK
	}
	if err != nil {
		fmt.Fprintf(c.Stderr, "visitline: %v\nRun 'visitline --help' for usage.\n", err)
		return ExitUsage
	}
	if o.version {
		fmt.Fprintln(c.Stdout, "visitline", version())
		return ExitOK
	}
	s, err := o.settings()
	if err != nil {
		fmt.Fprintf(c.Stderr, "visitline: %v\n", err)
		return ExitUsage
	}
	conf, err := readConfig(o)
	if err != nil {
		fmt.Fprintf(c.Stderr, "%v\n", err)
		return ExitUsage
	}
	if !o.viewGiven && conf.View != "" {
		o.view = conf.View
	}
	if o.tz == "" && len(conf.Zones) > 0 {
		// Only the first: the view has one clock (see docs/config.md).
		s.zone = conf.Zones[0]
	}
	s.conf = conf
	name, it, stdinCalendar, err := load(o.file, c.Stdin, progressTo(c.Stderr))
	if err != nil {
		c.loadFailed(name, err)
		return ExitInvalid
	}
	people, err := resolvePeople(it, o.people)
	if err != nil {
		fmt.Fprintf(c.Stderr, "visitline: %v\n", err)
		return ExitUsage
	}
	if o.check {
		c.check(name, it)
		return ExitOK
	}
	for _, l := range itinerary.FormatProblems(name, it.Warnings) {
		fmt.Fprintln(c.Stderr, l)
	}
	// Floating times are the viewer's clock: --tz's zone, else this
	// machine's, which the loader has read them in.
	s.floating = s.zone // nil: this machine's zone
	if s.floating != nil {
		it.SetFloating(s.floating)
	}
	if s.zone == nil && !s.venue {
		s.zone = it.Zone
	}
	if c.Terminal && !o.print {
		err = c.view(o, s, name, it, people, stdinCalendar)
	} else {
		err = c.write(o, s, it, people)
	}
	if err != nil {
		fmt.Fprintf(c.Stderr, "visitline: %v\n", err)
		return ExitInvalid
	}
	return ExitOK
}

// loadFailed reports an itinerary that did not load: each problem of a
// LoadError on its own line, any other error after the file's name.
func (c Command) loadFailed(name string, err error) {
	var le *itinerary.LoadError
	if errors.As(err, &le) {
		for _, l := range le.Lines() {
			fmt.Fprintln(c.Stderr, l)
		}
		return
	}
	fmt.Fprintf(c.Stderr, "%s: %v\n", itinerary.QuoteName(name), err)
}

// check is --check of a file that loaded: its warnings on stderr, the
// verdict on stdout.
func (c Command) check(name string, it *itinerary.Itinerary) {
	for _, l := range itinerary.FormatProblems(name, it.CheckWarnings()) {
		fmt.Fprintln(c.Stderr, l)
	}
	fmt.Fprintf(c.Stdout, "%s: ok (%s, %s)\n", itinerary.QuoteName(name), agenda.Count(len(it.Events), "event"), agenda.Count(len(it.People), "person"))
}

// view opens the interactive timeline.
func (c Command) view(o options, s settings, name string, it *itinerary.Itinerary, people []int, stdinCalendar bool) error {
	watch := ""
	if o.file != "" && o.file != "-" && !o.noWatch {
		watch = o.file
	}
	file := ""
	if o.file != "-" {
		file = o.file
	}
	return tui.Run(tui.Config{Itinerary: it, Name: name, File: file, Watch: watch, Zone: s.zone, Now: s.now, People: people,
		Lanes: o.view == "lanes", View: o.view, Keys: s.conf.KeyMap(), Colors: s.conf.Colors, Theme: s.conf.Theme,
		WeekStart: s.conf.WeekStart, Calendar: stdinCalendar, Venue: s.venue, Floating: s.floating})
}

// write prints the selected events in the chosen format.
func (c Command) write(o options, s settings, it *itinerary.Itinerary, people []int) error {
	width := c.Width
	if o.width >= 0 {
		width = o.width
	}
	opt := export.Options{Zone: s.zone, Now: s.now, People: people, Width: width}
	return export.Writer(s.format)(c.Stdout, it, opt)
}

// settings are the flags' values checked and parsed.
type settings struct {
	format   export.Format
	zone     *time.Location // nil: the itinerary's, or each venue's own with venue
	venue    bool           // --tz venue: each venue's own clock
	floating *time.Location // the zone floating times are read in; nil: this machine's
	now      time.Time      // zero: the clock's
	conf     *config.Config // the config file's settings
}

// settings checks the values of --format, --view, --tz and --now; an
// error is a usage error. A --format implies --print.
func (o *options) settings() (settings, error) {
	s := settings{format: export.FormatText}
	var err error
	if o.format != "" {
		s.format = export.Format(o.format)
		if export.Writer(s.format) == nil {
			return s, fmt.Errorf("--format %q is not one of %s", o.format, formatNames(", "))
		}
		o.print = true
	}
	if !slices.Contains(tui.ViewNames(), o.view) {
		return s, fmt.Errorf("--view %q is not one of %s", o.view, strings.Join(tui.ViewNames(), ", "))
	}
	switch o.tz {
	case "":
	case "venue":
		s.venue = true
	case "local":
		s.zone = time.Local
	default:
		if s.zone, err = itinerary.LoadZone(o.tz); err != nil {
			return s, fmt.Errorf("--tz: %v, or \"local\" or \"venue\"", err)
		}
	}
	if o.now != "" {
		if s.now, err = time.Parse(time.RFC3339, o.now); err != nil {
			return s, fmt.Errorf("--now %q is not an RFC 3339 time such as 2024-01-26T12:10:00+09:00", o.now)
		}
		if !itinerary.InRange(s.now) {
			return s, fmt.Errorf("--now %q is outside the times an itinerary can hold (%s)", o.now, itinerary.RangeText)
		}
	}
	return s, nil
}

// formatNames is export's formats joined by sep.
func formatNames(sep string) string {
	var names []string
	for _, f := range export.Formats() {
		names = append(names, string(f))
	}
	return strings.Join(names, sep)
}

// resolvePeople finds each --person query's person, once each; an error
// lists the candidates.
func resolvePeople(it *itinerary.Itinerary, queries []string) ([]int, error) {
	var people []int
	for _, q := range queries {
		idx, err := it.ResolvePerson(q)
		var pe *itinerary.PersonError
		if errors.As(err, &pe) {
			return nil, errors.New(personErrorMessage(it, pe))
		}
		if !slices.Contains(people, idx) {
			people = append(people, idx)
		}
	}
	return people, nil
}
