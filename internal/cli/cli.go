// Package cli is the visitline command: it parses the flags and FILE,
// loads the itinerary, and opens the interactive view or prints the agenda
// in one of export's formats. main only wires it to the process.
package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/visitline/visitline/agenda"
	"github.com/visitline/visitline/export"
	"github.com/visitline/visitline/internal/config"
	"github.com/visitline/visitline/internal/source"
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
	if len(args) > 0 && args[0] == "serve" {
		return c.serve(args[1:])
	}
	if len(args) > 0 && args[0] == "remind" {
		return c.remind(args[1:])
	}
	o, s, code, done := c.parse(args)
	if done {
		return code
	}
	conf, err := readConfig(o)
	if err != nil {
		fmt.Fprintf(c.Stderr, "%v\n", err)
		return ExitUsage
	}
	o.applyConfig(&s, conf)
	cache := ""
	if o.next && o.now == "" && o.day == "" && o.from == "" && o.to == "" && !s.venue && len(o.calendars) == 0 {
		// Without --now the clock moves: the cache serves a status bar.
		if cache = nextCachePath(o.file, o.people); cache != "" {
			if it := readNextCache(cache, time.Now()); it != nil {
				return c.cachedNext(s, it)
			}
		}
	}
	if c.viewing(o) {
		return c.viewLoading(o, s)
	}
	if !o.check && !o.next {
		source.Frugal() // it loads once and writes: a tighter memory budget
	}
	it, src, err := loadAll(o.files, c.Stdin, progressTo(c.Stderr))
	people, code, ok := c.opened(o, &s, it, src, err)
	if !ok {
		return code
	}
	if c.fetchFailed(src) {
		return ExitInvalid
	}
	if o.check {
		c.check(src.Name, it)
		return ExitOK
	}
	for _, l := range itinerary.FormatProblems(src.Name, it.Warnings) {
		fmt.Fprintln(c.Stderr, l)
	}
	return c.run(o, s, it, people, cache)
}

// opened says what the load of src said (its warnings, its error) and
// reads --person and --calendar (into s); ok false ends the command with
// code.
func (c Command) opened(o options, s *settings, it *itinerary.Itinerary, src source.Source, err error) (people []int, code int, ok bool) {
	for _, l := range src.Warnings() {
		fmt.Fprintln(c.Stderr, l)
	}
	s.conf.DefaultRemind(it)
	if err != nil {
		c.loadFailed(src.Name, err)
		return nil, ExitInvalid, false
	}
	people, err = resolvePeople(it, o.people)
	if err == nil {
		s.calendars, err = resolveCalendars(it, o.calendars)
	}
	if err != nil {
		fmt.Fprintf(c.Stderr, "visitline: %v\n", err)
		return nil, ExitUsage, false
	}
	return people, ExitOK, true
}

// applyConfig takes the config file's defaults where no flag gave one: the
// view, the display zone and the second clock.
func (o *options) applyConfig(s *settings, conf *config.Config) {
	if !o.viewGiven && conf.View != "" {
		o.view = conf.View
	}
	if !o.refreshGiven && conf.Refresh != 0 {
		o.refresh = conf.Refresh
	}
	if o.tz == "" && len(conf.Zones) > 0 {
		s.zone = conf.Zones[0]
		if len(conf.Zones) > 1 && s.zone2 == nil {
			s.zone2 = conf.Zones[1] // the second clock
		}
	}
	s.conf = conf
}

// parse reads the flags and checks their values. When done, the command
// has ended (--help, --version, a usage error) with the exit code code.
func (c Command) parse(args []string) (o options, s settings, code int, done bool) {
	o, err := parseArgs(args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(c.Stdout, usage())
		return o, s, ExitOK, true
	}
	if err != nil {
		fmt.Fprintf(c.Stderr, "visitline: %v\nRun 'visitline --help' for usage.\n", err)
		return o, s, ExitUsage, true
	}
	if o.version {
		fmt.Fprintln(c.Stdout, "visitline", version())
		return o, s, ExitOK, true
	}
	if s, err = o.settings(); err != nil {
		fmt.Fprintf(c.Stderr, "visitline: %v\n", err)
		return o, s, ExitUsage, true
	}
	return o, s, ExitOK, false
}

// run shows the itinerary that loaded, it, as the flags ask: --next, the
// printer (the view is viewLoading's); cache is --next's cache file, or "".
func (c Command) run(o options, s settings, it *itinerary.Itinerary, people []int, cache string) int {
	if code, ok := c.prepare(o, &s, it); !ok {
		return code
	}
	var err error
	// The view is viewLoading's.
	if o.next {
		err = c.next(s, it, people, cache)
	} else {
		err = c.write(o, s, it, people)
	}
	if err != nil {
		fmt.Fprintf(c.Stderr, "visitline: %v\n", err)
		return ExitInvalid
	}
	return ExitOK
}

// prepare sets the zones of s for it and reads the dates; ok false ends
// the command with code.
func (c Command) prepare(o options, s *settings, it *itinerary.Itinerary) (code int, ok bool) {
	// Floating times are the viewer's clock: --tz's zone, else this
	// machine's, which the loader has read them in.
	s.floating = s.zone // nil: this machine's zone
	if s.floating != nil {
		it.SetFloating(s.floating)
	}
	if s.zone == nil && !s.venue {
		s.zone, s.here = it.DisplayZone(s.floating), true
	}
	var err error
	if s.dates, err = o.dateRange(*s, it); err != nil {
		fmt.Fprintf(c.Stderr, "visitline: %v\nRun 'visitline --help' for usage.\n", err)
		return ExitUsage, false
	}
	return ExitOK, true
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
	// The contract's "FILE: ok (N events, M people)", then the calendars
	// when several are gathered, outside the brackets scripts read.
	cals := ""
	if len(it.Calendars) > 1 {
		cals = " from " + agenda.Count(len(it.Calendars), "calendar")
	}
	fmt.Fprintf(c.Stdout, "%s: ok (%s, %s)%s\n", itinerary.QuoteName(name), agenda.Count(len(it.Events), "event"), agenda.Count(len(it.People), "person"), cals)
}

// viewConfig is the view's Config for the itinerary it of src; its reloads
// report to progress, when not nil. A folder's or several files' watch
// starts here; stop, when not nil, ends it.
func viewConfig(o options, s settings, src source.Source, it *itinerary.Itinerary, people []int, progress *tui.LoadProgress) (cfg tui.Config, stop func(), err error) {
	watch, file, notice := "", "", ""
	var changes <-chan struct{}
	switch {
	case src.Kind == source.File:
		file = src.Name
		if !o.noWatch {
			watch = src.Name
		}
	case src.Kind == source.Gathered && !o.noWatch:
		// A folder or several files: watched here, each event edited in its
		// own file.
		w, err := src.Watch()
		if err != nil {
			return tui.Config{}, nil, err
		}
		if w != nil { // nil when standard input is all it reads
			stop = w.Stop
			watch, changes, notice = src.Name, w.C, w.Warning()
		}
	}
	var p source.Progress
	if progress != nil {
		p = progress
	}
	cfg = tui.Config{Itinerary: it, Name: src.Name, File: file, Watch: watch, Changes: changes, Notice: notice, Failures: src.FailuresFunc(),
		Load: s.conf.Reminding(src.LoaderWith(p)), LoadChanged: s.conf.Reminding(src.ChangeLoaderWith(p)), Progress: progress, Zone: s.zone, Now: s.now, People: people,
		Calendars: s.calendars, Lanes: o.view == "lanes", View: o.view, Keys: s.conf.KeyMap(), Colors: s.conf.Colors, Theme: s.conf.Theme,
		WeekStart: s.conf.WeekStart, Stdin: src.Kind == source.Stdin, Calendar: src.Calendar, Venue: s.venue, Floating: s.floating,
		NoBell: o.noBell, Second: s.zone2, Dates: s.dates}
	subscribe(&cfg, src, o.refresh)
	return cfg, stop, nil
}

// viewGCPercent is the view's GOGC (see viewLoading).
const viewGCPercent = 50

// errEnded is the loading view's load ending the command with what it
// wrote and its code.
var errEnded = errors.New("the command ended while loading")

// viewLoading opens the view at once on its loading screen and loads the
// itinerary meanwhile. What the load has to say (warnings, errors) is
// written once the view has left the terminal, with the exit code the
// command would have without the view; quitting while loading is exit 0.
func (c Command) viewLoading(o options, s settings) int {
	var msgs bytes.Buffer
	during := c
	during.Stderr = &msgs
	code := ExitOK
	progress := &tui.LoadProgress{}
	// The view holds its itinerary for its whole life and allocates little
	// once it is on screen (a key's rows and frame): the collector may run
	// at half the heap's growth rather than at its doubling, which kept a
	// 100,000-event view at 194-270 MB after its load. Loads still keep to
	// their own budget (internal/source).
	defer debug.SetGCPercent(debug.SetGCPercent(viewGCPercent))
	var mu sync.Mutex
	var stopWatch func() // a folder's watch, started by the load
	defer func() {
		mu.Lock()
		defer mu.Unlock()
		if stopWatch != nil {
			stopWatch()
		}
	}()
	err := tui.RunLoading(tui.Start{Name: source.NameOf(o.files), Keys: s.conf.KeyMap(), Colors: s.conf.Colors, Theme: s.conf.Theme,
		Progress: progress, Load: func() (tui.Config, error) {
			it, src, err := loadForView(o.files, c.Stdin, progress)
			people, end, ok := during.opened(o, &s, it, src, err)
			if ok {
				for _, l := range itinerary.FormatProblems(src.Name, it.Warnings) {
					fmt.Fprintln(during.Stderr, l)
				}
				end, ok = during.prepare(o, &s, it)
			}
			if ok {
				// Made when first asked for: before the first search, with
				// luck. Not before prepare, whose SetFloating re-indexes.
				// Then the load's garbage is handed back to the system at
				// once: left to the runtime's background scavenger, it was
				// handed back over minutes, a little at each wake-up of the
				// idle view (0.5-1 % of a core for its first minute at
				// 100,000 events, against 0.03 % after).
				go func() {
					it.WarmSearch()
					debug.FreeOSMemory()
				}()
			}
			if !ok {
				code = end
				return tui.Config{}, errEnded
			}
			cfg, stop, err := viewConfig(o, s, src, it, people, progress)
			mu.Lock()
			stopWatch = stop
			mu.Unlock()
			return cfg, err
		}})
	if errors.Is(err, tui.ErrQuit) {
		return ExitOK // the load may still be writing msgs
	}
	c.Stderr.Write(msgs.Bytes())
	switch {
	case errors.Is(err, errEnded):
		return code
	case err != nil:
		fmt.Fprintf(c.Stderr, "visitline: %v\n", err)
		return ExitInvalid
	}
	return ExitOK
}

// write prints the selected events in the chosen format.
func (c Command) write(o options, s settings, it *itinerary.Itinerary, people []int) error {
	width := c.Width
	if o.width >= 0 {
		width = o.width
	}
	opt := export.Options{Zone: s.zone, Now: s.now, People: people, Calendars: s.calendars, Dates: s.dates, Width: width, Second: s.zone2, Compact: o.compact}
	return export.Writer(s.format)(c.Stdout, it, opt)
}

// settings are the flags' values checked and parsed.
type settings struct {
	format   export.Format
	zone     *time.Location // nil: the itinerary's, or each venue's own with venue
	venue    bool           // --tz venue: each venue's own clock
	floating *time.Location // the zone floating times are read in; nil: this machine's
	now      time.Time      // zero: the clock's
	zone2    *time.Location // the second clock's zone, or nil
	here     bool           // no --tz: the zone is the default, and --next reads where the itinerary is now
	dates    agenda.DateRange
	conf     *config.Config // the config file's settings
	// calendars is the calendar filter (--calendar), resolved once the
	// itinerary is read.
	calendars []int
}

// settings checks the values of --format, --view, --tz and --now; an
// error is a usage error. A --format implies --print, and --compact
// --format md.
func (o *options) settings() (settings, error) {
	s := settings{format: export.FormatText}
	// In this order: the first error is the one reported.
	for _, check := range []func(*settings) error{o.formatSetting, o.viewSetting, o.zoneSettings, o.nextSetting, o.nowSetting, o.dateSettings} {
		if err := check(&s); err != nil {
			return s, err
		}
	}
	return s, nil
}

// formatSetting checks --format and --compact.
func (o *options) formatSetting(s *settings) error {
	if o.format != "" {
		s.format = export.Format(o.format)
		if export.Writer(s.format) == nil {
			return fmt.Errorf("--format %q is not one of %s", o.format, formatNames(", "))
		}
		o.print = true
	}
	if o.compact {
		// The compact form is the Markdown briefing's.
		if o.format == "" {
			s.format = export.FormatMarkdown
		} else if s.format != export.FormatMarkdown {
			return fmt.Errorf("--compact is a form of --format md, not of --format %s", o.format)
		}
		o.print = true
	}
	return nil
}

// viewSetting checks --view.
func (o *options) viewSetting(*settings) error {
	if !slices.Contains(tui.ViewNames(), o.view) {
		return fmt.Errorf("--view %q is not one of %s", o.view, strings.Join(tui.ViewNames(), ", "))
	}
	return nil
}

// zoneSettings reads --tz and --tz2.
func (o *options) zoneSettings(s *settings) error {
	var err error
	switch o.tz {
	case "":
	case "venue":
		s.venue = true
	case "local":
		s.zone = time.Local
	default:
		if s.zone, err = itinerary.LoadZone(o.tz); err != nil {
			return fmt.Errorf("--tz: %v, or \"local\" or \"venue\"", err)
		}
	}
	switch o.tz2 {
	case "":
	case "venue":
		return errors.New(`--tz venue cannot be the second clock; give an IANA zone or "local"`)
	case "local":
		s.zone2 = time.Local
	default:
		if s.zone2, err = itinerary.LoadZone(o.tz2); err != nil {
			return fmt.Errorf("--tz: %v, or \"local\"", err)
		}
	}
	return nil
}

// nextSetting checks the format --next writes.
func (o *options) nextSetting(*settings) error {
	if o.next && o.format != "" && o.format != string(export.FormatJSON) && o.format != string(export.FormatText) {
		return fmt.Errorf("--next writes text or json, not --format %q", o.format)
	}
	return nil
}

// nowSetting reads --now.
func (o *options) nowSetting(s *settings) error {
	if o.now == "" {
		return nil
	}
	var err error
	if s.now, err = time.Parse(time.RFC3339, o.now); err != nil {
		return fmt.Errorf("--now %q is not an RFC 3339 time such as 2024-01-26T12:10:00+09:00", o.now)
	}
	if !itinerary.InRange(s.now) {
		return fmt.Errorf("--now %q is outside the times an itinerary can hold (%s)", o.now, itinerary.RangeText)
	}
	return nil
}

// dateSettings checks --day, --from and --to. The dates are read once the
// display zone is known (dateRange); a date that is no date is a usage
// error before the file is read.
func (o *options) dateSettings(*settings) error {
	if o.day != "" && (o.from != "" || o.to != "") {
		return errors.New("--day is one day; give it alone, or --from and --to")
	}
	for _, d := range []struct{ flag, value string }{{"day", o.day}, {"from", o.from}, {"to", o.to}} {
		if d.value == "" {
			continue
		}
		if _, err := agenda.ParseDate(d.value, time.Now(), time.UTC); err != nil {
			return fmt.Errorf("--%s %v", d.flag, err)
		}
	}
	return nil
}

// dateRange reads --day, --from and --to in the display zone (the
// itinerary's with --tz venue), counted from --now or the clock.
func (o *options) dateRange(s settings, it *itinerary.Itinerary) (agenda.DateRange, error) {
	var r agenda.DateRange
	zone := s.zone
	if zone == nil {
		zone = it.Zone
	}
	now := s.now
	if now.IsZero() {
		now = time.Now()
	}
	var err error
	read := func(flag, value string) time.Time {
		if value == "" || err != nil {
			return time.Time{}
		}
		var t time.Time
		if t, err = agenda.ParseDate(value, now, zone); err != nil {
			err = fmt.Errorf("--%s %v", flag, err)
		}
		return t
	}
	if o.day != "" {
		r.From = read("day", o.day)
		r.To = r.From
	}
	if f := read("from", o.from); !f.IsZero() {
		r.From = f
	}
	if t := read("to", o.to); !t.IsZero() {
		r.To = t
	}
	if err == nil && !r.From.IsZero() && !r.To.IsZero() && r.To.Before(r.From) {
		err = fmt.Errorf("--to %s is before --from %s", r.To.Format("2006-01-02"), r.From.Format("2006-01-02"))
	}
	return r, err
}

// cachedNext is --next from the cache: the events the person filter kept,
// in the zones the whole file gives them.
func (c Command) cachedNext(s settings, it *itinerary.Itinerary) int {
	s.floating = s.zone
	if s.floating != nil {
		it.SetFloating(s.floating)
	}
	if s.zone == nil {
		s.zone, s.here = it.DisplayZone(nil), true
	}
	if err := c.next(s, it, nil, ""); err != nil {
		fmt.Fprintf(c.Stderr, "visitline: %v\n", err)
		return ExitInvalid
	}
	return ExitOK
}

// next is --next: what is under way and what comes next, in one line or
// a JSON object.
func (c Command) next(s settings, it *itinerary.Itinerary, people []int, cache string) error {
	now := s.now
	if now.IsZero() {
		now = time.Now()
	}
	zone := s.zone
	if s.here && !it.NoZone {
		// No --tz: the clock of where the itinerary is now (the delegation
		// in Singapore reads 18:00 for its 18:00 debrief, not Seoul's 19:00).
		zone = it.ZoneAt(now)
	}
	events := s.dates.Keep(it, it.Select(itinerary.Filter{People: people, Calendars: s.calendars}), zone)
	if cache != "" {
		writeNextCache(cache, it, events, now)
	}
	sum := agenda.Next(it, events, zone, now)
	if s.format == export.FormatJSON {
		return export.WriteNext(c.Stdout, it, sum, now)
	}
	if sum.Empty() {
		return nil
	}
	_, err := fmt.Fprintln(c.Stdout, sum.String())
	return err
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
