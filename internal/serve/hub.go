package serve

import (
	"sync"

	"github.com/visitline/visitline/itinerary"
)

// hub is the one live itinerary every session shows: the last good one and
// the error of the last load, if it failed. Sessions subscribe; a change
// pokes each subscriber without waiting for any.
type hub struct {
	mu   sync.Mutex
	it   *itinerary.Itinerary
	err  error
	subs map[*subscriber]struct{}
}

// subscriber is one session's mailbox: one pending poke at most, so a slow
// session only ever misses intermediate versions, never piles them up.
type subscriber struct{ notify chan struct{} }

func (s *subscriber) poke() {
	select {
	case s.notify <- struct{}{}:
	default: // a poke is waiting already; it will read the newest
	}
}

func newHub(it *itinerary.Itinerary) *hub {
	return &hub{it: it, subs: map[*subscriber]struct{}{}}
}

// current is the itinerary to show and why the last load failed.
func (h *hub) current() (*itinerary.Itinerary, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.it, h.err
}

func (h *hub) subscribe() *subscriber {
	s := &subscriber{notify: make(chan struct{}, 1)}
	h.mu.Lock()
	h.subs[s] = struct{}{}
	h.mu.Unlock()
	return s
}

func (h *hub) unsubscribe(s *subscriber) {
	h.mu.Lock()
	delete(h.subs, s)
	h.mu.Unlock()
}

// publish replaces the itinerary (when it is not nil) and the error, and
// pokes every session.
func (h *hub) publish(it *itinerary.Itinerary, err error) {
	h.mu.Lock()
	if err == nil {
		h.it = it
	}
	h.err = err
	for s := range h.subs {
		s.poke()
	}
	h.mu.Unlock()
}

// follow loads the itinerary again after each change until changes
// closes: one load at a time, for every session.
func (h *hub) follow(changes <-chan struct{}, load func() (*itinerary.Itinerary, error)) {
	for range changes {
		it, err := load()
		if it != nil {
			it.WarmSearch() // before the sessions search it
		}
		h.publish(it, err)
	}
}
