package tui

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/muesli/termenv"
	"github.com/visitline/visitline/itinerary"
)

func sfLanes(t *testing.T, now string, w, h int, keys ...string) Model {
	t.Helper()
	m := sized(New(Config{Itinerary: conferenceTrip(t), Now: at(t, now), Lanes: true}, renderer(termenv.Ascii)), w, h)
	return press(m, keys...)
}

// axisLine is the lanes' row of dates (first) or of hours (second).
func axisLine(t *testing.T, view string, n int) string {
	t.Helper()
	lines := strings.Split(view, "\n")
	for k, l := range lines {
		if strings.Contains(l, "Lanes by") {
			return lines[k+1+n]
		}
	}
	t.Fatalf("no lanes title in\n%s", view)
	return ""
}

// TestLanesChangeKeepsSameEvent: j and k stay on the selected event when
// the next lane has it too, and the axis does not move.
func TestLanesChangeKeepsSameEvent(t *testing.T) {
	m := sfLanes(t, "2026-11-24T13:00:00-08:00", 100, 30, "l")
	if got := selectedID(m); got != "partner-visit" {
		t.Fatalf("after l: %s, want partner-visit", got)
	}
	before := axisLine(t, m.View(), 0)
	for _, k := range []string{"k", "k", "j", "j"} {
		m = press(m, k)
		if got := selectedID(m); got != "partner-visit" {
			t.Fatalf("after %s: %s, want partner-visit (it is in every lane)", k, got)
		}
		if after := axisLine(t, m.View(), 0); after != before {
			t.Fatalf("after %s the axis moved:\n%s\n%s", k, before, after)
		}
	}
}

// selectID selects the event with id, as a click on it would.
func selectID(t *testing.T, m Model, id string) Model {
	t.Helper()
	i := slices.IndexFunc(m.it.Events, func(e itinerary.Event) bool { return e.ID == id })
	if i < 0 {
		t.Fatalf("no event %s", id)
	}
	m.tl.selectEvent(i)
	m.showSelected()
	m.settle()
	return m
}

// TestLanesDateOnlyInDisplayZone: a date-only entry's bar runs over its
// calendar days in the zone of the axis, from the midnight where its first
// day's label starts to the midnight after its last day, whatever its own
// zone.
func TestLanesDateOnlyInDisplayZone(t *testing.T) {
	la, _ := time.LoadLocation("America/Los_Angeles")
	seoul, _ := time.LoadLocation("Asia/Seoul")
	cases := []struct {
		name    string
		it      *itinerary.Itinerary
		zone    *time.Location
		id      string
		ref     string // a day label on the axis
		after   int    // days from it to the entry's first day
		days    int
		zoomOut int
	}{
		{"sf conference on a Berlin axis", conferenceTrip(t), nil, "conference", "Sun 22", 1, 3, 4},
		{"Davos on a Los Angeles axis", defaultItinerary(t), la, "davos-panel", "Thu 18", 0, 1, 2},
		{"Davos on a Seoul axis", defaultItinerary(t), seoul, "davos-panel", "Thu 18", 0, 1, 2},
	}
	for _, c := range cases {
		m := sized(New(Config{Itinerary: c.it, Zone: c.zone, Now: beforeVisit, Lanes: true}, renderer(termenv.Ascii)), 100, 16)
		for range c.zoomOut {
			m = press(m, "-")
		}
		m = selectID(t, m, c.id)
		v := m.View()
		var bar string
		for _, l := range strings.Split(v, "\n") {
			if strings.Contains(l, "❯") && !strings.Contains(l, "Lanes by") {
				bar = l
				break
			}
		}
		perDay := int(24 * time.Hour / m.ln.cell())
		start, end := column(bar, "❯"), column(bar, "]")
		day := column(axisLine(t, v, 0), c.ref)
		if day >= 0 {
			day += c.after * perDay
		}
		if day < 0 || start != day || end != day+c.days*perDay-1 {
			t.Errorf("%s: bar at columns %d–%d, want %d–%d (%d a day):\n%s", c.name, start, end, day, day+c.days*perDay-1, perDay, v)
		}
	}
}

// TestLanesChangePrefersTimedEvent: moving to a lane where an all-day
// entry covers the anchor and a timed event starts soon after selects the
// timed event.
func TestLanesChangePrefersTimedEvent(t *testing.T) {
	const src = `title: Day
timezone: Europe/Paris
people:
  - {id: pat, name: Pat}
  - {id: robin, name: Robin}
events:
  - {id: x, title: X, start: "2025-05-05 10:00", end: "2025-05-05 11:00", participants: [pat]}
  - {id: fair, title: Fair, start: "2025-05-05", participants: [robin]}
  - {id: y, title: Y, start: "2025-05-05 10:30", end: "2025-05-05 11:30", participants: [robin]}
  - {id: z, title: Z, start: "2025-05-06 10:30", participants: [robin]}
`
	m := lanesModel(t, src, 100, 20)
	m = selectID(t, m, "x")
	// Robin's lane comes first: the fair starts at midnight.
	if m = press(m, "k"); selectedID(m) != "y" {
		t.Fatalf("k from X: %s, want Y", selectedID(m))
	}
	if m = press(m, "j"); selectedID(m) != "x" {
		t.Fatalf("j back: %s, want X", selectedID(m))
	}
}

// TestLanesFooterOffersOnlyLanesThereAre: with one lane the footer lists
// neither j nor k; on the first of two it lists only the lane below.
func TestLanesFooterOffersOnlyLanesThereAre(t *testing.T) {
	m := lanesModel(t, patAndRobin, 120, 24, "]") // Pat only
	if v := m.View(); strings.Contains(v, "lane below") || strings.Contains(v, "lane above") {
		t.Errorf("one lane, yet the footer offers lanes:\n%s", v)
	}
	m = lanesModel(t, patAndRobin, 120, 24)
	if v := m.View(); !strings.Contains(v, "lane below") || strings.Contains(v, "lane above") {
		t.Errorf("first of two lanes: want only \"lane below\":\n%s", v)
	}
	if v := press(m, "j").View(); strings.Contains(v, "lane below") || !strings.Contains(v, "lane above") {
		t.Errorf("last of two lanes: want only \"lane above\":\n%s", v)
	}
}

var dayLabelRE = regexp.MustCompile(`(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (\d{1,2})( [A-Z][a-z]{2}( \d{4})?)?`)

// TestLanesAxisLabelsNeverCollide: at every zoom and width, each date on
// the axis is a whole label starting where its day starts, two columns or
// more from the next; every hour label is whole, a step from the last.
func TestLanesAxisLabelsNeverCollide(t *testing.T) {
	now := at(t, "2024-01-26T12:10:00+09:00")
	for _, w := range []int{60, 80, 100, 120, 160} {
		m := sized(New(Config{Itinerary: defaultItinerary(t), Now: now, Lanes: true}, renderer(termenv.Ascii)), w, 24)
		for z := range laneScales {
			if z > 0 {
				m = press(m, "-")
			}
			v := m.View()
			gutter, cols := m.ln.geometry(m.native)
			loc := m.ctx().displayZone()
			dates := []rune(axisLine(t, v, 0))[gutter+1:][:cols]
			starts := map[int]int{} // column -> day of month starting there
			lf := m.ln.from.In(loc)
			for d := time.Date(lf.Year(), lf.Month(), lf.Day(), 0, 0, 0, 0, loc); m.ln.col(d) < cols; d = d.AddDate(0, 0, 1) {
				starts[max(m.ln.col(d), 0)] = d.Day()
			}
			prevEnd := -2
			for _, loc := range dayLabelRE.FindAllStringSubmatchIndex(string(dates), -1) {
				x := utf8.RuneCountInString(string(dates)[:loc[0]])
				label := string(dates)[loc[0]:loc[1]]
				day, _ := strconv.Atoi(string(dates)[loc[4]:loc[5]])
				if starts[x] != day {
					t.Errorf("%d cols, %s a column: %q at column %d, where day %d starts:\n%s", w, m.ln.cell(), label, x, starts[x], v)
				}
				if x-prevEnd < 2 {
					t.Errorf("%d cols, %s a column: %q one space from the label before:\n%s", w, m.ln.cell(), label, v)
				}
				prevEnd = x + len(label)
			}
			if rest := dayLabelRE.ReplaceAllString(string(dates), ""); strings.TrimSpace(rest) != "" {
				t.Errorf("%d cols, %s a column: cut date labels %q:\n%s", w, m.ln.cell(), rest, v)
			}
			hours := string([]rune(axisLine(t, v, 1))[gutter+1:][:cols])
			hours = strings.ReplaceAll(strings.ReplaceAll(hours, "▼", " "), "│", " ")
			if m.ln.cell() < 6*time.Hour {
				for _, f := range strings.Fields(hours) {
					if _, err := strconv.Atoi(f); err != nil || len(f) != 2 {
						t.Errorf("%d cols, %s a column: hour label %q:\n%s", w, m.ln.cell(), f, v)
					}
				}
				if f := strings.Fields(hours); len(f) > 1 {
					a, _ := strconv.Atoi(f[0])
					b, _ := strconv.Atoi(f[1])
					step := (b - a + 24) % 24
					for k := 2; k < len(f); k++ {
						c, _ := strconv.Atoi(f[k])
						p, _ := strconv.Atoi(f[k-1])
						if (c-p+24)%24 != step {
							t.Errorf("%d cols, %s a column: hour labels %q do not step by %d:\n%s", w, m.ln.cell(), hours, step, v)
							break
						}
					}
				}
			}
		}
	}
}

// TestLanesTextBesideMarkNeverCutBare: beside an event without an end, the
// text is its badges and title, cut with "…", or nothing at all; never the
// badges alone with the title cut away without a sign.
func TestLanesTextBesideMarkNeverCutBare(t *testing.T) {
	for _, gap := range []string{"09:45", "10:00", "10:15", "10:30"} {
		src := `title: Marks
timezone: Europe/Paris
people:
  - {id: pat, name: Pat}
events:
  - {id: p, title: Meanwhile in Taiwan, start: "2025-05-05 09:00", approximate: true, participants: [pat]}
  - {id: q, title: Next, start: "2025-05-05 ` + gap + `", end: "2025-05-05 12:00", participants: [pat]}
`
		m := lanesModel(t, src, 100, 20)
		m = selectID(t, m, "q")
		line := laneLine(t, m.View(), "Pat")
		glyph := kindGlyph[m.it.Events[0].Kind]
		mark := strings.Index(line, glyph)
		if mark < 0 {
			t.Fatalf("next at %s: no mark in %q", gap, line)
		}
		beside := strings.TrimSpace(line[mark+len(glyph) : strings.Index(line, "❯")])
		if beside != "" && !strings.HasPrefix("~Meanwhile in Taiwan", strings.TrimSuffix(beside, "…")) || beside == "~" {
			t.Errorf("next at %s: beside the mark %q in %q", gap, beside, line)
		}
	}
}

// TestLanesNarrowGutterNames: in a narrow window the gutter shows as much
// of each name as fits (a whole three-syllable Hangul name at 40 columns),
// and no two lanes read the same.
func TestLanesNarrowGutterNames(t *testing.T) {
	now := at(t, "2024-01-26T12:10:00+09:00")
	m := sized(New(Config{Itinerary: defaultItinerary(t), Now: now, Lanes: true}, renderer(termenv.Ascii)), 40, 12)
	v := press(m, "n", "pgdown").View()
	for _, name := range []string{"최태원", "곽노정"} {
		if !strings.Contains(v, name+" ") {
			t.Errorf("40×12 with native names: no %q in the gutter:\n%s", name, v)
		}
	}
	for _, w := range []int{20, 30, 40, 50, 60} {
		for _, native := range []bool{false, true} {
			m := sized(m, w, 12)
			gutter, _ := m.ln.geometry(native)
			seen := map[string]string{}
			for k := range m.ln.count() {
				label := m.ln.gutterLabel(m.it, k, gutter, native)
				full := m.ln.set.Label(k, native)
				if other, ok := seen[label]; ok {
					t.Errorf("%d cols, native %v: %q and %q both read %q", w, native, other, full, label)
				}
				seen[label] = full
			}
		}
	}
}

// TestLanesTitleKeepsLaneRange: however narrow, the title says which
// lanes are on screen, shortening its other parts first.
func TestLanesTitleKeepsLaneRange(t *testing.T) {
	now := at(t, "2024-01-26T12:10:00+09:00")
	for _, size := range [][2]int{{120, 20}, {80, 20}, {60, 20}, {50, 14}, {40, 12}} {
		m := sized(New(Config{Itinerary: defaultItinerary(t), Now: now, Lanes: true}, renderer(termenv.Ascii)), size[0], size[1])
		m = press(m, "pgdown")
		v := m.View()
		want := fmt.Sprintf("%d–%d of %d", m.ln.offset+1, m.ln.offset+m.ln.lanesFitting(m.ctx(), m.ln.offset, 1), m.ln.count())
		if line := axisLine(t, v, -1); !strings.Contains(line, want) || strings.Contains(line, "…") {
			t.Errorf("%v: title %q, want the range %q whole", size, line, want)
		}
	}
}

// TestLanesFreeTimeKeyIsTheLists: the lanes draw no free time, so b is not
// offered there and does nothing; back in the list it is.
func TestLanesFreeTimeKeyIsTheLists(t *testing.T) {
	m := lanesModel(t, patAndRobin, 200, 24)
	if m.keys.Gaps.Enabled() || strings.Contains(m.View(), "free time") {
		t.Errorf("lanes offer b:\n%s", m.View())
	}
	if m = press(m, "b"); m.gaps {
		t.Error("b in the lanes turned free time on")
	}
	if m = press(m, "v", "v", "v", "b"); !m.keys.Gaps.Enabled() || !m.gaps {
		t.Error("b in the list does not turn free time on")
	}
}

// TestHelpExplainsNowMarker: the ? page explains the ▼ of the lanes' axis.
func TestHelpExplainsNowMarker(t *testing.T) {
	m := newModel(t, 120, 40)
	for _, l := range strings.Split(helpContent(&m.st, 120), "\n") {
		if strings.Contains(l, "▼") && strings.Contains(l, "now") {
			return
		}
	}
	t.Error("the help has no line for ▼")
}
