package calendar

import (
	"runtime"
	"strings"
	"sync"

	"github.com/visitline/visitline/itinerary"
)

// prepared is what the text of a VEVENT reads as: its title, notes and
// place unescaped and cleaned, and the address and name of each ORGANIZER
// and ATTENDEE. It depends on nothing but the component, so prepare makes
// it for every event in parallel before the events are read in order;
// the order-dependent work (people, budgets, limits, warnings) stays on one
// goroutine.
type prepared struct {
	title, notes, place string
	names               []attendeeText // of c.Props' ORGANIZERs and ATTENDEEs, in order
}

type attendeeText struct{ addr, name string }

// vevent chunks prepared per worker at a time.
const preparePerChunk = 512

// prepare makes the prepared text of the components, on every core, and
// their name indexes (which replay then only reads).
func prepare(cs []*component) {
	workers := max(runtime.GOMAXPROCS(0), 1)
	if len(cs) < 2*preparePerChunk || workers == 1 {
		for _, c := range cs {
			c.prepare()
		}
		return
	}
	next := make(chan int, (len(cs)+preparePerChunk-1)/preparePerChunk)
	for k := 0; k < len(cs); k += preparePerChunk {
		next <- k
	}
	close(next)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range next {
				for _, c := range cs[k:min(k+preparePerChunk, len(cs))] {
					c.prepare()
				}
			}
		}()
	}
	wg.Wait()
}

func (c *component) prepare() {
	defer func() {
		// A panic here is left for the reader to meet again, on its own
		// goroutine, where Load reports it.
		if recover() != nil {
			c.pre = nil
		}
	}()
	pre := &prepared{title: titleOf(c), notes: notesOf(c), place: placeOf(c)}
	for _, p := range c.Props {
		if p.Name == "ORGANIZER" || p.Name == "ATTENDEE" {
			addr, name := attendeeName(p)
			pre.names = append(pre.names, attendeeText{addr, name})
		}
	}
	c.pre = pre
}

// titleOf is c's SUMMARY as a title, or "".
func titleOf(c *component) string {
	if c.pre != nil {
		return c.pre.title
	}
	if p := c.prop("SUMMARY"); p != nil {
		return cut(itinerary.CleanLine(unescapeText(p.Value)), maxLine)
	}
	return ""
}

// notesOf is c's DESCRIPTION as notes (before the invitation line), or "".
func notesOf(c *component) string {
	if c.pre != nil {
		return c.pre.notes
	}
	if p := c.prop("DESCRIPTION"); p != nil {
		return strings.TrimSpace(itinerary.Clean(unescapeText(p.Value)))
	}
	return ""
}

// placeOf is c's LOCATION as a place, or "".
func placeOf(c *component) string {
	if c.pre != nil {
		return c.pre.place
	}
	if p := c.prop("LOCATION"); p != nil {
		return cut(itinerary.CleanLine(unescapeText(p.Value)), maxLine)
	}
	return ""
}

// replayLines names the properties replay reads only the line of (their
// values were read into the vevent); replayReads those it reads whole.
// Every other property of an event, and its VALARMs, are read once, before
// the event's occurrences are kept.
var (
	replayLines = map[string]string{"SUMMARY": "SUMMARY", "DTSTART": "DTSTART", "DTEND": "DTEND", "DURATION": "DURATION",
		"DESCRIPTION": "DESCRIPTION", "RRULE": "RRULE", "RDATE": "RDATE"}
	replayReads = map[string]bool{ZoneProperty: true, StatusProperty: true, "STATUS": true, ApproximateProperty: true,
		"LOCATION": true, "CATEGORIES": true, "URL": true}
)

// trim drops what replay does not read of an event whose occurrences are
// all kept, so that its lines (ATTENDEE, DESCRIPTION, DTSTAMP and the
// rest) go while the reader is still at work on the events after it. The
// index of a large component is made again here: replay only reads it.
func (c *component) trim() {
	kept := make([]*property, 0, len(c.Props))
	for _, p := range c.Props {
		if name, ok := replayLines[p.Name]; ok {
			kept = append(kept, &property{Name: name, Line: p.Line})
		} else if replayReads[p.Name] {
			kept = append(kept, p)
		}
	}
	c.Props, c.Children, c.byName = kept, nil, nil
	if c.pre != nil {
		c.pre.names, c.pre.notes = nil, ""
	}
	c.props("")
}
