package agenda

import (
	"slices"
	"time"
)

// runningSpans are the entries that run into later days, in the order they
// began, in a list from which ended ones are unlinked as a day's
// continuations pass them: a day costs its continuation rows and the
// entries that ended, not every entry still going, so that many long
// entries at once cost time in proportion to them, not to them times the
// days. The zero value is empty.
type runningSpans struct {
	spans      []span
	next       []int32 // 1 + the index of the span after each, 0 at the end
	head, tail int32   // 1 + the index of the first and last spans linked, 0 when none
	lastDay    int32   // the latest last day of the spans added: one is going on day d iff d <= lastDay
}

func (r *runningSpans) add(s span) {
	r.spans = append(r.spans, s)
	r.next = append(r.next, 0)
	k := int32(len(r.spans))
	if r.head == 0 {
		r.head = k
	} else {
		r.next[r.tail-1] = k
	}
	r.tail = k
	if k == 1 || s.lastDay > r.lastDay {
		r.lastDay = s.lastDay
	}
}

// first calls f with up to n spans still going on day, in the order they
// began, unlinking the ended ones it passes.
func (r *runningSpans) first(day int32, n int, f func(span)) {
	prev := int32(0)
	for k := r.head; k != 0 && n > 0; k = r.next[k-1] {
		if r.spans[k-1].lastDay < day {
			if prev == 0 {
				r.head = r.next[k-1]
			} else {
				r.next[prev-1] = r.next[k-1]
			}
			if r.tail == k {
				r.tail = prev
			}
			continue
		}
		f(r.spans[k-1])
		n--
		prev = k
	}
}

// At is the layout of the same events and options at now: l itself, with
// the clock moved, while no event starts or ends and no day begins between
// the now l was made for and this one (the rows stay the same, only the
// countdowns' words change; free time that the now line splits gets its
// two lengths moved); else a new layout. The minute tick calls it, so most
// minutes lay out nothing.
func (l *Layout) At(now time.Time) *Layout {
	if now.Equal(l.opt.Now) {
		return l
	}
	if !l.opt.Now.IsZero() && !now.IsZero() && !now.Before(l.opt.Now) && now.Before(l.until) {
		moved := *l
		moved.opt.Now = now
		if s := l.split; s != nil {
			// As freeTime splits the gap at now.
			past := int32(now.Sub(s.start) / time.Minute)
			from := s.start
			if past > 0 {
				from = now
			}
			rest := int32(s.end.Sub(from) / time.Minute)
			if past > 0 != (s.past >= 0) || rest > 0 != (s.rest >= 0) {
				return l.relaid(moved.opt) // a part begins or ends: a row more or less
			}
			moved.rows = slices.Clone(l.rows)
			if s.past >= 0 {
				moved.rows[s.past].n = past
			}
			if s.rest >= 0 {
				moved.rows[s.rest].n = rest
			}
		}
		return &moved
	}
	opt := l.opt
	opt.Now = now
	return l.relaid(opt)
}

// relaid is a new layout of l's own events with opt.
func (l *Layout) relaid(opt Options) *Layout {
	opt.Shown = l.events
	return New(l.it, opt)
}

// gapSplit is free time that the now line splits: the rows of the part
// past and the part to come (-1 when not shown), and the gap.
type gapSplit struct {
	past, rest int32
	start, end time.Time
}

// SameRows reports whether m has the rows of l (m is l at another now, from
// At).
func (l *Layout) SameRows(m *Layout) bool {
	return m != nil && len(l.rows) == len(m.rows) && (len(l.rows) == 0 || &l.rows[0] == &m.rows[0])
}

// rowsUntil is the first moment after the layout's now at which its rows
// could change: the next start or end of a shown event at or after now (an
// event without an end counts the minute or day MomentOf gives it), or the
// next midnight in the clock zone; the zero time when there is no now.
func (l *Layout) rowsUntil() time.Time {
	now := l.opt.Now
	if now.IsZero() {
		return time.Time{}
	}
	y, m, d := now.In(l.clockZone()).Date()
	until := time.Date(y, m, d+1, 0, 0, 0, 0, l.clockZone())
	for _, i := range l.events {
		e := &l.it.Events[i]
		end := e.End
		if !e.HasEnd {
			end = e.Start.Add(time.Minute)
			if e.AllDay {
				end = e.Start.AddDate(0, 0, 1)
			}
		}
		for _, t := range [...]time.Time{e.Start, e.End, end} {
			if !t.Before(now) && t.Before(until) {
				until = t
			}
		}
	}
	return until
}
