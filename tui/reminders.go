package tui

import (
	"maps"
	"os"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/visitline/visitline/agenda"
	"github.com/visitline/visitline/itinerary"
)

// reminderKeyMap is the reminder line's own key.
type reminderKeyMap struct {
	Dismiss key.Binding
}

func newReminderKeyMap(k KeyMap) reminderKeyMap { return reminderKeyMap{Dismiss: k.Dismiss} }

// into puts the key into the key map of the help.
func (r reminderKeyMap) into(k *KeyMap) { k.Dismiss = r.Dismiss }

// reminder is the reminder the status line shows.
type reminder struct {
	title, place string
	start        time.Time
}

// reminderLine is the status line's reminders: at each lead time of an
// event (remind: in the file) it shows "Reminder: Delegation debrief in 10
// min · Changi T3" until dismissed or until the event starts. The
// reminders fired are kept by key, so a reload does not fire them again,
// and one missed while the machine slept is shown once when the clock
// comes back, if its event has not begun.
type reminderLine struct {
	keys  reminderKeyMap
	shown *reminder
	// fired holds the keys of the reminders fired (agenda.ReminderKey);
	// it is copied, never changed in place, so old copies of the model
	// keep their own.
	fired  map[string]bool
	noBell bool
}

func newReminderLine(k KeyMap, noBell bool) reminderLine {
	return reminderLine{keys: newReminderKeyMap(k), noBell: noBell}
}

// check fires the reminders of events due at now, showing the last, and
// drops the one shown once its event has begun. It returns the bell to
// ring, or nil.
func (r *reminderLine) check(it *itinerary.Itinerary, events []int, now time.Time) tea.Cmd {
	if r.shown != nil && !now.Before(r.shown.start) {
		r.shown = nil
	}
	due, passed := agenda.DueReminders(it, events, now, func(k string) bool { return r.fired[k] })
	if len(due) == 0 {
		return nil
	}
	fired := maps.Clone(r.fired)
	if fired == nil {
		fired = map[string]bool{}
	}
	for _, d := range append(passed, due...) {
		fired[agenda.ReminderKey(it, d)] = true
	}
	r.fired = fired
	// The soonest event's reminder is the one to show.
	show := due[0]
	for _, d := range due[1:] {
		if it.Events[d.Event].Start.Before(it.Events[show.Event].Start) {
			show = d
		}
	}
	e := &it.Events[show.Event]
	r.shown = &reminder{title: e.Title, place: agenda.Place(e), start: e.Start}
	if r.noBell {
		return nil
	}
	return ringBell
}

// ringBell rings the terminal's bell.
func ringBell() tea.Msg {
	os.Stdout.WriteString("\a")
	return nil
}

// dismiss hides the reminder shown.
func (r *reminderLine) dismiss() { r.shown = nil }

// updateKeys offers the key only while a reminder is shown.
func (r *reminderLine) updateKeys() { r.keys.Dismiss.SetEnabled(r.shown != nil) }

// text is the reminder's words at now, or "".
func (r reminderLine) text(now time.Time) string {
	if r.shown == nil {
		return ""
	}
	s := "Reminder: " + r.shown.title + " in " + agenda.Countdown(now, r.shown.start)
	if r.shown.place != "" {
		s += " · " + r.shown.place
	}
	return s
}
