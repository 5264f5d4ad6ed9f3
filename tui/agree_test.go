package tui

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
	"github.com/visitline/visitline/export"
	"github.com/visitline/visitline/itinerary"
)

// threeZones has events in Seoul (KST), Dubai (no abbreviation: an offset)
// and Taipei (CST), a status, an overlap, a current and a next event, and
// a journey from Taipei to Seoul.
const threeZones = `version: 1
title: Three zones
timezone: Asia/Seoul
people:
  - {id: a, name: Ann Lee}
  - {id: b, name: Bo Kim}
events:
  - {id: seoul, title: Seoul breakfast, start: "2024-03-04 08:00", end: "2024-03-04 09:00", participants: [a]}
  - {id: dubai, title: Dubai call, start: "2024-03-04 09:00", end: "2024-03-04 10:00", timezone: Asia/Dubai, status: reported, participants: [a, b]}
  - {id: clash, title: Clash, start: "2024-03-04 14:30", end: "2024-03-04 15:30", participants: [a]}
  - {id: taipei, title: Taipei dinner, start: "2024-03-04 19:00", end: "2024-03-04 21:00", timezone: Asia/Taipei, approximate: true, participants: [b]}
  - {id: fly, title: Flight to Seoul, kind: travel, start: "2024-03-04 22:30", timezone: Asia/Taipei, end: "2024-03-05 02:10", end_timezone: Asia/Seoul, participants: [b]}
`

// TestViewAndTextAgree: for the same event the view and the text agenda
// print the same time label and badges, a journey's two ends in the same
// words, and the same zone-change rows, in
// the itinerary's zone and in each venue's own; the lanes' marks and a
// person's card say what the text's badges say.
func TestViewAndTextAgree(t *testing.T) {
	it, err := itinerary.Load("three.yaml", []byte(threeZones))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2024, 3, 4, 14, 10, 30, 0, it.Zone) // the Dubai call is on; the clash is next
	for _, zone := range []*time.Location{it.Zone, nil} {
		var text bytes.Buffer
		if err := export.Text(&text, it, export.Options{Zone: zone, Now: now}); err != nil {
			t.Fatal(err)
		}
		m := New(Config{Itinerary: it, Now: now}, renderer(termenv.Ascii))
		if zone == nil {
			m = press(m, "z") // the itinerary's zone, then each venue's own
			if m.zone != nil {
				t.Fatalf("z did not reach each venue's own zone: %v", m.zone)
			}
		}
		view := ansi.Strip(sized(m, 200, 40).View())
		want := map[string][]string{ // pieces each event's line must show, in order
			"Seoul breakfast": {"08:00–09:00"},
			"Dubai call":      {"14:00–15:00", "[now · 50 min left]", "[reported]", "[! overlap]"},
			"Clash":           {"14:30–15:30", "[in 20 min]", "[! overlap]"},
			"Taipei dinner":   {"~20:00–22:00"},
			"Flight to Seoul": {"23:30–02:10+1", "Flight to Seoul · 22:30 CST → Tue 5 Mar 02:10 KST · 2 h 40 min — Bo Kim"},
		}
		if zone == nil {
			want["Dubai call"][0] = "09:00–10:00 UTC+4"
			want["Taipei dinner"][0] = "~19:00–21:00 CST"
			// A journey leaves in its zone and lands in its end_timezone:
			// the time column gives the departure, the journey both ends.
			want["Flight to Seoul"][0] = "22:30 CST"
		}
		for title, pieces := range want {
			tl, vl := lineContaining(text.String(), title), lineContaining(view, title)
			if got, exp := pieceRun(tl, title), pieceRun(vl, title); got != exp {
				t.Errorf("zone %v, %s: text says %q, view says %q", zone, title, got, exp)
			}
			for _, p := range pieces {
				if !strings.Contains(tl, p) || !strings.Contains(vl, p) {
					t.Errorf("zone %v, %s: %q missing\ntext: %s\nview: %s", zone, title, p, tl, vl)
				}
			}
		}
		lanesAndCardAgree(t, m, text.String())
		for _, change := range []string{"⟶ venue in Asia/Dubai (UTC+4), −5 h", "⟶ venue in Asia/Seoul (KST), +5 h", "⟶ venue in Asia/Taipei (CST), −1 h"} {
			if !strings.Contains(text.String(), change) || !strings.Contains(view, change) {
				t.Errorf("zone %v: zone row %q missing\ntext:\n%s\nview:\n%s", zone, change, text.String(), view)
			}
		}
	}
	viewAndTextAgreeOnTheDelegation(t)
}

// lanesAndCardAgree checks that the lanes' bar of each event carries the
// marks the text agenda's badges call for (~ approximate, ? reported, ×
// cancelled, ! overlap) right before its title, and that a participant's
// card shows the text's badges other than the moment's.
func lanesAndCardAgree(t *testing.T, m Model, text string) {
	t.Helper()
	it := m.it
	lanes := ansi.Strip(sized(press(m, "v"), 200, 40).View())
	for i := range it.Events {
		title := it.Events[i].Title
		tl := lineContaining(text, title)
		marks := ""
		if strings.Contains(pieceRun(tl, title), "~") {
			marks += "~"
		}
		switch {
		case strings.Contains(tl, "[cancelled]"):
			marks += "×"
		case strings.Contains(tl, "[reported]"), strings.Contains(tl, "[expected]"), strings.Contains(tl, "[planned]"):
			marks += "?"
		}
		if strings.Contains(tl, "[! overlap]") {
			marks += "!"
		}
		if want := marks + title[:4]; !strings.Contains(lanes, want) {
			t.Errorf("%s: the lanes lack %q (text: %q)\n%s", title, want, tl, lanes)
		}
		if len(it.Events[i].Participants) == 0 {
			continue
		}
		p := it.Events[i].Participants[0]
		card, _ := cardContent(m.ctx(), p, it.EventsOf(p), -1, 200)
		cl := lineContaining(ansi.Strip(card), title)
		if got, want := cardBadges(cl), cardBadges(tl); got != want {
			t.Errorf("%s: the card's badges %q, the text's %q", title, got, want)
		}
	}
}

// cardBadges are the bracketed badges of a line other than the moment's
// ("[now …]", "[in …]").
func cardBadges(line string) string {
	var out []string
	for _, f := range strings.SplitAfter(line, "]") {
		if k := strings.LastIndex(f, "["); k >= 0 {
			b := f[k:]
			if !strings.HasPrefix(b, "[now") && !strings.HasPrefix(b, "[in ") {
				out = append(out, b)
			}
		}
	}
	return strings.Join(out, " ")
}

// lineContaining is the first line of s containing title; of a view, only
// the timeline's side counts.
func lineContaining(s, title string) string {
	for _, l := range strings.Split(s, "\n") {
		l, _, _ = strings.Cut(l, "│")
		if strings.Contains(l, title) {
			return l
		}
	}
	return ""
}

// pieceRun is what a row shows from its time to its title: the time label
// and the badges, without marks, glyphs or padding.
func pieceRun(line, title string) string {
	before, _, _ := strings.Cut(line, title)
	var words []string
	for _, w := range strings.Fields(before) {
		if ansi.StringWidth(w) == 1 && !strings.ContainsAny(w, "0123456789[]") { // marks and kind glyphs
			continue
		}
		words = append(words, w)
	}
	return strings.Join(words, " ")
}

// TestOldCopyKeepsItsRows: a copy of the model kept from before an Update
// still renders its own rows, not the newer copy's.
func TestOldCopyKeepsItsRows(t *testing.T) {
	for _, keys := range [][]string{{"]"}, {"j", "j", "]"}, {"b"}, {"/", "s", "e", "o", "u", "l"}, {"z"}} {
		old := press(newModel(t, 120, 40), "j")
		before := old.View()
		newer := press(old, keys...)
		if newer.View() == before {
			t.Fatalf("%v changed nothing on screen", keys)
		}
		if got := old.View(); got != before {
			t.Errorf("after %v the old copy renders other rows:\n%s\nwas:\n%s", keys, got, before)
		}
	}
}
