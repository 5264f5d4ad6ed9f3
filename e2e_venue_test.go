package main

import (
	"strings"
	"testing"
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
