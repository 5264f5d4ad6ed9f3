package itinerary

import (
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

// WallTime is the instant the loader reads for the wall-clock time w (its
// fields read in UTC) in loc, resolving DST gaps and repeated hours as
// RFC 5545 does; writers use it to know whether a wall clock reads back as
// the instant they mean.
func WallTime(w time.Time, loc *time.Location) time.Time {
	t, _ := resolveWall(w, loc)
	return t
}
