// Command visitline shows a visit itinerary as a scrollable timeline in the
// terminal, or prints it as a plain agenda, JSON or iCalendar.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // zones resolve on machines without a zone database

	"github.com/charmbracelet/x/term"
	"github.com/mattn/go-isatty"
	"github.com/visitline/visitline/agenda"
	"github.com/visitline/visitline/calendar"
	"github.com/visitline/visitline/data"
	"github.com/visitline/visitline/export"
	"github.com/visitline/visitline/internal/bgquery"
	"github.com/visitline/visitline/itinerary"
	"github.com/visitline/visitline/tui"
)

// Exit codes of the command-line contract.
const (
	exitOK      = 0
	exitInvalid = 1
	exitUsage   = 2
)

// memoryLimit is the soft limit the garbage collector keeps the heap under
// (unless GOMEMLIMIT says otherwise): the load limits keep any input well
// below it, and near it the collector works harder instead of the process
// growing.
const memoryLimit = 600 << 20

func main() {
	bgquery.Restore()
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	terminal := isatty.IsTerminal(os.Stdout.Fd())
	width := 0 // a pipe or a file gets whole lines
	if terminal {
		if w, _, err := term.GetSize(os.Stdout.Fd()); err == nil && w > 0 {
			width = w
		}
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, terminal, width))
}

// options are the parsed flags.
type options struct {
	check, print, noWatch, version bool
	format                         string
	people                         []string
	tz, now                        string
	view                           string
	file                           string
	fileGiven                      bool // FILE was on the command line, even if empty
	width                          int  // -1: not given
}

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

// parseArgs parses flags and at most one FILE, in any order.
func parseArgs(args []string) (options, error) {
	var o options
	fs := flag.NewFlagSet("visitline", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.BoolVar(&o.check, "check", false, "")
	fs.BoolVar(&o.print, "print", false, "")
	fs.StringVar(&o.format, "format", "", "")
	fs.Var((*multiFlag)(&o.people), "person", "")
	fs.StringVar(&o.tz, "tz", "", "")
	fs.StringVar(&o.now, "now", "", "")
	fs.StringVar(&o.view, "view", "list", "")
	fs.BoolVar(&o.noWatch, "no-watch", false, "")
	fs.BoolVar(&o.version, "version", false, "")
	fs.IntVar(&o.width, "width", -1, "")
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
	switch {
	case len(files) > 1:
		quoted := make([]string, len(files))
		for i, f := range files {
			quoted[i] = itinerary.QuoteName(f)
		}
		return o, fmt.Errorf("one FILE at most, got %d: %s", len(files), strings.Join(quoted, " "))
	case len(files) == 1 && files[0] == "":
		return o, errors.New(`FILE is empty; give a file name, "-" for standard input, or no FILE for the built-in itinerary`)
	case len(files) == 1:
		o.file, o.fileGiven = files[0], true
	}
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
	if empty != nil {
		return o, empty
	}
	if o.width < -1 {
		return o, fmt.Errorf("--width %d: a width is 0 (never cut) or more", o.width)
	}
	return o, nil
}

// run is the command; terminal says whether stdout is a terminal, and
// width is its width in cells (0 when it is not one).
func run(args []string, stdin io.Reader, stdout, stderr io.Writer, terminal bool, width int) int {
	o, err := parseArgs(args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, usage())
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "visitline: %v\nRun 'visitline --help' for usage.\n", err)
		return exitUsage
	}
	if o.version {
		fmt.Fprintln(stdout, "visitline", version())
		return exitOK
	}
	usageErr := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "visitline: "+format+"\n", a...)
		return exitUsage
	}
	format := export.FormatText
	if o.format != "" {
		format = export.Format(o.format)
		if !validFormat(format) {
			return usageErr("--format %q is not one of text, md, json, ics, yaml", o.format)
		}
		o.print = true
	}
	if o.view != "list" && o.view != "lanes" {
		return usageErr("--view %q is not one of list, lanes", o.view)
	}
	var zone *time.Location
	venue := false
	switch o.tz {
	case "":
	case "venue":
		venue = true
	case "local":
		zone = time.Local
	default:
		if zone, err = itinerary.LoadZone(o.tz); err != nil {
			return usageErr("--tz: %v, or \"local\" or \"venue\"", err)
		}
	}
	var now time.Time
	if o.now != "" {
		if now, err = time.Parse(time.RFC3339, o.now); err != nil {
			return usageErr("--now %q is not an RFC 3339 time such as 2024-01-26T12:10:00+09:00", o.now)
		}
		if !itinerary.InRange(now) {
			return usageErr("--now %q is outside the times an itinerary can hold (%s)", o.now, itinerary.RangeText)
		}
	}

	name, it, stdinCalendar, err := load(o.file, stdin, progressTo(stderr))
	if err != nil {
		var le *itinerary.LoadError
		if errors.As(err, &le) {
			for _, l := range le.Lines() {
				fmt.Fprintln(stderr, l)
			}
		} else {
			fmt.Fprintf(stderr, "%s: %v\n", itinerary.QuoteName(name), err)
		}
		return exitInvalid
	}
	var people []int
	for _, p := range o.people {
		idx, err := it.ResolvePerson(p)
		var pe *itinerary.PersonError
		if errors.As(err, &pe) {
			return usageErr("%s", personErrorMessage(it, pe))
		}
		if !slices.Contains(people, idx) {
			people = append(people, idx)
		}
	}

	if o.check {
		for _, l := range itinerary.FormatProblems(name, it.CheckWarnings()) {
			fmt.Fprintln(stderr, l)
		}
		fmt.Fprintf(stdout, "%s: ok (%s, %s)\n", itinerary.QuoteName(name), agenda.Count(len(it.Events), "event"), agenda.Count(len(it.People), "person"))
		return exitOK
	}
	for _, l := range itinerary.FormatProblems(name, it.Warnings) {
		fmt.Fprintln(stderr, l)
	}
	// Floating times are the viewer's clock: --tz's zone, else this
	// machine's, which the loader has read them in.
	floating := zone // nil: this machine's zone
	if floating != nil {
		it.SetFloating(floating)
	}
	if zone == nil && !venue {
		zone = it.Zone
	}
	if o.width >= 0 {
		width = o.width
	}
	opt := export.Options{Zone: zone, Now: now, People: people, Width: width}
	if terminal && !o.print {
		watch := ""
		if o.file != "" && o.file != "-" && !o.noWatch {
			watch = o.file
		}
		file := ""
		if o.file != "-" {
			file = o.file
		}
		cfg := tui.Config{Itinerary: it, Name: name, File: file, Watch: watch, Zone: zone, Now: now, People: people, Lanes: o.view == "lanes",
			Calendar: stdinCalendar, Venue: venue, Floating: floating}
		if err := tui.Run(cfg); err != nil {
			fmt.Fprintf(stderr, "visitline: %v\n", err)
			return exitInvalid
		}
		return exitOK
	}
	events := it.Select(itinerary.Filter{People: people})
	write := map[export.Format]func(io.Writer, *itinerary.Itinerary, []int, export.Options) error{
		export.FormatText: export.Text, export.FormatMarkdown: export.Markdown,
		export.FormatJSON: export.JSON, export.FormatICS: export.ICS,
		export.FormatYAML: export.YAML,
	}[format]
	if err := write(stdout, it, events, opt); err != nil {
		fmt.Fprintf(stderr, "visitline: %v\n", err)
		return exitInvalid
	}
	return exitOK
}

// personErrorMessage writes the usage message for a PersonError, listing
// the candidates by id and name.
func personErrorMessage(it *itinerary.Itinerary, e *itinerary.PersonError) string {
	var b strings.Builder
	switch {
	case e.ByOrgOrRole:
		fmt.Fprintf(&b, "--person %s is ambiguous; it matches no name, and these people by organisation or role:", itinerary.Quote(e.Query))
		for _, p := range e.Candidates {
			fmt.Fprintf(&b, "\n  %s — %s", personLabel(it, p), itinerary.CleanLine(orgAndRole(it, p)))
		}
		return b.String()
	case e.Ambiguous:
		fmt.Fprintf(&b, "--person %s is ambiguous; it matches:", itinerary.Quote(e.Query))
	default:
		fmt.Fprintf(&b, "--person %s matches nobody in this itinerary; the people are:", itinerary.Quote(e.Query))
	}
	for _, p := range e.Candidates {
		fmt.Fprintf(&b, "\n  %s", personLabel(it, p))
	}
	return b.String()
}

// orgAndRole is "CEO, OpenAI": what a person was matched by when no name
// matched.
func orgAndRole(it *itinerary.Itinerary, p int) string {
	var about []string
	if r := it.People[p].Role; r != "" {
		about = append(about, r)
	}
	if o := it.OrgOf(p); o != nil {
		about = append(about, o.Name)
	}
	return strings.Join(about, ", ")
}

// personLabel is "id (Name, Native)" for lists of candidates.
func personLabel(it *itinerary.Itinerary, p int) string {
	pp := &it.People[p]
	if pp.Native != "" {
		return fmt.Sprintf("%s (%s, %s)", pp.ID, pp.Name, pp.Native)
	}
	return fmt.Sprintf("%s (%s)", pp.ID, pp.Name)
}

func validFormat(f export.Format) bool {
	for _, g := range export.Formats {
		if f == g {
			return true
		}
	}
	return false
}

// load reads FILE, standard input for "-", or the embedded default. A
// large FILE reports its progress through progress, when not nil. The flag
// whether standard input was an iCalendar file.
func load(file string, stdin io.Reader, progress *progressLine) (string, *itinerary.Itinerary, bool, error) {
	switch file {
	case "":
		it, err := itinerary.Load(data.DefaultName, data.Default)
		return data.DefaultName, it, false, err
	case "-":
		it, cal, err := calendar.LoadInput("<stdin>", stdin) // a calendar or YAML
		return "<stdin>", it, cal, err
	}
	if isCalendarFile(file) {
		it, err := loadCalendarFile(file)
		return file, it, false, err
	}
	if progress == nil {
		it, err := itinerary.LoadFile(file)
		return file, it, false, err
	}
	defer progress.start(itinerary.QuoteName(file))()
	it, err := itinerary.LoadFileProgress(file, progress.update)
	return file, it, false, err
}

// version is the module version from the build info, or "devel" with the
// commit for a build from a work tree.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	v := info.Main.Version
	if v != "" && v != "(devel)" {
		return v
	}
	v = "devel"
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			v += " " + s.Value[:12]
		}
	}
	return v
}

func usage() string {
	var b strings.Builder
	b.WriteString(`visitline shows a visit itinerary as a timeline in the terminal.

Usage:
  visitline [flags] [FILE]

FILE is a YAML itinerary (format v1) or an iCalendar file (.ics, recognised
by its content); "-" reads standard input. Without FILE
the built-in itinerary is shown: Sam Altman's visit to Korea, January 2024.
On a terminal the interactive timeline opens; otherwise the agenda is printed.

Flags:
  --check            validate only: "FILE: ok (N events, M people)" or every
                     problem as FILE:LINE:COLUMN: message on stderr
  --print            print the agenda instead of opening the timeline
  --format FORMAT    what --print writes: text, md (a Markdown briefing), json,
                     ics or yaml (the itinerary as a format-v1 file); implies
                     --print
  --width N          cut agenda lines to N cells; 0 never cuts (default: the
                     terminal's width on a terminal, whole lines otherwise)
  --person P         keep only events with P: a person id or part of a name,
                     native name, organisation or role (경계현, kyung, sk group),
                     matched as the people picker does; repeat to require several
  --tz ZONE          show times in this IANA zone, "local" for this machine's,
                     or "venue" for each venue's own clock (as key z does);
                     floating calendar times are read in ZONE (default: this
                     machine's zone)
  --now TIME         pretend it is TIME (RFC 3339) for the now marker
  --view VIEW        which view the timeline opens in: list or lanes (v switches)
  --no-watch         do not reload FILE when it changes
  --version          print the version and exit
  -h, --help         this help

Exit codes: 0 success, 1 the itinerary has errors or cannot be read,
2 usage error (unknown flag, bad --person, --tz, --now or --format).

`)
	b.WriteString(tui.HelpText())
	return b.String()
}
