package agenda

import (
	"sort"
	"time"

	"github.com/visitline/visitline/itinerary"
)

// Reminder is one reminder of an event: the event and the lead time before
// its start at which it is due.
type Reminder struct {
	Event int
	Lead  time.Duration
}

// At is when the reminder is due.
func (r Reminder) At(it *itinerary.Itinerary) time.Time { return it.Events[r.Event].Start.Add(-r.Lead) }

// ReminderKey identifies a reminder across reloads and restarts: the
// event's key, its start and the lead. A moved event is reminded of again.
func ReminderKey(it *itinerary.Itinerary, r Reminder) string {
	e := &it.Events[r.Event]
	return e.Key() + "|" + e.Start.UTC().Format(time.RFC3339) + "|" + r.Lead.String()
}

// DueReminders returns the reminders of events (instant order) due at now
// that fired (by ReminderKey) does not hold: for each timed event that has
// not begun, the one of its lead times passed most recently. The longer
// leads already passed are in the second result, to be marked as fired
// with it, so that a laptop that slept through them shows one reminder,
// not each. Only events starting within MaxReminderLead of now are looked
// at.
func DueReminders(it *itinerary.Itinerary, events []int, now time.Time, fired func(key string) bool) (due []Reminder, passed []Reminder) {
	for _, i := range upcoming(it, events, now) {
		e := &it.Events[i]
		if e.AllDay {
			continue
		}
		latest := -1
		leads := it.Reminders(i) // longest first
		for k, lead := range leads {
			if !e.Start.Add(-lead).After(now) {
				latest = k
			}
		}
		if latest < 0 {
			continue
		}
		r := Reminder{Event: i, Lead: leads[latest]}
		if fired(ReminderKey(it, r)) {
			continue
		}
		due = append(due, r)
		for _, lead := range leads[:latest] {
			passed = append(passed, Reminder{Event: i, Lead: lead})
		}
	}
	return due, passed
}

// NextReminder is when the next reminder of events after now is due, or
// the zero time.
func NextReminder(it *itinerary.Itinerary, events []int, now time.Time) time.Time {
	var next time.Time
	for _, i := range upcoming(it, events, now) {
		if it.Events[i].AllDay {
			continue
		}
		for _, lead := range it.Reminders(i) {
			at := it.Events[i].Start.Add(-lead)
			if at.After(now) && (next.IsZero() || at.Before(next)) {
				next = at
			}
		}
	}
	return next
}

// upcoming is the events of events that start after now and within
// MaxReminderLead of it: the only ones a reminder can be due for.
func upcoming(it *itinerary.Itinerary, events []int, now time.Time) []int {
	after := func(t time.Time) int {
		return sort.Search(len(events), func(k int) bool { return it.Events[events[k]].Start.After(t) })
	}
	return events[after(now):after(now.Add(itinerary.MaxReminderLead))]
}

// ReminderText is the words of a reminder at now: "Reminder: Delegation
// debrief in 10 min · Changi T3".
func ReminderText(it *itinerary.Itinerary, r Reminder, now time.Time) string {
	e := &it.Events[r.Event]
	s := "Reminder: " + e.Title + " in " + Countdown(now, e.Start)
	if p := Place(e); p != "" {
		s += " · " + p
	}
	return s
}
