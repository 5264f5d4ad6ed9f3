package export

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/visitline/visitline/internal/testenv"

	ics "github.com/arran4/golang-ical"
	"github.com/visitline/visitline/internal/golden"
	"github.com/visitline/visitline/itinerary"
)

// Two itineraries that share the event id "keynote", and tripA again with
// an event inserted before the others and its events in another order.
const (
	tripA = `id: trip-a
title: Trip A
timezone: Europe/Berlin
events:
  - {id: flight, title: Flight Frankfurt to San Francisco, start: "2026-01-15 13:30", end: "2026-01-15 16:05", end_timezone: America/Los_Angeles, kind: travel}
  - {id: keynote, title: Keynote, start: "2026-01-16 09:00", timezone: America/Los_Angeles, duration: 1h}
  - {title: Team dinner, start: "2026-01-16 19:00", timezone: America/Los_Angeles, duration: 2h, status: reported}
  - {title: Summit, start: 2026-01-17, end: 2026-01-19, timezone: America/Los_Angeles, status: expected}
  - {title: Partner visit, start: "2026-01-18 15:00", timezone: America/Los_Angeles, duration: 1h, status: cancelled}
`
	tripAEdited = `id: trip-a
title: Trip A
timezone: Europe/Berlin
events:
  - {title: Breakfast, start: "2026-01-16 08:00", timezone: America/Los_Angeles, duration: 30m, status: planned}
  - {title: Partner visit, start: "2026-01-18 15:00", timezone: America/Los_Angeles, duration: 1h, status: cancelled}
  - {title: Summit, start: 2026-01-17, end: 2026-01-19, timezone: America/Los_Angeles, status: expected}
  - {title: Team dinner, start: "2026-01-16 19:00", timezone: America/Los_Angeles, duration: 2h, status: reported}
  - {id: keynote, title: Keynote, start: "2026-01-16 09:00", timezone: America/Los_Angeles, duration: 1h}
  - {id: flight, title: Flight Frankfurt to San Francisco, start: "2026-01-15 13:30", end: "2026-01-15 16:05", end_timezone: America/Los_Angeles, kind: travel}
`
	tripB = `title: Trip B, to Seattle
timezone: America/Los_Angeles
events:
  - {id: keynote, title: Keynote, start: "2026-01-20 10:00", duration: 1h}
`
)

func loadSrc(t *testing.T, src string) *itinerary.Itinerary {
	t.Helper()
	it, err := itinerary.Load("trip.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return it
}

func icsOf(t *testing.T, src string) []byte {
	t.Helper()
	return writeICS(t, loadSrc(t, src))
}

// icsEvents reads a calendar back as UID → event.
func icsEvents(t *testing.T, b []byte) map[string]*ics.VEvent {
	t.Helper()
	cal, err := ics.ParseCalendar(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*ics.VEvent{}
	for _, ev := range cal.Events() {
		uid := ev.Id()
		if out[uid] != nil {
			t.Errorf("UID %q is written twice", uid)
		}
		out[uid] = ev
	}
	return out
}

func TestICSUIDs(t *testing.T) {
	a, edited, b := icsEvents(t, icsOf(t, tripA)), icsEvents(t, icsOf(t, tripAEdited)), icsEvents(t, icsOf(t, tripB))
	for uid, ev := range a {
		if !strings.HasSuffix(uid, "@trip-a.visitline") {
			t.Errorf("UID %q does not name the itinerary", uid)
		}
		if b[uid] != nil {
			t.Errorf("UID %q is in both itineraries", uid)
		}
		// Inserting and reordering events keeps every UID and its event.
		e2 := edited[uid]
		if e2 == nil {
			t.Errorf("UID %q (%s) changed when other events were added and reordered", uid, ev.GetProperty(ics.ComponentPropertySummary).Value)
			continue
		}
		if s1, s2 := ev.GetProperty(ics.ComponentPropertySummary).Value, e2.GetProperty(ics.ComponentPropertySummary).Value; s1 != s2 {
			t.Errorf("UID %q is %q, then %q", uid, s1, s2)
		}
	}
	if len(edited) != len(a)+1 {
		t.Errorf("%d events after inserting one into %d", len(edited), len(a))
	}
	if a["keynote@trip-a.visitline"] == nil || b["keynote@trip-b-to-seattle.visitline"] == nil {
		t.Errorf("keynote UIDs: %v and %v", slices.Collect(mapKeys(a)), slices.Collect(mapKeys(b)))
	}
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// TestICSSameTitleAndStart: events alike in title and start and without an
// id still get UIDs of their own.
func TestICSSameTitleAndStart(t *testing.T) {
	evs := icsEvents(t, icsOf(t, "id: x\ntitle: X\ntimezone: UTC\nevents:\n"+
		"  - {title: Call, start: \"2026-01-16 08:00\"}\n  - {title: Call, start: \"2026-01-16 08:00\"}\n"))
	if len(evs) != 2 {
		t.Errorf("%d UIDs for two events", len(evs))
	}
}

func TestICSLinesEndInCRLF(t *testing.T) {
	b := icsOf(t, tripA)
	if !bytes.HasSuffix(b, []byte("END:VCALENDAR\r\n")) {
		t.Errorf("the calendar does not end in END:VCALENDAR CRLF: %q", b[max(len(b)-20, 0):])
	}
	if n, crlf := bytes.Count(b, []byte("\n")), bytes.Count(b, []byte("\r\n")); n != crlf {
		t.Errorf("%d of %d line ends are a bare LF", n-crlf, n)
	}
}

// TestICSProperties checks what a calendar program reads: the status, the
// two zones of a journey, and the exclusive end of an all-day entry.
func TestICSProperties(t *testing.T) {
	b := string(icsOf(t, tripA))
	for _, want := range []string{
		"UID:flight@trip-a.visitline\r\n",
		"DTSTART;TZID=Europe/Berlin:20260115T133000\r\n",
		"DTEND;TZID=America/Los_Angeles:20260115T160500\r\n",
		"BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nBEGIN:STANDARD\r\nDTSTART:20251026T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n",
		"BEGIN:VTIMEZONE\r\nTZID:America/Los_Angeles\r\nBEGIN:STANDARD\r\nDTSTART:20251102T020000\r\nTZOFFSETFROM:-0700\r\nTZOFFSETTO:-0800\r\nTZNAME:PST\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n",
		// An event in a zone of its own keeps it, so that reading back
		// keeps the venue's zone (QA2 #13); so does an all-day entry.
		"SUMMARY:Keynote\r\nDTSTART;TZID=America/Los_Angeles:20260116T090000\r\nDTEND;TZID=America/Los_Angeles:20260116T100000\r\n",
		"SUMMARY:Summit\r\nDTSTART;VALUE=DATE:20260117\r\nDTEND;VALUE=DATE:20260120\r\nX-VISITLINE-TIMEZONE:America/Los_Angeles\r\n",
	} {
		if !strings.Contains(b, want) {
			t.Errorf("the calendar lacks\n%s", want)
		}
	}
	// In the itinerary's own zone an event is a UTC instant.
	if c := string(icsOf(t, tripB)); !strings.Contains(c, "DTSTART:20260120T180000Z\r\nDTEND:20260120T190000Z\r\n") {
		t.Errorf("the keynote in the itinerary's zone should be in UTC:\n%s", c)
	}
	status := map[string]string{}
	for _, ev := range icsEvents(t, []byte(b)) {
		status[ev.GetProperty(ics.ComponentPropertySummary).Value] = ev.GetProperty(ics.ComponentPropertyStatus).Value
	}
	want := map[string]string{
		"Flight Frankfurt to San Francisco": "CONFIRMED", "Keynote": "CONFIRMED", "Team dinner": "TENTATIVE",
		"Summit": "TENTATIVE", "Partner visit": "CANCELLED",
	}
	for title, s := range want {
		if status[title] != s {
			t.Errorf("%s: STATUS %q, want %q", title, status[title], s)
		}
	}
}

// TestICSZoneInSummer: the VTIMEZONE gives the period the time falls in.
func TestICSZoneInSummer(t *testing.T) {
	b := string(icsOf(t, "title: S\ntimezone: Europe/Berlin\nevents:\n"+
		"  - {title: F, start: \"2026-07-15 13:30\", end: \"2026-07-15 16:05\", end_timezone: America/Los_Angeles}\n"))
	for _, want := range []string{
		"BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nEND:DAYLIGHT\r\n",
		"BEGIN:DAYLIGHT\r\nDTSTART:20260308T020000\r\nTZOFFSETFROM:-0800\r\nTZOFFSETTO:-0700\r\nTZNAME:PDT\r\nEND:DAYLIGHT\r\n",
	} {
		if !strings.Contains(b, want) {
			t.Errorf("the calendar lacks\n%s", want)
		}
	}
}

// importTrips writes tripA and tripB, then tripAEdited, to .ics files and
// hands them to load, one after the other, as a user updating a calendar
// would.
func importTrips(t *testing.T, load func(file string)) {
	dir := t.TempDir()
	for k, src := range []string{tripA, tripB, tripAEdited} {
		f := filepath.Join(dir, []string{"a.ics", "b.ics", "a2.ics"}[k])
		if err := os.WriteFile(f, icsOf(t, src), 0o644); err != nil {
			t.Fatal(err)
		}
		load(f)
	}
}

// wantAfterImports is what a calendar shows in Los Angeles after the three
// imports: every event of both trips once, the inserted breakfast, and
// both keynotes (the shared id replaces nothing). The flight leaves at
// 13:30 in Frankfurt, 04:30 in Los Angeles.
var wantAfterImports = []string{
	"2026-01-15 04:30|2026-01-15 16:05|Flight Frankfurt to San Francisco",
	"2026-01-16 08:00|2026-01-16 08:30|Breakfast",
	"2026-01-16 09:00|2026-01-16 10:00|Keynote",
	"2026-01-16 19:00|2026-01-16 21:00|Team dinner",
	"2026-01-17|all day|Summit",
	"2026-01-18|all day|Summit",
	"2026-01-18 15:00|2026-01-18 16:00|Partner visit",
	"2026-01-19|all day|Summit",
	"2026-01-20 10:00|2026-01-20 11:00|Keynote",
}

// TestICSImportsIntoKhal imports both trips into one khal calendar, then
// the edited trip again: khal keys events by UID, so a shared event id
// must not replace the other trip's event, and the re-import must update
// in place rather than duplicate.
func TestICSImportsIntoKhal(t *testing.T) {
	testenv.Command(t, "khal", "khal")
	dir := t.TempDir()
	calDir := filepath.Join(dir, "cal")
	os.Mkdir(calDir, 0o755)
	conf := filepath.Join(dir, "khal.conf")
	os.WriteFile(conf, []byte("[calendars]\n[[trips]]\npath = "+calDir+"\n[locale]\n"+
		"local_timezone = America/Los_Angeles\ndefault_timezone = America/Los_Angeles\n"+
		"timeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"+
		"datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"+
		"[sqlite]\npath = "+filepath.Join(dir, "khal.db")+"\n"), 0o644)
	env := append(os.Environ(), "HOME="+dir, "TZ=America/Los_Angeles", "XDG_CONFIG_HOME="+dir, "XDG_DATA_HOME="+dir)
	importTrips(t, func(file string) {
		cmd := exec.Command("khal", "-c", conf, "import", "--batch", "-a", "trips", file)
		cmd.Env = env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("khal import %s: %v\n%s", filepath.Base(file), err, out)
		}
	})
	cmd := exec.Command("khal", "-c", conf, "list", "--day-format", "{date}", "--format", "{start-time}|{end-time}|{title}|{status}", "2026-01-14", "10d")
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("khal list: %v\n%s", err, out)
	}
	var got []string
	day := ""
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		line = strings.TrimSpace(line)
		f := strings.Split(line, "|")
		switch {
		case len(f) == 1:
			day = line
		case f[0] == "":
			got = append(got, day+"|all day|"+f[2])
		default:
			end := f[1]
			if !strings.Contains(end, "-") {
				end = day + " " + end
			}
			got = append(got, day+" "+f[0]+"|"+end+"|"+f[2])
		}
	}
	if strings.Join(got, "\n") != strings.Join(wantAfterImports, "\n") {
		t.Errorf("khal shows\n%s\nwant\n%s\n(raw)\n%s", strings.Join(got, "\n"), strings.Join(wantAfterImports, "\n"), out)
	}
	files, _ := os.ReadDir(calDir)
	if len(files) != 7 {
		t.Errorf("%d events stored, want 7 (5 + 1 of trip A, 1 of trip B)", len(files))
	}
}

// TestICSImportTwoTripsIntoCalcurse imports both trips into one calcurse
// directory. calcurse keeps no UIDs (every import adds), so the re-import
// of the edited trip is checked by importing only what calcurse lacks: the
// events whose UIDs it has not seen, which is the point of stable UIDs.
func TestICSImportTwoTripsIntoCalcurse(t *testing.T) {
	testenv.Command(t, "calcurse", "calcurse")
	dir := t.TempDir()
	calDir := filepath.Join(dir, "calcurse")
	os.Mkdir(calDir, 0o755)
	env := append(os.Environ(), "TZ=America/Los_Angeles", "HOME="+dir)
	seen := map[string]bool{}
	importTrips(t, func(file string) {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		cal, err := ics.ParseCalendar(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		fresh := ics.NewCalendar()
		fresh.Components = nil
		for _, c := range cal.Components {
			if ev, ok := c.(*ics.VEvent); ok {
				if seen[ev.Id()] {
					continue
				}
				seen[ev.Id()] = true
			}
			fresh.Components = append(fresh.Components, c)
		}
		newFile := file + ".new.ics"
		os.WriteFile(newFile, []byte(fresh.Serialize(ics.WithNewLineWindows)), 0o644)
		imp := exec.Command("calcurse", "-D", calDir, "-q", "-i", newFile)
		imp.Env = env
		if out, err := imp.CombinedOutput(); err != nil {
			t.Fatalf("calcurse -i: %v\n%s", err, out)
		}
	})
	got := calcurseAgenda(t, calDir, env, "2026-01-14", 10)
	if strings.Join(got, "\n") != strings.Join(wantAfterImports, "\n") {
		t.Errorf("calcurse shows\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(wantAfterImports, "\n"))
	}
}

// calcurseAgenda lists the days from `from` as "start|end|title" lines,
// all-day entries as "date|all day|title".
func calcurseAgenda(t *testing.T, calDir string, env []string, from string, days int) []string {
	t.Helper()
	q := exec.Command("calcurse", "-D", calDir, "--input-datefmt", "4", "-Q", "--from", from, "--days", strconv.Itoa(days),
		"--format-apt", "%(start:%Y-%m-%d %H:%M)|%(end:%Y-%m-%d %H:%M)|%m\n",
		"--format-event", "|all day|%m\n")
	q.Env = env
	out, err := q.CombinedOutput()
	if err != nil {
		t.Fatalf("calcurse -Q: %v\n%s", err, out)
	}
	var got []string
	day := ""
	for _, line := range strings.Split(string(out), "\n") {
		switch {
		case strings.HasSuffix(line, ":") && len(line) == 9: // a day header, 01/26/24:
			d, _ := time.Parse("01/02/06:", line)
			day = d.Format("2006-01-02")
		case strings.HasPrefix(line, "|all day|"):
			got = append(got, day+line)
		case strings.HasPrefix(line, " * "): // calcurse 4.7 ignores --format-event for multi-day events
			got = append(got, day+"|all day|"+line[3:])
		case line != "":
			got = append(got, line)
		}
	}
	return got
}

// TestJSONTrips decodes the JSON of a trip as jq would: every list is an
// array, a journey gives its length and both zones, an all-day entry its
// days and no instant.
func TestJSONTrips(t *testing.T) {
	it := loadSrc(t, tripA)
	var buf bytes.Buffer
	if err := JSON(&buf, it, it.Select(itinerary.Filter{}), Options{Zone: it.Zone}); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		ID     string           `json:"id"`
		Events []map[string]any `json:"events"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.ID != "trip-a" {
		t.Errorf("id %q", doc.ID)
	}
	byTitle := map[string]map[string]any{}
	for _, e := range doc.Events {
		for _, list := range []string{"participants", "topics", "sources", "overlaps"} {
			if _, ok := e[list].([]any); !ok {
				t.Errorf("%s: %s is %v, not an array", e["title"], list, e[list])
			}
		}
		byTitle[e["title"].(string)] = e
	}
	flight := byTitle["Flight Frankfurt to San Francisco"]
	for k, want := range map[string]any{
		"duration_minutes": 695.0, "timezone": "Europe/Berlin", "end_timezone": "America/Los_Angeles",
		"start": "2026-01-15T13:30:00+01:00", "end": "2026-01-16T01:05:00+01:00",
		"start_local": "2026-01-15T13:30:00+01:00", "end_local": "2026-01-15T16:05:00-08:00",
	} {
		if flight[k] != want {
			t.Errorf("flight %s: %v, want %v", k, flight[k], want)
		}
	}
	summit := byTitle["Summit"]
	if summit["date"] != "2026-01-17" || summit["end_date"] != "2026-01-19" || summit["all_day"] != true {
		t.Errorf("summit: date %v end_date %v all_day %v", summit["date"], summit["end_date"], summit["all_day"])
	}
	for _, k := range []string{"start", "end", "start_local", "end_local", "duration_minutes", "end_timezone"} {
		if v, ok := summit[k]; ok {
			t.Errorf("summit has %s: %v", k, v)
		}
	}
	if _, ok := byTitle["Keynote"]["end_timezone"]; ok {
		t.Errorf("keynote has an end_timezone without one in the file")
	}
}

// TestConferenceTripJSON: the example trip's JSON gives the flight out its
// 11 h 35 min and both local times, and the conference its three days
// without an invented instant.
func TestConferenceTripJSON(t *testing.T) {
	r := printed(t, Writer(FormatJSON), "examples/sf-conference.yaml", Options{})
	var doc struct {
		ID     string `json:"id"`
		Events []struct {
			ID              string `json:"id"`
			Start           string `json:"start"`
			StartLocal      string `json:"start_local"`
			EndLocal        string `json:"end_local"`
			DurationMinutes *int   `json:"duration_minutes"`
			EndTimezone     string `json:"end_timezone"`
			Date            string `json:"date"`
			EndDate         string `json:"end_date"`
			Status          string `json:"status"`
		} `json:"events"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, e := range doc.Events {
		switch e.ID {
		case "flight-out":
			found++
			if e.DurationMinutes == nil || *e.DurationMinutes != 11*60+35 || e.StartLocal != "2026-11-22T13:30:00+01:00" ||
				e.EndLocal != "2026-11-22T16:05:00-08:00" || e.EndTimezone != "America/Los_Angeles" {
				t.Errorf("flight out: %+v", e)
			}
		case "conference":
			found++
			if e.Date != "2026-11-23" || e.EndDate != "2026-11-25" || e.Start != "" || e.DurationMinutes != nil {
				t.Errorf("conference: %+v", e)
			}
		case "partner-visit":
			found++
			if e.Status != "cancelled" {
				t.Errorf("cancelled meeting: %+v", e)
			}
		}
	}
	if found != 3 || doc.ID != "sf-conference-2026" {
		t.Errorf("found %d of 3 events, id %q", found, doc.ID)
	}
}

// TestConferenceTripInLosAngeles: the printed agenda in Los Angeles lists
// the conference under each of its days and the overnight flight home
// under the day it lands, with both ends of each flight in their zones.
func TestConferenceTripInLosAngeles(t *testing.T) {
	r := printed(t, Text, "examples/sf-conference.yaml", Options{Zone: zone(t, "America/Los_Angeles")})
	if r.stderr != "" {
		t.Fatalf("%+v", r)
	}
	golden.Check(t, "testdata/print-sf-conference-la.txt", r.stdout)
	for _, want := range []string{
		"Tue 24 Nov 2026 · 2 events\n                 ↳ Cloud Systems Summit · day 2 of 3\n",
		"Wed 25 Nov 2026 · 2 events\n                 ↳ Cloud Systems Summit · day 3 of 3\n",
		"Thu 26 Nov 2026 · continued\n  until 02:05    ↳ Flight San Francisco to Frankfurt · day 2 of 2\n",
		"  04:30–16:05    Flight Frankfurt to San Francisco · 13:30 CET → 16:05 PST · 11 h 35 min · ",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("the agenda lacks\n%s\nin\n%s", want, r.stdout)
		}
	}
	md := printed(t, Markdown, "examples/sf-conference.yaml", Options{})
	if !strings.Contains(md.stdout, "- **Journey:** Wed 25 Nov 15:20 PST → 11:05 CET · 10 h 45 min\n") {
		t.Errorf("the briefing lacks the flight home's journey:\n%s", md.stdout)
	}
}
