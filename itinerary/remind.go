package itinerary

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// MaxReminders bounds the lead times of one remind list.
const MaxReminders = 10

// MaxReminderLead is the longest lead time a reminder may have.
const MaxReminderLead = 14 * 24 * time.Hour

// Reminders returns the lead times before event i's start at which to
// remind of it, longest first: the event's own remind list when it gives
// one (remind: [] turns them off), else the itinerary's. A cancelled event
// has none.
func (it *Itinerary) Reminders(i int) []time.Duration {
	e := &it.Events[i]
	if e.Status == StatusCancelled {
		return nil
	}
	if e.RemindSet {
		return e.Remind
	}
	return it.Remind
}

// remind reads a remind list: lead times before the start, such as
// [30m, 5m], each at most MaxReminderLead, kept longest first without
// repeats. The second result says whether the field was given.
func (l *loader) remind(fs map[string]field, ctx string) ([]time.Duration, bool) {
	f, ok := fs["remind"]
	if !ok {
		return nil, false
	}
	n := l.deref(f.val)
	if isNull(n) {
		return nil, false
	}
	if n.Kind != yaml.SequenceNode {
		l.errorf(n, "%s: remind must be a list of lead times such as [30m, 5m], not %s", ctx, describe(n))
		return nil, false
	}
	if l.tooMany(n, len(n.Content), MaxReminders, literal("remind"), ctx) {
		return nil, false
	}
	leads := []time.Duration{}
	for _, orig := range n.Content {
		item := l.deref(orig)
		if item.Kind != yaml.ScalarNode || isNull(item) {
			l.errorf(orig, "%s: each entry of remind must be a lead time such as \"30m\", not %s", ctx, describe(item))
			continue
		}
		d, err := time.ParseDuration(item.Value)
		switch {
		case err != nil && item.Tag == "!!int" && item.Value == "0":
			d = 0
		case err != nil:
			l.errorf(item, "%s: remind %q is not a lead time; write it as \"5m\", \"30m\" or \"1h30m\"", ctx, item.Value)
			continue
		case d < 0:
			l.errorf(item, "%s: remind %q is negative; a lead time is how long before the start", ctx, item.Value)
			continue
		case d > MaxReminderLead:
			l.errorf(item, "%s: remind %q is longer than %s", ctx, item.Value, literal("336h (14 days)"))
			continue
		}
		if !slices.Contains(leads, d) {
			leads = append(leads, d)
		}
	}
	slices.SortFunc(leads, func(a, b time.Duration) int { return cmp.Compare(b, a) })
	return leads, true
}

// FormatLead writes a lead time as a remind list holds it: "30m", "1h30m",
// "2h", "0m".
func FormatLead(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	if s == "0s" {
		s = "0m"
	}
	return s
}
