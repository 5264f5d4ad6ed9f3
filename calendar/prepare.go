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
