package itinerary

import (
	"fmt"
	"strings"
)

// Part is one loaded file of a gathered itinerary: its itinerary, the
// index of its calendar in the Calendars given to Merge, and its path.
type Part struct {
	It       *Itinerary
	Calendar int
	File     string
}

// Merge gathers parts, in the order given, into one itinerary of the
// calendars cals: the people, orgs and sources of each part re-indexed
// into one list (people with the same mail address are one person), the
// events in instant order with their Calendar and File set, the indexes
// rebuilt. An iCalendar object (a UID) that several files of one calendar
// hold is kept once, its newest revision (dedupeRevisions); in two
// calendars it is two. Its zone is the first part's. It returns an error when the
// events together pass MaxEvents.
func Merge(title string, cals []Calendar, parts []Part) (*Itinerary, error) {
	total := 0
	for _, p := range parts {
		total += len(p.It.Events)
	}
	if total > MaxEvents {
		return nil, fmt.Errorf("%d events together; the limit is %d", total, MaxEvents)
	}
	out := &Itinerary{Version: 1, Title: title, Calendars: cals, Events: make([]Event, 0, total)}
	if len(parts) > 0 {
		out.Zone, out.NoZone = parts[0].It.Zone, parts[0].It.NoZone
	}
	m := merger{out: out, byAddr: map[string]int{}}
	for _, p := range parts {
		m.add(p)
	}
	if len(out.People) > MaxPeople {
		return nil, fmt.Errorf("%d people together; the limit is %d", len(out.People), MaxPeople)
	}
	listed := participations(out)
	if kept := dedupeRevisions(out.Events); len(kept) < len(out.Events) {
		out.Events = kept
		dropUnlisted(out, listed)
	}
	sortEvents(out.Events)
	out.index()
	return out, nil
}

// merger re-indexes each part into out.
type merger struct {
	out    *Itinerary
	byAddr map[string]int // a person's mail address → index in out.People
	ids    IDs            // the person ids taken
}

// Address is the mail address a person read from a calendar is known by
// (the calendar reader keeps it as the person's note), or "".
func (p *Person) Address() string {
	n := strings.TrimSpace(p.Note)
	if strings.Count(n, "@") != 1 || strings.ContainsAny(n, " \t\n") || strings.HasPrefix(n, "@") || strings.HasSuffix(n, "@") {
		return ""
	}
	return strings.ToLower(n)
}

func (m *merger) add(p Part) {
	it, out := p.It, m.out
	orgBase, srcBase := len(out.Orgs), len(out.Sources)
	out.Orgs = append(out.Orgs, it.Orgs...)
	out.Sources = append(out.Sources, it.Sources...)
	people := make([]int, len(it.People))
	for i, person := range it.People {
		addr := person.Address()
		if j, ok := m.byAddr[addr]; ok && addr != "" {
			people[i] = j
			continue
		}
		if person.Org >= 0 {
			person.Org += orgBase
		}
		person.ID = m.ids.Unique(person.ID)
		people[i] = len(out.People)
		if addr != "" {
			m.byAddr[addr] = len(out.People)
		}
		out.People = append(out.People, person)
	}
	for _, e := range it.Events {
		e.Participants = remap(e.Participants, func(k int) int { return people[k] })
		e.Sources = remap(e.Sources, func(k int) int { return k + srcBase })
		e.Calendar, e.File = p.Calendar, p.File
		e.FileIndex = len(out.Events)
		out.Events = append(out.Events, e)
	}
}

// remap is each index of xs through f, a person listed once.
func remap(xs []int, f func(int) int) []int {
	if len(xs) == 0 {
		return nil
	}
	out := make([]int, 0, len(xs))
	seen := map[int]bool{}
	for _, x := range xs {
		if y := f(x); !seen[y] {
			seen[y] = true
			out = append(out, y)
		}
	}
	return out
}
