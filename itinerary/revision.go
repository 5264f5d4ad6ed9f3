package itinerary

// Revision identifies the calendar object an event was read from (an
// iCalendar VEVENT's UID, and which occurrence of it the event is) and how
// new that revision is, so that the same object found in several files of
// one calendar is shown once (Merge, dedupeRevisions). The zero Revision
// is an event with no UID, which is never merged with another.
type Revision struct {
	// UID is the object's UID, "" for none.
	UID string
	// Recurrence is the occurrence's RECURRENCE-ID in Unix seconds (the
	// instant, or midnight UTC of a date): an override's own, or, for an
	// occurrence of a repeating event, the start its rule gives it. It is
	// meaningless unless Recurring.
	Recurrence int64
	// Stamp is LAST-MODIFIED, else DTSTAMP, in Unix seconds; 0 for neither.
	Stamp int64
	// Sequence is the revision's SEQUENCE.
	Sequence int32
	// Recurring is true for an occurrence of a repeating event and for an
	// override (RECURRENCE-ID): Recurrence is set.
	Recurring bool
	// Override is true for a RECURRENCE-ID override of one occurrence.
	Override bool
}

// newer reports whether revision r ranks above s: a higher SEQUENCE, then
// a later stamp. Equal ranks are decided by file order, first wins.
func (r *Revision) newer(s *Revision) bool {
	if r.Sequence != s.Sequence {
		return r.Sequence > s.Sequence
	}
	return r.Stamp > s.Stamp
}

type objectKey struct {
	cal int
	uid string
}

type occurrenceKey struct {
	cal int
	uid string
	rec int64
}

// object is what dedupeRevisions knows of one UID in one calendar.
type object struct {
	first  string // the first file it was found in
	multi  bool   // found in more than one file
	master int    // the event of the newest series or single event, -1 for none
	// masterFile is the file of master, "" for none.
	masterFile string
}

// dedupeRevisions keeps, of the objects (UIDs) of one calendar that
// several files hold, one revision, in the place of their first events:
//
//   - the series or single event: the newest revision's file's (the
//     highest SEQUENCE, then the latest LAST-MODIFIED or DTSTAMP, then
//     the first file in order); the events of the other files are dropped;
//   - each override (RECURRENCE-ID): the newest of those for the same
//     occurrence, from any file, when it is the series' own or no older
//     (by SEQUENCE) than the series; it replaces the series' occurrence.
//
// An object only one file holds keeps every event the reader gave it, and
// the same UID in two calendars is two objects. The work is linear: two
// maps, by object and by occurrence. events are in part order; the result
// (events, filtered in place) is too, with FileIndex renumbered.
func dedupeRevisions(events []Event) []Event {
	objects := map[objectKey]*object{}
	for i := range events {
		e := &events[i]
		if e.Rev.UID == "" {
			continue
		}
		k := objectKey{e.Calendar, e.Rev.UID}
		o := objects[k]
		if o == nil {
			o = &object{first: e.File, master: -1}
			objects[k] = o
		} else if e.File != o.first {
			o.multi = true
		}
		if !e.Rev.Override && (o.master < 0 || e.Rev.newer(&events[o.master].Rev)) {
			o.master = i
		}
	}
	for _, o := range objects {
		if o.master >= 0 {
			o.masterFile = events[o.master].File
		}
	}
	overrides := map[occurrenceKey]int{}
	for i := range events {
		e := &events[i]
		o := objects[objectKey{e.Calendar, e.Rev.UID}]
		if e.Rev.UID == "" || !o.multi || !e.Rev.Override {
			continue
		}
		if m := o.master; m >= 0 && events[m].File != e.File && e.Rev.Sequence < events[m].Rev.Sequence {
			continue // older than the series it would change
		}
		k := occurrenceKey{e.Calendar, e.Rev.UID, e.Rev.Recurrence}
		if j, ok := overrides[k]; !ok || e.Rev.newer(&events[j].Rev) {
			overrides[k] = i
		}
	}
	out := events[:0]
	for i := range events {
		e := events[i]
		if e.Rev.UID != "" && !keep(&e, i, objects[objectKey{e.Calendar, e.Rev.UID}], overrides) {
			continue
		}
		e.FileIndex = len(out)
		out = append(out, e)
	}
	return out
}

// keep says whether event i of object o stays.
func keep(e *Event, i int, o *object, overrides map[occurrenceKey]int) bool {
	if !o.multi {
		return true
	}
	k := occurrenceKey{e.Calendar, e.Rev.UID, e.Rev.Recurrence}
	if e.Rev.Override {
		j, ok := overrides[k]
		return ok && j == i
	}
	if o.master < 0 || e.File != o.masterFile {
		return false
	}
	_, replaced := overrides[k]
	return !e.Rev.Recurring || !replaced
}

// participations counts the events that list each person.
func participations(it *Itinerary) []int32 {
	n := make([]int32, len(it.People))
	for i := range it.Events {
		for _, p := range it.Events[i].Participants {
			n[p]++
		}
	}
	return n
}

// dropUnlisted removes the people whom only the events dedupeRevisions
// dropped listed (an attendee of an old revision), given how many events
// listed each before; people no event ever listed stay (an itinerary's
// own people list).
func dropUnlisted(it *Itinerary, before []int32) {
	after := participations(it)
	index := make([]int, len(it.People))
	people := it.People[:0]
	dropped := false
	for p := range it.People {
		if before[p] > 0 && after[p] == 0 {
			index[p], dropped = -1, true
			continue
		}
		index[p] = len(people)
		people = append(people, it.People[p])
	}
	if !dropped {
		return
	}
	it.People = people
	for i := range it.Events {
		e := &it.Events[i]
		for k, p := range e.Participants {
			e.Participants[k] = index[p]
		}
	}
}
