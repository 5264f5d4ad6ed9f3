package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

const delegation = "data/examples/delegation-asia-sf.yaml"

// titles is the event titles of a text agenda's event rows, in order.
func titles(t *testing.T, out string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("agenda lacks %q:\n%s", w, out)
		}
	}
}

func TestDayFromTo(t *testing.T) {
	now := "--now=2027-03-11T10:00:00+09:00" // Thursday in Seoul
	for _, tc := range []struct {
		name     string
		args     []string
		has, not []string
	}{
		{"day", []string{"--day", "2027-03-12"},
			[]string{"Executive meeting", "Delegation debrief", "Flight Tokyo to Singapore", "Flight Singapore to San Francisco"},
			[]string{"Breakfast with the San Francisco office", "Wed 10 Mar"}},
		{"tomorrow relative to --now", []string{now, "--day", "tomorrow"},
			[]string{"Executive meeting", "Fri 12 Mar 2027"}, []string{"Breakfast with the San Francisco office"}},
		{"+1 is tomorrow", []string{now, "--day", "+1"}, []string{"Executive meeting"}, []string{"Breakfast with the San Francisco office"}},
		{"weekday name: the next Friday", []string{now, "--day", "friday"}, []string{"Executive meeting"}, []string{"Breakfast with"}},
		{"from to inclusive", []string{"--from", "2027-03-12", "--to", "2027-03-14"},
			[]string{"Executive meeting", "Breakfast with the San Francisco office"}, []string{"Wed 10 Mar"}},
		{"to only", []string{now, "--to", "yesterday"}, []string{"Wed 10 Mar"}, []string{"Executive meeting"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, root, nil, append([]string{"--print", delegation}, tc.args...)...)
			if r.code != 0 {
				t.Fatalf("%+v", r)
			}
			titles(t, r.stdout, tc.has...)
			for _, n := range tc.not {
				if strings.Contains(r.stdout, n) {
					t.Errorf("agenda holds %q:\n%s", n, r.stdout)
				}
			}
		})
	}
}

// TestOneDayMarkdown: the briefing of one day holds that day's events
// only, and the overnight flight that lands on it.
func TestOneDayMarkdown(t *testing.T) {
	r := run(t, root, nil, "--format", "md", "--day", "2027-03-13", "--tz", "America/Los_Angeles", delegation)
	if r.code != 0 {
		t.Fatalf("%+v", r)
	}
	if !strings.Contains(r.stdout, "Breakfast with the San Francisco office") || strings.Contains(r.stdout, "Executive meeting") {
		t.Errorf("one day's briefing:\n%s", r.stdout)
	}
	full := run(t, root, nil, "--format", "md", delegation)
	if len(r.stdout) >= len(full.stdout)/2 {
		t.Errorf("one day's briefing is %d bytes, the whole trip's %d", len(r.stdout), len(full.stdout))
	}
	j := run(t, root, nil, "--format", "json", "--day", "2027-03-10", delegation)
	var doc struct{ Events []struct{ Title string } }
	if err := json.Unmarshal([]byte(j.stdout), &doc); err != nil || len(doc.Events) == 0 {
		t.Fatalf("%v %+v", err, j)
	}
	for _, e := range doc.Events {
		if strings.Contains(e.Title, "Executive") {
			t.Errorf("json of Wed 10 Mar holds %q", e.Title)
		}
	}
}

func TestBadDates(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--day", "2027-02-30"}, `visitline: --day "2027-02-30" is not a date; give YYYY-MM-DD, today, tomorrow, yesterday, +N or -N days, or a weekday name`},
		{[]string{"--from", "someday"}, `visitline: --from "someday" is not a date`},
		{[]string{"--to", "+1x"}, `visitline: --to "+1x" is not a date`},
		{[]string{"--day", "today", "--from", "today"}, "visitline: --day is one day"},
		{[]string{"--from", "2027-03-12", "--to", "2027-03-10", delegation}, "visitline: --to 2027-03-10 is before --from 2027-03-12"},
		{[]string{"--tz", "UTC", "--tz", "UTC", "--tz", "UTC"}, `visitline: invalid value "UTC" for flag -tz: --tz may be given twice at most`},
	} {
		r := run(t, root, nil, append([]string{"--print"}, tc.args...)...)
		if r.code != ExitUsage || !strings.HasPrefix(r.stderr, tc.want) || r.stdout != "" {
			t.Errorf("%q: exit %d, stderr %q, want 2 and %q", tc.args, r.code, r.stderr, tc.want)
		}
	}
}

func TestNext(t *testing.T) {
	at := "--now=2027-03-12T14:40:00+08:00"
	r := run(t, root, nil, "--next", "--tz", "Asia/Singapore", at, delegation)
	want := "now: Executive meeting with Harbour Logistics · 20 min left; Call with the San Francisco office · 50 min left | next 18:00 Delegation debrief · Changi Airport, Terminal 3, Singapore · in 3 h 20 min\n"
	if r.code != 0 || r.stdout != want {
		t.Errorf("--next: %+v\nwant %q", r, want)
	}
	j := run(t, root, nil, "--next", "--format", "json", "--tz", "Asia/Singapore", at, delegation)
	var doc struct {
		Line string
		Now  []struct{ Title, Countdown string }
		Next struct {
			Title, Countdown, Start string
			Minutes                 int
		}
	}
	if err := json.Unmarshal([]byte(j.stdout), &doc); err != nil {
		t.Fatalf("%v: %+v", err, j)
	}
	if doc.Line+"\n" != want || len(doc.Now) != 2 || doc.Next.Title != "Delegation debrief" || doc.Next.Minutes != 200 || doc.Next.Start != "2027-03-12T18:00:00+08:00" {
		t.Errorf("--next json: %+v", doc)
	}
	// --person: Park is not in the executive meeting.
	p := run(t, root, nil, "--next", "--person", "park", "--tz", "Asia/Singapore", at, delegation)
	if p.stdout != "now: Call with the San Francisco office · 50 min left | next 18:00 Delegation debrief · Changi Airport, Terminal 3, Singapore · in 3 h 20 min\n" {
		t.Errorf("--next --person park: %+v", p)
	}
	// Nothing left: nothing printed, exit 0.
	// Without --tz, the clock of where the delegation is (Singapore), not
	// the itinerary's zone (Seoul, 19:00).
	if h := run(t, root, nil, "--next", at, delegation); h.stdout != want {
		t.Errorf("--next without --tz: %+v\nwant %q", h, want)
	}
	e := run(t, root, nil, "--next", "--now=2030-01-01T00:00:00Z", delegation)
	if e.code != 0 || e.stdout != "" || e.stderr != "" {
		t.Errorf("--next after the trip: %+v", e)
	}
}

// TestSecondClock: two --tz give both clocks on each timed row.
func TestSecondClock(t *testing.T) {
	r := run(t, root, nil, "--print", "--tz", "America/Los_Angeles", "--tz", "Asia/Seoul", delegation)
	if !strings.Contains(r.stdout, "08:00–09:30   Sun 01:00–02:30 KST      Breakfast with the San Francisco office") {
		t.Errorf("no second clock on the breakfast row:\n%s", r.stdout)
	}
	md := run(t, root, nil, "--format", "md", "--tz", "America/Los_Angeles", "--tz", "Asia/Seoul", delegation)
	if !strings.Contains(md.stdout, "### 08:00–09:30 (Sun 01:00–02:30 KST) · Breakfast with the San Francisco office") {
		t.Errorf("no second clock in the briefing:\n%s", md.stdout)
	}
	d := run(t, root, nil, "--print", "--tz", "Asia/Seoul", "--tz", "America/Los_Angeles")
	if !strings.Contains(d.stdout, "~11:45–13:00  Thu ~18:45–20:00 PST     [reported] Lunch") {
		t.Errorf("no second clock on the default visit's lunch row:\n%s", d.stdout)
	}
}

// TestRemindUsage: `visitline remind --help` lists its flags; a bad flag
// or standard input is a usage error.
func TestRemindUsage(t *testing.T) {
	r := run(t, root, nil, "remind", "--help")
	if r.code != 0 || !strings.Contains(r.stdout, "--exec PROGRAM") || !strings.Contains(r.stdout, "VISITLINE_TITLE") {
		t.Errorf("remind --help: %+v", r)
	}
	for _, args := range [][]string{{"remind", "--bogus"}, {"remind", "-"}, {"remind", "--exec", "no-such-program-visitline"}} {
		if r := run(t, root, nil, args...); r.code != ExitUsage || r.stdout != "" {
			t.Errorf("%q: %+v", args, r)
		}
	}
}
