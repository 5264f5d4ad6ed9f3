package agenda

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/visitline/visitline/itinerary"
)

// DateRange is the days --day, --from and --to choose: From to To
// inclusive, each a civil date at midnight UTC; a zero end is open.
type DateRange struct {
	From, To time.Time
}

// Empty reports whether r keeps every day.
func (r DateRange) Empty() bool { return r.From.IsZero() && r.To.IsZero() }

// Label says the range for a header: "Fri 12 Mar 2027", "Wed 10 Mar –
// Fri 12 Mar 2027", "from Wed 10 Mar 2027", "until Fri 12 Mar 2027", or ""
// for the whole itinerary.
func (r DateRange) Label() string {
	switch {
	case r.Empty():
		return ""
	case r.To.IsZero():
		return "from " + DayLabel(r.From)
	case r.From.IsZero():
		return "until " + DayLabel(r.To)
	case r.From.Equal(r.To):
		return DayLabel(r.From)
	}
	return DateRangeLabel(r.From, r.To)
}

// Keep returns the events of events that cover any part of r's days in
// zone (nil: each event's own), in their order: a multi-day entry or an
// overnight flight is kept on each day it covers.
func (r DateRange) Keep(it *itinerary.Itinerary, events []int, zone *time.Location) []int {
	if r.Empty() {
		return events
	}
	out := make([]int, 0, len(events))
	for _, i := range events {
		first, n := it.CoveredDays(i, zone)
		last := first.AddDate(0, 0, n-1)
		if !r.From.IsZero() && last.Before(r.From) {
			continue
		}
		if !r.To.IsZero() && first.After(r.To) {
			continue
		}
		out = append(out, i)
	}
	return out
}

// DateHelp lists the forms ParseDate reads, for messages and usage.
const DateHelp = "YYYY-MM-DD, today, tomorrow, yesterday, +N or -N days, or a weekday name"

// maxDateOffset bounds +N and -N, well inside the times an itinerary holds.
const maxDateOffset = 100000

// ParseDate reads a DATE of --day, --from or --to as the civil date (at
// midnight UTC) it names in zone, counted from now: YYYY-MM-DD, today,
// tomorrow, yesterday, +N or -N days, or a weekday name in English, whole
// or its first three letters, which is the next such day (today when
// today is one, as GNU date reads it).
func ParseDate(s string, now time.Time, zone *time.Location) (time.Time, error) {
	if zone == nil {
		zone = time.Local
	}
	y, m, d := now.In(zone).Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	word := strings.ToLower(strings.TrimSpace(s))
	switch word {
	case "today":
		return today, nil
	case "tomorrow":
		return today.AddDate(0, 0, 1), nil
	case "yesterday":
		return today.AddDate(0, 0, -1), nil
	}
	if len(word) > 1 && (word[0] == '+' || word[0] == '-') {
		n, err := strconv.Atoi(word[1:])
		if err == nil && n <= maxDateOffset && word[1] != '+' && word[1] != '-' {
			if word[0] == '-' {
				n = -n
			}
			return today.AddDate(0, 0, n), nil
		}
	}
	if len(word) >= 3 {
		for wd := time.Sunday; wd <= time.Saturday; wd++ {
			name := strings.ToLower(wd.String())
			if word == name || word == name[:3] {
				return today.AddDate(0, 0, (int(wd)-int(today.Weekday())+7)%7), nil
			}
		}
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		if !itinerary.InRange(t) {
			return time.Time{}, fmt.Errorf("%q is outside the times an itinerary can hold (%s)", s, itinerary.RangeText)
		}
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%q is not a date; give %s", s, DateHelp)
}
