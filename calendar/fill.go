package calendar

import (
	"runtime"
	"sync"
)

// headProps are the properties of a VEVENT read before its events are
// (gather, topZone, builder.read, isSeries, aheadLimit): all that an event
// whose lines can be read again keeps from the end of the tree until the
// ordered pass reaches it (fill).
var headProps = map[string]bool{"UID": true, "SEQUENCE": true, "LAST-MODIFIED": true, "DTSTAMP": true, "SUMMARY": true,
	"DTSTART": true, "DTEND": true, "DURATION": true, "RECURRENCE-ID": true, "RRULE": true, "RDATE": true, "EXDATE": true}

// compact keeps only c's headProps, in order; fill reads the rest again.
func (c *component) compact() {
	kept := make([]*property, 0, 8)
	for _, p := range c.Props {
		if headProps[p.Name] {
			kept = append(kept, p)
		}
	}
	c.Props, c.Children, c.byName, c.head = kept, nil, nil, true
}

// fill reads a compacted c again from text, whole: its properties and the
// components in it, nested as the tree nested them (with no warning, so
// none is lost here; its ATTENDEE lines all kept or all left out, as
// noAttendees says).
func (c *component) fill(text []byte) {
	n := (&reader{}).nesting()
	if c.noAttendees {
		n.allAttendees = maxAttendeeLines + 1
	}
	lines, at := unfold(text[c.from:c.to])
	for i := range at {
		at[i] += c.Line - 1
	}
	n.lines(unfolded{lines: lines, at: at}, nil)
	read := n.top.Children[0]
	c.Props, c.Children, c.byName, c.head = read.Props, read.Children, nil, false
}

// filler fills and prepares the components of the ordered pass ahead of
// it, a chunk at a time, in its order, on every core: the components of
// the whole calendar are never full at once.
type filler struct {
	text    []byte
	cs      []*component
	results []chan bool // a chunk's; false when a worker panicked
	ahead   chan struct{}
	stop    chan struct{}
	wg      sync.WaitGroup
	ready   int // the components of the chunks received
}

// fillPerChunk is how many components a worker fills at a time.
const fillPerChunk = 256

// fillAhead starts the filling of cs, the components the ordered pass
// reads, in the order it reads them.
func fillAhead(text []byte, cs []*component) *filler {
	chunks := (len(cs) + fillPerChunk - 1) / fillPerChunk
	workers := max(runtime.GOMAXPROCS(0), 1)
	f := &filler{text: text, cs: cs, results: make([]chan bool, chunks), ahead: make(chan struct{}, 2*workers), stop: make(chan struct{})}
	next := make(chan int, chunks)
	for k := range chunks {
		f.results[k] = make(chan bool, 1)
		next <- k
	}
	close(next)
	for range workers {
		f.wg.Add(1)
		go func() {
			defer f.wg.Done()
			for {
				select {
				case f.ahead <- struct{}{}:
				case <-f.stop:
					return
				}
				k, more := <-next
				if !more {
					return
				}
				f.results[k] <- f.fillChunk(f.chunk(k))
			}
		}()
	}
	return f
}

func (f *filler) chunk(k int) []*component {
	return f.cs[k*fillPerChunk : min((k+1)*fillPerChunk, len(f.cs))]
}

// fillChunk fills and prepares part; false when it panicked.
func (f *filler) fillChunk(part []*component) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	for _, c := range part {
		if c.head {
			c.fill(f.text)
		}
		c.prepare()
	}
	return true
}

// wait returns once the first n components are filled. A chunk whose
// worker panicked is filled here, where the panic is met again and Load
// reports it. A nil filler has nothing to fill.
func (f *filler) wait(n int) {
	for f != nil && f.ready < n {
		k := f.ready / fillPerChunk
		ok := <-f.results[k]
		<-f.ahead
		if !ok {
			for _, c := range f.chunk(k) {
				if c.head {
					c.fill(f.text)
				}
			}
		}
		f.ready += len(f.chunk(k))
	}
}

// close stops the workers and waits for them.
func (f *filler) close() {
	if f != nil {
		close(f.stop)
		f.wg.Wait()
	}
}
