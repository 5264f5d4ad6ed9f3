package serve

import (
	"testing"
	"time"

	"github.com/visitline/visitline/data"
	"github.com/visitline/visitline/itinerary"
)

// TestSessionsShareOneItinerary: several views of one itinerary, in
// process (so that go test -race watches the sessions share it), each get
// a frame for every pushed version and every error.
func TestSessionsShareOneItinerary(t *testing.T) {
	it, err := itinerary.Load(data.DefaultName, data.Default)
	if err != nil {
		t.Fatal(err)
	}
	addr, signer, h := benchServer(t, it)
	vs := openViewers(t, addr, signer, 6)
	quiet(vs)
	bad := &itinerary.LoadError{File: "visit.yaml", Problems: []itinerary.Problem{{Line: 1, Message: "bad"}}}
	for range 3 {
		for _, push := range []error{bad, nil} {
			done := make(chan struct{})
			go func() {
				frame(vs, func() { h.publish(it, push) })
				close(done)
			}()
			select {
			case <-done:
			case <-time.After(20 * time.Second):
				t.Fatal("a session got no frame for a pushed version")
			}
		}
	}
}
