package cli

import (
	"flag"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/visitline/visitline/export"
	"github.com/visitline/visitline/tui"
)

// TestUsageFromFlags: --help lists every declared flag once, in the
// declared order, with its argument and the whole of its usage; the
// formats are export's; the keys follow from the view's key map; no line
// of the flags is wider than 80 cells.
func TestUsageFromFlags(t *testing.T) {
	help := usage()
	flags, _, ok := strings.Cut(help, "\nExit codes:")
	if !ok || !strings.HasSuffix(help, tui.HelpText()) {
		t.Fatalf("no exit codes, or the key list does not end the help:\n%s", help)
	}
	fs := newFlagSet(&options{})
	var declared []string
	fs.VisitAll(func(f *flag.Flag) { declared = append(declared, f.Name) })
	if len(fs.order) != len(declared) {
		t.Fatalf("%d flags listed, %d declared: %v, %v", len(fs.order), len(declared), fs.order, declared)
	}
	// The rows of the flags, with each usage's wrapped lines joined.
	var rows []string
	for _, l := range strings.Split(flags, "\n") {
		if w := ansi.StringWidth(l); w > 80 {
			t.Errorf("line of %d cells: %q", w, l)
		}
		switch {
		case strings.HasPrefix(l, "  -"):
			rows = append(rows, strings.TrimSpace(l))
		case strings.HasPrefix(l, strings.Repeat(" ", usageColumn)) && len(rows) > 0:
			rows[len(rows)-1] += " " + strings.TrimSpace(l)
		}
	}
	want := map[string]string{ // what each flag's row says
		"check":    `--check validate only: "FILE: ok (N events, M people)" or every problem as FILE:LINE:COLUMN: message on stderr`,
		"print":    "--print print the agenda instead of opening the timeline",
		"format":   "--format FORMAT the FORMAT --print writes: text, md (a Markdown briefing), json, ics, yaml (the itinerary as a format-v1 file), csv (one row per event) or html (a page to print); implies --print",
		"compact":  "--compact with --format md, the short briefing: a line an event under each day",
		"width":    "--width N cut agenda lines to N cells; 0 never cuts (default: the terminal's width on a terminal, whole lines otherwise)",
		"person":   "--person P keep only events with P: a person id or part of a name, native name, organisation or role (경계현, kyung, sk group), matched as the people picker does; repeat to require several",
		"calendar": "--calendar NAME keep only events of the calendar called NAME (its name or id, any letter case) when several are open; repeat for any of several",
		"tz":       `--tz ZONE show times in this IANA ZONE, "local" for this machine's, or "venue" for each venue's own clock (as key z does); floating calendar times are read in ZONE (default: this machine's zone). Given twice, the second zone's clock is shown beside the first`,
		"day":      "--day DATE only what covers DATE: YYYY-MM-DD, today, tomorrow, yesterday, +N or -N days, or a weekday name, in the display zone and counted from --now",
		"from":     "--from DATE only what covers DATE or later (as --day)",
		"to":       "--to DATE only what covers DATE or earlier, inclusive (as --day)",
		"next":     "--next print what is under way and what comes next in one line (a JSON object with --format json) and exit",
		"no-bell":  "--no-bell no terminal bell when a reminder shows",
		"now":      "--now TIME pretend it is TIME (RFC 3339) for the now marker",
		"view":     "--view VIEW which VIEW the timeline opens in: list, lanes, week or month (v cycles them)",
		"config":   "--config FILE read the config FILE (keys, colours, default view, zones, week start; default: $XDG_CONFIG_HOME/visitline/config.yaml)",
		"no-watch": "--no-watch do not reload FILE when it changes",
		"refresh":  "--refresh DURATION fetch a subscribed calendar (an https:// or webcal:// SOURCE) again every DURATION, at least 1m; r fetches it at once",
		"version":  "--version print the version and exit",
	}
	for i := range rows {
		rows[i] = strings.Join(strings.Fields(rows[i]), " ")
	}
	if len(rows) != len(fs.order)+1 || rows[len(rows)-1] != "-h, --help this help" {
		t.Fatalf("rows %q, want one per flag and -h, --help", rows)
	}
	for i, name := range fs.order {
		if rows[i] != want[name] {
			t.Errorf("row %d: %q, want %q", i, rows[i], want[name])
		}
	}
	for _, f := range export.Formats() {
		if !strings.Contains(want["format"], " "+string(f)) {
			t.Errorf("format %q not in --help", f)
		}
	}
}

// TestEveryFormatPrints: each of export's formats is accepted by --format
// and prints something; a name not in the table is a usage error.
func TestEveryFormatPrints(t *testing.T) {
	for _, f := range export.Formats() {
		r := run(t, root, nil, "--format", string(f))
		if r.code != 0 || r.stdout == "" || r.stderr != "" {
			t.Errorf("--format %s: exit %d, %d bytes, stderr %q", f, r.code, len(r.stdout), r.stderr)
		}
	}
	if r := run(t, root, nil, "--format", "TEXT"); r.code != 2 || r.stdout != "" {
		t.Errorf("--format TEXT: %+v", r)
	}
}
