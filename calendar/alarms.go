package calendar

import (
	"slices"
	"strings"
	"time"

	"github.com/visitline/visitline/itinerary"
	"gopkg.in/yaml.v3"
)

// alarms turns an event's VALARMs into its remind list: each DISPLAY or
// AUDIO alarm (or one without an ACTION) whose TRIGGER falls before the
// start becomes a lead time. A TRIGGER relative to the end counts from the
// event's length, an absolute one from the first occurrence's start (and
// the same lead applies to each occurrence). EMAIL and other actions are
// for other programs and are skipped; an alarm after the start is left out
// with a warning. It returns nil when the event has no alarm to keep.
func (b *builder) alarms(ev *vevent) *yaml.Node {
	var leads []time.Duration
	line := 0
	for _, a := range ev.c.Children {
		if a.Name != "VALARM" {
			continue
		}
		if p := a.prop("ACTION"); p != nil {
			if act := strings.ToUpper(strings.TrimSpace(p.Value)); act != "DISPLAY" && act != "AUDIO" {
				continue
			}
		}
		p := a.prop("TRIGGER")
		if p == nil {
			continue
		}
		lead, ok := b.triggerLead(ev, p)
		switch {
		case !ok:
			b.r.warn(p.Line, "TRIGGER %q of event %q is not a duration or a time; the alarm is left out", clip(p.Value), clip(ev.title))
			continue
		case lead < 0:
			b.r.warn(p.Line, "the alarm of event %q fires after it starts; visitline reminds only before, so it is left out", clip(ev.title))
			continue
		case lead > itinerary.MaxReminderLead:
			continue
		}
		if line == 0 {
			line = a.Line
		}
		if !slices.Contains(leads, lead) && len(leads) < itinerary.MaxReminders {
			leads = append(leads, lead)
		}
	}
	if len(leads) == 0 {
		return nil
	}
	n := seq(line)
	n.Style = yaml.FlowStyle
	for _, d := range leads {
		n.Content = append(n.Content, scalar(itinerary.FormatLead(d), line))
	}
	return n
}

// triggerLead is how long before the start an alarm's TRIGGER fires.
func (b *builder) triggerLead(ev *vevent, p *property) (time.Duration, bool) {
	v := strings.TrimSpace(p.Value)
	if strings.EqualFold(p.param("VALUE"), "DATE-TIME") || (len(v) > 8 && v[8] == 'T' && !strings.ContainsAny(v[:1], "+-Pp")) {
		t, ok := b.timeValue(p, v)
		if !ok || t.date {
			return 0, false
		}
		return ev.start.instant().Sub(t.instant()), true
	}
	days, d, ok := parseDuration(v)
	if !ok {
		return 0, false
	}
	offset := time.Duration(days)*24*time.Hour + d
	if strings.EqualFold(p.param("RELATED"), "END") {
		length := time.Duration(ev.days)*24*time.Hour + ev.dur
		if ev.end != nil {
			length = ev.end.instant().Sub(ev.start.instant())
		}
		offset += length
	}
	return -offset, true
}
