package serve

import (
	"io"
	"net"
	"strings"
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
	// The client answers nothing: a query of its terminal would stall the
	// start (wish's MakeRenderer asks for the background, OSC 11).
	for _, v := range vs {
		if head := v.start(); !strings.Contains(head, "Sam Altman in Korea") || strings.Contains(head, "\x1b]11;?") ||
			strings.Contains(head, "\x1b]10;?") || strings.Contains(head, "\x1b[c") || strings.Contains(head, "\x1b[6n") {
			t.Fatalf("the first frame, or a query of the terminal: %q", head[:min(len(head), 200)])
		}
		if !strings.Contains(v.start(), "\x1b[38;5;") {
			t.Errorf("no 256 colours for TERM=xterm-256color: %q", v.start()[:200])
		}
	}
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

// TestHandshakeDeadline: a connection that never authenticates is closed
// at the handshake's deadline; an authenticated session outlives it.
func TestHandshakeDeadline(t *testing.T) {
	it, err := itinerary.Load(data.DefaultName, data.Default)
	if err != nil {
		t.Fatal(err)
	}
	addr, signer, _ := benchServerWith(t, it, func(c *Config) { c.Handshake = 300 * time.Millisecond })
	silent, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	vs := openViewers(t, addr, signer, 1)
	silent.SetReadDeadline(time.Now().Add(20 * time.Second))
	if _, err := io.Copy(io.Discard, silent); err != nil {
		t.Fatalf("the silent connection was not closed by the server: %v", err)
	}
	before := vs[0].read.Load()
	time.Sleep(400 * time.Millisecond) // past the handshake deadline
	if _, _, err := vs[0].client.SendRequest("keepalive@openssh.com", true, nil); err != nil {
		t.Errorf("the authenticated session was closed at the handshake deadline: %v (read %d bytes)", err, before)
	}
}
