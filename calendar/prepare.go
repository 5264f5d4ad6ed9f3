package calendar

import (
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/visitline/visitline/itinerary"
)

// prepared is what the text of a VEVENT reads as: its notes and place
// unescaped and cleaned, and the address and name of each ORGANIZER and
// ATTENDEE. It depends on nothing but the component, so it is made on
// every core just ahead of the ordered pass that reads it (preparer),
// and let go once the event is done (trim): the prepared text of the
// whole calendar is never held at once. The order-dependent work (people,
// budgets, limits, warnings) stays on one goroutine.
type prepared struct {
	notes, place string
	names        []attendeeText // of c.Props' ORGANIZERs and ATTENDEEs, in order
}

type attendeeText struct{ addr, name string }

// preparer prepares the components of the ordered pass ahead of it, a
// chunk at a time, in its order, on every core.
type preparer struct {
	cs      []*component
	results []chan struct{} // a chunk's, sent once it is prepared
	ahead   chan struct{}
	stop    chan struct{}
	wg      sync.WaitGroup
	ready   int // the components of the chunks received
}

// preparePerChunk is how many components a worker prepares at a time.
const preparePerChunk = 256

// prepareAhead starts the preparing of cs, the components the ordered
// pass reads, in the order it reads them.
func prepareAhead(cs []*component) *preparer {
	chunks := (len(cs) + preparePerChunk - 1) / preparePerChunk
	workers := max(runtime.GOMAXPROCS(0), 1)
	pr := &preparer{cs: cs, results: make([]chan struct{}, chunks), ahead: make(chan struct{}, 2*workers), stop: make(chan struct{})}
	next := make(chan int, chunks)
	for k := range chunks {
		pr.results[k] = make(chan struct{}, 1)
		next <- k
	}
	close(next)
	for range workers {
		pr.wg.Add(1)
		go func() {
			defer pr.wg.Done()
			for {
				// A place before a chunk, as in the loader's: the chunk
				// the ordered pass waits for always has one.
				select {
				case pr.ahead <- struct{}{}:
				case <-pr.stop:
					return
				}
				k, more := <-next
				if !more {
					return
				}
				for _, c := range pr.chunk(k) {
					c.prepare()
				}
				pr.results[k] <- struct{}{}
			}
		}()
	}
	return pr
}

func (pr *preparer) chunk(k int) []*component {
	return pr.cs[k*preparePerChunk : min((k+1)*preparePerChunk, len(pr.cs))]
}

// wait returns once the first n components are prepared; a nil preparer
// has nothing to prepare.
func (pr *preparer) wait(n int) {
	for pr != nil && pr.ready < n {
		k := pr.ready / preparePerChunk
		<-pr.results[k]
		<-pr.ahead
		pr.ready += len(pr.chunk(k))
	}
}

// close stops the workers and waits for them.
func (pr *preparer) close() {
	if pr != nil {
		close(pr.stop)
		pr.wg.Wait()
	}
}

func (c *component) prepare() {
	defer func() {
		// A panic here is left for the reader to meet again, on its own
		// goroutine, where Load reports it.
		if recover() != nil {
			c.pre = nil
		}
	}()
	pre := &prepared{notes: notesOf(c), place: placeOf(c)}
	for _, p := range c.Props {
		if p.Name == "ORGANIZER" || p.Name == "ATTENDEE" {
			addr, name := attendeeName(p)
			pre.names = append(pre.names, attendeeText{addr, name})
		}
	}
	c.pre = pre
}

// titlesPerChunk is how many titles a worker of titlesOf makes at a time.
const titlesPerChunk = 1024

// titlesOf is the title of each VEVENT (titleOf), made on every core
// before the events are read in order; a worker's panic is met again
// here, where Load reports it.
func titlesOf(vevents []*component) []string {
	titles := make([]string, len(vevents))
	var failed atomic.Bool
	next := make(chan int, len(vevents)/titlesPerChunk+1)
	for k := 0; k < len(vevents); k += titlesPerChunk {
		next <- k
	}
	close(next)
	var wg sync.WaitGroup
	for range min(max(runtime.GOMAXPROCS(0), 1), len(next)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if recover() != nil {
					failed.Store(true)
				}
			}()
			for k := range next {
				for i := k; i < min(k+titlesPerChunk, len(vevents)); i++ {
					titles[i] = titleOf(vevents[i])
				}
			}
		}()
	}
	wg.Wait()
	if failed.Load() {
		for i, c := range vevents {
			titles[i] = titleOf(c)
		}
	}
	return titles
}

// titleOf is c's SUMMARY as a title, or "".
func titleOf(c *component) string {
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
