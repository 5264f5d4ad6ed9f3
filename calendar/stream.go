package calendar

import (
	"fmt"
	"runtime"
	"sync"

	"github.com/visitline/visitline/itinerary"
	"gopkg.in/yaml.v3"
)

// built is a calendar read: the node tree of the itinerary (without its
// events, unless the reference path asked for them) and the occurrences
// kept, whose nodes events makes.
type built struct {
	root *yaml.Node
	occs []occ
	b    *builder
	// failed is the panic of a worker, reported as an error.
	mu     sync.Mutex
	failed any
}

// occsPerChunk is how many occurrences one worker replays at a time.
const occsPerChunk = 256

// events yields the nodes of the occurrences in order, made in chunks on
// every core (replay only reads the builder) while the loader walks the
// chunks before. Each occurrence is dropped once its nodes are made, so
// that a calendar's components go as its events are loaded; at most a
// few chunks' nodes are alive at once. The workers are stopped and waited
// for on every return. It can be walked once.
func (c *built) events() func(yield func(*yaml.Node) bool) {
	return func(yield func(*yaml.Node) bool) {
		occs := c.occs
		c.occs = nil
		if len(occs) <= occsPerChunk {
			var rp replaying
			for i := range occs {
				n := c.b.replay(occs[i], &rp)
				occs[i] = occ{}
				if !yield(n) {
					return
				}
			}
			return
		}
		chunks := (len(occs) + occsPerChunk - 1) / occsPerChunk
		results := make([]chan []*yaml.Node, chunks)
		for k := range results {
			results[k] = make(chan []*yaml.Node, 1)
		}
		next := make(chan int, chunks)
		for k := range chunks {
			next <- k
		}
		close(next)
		workers := max(runtime.GOMAXPROCS(0), 1)
		ahead := make(chan struct{}, workers+1) // bounds the chunks made but not yet walked
		stop := make(chan struct{})
		var wg sync.WaitGroup
		defer func() {
			close(stop)
			wg.Wait()
		}()
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					// A place before a chunk, as in itinerary's chunked
					// loader: the chunk the walk waits for always has one.
					select {
					case ahead <- struct{}{}:
					case <-stop:
						return
					}
					k, more := <-next
					if !more {
						return
					}
					results[k] <- c.replayChunk(occs[k*occsPerChunk : min((k+1)*occsPerChunk, len(occs))])
				}
			}()
		}
		for k := range chunks {
			nodes := <-results[k]
			<-ahead
			if nodes == nil {
				return // a worker failed: reported by problems
			}
			for _, n := range nodes {
				if !yield(n) {
					return
				}
			}
		}
	}
}

// replayChunk makes the nodes of part, clearing it; nil when replay
// panicked (the panic is kept for problems).
func (c *built) replayChunk(part []occ) (nodes []*yaml.Node) {
	defer func() {
		if v := recover(); v != nil {
			c.mu.Lock()
			if c.failed == nil {
				c.failed = v
			}
			c.mu.Unlock()
			nodes = nil
		}
	}()
	nodes = make([]*yaml.Node, len(part))
	var rp replaying
	for i := range part {
		nodes[i] = c.b.replay(part[i], &rp)
		part[i] = occ{}
	}
	return nodes
}

// problems are the reader's problems, once the events are walked, with
// the failure of a worker as an error.
func (c *built) problems() []itinerary.Problem {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.failed != nil {
		return append(c.b.r.problems, itinerary.Problem{Message: fmt.Sprintf("cannot read this calendar (internal error: %v); please report it", c.failed)})
	}
	return c.b.r.problems
}
