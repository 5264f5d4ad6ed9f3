package e2e

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/visitline/visitline/export"
	"github.com/visitline/visitline/internal/golden"
)

// delegation is the five-day trip across Seoul, Tokyo, Singapore and San
// Francisco; delegationNow is 14:40 in Singapore on its Friday, when the
// executive meeting (14:00–15:00 there) and the call with San Francisco
// (Thu 22:30–23:30 PST, Fri 14:30–15:30 in Singapore) are both under way.
const (
	delegation    = "data/examples/delegation-asia-sf.yaml"
	delegationNow = "2027-03-12T14:40:00+08:00"
)

// rowsAround returns the non-empty lines of the timeline side of a screen
// (or the lines of a printed agenda) and the index of the first one
// holding mark.
func rowsAround(t *testing.T, scr, mark string) ([]string, int) {
	t.Helper()
	var rows []string
	at := -1
	for _, l := range strings.Split(scr, "\n") {
		l, _, _ = strings.Cut(l, "│")
		if strings.TrimSpace(l) == "" {
			continue
		}
		if at < 0 && strings.Contains(l, mark) {
			at = len(rows)
		}
		rows = append(rows, l)
	}
	if at < 0 {
		t.Fatalf("no line holds %q:\n%s", mark, scr)
	}
	return rows, at
}

// eventsBeside is the event rows right above row at, passing over the
// zone-change rows, up to n of them.
func eventsBeside(rows []string, at, n int) []string {
	var out []string
	for k := at - 1; k >= 0 && len(out) < n; k-- {
		if strings.Contains(rows[k], "⟶ venue in") {
			continue
		}
		out = append(out, rows[k])
	}
	return out
}

// assertVenueNow checks the issue-19 scenario on a screen or an agenda:
// the now line reads Singapore's 14:40, right under the two events under
// way, on Friday; the call shows its own date; the overnight flight lands
// "until 05:25" on Friday; no day is invented for the flight that lands
// on Friday in San Francisco.
func assertVenueNow(t *testing.T, scr string) {
	t.Helper()
	rows, now := rowsAround(t, scr, "── now ")
	if !strings.Contains(rows[now], "── now 14:40 ") {
		t.Errorf("the now line does not read Singapore's clock: %q", rows[now])
	}
	beside := eventsBeside(rows, now, 2)
	if len(beside) != 2 ||
		!strings.Contains(beside[0], "Thu 11 Mar 22:30–23:30 PST") || !strings.Contains(beside[0], "[now · 50 min left] Call with the San Fran") ||
		!strings.Contains(beside[1], "14:00–15:00") || !strings.Contains(beside[1], "[now · 20 min left] Executive meet") {
		t.Errorf("the events under way are not beside the now line:\n%s", strings.Join(rows, "\n"))
	}
	// The day the now line stands under is Friday.
	for k := now; k >= 0; k-- {
		if isDayHeader(rows[k]) {
			if !strings.HasPrefix(rows[k], "Fri 12 Mar 2027") {
				t.Errorf("the now line stands under %q", rows[k])
			}
			break
		}
	}
	if !strings.Contains(scr, "until 05:25") || strings.Contains(scr, "until 06:25") {
		t.Errorf("the overnight flight does not land at 05:25 Singapore time:\n%s", scr)
	}
	if strings.Contains(scr, "Sat 13 Mar 2027 · continued") {
		t.Errorf("a day the arrival zone does not have is invented:\n%s", scr)
	}
}

// TestVenueZoneInTmux: z reaches each venue's own zone, where at 14:40 in
// Singapore the now line reads 14:40 beside both events under way, and
// the header's clock says the same (issue 19).
func TestVenueZoneInTmux(t *testing.T) {
	s := startTmux(t, 140, 45, "--now", delegationNow, "--no-watch", delegation)
	s.waitFor("first frame", "Executive meeting", "now 15:40") // Seoul's clock, the itinerary's zone
	scr := s.key("z")
	if !strings.Contains(scr, "times: each venue's own zone") {
		t.Fatalf("z did not reach each venue's own zone:\n%s", scr)
	}
	if !strings.Contains(scr, "now 14:40 · times: each venue's own zone") {
		t.Errorf("the header's clock is not Singapore's:\n%s", scr)
	}
	assertVenueNow(t, scr)
	s.quit()

	// --tz venue opens there.
	s = startTmux(t, 140, 45, "--tz", "venue", "--now", delegationNow, "--no-watch", delegation)
	scr = s.waitFor("first frame", "now 14:40 · times: each venue's own zone", "── now 14:40 ")
	assertVenueNow(t, scr)
	s.quit()
}

// TestPrintVenueZone: --tz venue prints the same agenda as z shows.
func TestPrintVenueZone(t *testing.T) {
	r := runBinary(t, ".", nil, "--print", "--tz", "venue", "--now", delegationNow, delegation)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "times: each venue's own zone") || !strings.Contains(r.stdout, "10–14 Mar 2027") {
		t.Errorf("header:\n%s", r.stdout)
	}
	assertVenueNow(t, r.stdout)
	for _, want := range []string{
		"Fri 12 Mar 2027 · 5 events\n  until 05:25         ↳ Flight Tokyo to Singapore · day 2 of 2\n",
		"22:55 JST           Flight Tokyo to Singapore · 22:55 JST → Fri 12 Mar 05:25 UTC+8 · 7 h 30 min ·",
		"Flight Singapore to San Francisco · 20:40 UTC+8 → 19:35 PST · 14 h 55 min ·",
		"\n\nSat 13 Mar 2027 · 2 events\n",
		"Flight San Francisco to Seoul · 11:20 PST → Sun 14 Mar 16:35 KST · 12 h 15 min ·",
		"\n\nSun 14 Mar 2027 · continued\n  until 16:35         ↳ Flight San Francisco to Seoul · day 2 of 2\n",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("the agenda lacks %q:\n%s", want, r.stdout)
		}
	}
	md := runBinary(t, ".", nil, "--format", "md", "--tz", "venue", "--now", delegationNow, delegation)
	for _, want := range []string{
		"## Fri 12 Mar 2027\n\n*Flight Tokyo to Singapore continues until 05:25, day 2 of 2*",
		"### Thu 11 Mar 22:30–23:30 PST · Call with the San Francisco office",
		"**── now 14:40 ──**",
	} {
		if !strings.Contains(md.stdout, want) {
			t.Errorf("the briefing lacks %q:\n%s", want, md.stdout)
		}
	}
}

// TestDelegationBriefing: the Markdown briefing names each journey end's
// own date where it is not the day the journey is listed under (issue 19,
// item 2), golden in the itinerary's zone.
func TestDelegationBriefing(t *testing.T) {
	r := runBinary(t, ".", nil, "--format", "md", "--now", delegationNow, delegation)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{
		"- **Journey:** Sat 13 Mar 11:20 PST → 16:35 KST · 12 h 15 min\n", // listed under Sunday in Seoul
		"- **Journey:** 20:40 UTC+8 → 19:35 PST · 14 h 55 min\n",          // lands the day it leaves
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("the briefing lacks %q", want)
		}
	}
	if strings.Contains(r.stdout, "+1 KST") {
		t.Errorf("a journey pairs one zone's date with another's clock:\n%s", r.stdout)
	}
	golden.Check(t, "e2e/testdata/md-delegation.md", r.stdout)
}

// calcurseFloating is a calendar as calcurse writes it: DTSTART without
// TZID and without Z, a floating time (RFC 5545 §3.3.5, form 1).
const calcurseFloating = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//calcurse//NONSGML v4.8.1//EN\r\n" +
	"BEGIN:VEVENT\r\nUID:dentist-1\r\nDTSTART:20261203T140000\r\nDTEND:20261203T150000\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\n" +
	"BEGIN:VEVENT\r\nUID:call-1\r\nDTSTART:20261203T180000Z\r\nSUMMARY:Call\r\nEND:VEVENT\r\n" +
	"END:VCALENDAR\r\n"

// calcurseOnlyFloating is a calcurse export with floating times only.
const calcurseOnlyFloating = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//calcurse//NONSGML v4.8.1//EN\r\n" +
	"BEGIN:VEVENT\r\nUID:dentist-1\r\nDTSTART:20261203T140000\r\nDTEND:20261203T150000\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\n" +
	"END:VCALENDAR\r\n"

// TestFloatingTimesAreTheViewersClock: on a Los Angeles machine the
// floating 14:00 is 14:00 there (22:00 UTC), marked floating in JSON, and
// "now" at 14:30 there; --tz reads it on that zone's clock, moving nothing
// floating; YAML and iCalendar keep it floating (issue 19, item 3).
func TestFloatingTimesAreTheViewersClock(t *testing.T) {
	dir := t.TempDir()
	file := dir + "/calcurse.ics"
	writeFile(t, file, calcurseFloating)
	la := "America/Los_Angeles"

	r := runBinaryIn(t, la, ".", nil, "--format", "json", file)
	doc := decodeDocument(t, r.stdout)
	dentist, call := eventNamed(t, doc, "Dentist"), eventNamed(t, doc, "Call")
	if dentist.Start != "2026-12-03T22:00:00Z" || dentist.End != "2026-12-03T23:00:00Z" || !dentist.Floating ||
		dentist.StartLocal != "2026-12-03T14:00:00-08:00" || dentist.Timezone != la {
		t.Errorf("the floating dentist: %+v", dentist)
	}
	if call.Start != "2026-12-03T18:00:00Z" || call.Floating {
		t.Errorf("the call in UTC: %+v", call)
	}
	if !strings.Contains(r.stdout, `"floating": true`) || strings.Count(r.stdout, `"floating"`) != 1 {
		t.Errorf("JSON marks floating events, and only those:\n%s", r.stdout)
	}

	// The itinerary's zone is UTC, where the dentist is at 22:00 and under
	// way at 14:30 in Los Angeles.
	r = runBinaryIn(t, la, ".", nil, "--print", "--now", "2026-12-03T14:30:00-08:00", file)
	if !strings.Contains(r.stdout, "▶ 22:00–23:00    [now · 30 min left] Dentist") {
		t.Errorf("the dentist is not now at 14:30 in Los Angeles:\n%s", r.stdout)
	}
	r = runBinaryIn(t, la, ".", nil, "--print", "--tz", la, "--now", "2026-12-03T14:30:00-08:00", file)
	if !strings.Contains(r.stdout, "▶ 14:00–15:00    [now · 30 min left] Dentist") || !strings.Contains(r.stdout, "── now 14:30 ──") {
		t.Errorf("the dentist is not now at 14:30 in Los Angeles:\n%s", r.stdout)
	}
	// --tz moves nothing floating: 14:00 on Seoul's clock, where the call
	// (an instant) is at 03:00 the next day.
	r = runBinaryIn(t, la, ".", nil, "--print", "--tz", "Asia/Seoul", file)
	if !strings.Contains(r.stdout, "Thu 3 Dec 2026 · 1 event\n  14:00–15:00    Dentist\n") || !strings.Contains(r.stdout, "Fri 4 Dec 2026 · 1 event\n  03:00          Call\n") {
		t.Errorf("--tz moved the floating time:\n%s", r.stdout)
	}
	r = runBinaryIn(t, "Asia/Seoul", ".", nil, "--format", "json", "--tz", la, file)
	if d := eventNamed(t, decodeDocument(t, r.stdout), "Dentist"); d.StartLocal != "2026-12-03T14:00:00-08:00" {
		t.Errorf("--tz does not give the floating time's zone: %+v", d)
	}

	// A calendar of floating times only names no zone: it is shown in the
	// viewer's, not UTC, and so is the now line.
	only := dir + "/dentist.ics"
	writeFile(t, only, calcurseOnlyFloating)
	r = runBinaryIn(t, la, ".", nil, "--print", "--now", "2026-12-03T14:30:00-08:00", only)
	if !strings.Contains(r.stdout, "▶ 14:00–15:00    [now · 30 min left] Dentist") || !strings.Contains(r.stdout, "── now 14:30 ──") {
		t.Errorf("a calendar of floating times is not shown on the viewer's clock:\n%s", r.stdout)
	}

	r = runBinaryIn(t, la, ".", nil, "--format", "yaml", file)
	if !strings.Contains(r.stdout, "  - title: Dentist\n    start: 2026-12-03 14:00\n    end: 2026-12-03 15:00\n    timezone: floating\n") {
		t.Errorf("YAML does not keep the time floating:\n%s", r.stdout)
	}
	r = runBinaryIn(t, la, ".", nil, "--format", "ics", file)
	if !strings.Contains(r.stdout, "DTSTART:20261203T140000\r\nDTEND:20261203T150000\r\n") {
		t.Errorf("iCalendar does not keep the time floating:\n%s", r.stdout)
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func decodeDocument(t *testing.T, s string) export.Document {
	t.Helper()
	var doc export.Document
	if err := json.Unmarshal([]byte(s), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, s)
	}
	return doc
}

func eventNamed(t *testing.T, doc export.Document, title string) export.EventJSON {
	t.Helper()
	for _, e := range doc.Events {
		if e.Title == title {
			return e
		}
	}
	t.Fatalf("no event %q in %+v", title, doc.Events)
	return export.EventJSON{}
}
