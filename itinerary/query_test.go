package itinerary

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/visitline/visitline/data"
	"github.com/visitline/visitline/internal/synth"
)

func defaultVisit(t testing.TB) *Itinerary {
	t.Helper()
	it, err := Load(data.DefaultName, data.Default)
	if err != nil {
		t.Fatal(err)
	}
	return it
}

func ids(it *Itinerary, events []int) string {
	var out []string
	for _, i := range events {
		out = append(out, it.Events[i].ID)
	}
	return strings.Join(out, " ")
}

func TestResolvePerson(t *testing.T) {
	it := defaultVisit(t)
	cases := []struct {
		q, want   string
		ambiguous bool
		unknown   bool
	}{
		{q: "kyung", want: "kyung"},
		{q: "경계현", want: "kyung"},
		{q: "계현", want: "kyung"},
		{q: "KYE-HYUN", want: "kyung"},
		{q: "최태원", want: "chey"},
		{q: "태원", want: "chey"},
		{q: "chey tae-won", want: "chey"},
		{q: "lee-jb", want: "lee-jb"},
		{q: "altman", want: "altman"},
		{q: "Sam", ambiguous: true}, // Sam Altman, Samsung division executives
		{q: "jung", ambiguous: true},
		{q: "sk group", want: "chey"},   // the one person of SK Group, as the picker finds him
		{q: "OpenAI", want: "altman"},   // organisation
		{q: "samsung", ambiguous: true}, // a person's name part, and several by organisation
		{q: "sk hynix", want: "kwak"},
		{q: "samsung electronics", ambiguous: true}, // several people by organisation or role
		{q: "kyung kye-hyun", want: "kyung"},        // a whole name beats the part of another
		{q: "zzz", unknown: true},
		{q: "", unknown: true},
	}
	for _, c := range cases {
		p, err := it.ResolvePerson(c.q)
		var pe *PersonError
		switch {
		case c.ambiguous || c.unknown:
			if !errors.As(err, &pe) || pe.Ambiguous != c.ambiguous {
				t.Errorf("%q: got %v, %v", c.q, p, err)
			}
		case err != nil || it.People[p].ID != c.want:
			t.Errorf("%q: got %v, %v; want %s", c.q, p, err, c.want)
		}
	}
}

func TestMatchPeopleRanking(t *testing.T) {
	it := defaultVisit(t)
	top := func(q string) []string {
		var out []string
		for _, m := range it.MatchPeople(q) {
			out = append(out, it.People[m.Person].ID)
		}
		return out
	}
	if got := top("samsung"); strings.Join(got, " ") != "samsung-execs ds-management samsung-group-leaders kyung lee-jb park-yi choi-sy" {
		t.Errorf("by organisation: %v", got)
	}
	if got := top("c"); got[0] != "chey" && got[0] != "choi-sy" && got[0] != "chang" {
		t.Errorf("word prefixes rank first: %v", got)
	}
	if got := top("foundry"); strings.Join(got, " ") != "choi-sy" {
		t.Errorf("by role: %v", got)
	}
	if got := top(""); len(got) != len(it.People) {
		t.Errorf("empty query lists everyone: %v", got)
	}
}

func TestSelect(t *testing.T) {
	it := defaultVisit(t)
	p := func(id string) int { return it.PersonIndex(id) }
	cases := []struct {
		name   string
		filter Filter
		want   string
	}{
		{"everything", Filter{}, "davos-panel kyung-returns altman-arrives pyeongtaek-tour lunch-ds to-seoul startups-skhynix chey-meeting dinner-kyung dinner-group-leaders altman-departs huang-wei-dinner"},
		{"one person", Filter{People: []int{p("kyung")}}, "kyung-returns pyeongtaek-tour dinner-kyung"},
		{"all of two people", Filter{People: []int{p("kyung"), p("altman")}}, "pyeongtaek-tour dinner-kyung"},
		{"nobody in common", Filter{People: []int{p("chey"), p("lee-jb")}}, ""},
		{"any of two people", Filter{People: []int{p("chey"), p("lee-jb")}, AnyPerson: true}, "pyeongtaek-tour chey-meeting"},
		{"any of, with a search", Filter{People: []int{p("chey"), p("lee-jb")}, AnyPerson: true, Query: it.ParseQuery("chairman")}, "chey-meeting"},
		{"words", Filter{Query: it.ParseQuery("Seoul meeting")}, "startups-skhynix chey-meeting"},
		{"hangul search", Filter{Query: it.ParseQuery("최태원")}, "chey-meeting"},
		{"person term and negation", Filter{Query: it.ParseQuery("@kyung !dinner")}, "kyung-returns pyeongtaek-tour"},
		{"person term in hangul", Filter{Query: it.ParseQuery("@경계현")}, "kyung-returns pyeongtaek-tour dinner-kyung"},
		{"search and person", Filter{People: []int{p("altman")}, Query: it.ParseQuery("management")}, "pyeongtaek-tour lunch-ds"},
		{"topic", Filter{Query: it.ParseQuery("memory supply")}, "pyeongtaek-tour"},
		{"unknown person term", Filter{Query: it.ParseQuery("@nobody")}, ""},
		{"dangling operators", Filter{Query: it.ParseQuery("@ ! ")}, "davos-panel kyung-returns altman-arrives pyeongtaek-tour lunch-ds to-seoul startups-skhynix chey-meeting dinner-kyung dinner-group-leaders altman-departs huang-wei-dinner"},
	}
	for _, c := range cases {
		if got := ids(it, it.Select(c.filter)); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

func TestQueryNarrows(t *testing.T) {
	it := defaultVisit(t)
	cases := []struct {
		prev, next string
		want       bool
	}{
		{"din", "dinn", true},
		{"din", "dinner kyung", true},
		{"dinner", "din", false},
		{"a b", "a", false},
		{"@kyung", "@kyung x", false},
		{"", "x", true},
	}
	for _, c := range cases {
		if got := it.ParseQuery(c.next).Narrows(it.ParseQuery(c.prev)); got != c.want {
			t.Errorf("%q after %q: %v", c.next, c.prev, got)
		}
	}
	// Narrowing from the previous result gives the same answer as searching
	// everything.
	prev := it.Select(Filter{Query: it.ParseQuery("s")})
	f := Filter{Query: it.ParseQuery("se")}
	if a, b := ids(it, it.SelectFrom(f, prev)), ids(it, it.Select(f)); a != b {
		t.Errorf("narrowed %q, full %q", a, b)
	}
}

const overlapSrc = `title: T
timezone: Europe/London
people: [{id: a, name: Adaeze Okafor}, {id: b, name: B}]
events:
  - {id: long, title: Long, start: "2025-03-29 09:00", end: "2025-03-29 17:00", participants: [a]}
  - {id: short, title: Short, start: "2025-03-29 10:00", end: "2025-03-29 11:00", participants: [a, b]}
  - {id: touch, title: Touching, start: "2025-03-29 11:00", end: "2025-03-29 12:00", participants: [b]}
  - {id: point, title: Point, start: "2025-03-29 12:00", participants: [a]}
  - {id: off, title: Cancelled, start: "2025-03-29 13:00", end: "2025-03-29 14:00", status: cancelled, participants: [a]}
  - {id: day, title: All day, start: "2025-03-29", participants: [a]}
  - {id: after, title: After, start: "2025-03-29 18:30", end: "2025-03-29 19:00", participants: [b]}
`

func TestOverlaps(t *testing.T) {
	it := mustLoad(t, overlapSrc)
	got := map[string]string{}
	for i := range it.Events {
		var others []string
		for _, o := range it.Overlaps(i) {
			others = append(others, it.People[o.Person].ID+"@"+it.Events[o.Other].ID)
		}
		got[it.Events[i].ID] = strings.Join(others, ",")
	}
	want := map[string]string{
		"long": "a@short,a@point", "short": "a@long", "touch": "", "point": "a@long", "off": "", "day": "", "after": "",
	}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s overlaps %q, want %q", id, got[id], w)
		}
	}
	if n := len(it.OverlapWarnings()); n != 2 {
		t.Errorf("%d overlap warnings, want 2", n)
	}
}

func TestGaps(t *testing.T) {
	it := mustLoad(t, overlapSrc)
	gaps := it.Gaps(it.Select(Filter{People: []int{1}}))
	if len(gaps) != 1 || it.Events[gaps[0].After].ID != "touch" || gaps[0].End.Sub(gaps[0].Start) != 6*time.Hour+30*time.Minute {
		t.Errorf("gaps for b: %+v", gaps)
	}
	// A long event covers the ones inside it: no gap until it ends.
	all := it.Gaps(it.Select(Filter{}))
	if len(all) != 1 || !all[0].Start.Equal(time.Date(2025, 3, 29, 17, 0, 0, 0, it.Zone)) {
		t.Errorf("gaps for all: %+v", all)
	}
}

func TestDaysInZones(t *testing.T) {
	it := defaultVisit(t)
	all := it.Select(Filter{})
	days := func(loc *time.Location) string {
		var out []string
		for _, d := range it.Days(all, loc) {
			out = append(out, d.Date.Format("01-02")+":"+ids(it, d.Events))
		}
		return strings.Join(out, " | ")
	}
	seoul := "01-18:davos-panel | 01-25:kyung-returns altman-arrives | 01-26:pyeongtaek-tour lunch-ds to-seoul startups-skhynix chey-meeting dinner-kyung dinner-group-leaders altman-departs huang-wei-dinner"
	if got := days(it.Zone); got != seoul {
		t.Errorf("Seoul:\n%s", got)
	}
	la, _ := time.LoadLocation("America/Los_Angeles")
	want := "01-18:davos-panel | 01-25:kyung-returns altman-arrives pyeongtaek-tour lunch-ds to-seoul startups-skhynix chey-meeting | 01-26:dinner-kyung dinner-group-leaders altman-departs huang-wei-dinner"
	if got := days(la); got != want {
		t.Errorf("Los Angeles (the Korean day until 17:00 is the 25th):\n%s", got)
	}
	// In UTC the evening of the 25th in Seoul is still the 25th, and the tour
	// (09:00 KST) is midnight UTC on the 26th.
	want = "01-18:davos-panel | 01-25:kyung-returns altman-arrives | 01-26:pyeongtaek-tour lunch-ds to-seoul startups-skhynix chey-meeting dinner-kyung dinner-group-leaders altman-departs huang-wei-dinner"
	if got := days(time.UTC); got != want {
		t.Errorf("UTC:\n%s", got)
	}
}

func TestZoneConversionAcrossDST(t *testing.T) {
	it := mustLoad(t, `title: T
timezone: Europe/London
events:
  - {id: before, title: before, start: "2025-03-30 00:30"}
  - {id: after, title: after, start: "2025-03-30 03:00"}
  - {id: lagos, title: lagos, start: "2025-03-30 09:00", timezone: Africa/Lagos}
`)
	// 00:30 GMT and 03:00 BST are 1 h 30 min apart, not 2 h 30 min.
	if d := it.Events[1].Start.Sub(it.Events[0].Start); d != 90*time.Minute {
		t.Errorf("across the change: %v", d)
	}
	if got := it.TimeRange(2, nil); got != "09:00" {
		t.Errorf("own zone: %q", got)
	}
	if got := it.TimeRange(2, it.Zone); got != "09:00" {
		t.Errorf("London after the change equals Lagos: %q", got)
	}
	if got := it.TimeRange(0, mustZone(t, "Africa/Lagos")); got != "01:30" {
		t.Errorf("Lagos before the change is an hour ahead: %q", got)
	}
}

func mustZone(t *testing.T, name string) *time.Location {
	loc, err := LoadZone(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestMoments(t *testing.T) {
	it := defaultVisit(t)
	at := func(s string) time.Time {
		tm, _ := time.Parse(time.RFC3339, s)
		return tm
	}
	tour := 3
	cases := []struct {
		now  string
		want Moment
	}{
		{"2024-01-26T08:59:00+09:00", Future},
		{"2024-01-26T09:00:00+09:00", Current},
		{"2024-01-26T11:29:00+09:00", Current},
		{"2024-01-26T11:30:00+09:00", Past},
	}
	for _, c := range cases {
		if got := it.MomentOf(tour, at(c.now)); got != c.want {
			t.Errorf("%s: %v, want %v", c.now, got, c.want)
		}
	}
	if n := it.NextAfter(it.Select(Filter{}), at("2024-01-26T12:10:00+09:00")); it.Events[n].ID != "to-seoul" {
		t.Errorf("next after 12:10 is %s", it.Events[n].ID)
	}
}

var benchSizes = []int{100, 10_000, 100_000}

func BenchmarkLoad(b *testing.B) {
	for _, n := range benchSizes {
		src := synth.Generate(n, max(n/20, 50), 1)
		b.Run(fmt.Sprintf("events=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := Load("synth.yaml", src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestLastDays: the last day an event covers, in a zone and in its own.
func TestLastDays(t *testing.T) {
	it := mustLoad(t, `version: 1
title: t
timezone: Asia/Seoul
events:
  - {id: night, title: night, start: "2024-01-26 22:00", end: "2024-01-27 06:10"}
  - {id: midnight, title: midnight, start: "2024-01-26 22:00", end: "2024-01-27 00:00"}
  - {id: conf, title: conf, start: 2024-01-27, end: 2024-01-29}
  - {id: point, title: point, start: "2024-01-27 09:00"}
`)
	day := func(s string) int32 {
		d, _ := time.Parse("2006-01-02", s)
		return int32(d.Unix() / 86400)
	}
	want := map[string]string{"night": "2024-01-27", "midnight": "2024-01-26", "conf": "2024-01-29", "point": "2024-01-27"}
	for _, loc := range []*time.Location{nil, it.Zone} {
		last := it.LastDays(loc)
		for i := range it.Events {
			if got, w := last[i], day(want[it.Events[i].ID]); got != w {
				t.Errorf("zone %v, %s: last day %d, want %d (%s)", loc, it.Events[i].ID, got, w, want[it.Events[i].ID])
			}
		}
	}
	if last := it.LastDays(mustZone(t, "UTC")); last[0] != day("2024-01-26") {
		t.Errorf("in UTC the night ends on 26 Jan (21:10): %d", last[0])
	}
}
