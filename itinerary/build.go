package itinerary

import (
	"iter"
	"time"

	"gopkg.in/yaml.v3"
)

// LoadNode validates and indexes an itinerary given as a yaml.Node tree
// that another reader built (the iCalendar reader builds one from a
// calendar, with each node's line set to where its value came from), as
// Load does for a file. extra are problems the reader found itself; they
// are reported with the loader's own, sorted by position, and errors among
// them stop the load.
func LoadNode(name string, root *yaml.Node, extra []Problem) (it *Itinerary, err error) {
	defer func() {
		if v := recover(); v != nil {
			it, err = nil, &LoadError{File: name, Problems: []Problem{recoveredProblem(v)}}
		}
	}()
	l := &loader{}
	it = l.itinerary(root, nil)
	return l.finish(name, it, extra)
}

// LoadNodeEvents is LoadNode with the items of the events list given
// apart, as a sequence the loader walks once in order: a reader can make
// each event's nodes only when the loader asks for them and drop them
// after, so that the node tree of the whole list is never in memory.
// root's own events field is read as the whole parse reads it (it is
// there, and is normally an empty list). extra is read once the events
// have been walked. count is how many events the sequence yields, when
// known (0 if not): the list of events is then made at its size.
func LoadNodeEvents(name string, root *yaml.Node, events iter.Seq[*yaml.Node], count int, extra func() []Problem) (it *Itinerary, err error) {
	defer func() {
		if v := recover(); v != nil {
			it, err = nil, &LoadError{File: name, Problems: []Problem{recoveredProblem(v)}}
		}
	}()
	l := &loader{eventsHint: count}
	it = l.itinerary(root, events)
	return l.finish(name, it, extra())
}

// WallTime is the instant the loader reads for the wall-clock time w (its
// fields read in UTC) in loc, resolving DST gaps and repeated hours as
// RFC 5545 does; writers use it to know whether a wall clock reads back as
// the instant they mean.
func WallTime(w time.Time, loc *time.Location) time.Time {
	t, _ := resolveWall(w, loc)
	return t
}
