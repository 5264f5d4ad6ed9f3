package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/muesli/termenv"
	"github.com/visitline/visitline/agenda"
)

// footer is the last line of the view.
func footer(m Model) string {
	v := m.View()
	return v[strings.LastIndex(v, "\n")+1:]
}

// TestReminderLine: with a fake clock injected into the model, the
// debrief's 10-minute reminder shows on the status line at 17:50, with a
// bell; x dismisses it; a reload does not fire it again; the 30-minute one
// missed while the machine slept is shown once on wake, and none once the
// event has begun.
func TestReminderLine(t *testing.T) {
	it := delegationTrip(t) // remind: [30m, 10m]
	now := at(t, "2027-03-12T17:25:00+08:00")
	m := sized(New(Config{Itinerary: it, Zone: time.FixedZone("SGT", 8*3600)}, renderer(termenv.Ascii)), 120, 40)
	m.clock = func() time.Time { return now }
	m, _ = step(t, m, tickMsg(now))
	if f := footer(m); strings.Contains(f, "Reminder") {
		t.Fatalf("a reminder before its lead time: %q", f)
	}
	now = at(t, "2027-03-12T17:30:00+08:00")
	m, cmd := step(t, m, tickMsg(now))
	want := "Reminder: Delegation debrief in 30 min · Changi Airport, Terminal 3, Singapore · x dismiss reminder"
	if f := footer(m); !strings.Contains(f, want) {
		t.Fatalf("at 17:30 the footer is %q, want %q", f, want)
	}
	if cmd == nil {
		t.Error("no bell and no tick")
	}
	// It stays, counting down, until dismissed.
	now = at(t, "2027-03-12T17:31:00+08:00")
	m, _ = step(t, m, tickMsg(now))
	if f := footer(m); !strings.Contains(f, "Reminder: Delegation debrief in 29 min") {
		t.Fatalf("at 17:31: %q", f)
	}
	m = press(m, "x")
	if f := footer(m); strings.Contains(f, "Reminder") {
		t.Fatalf("x did not dismiss: %q", f)
	}
	// A reload of the same file does not fire it again.
	m, _ = step(t, m, reloadedMsg{it: delegationTrip(t)})
	m, _ = step(t, m, tickMsg(now))
	if f := footer(m); strings.Contains(f, "Reminder") {
		t.Fatalf("fired again after a reload: %q", f)
	}
	// The 10-minute lead: shown, with the words of the issue.
	now = at(t, "2027-03-12T17:50:00+08:00")
	m, _ = step(t, m, tickMsg(now))
	if f := footer(m); !strings.Contains(f, "Reminder: Delegation debrief in 10 min · Changi Airport, Terminal 3, Singapore") {
		t.Fatalf("at 17:50: %q", f)
	}
	// It goes when the event starts.
	now = at(t, "2027-03-12T18:00:00+08:00")
	m, _ = step(t, m, tickMsg(now))
	if f := footer(m); strings.Contains(f, "Reminder: Delegation debrief") {
		t.Fatalf("kept after the start: %q", f)
	}
}

// TestReminderMissedOnWake: a machine that slept through both leads of the
// flight at 20:40 shows one reminder when it wakes before the start, and
// --no-bell rings no bell.
func TestReminderMissedOnWake(t *testing.T) {
	it := delegationTrip(t)
	now := at(t, "2027-03-12T18:00:30+08:00")
	m := sized(New(Config{Itinerary: it, NoBell: true}, renderer(termenv.Ascii)), 120, 40)
	m.clock = func() time.Time { return now }
	m, _ = step(t, m, tickMsg(now))
	m = press(m, "x")
	now = at(t, "2027-03-12T20:35:00+08:00") // slept from 18:01 to 20:35
	m, cmd := step(t, m, tickMsg(now))
	if f := footer(m); !strings.Contains(f, "Reminder: Flight Singapore to San Francisco in 5 min") {
		t.Fatalf("on wake: %q", f)
	}
	if cmd == nil {
		t.Fatal("no tick")
	}
	m = press(m, "x")
	now = at(t, "2027-03-12T20:36:00+08:00")
	m, _ = step(t, m, tickMsg(now))
	if f := footer(m); strings.Contains(f, "Reminder") {
		t.Fatalf("a missed reminder shown twice: %q", f)
	}
}

// TestSecondClockInView: with a second zone the breakfast row shows both
// clocks; c hides the second and shows it again; in an 80-column
// terminal the whole second clock fits before the title, and in a pane
// narrower than 60 columns its start alone shows.
func TestSecondClockInView(t *testing.T) {
	la, _ := time.LoadLocation("America/Los_Angeles")
	seoul, _ := time.LoadLocation("Asia/Seoul")
	m := sized(New(Config{Itinerary: delegationTrip(t), Zone: la, Second: seoul, Now: at(t, "2027-03-13T07:00:00-08:00")}, renderer(termenv.Ascii)), 160, 40)
	if l := lineWith(m.View(), "Breakfast"); !strings.Contains(l, "08:00–09:30   Sun 01:00–02:30 KST") {
		t.Errorf("breakfast row %q lacks both clocks", l)
	}
	m = press(m, "c")
	if l := lineWith(m.View(), "Breakfast"); strings.Contains(l, "KST") {
		t.Errorf("c did not hide the second clock: %q", l)
	}
	m = press(m, "c")
	if l := lineWith(m.View(), "Breakfast"); !strings.Contains(l, "Sun 01:00–02:30 KST") {
		t.Errorf("c did not show the second clock again: %q", l)
	}
	if l := lineWith(sized(m, 80, 24).View(), "Breakfast"); !strings.Contains(l, "08:00–09:30   Sun 01:00–02:30 KST     ⊙ [in 1 h] Breakfast") {
		t.Errorf("at 80 columns the breakfast row is %q", l)
	}
	if l := lineWith(sized(m, 50, 15).View(), "Breakfast"); !strings.Contains(l, "08:00   Sun 01:00 KST  ⊙") {
		t.Errorf("at 50 columns the breakfast row is %q", l)
	}
}

// TestDatesInView: the view opens on the days of --day, says so in the
// header, and esc widens them to all.
func TestDatesInView(t *testing.T) {
	day := time.Date(2027, 3, 12, 0, 0, 0, 0, time.UTC)
	m := sized(New(Config{Itinerary: delegationTrip(t), Dates: agenda.DateRange{From: day, To: day}, Now: at(t, "2027-03-12T14:40:00+08:00")}, renderer(termenv.Ascii)), 120, 40)
	v := m.View()
	if !strings.Contains(v, "[Fri 12 Mar 2027]") || strings.Contains(v, "Flight Seoul to Tokyo") {
		t.Fatalf("the view of Fri 12 Mar:\n%s", v)
	}
	if !strings.Contains(footer(m), "esc all days") {
		t.Errorf("footer %q does not offer esc", footer(m))
	}
	m = press(m, "esc")
	if v := m.View(); strings.Contains(v, "[Fri 12 Mar 2027]") || !strings.Contains(v, "Flight Seoul to Tokyo") {
		t.Fatalf("esc did not widen the days:\n%s", v)
	}
}
