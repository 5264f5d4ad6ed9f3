package tea

import (
	"testing"
	"time"
)

// visitline: tests of the patch (see README.md): the renderer's ticker
// stops when a flush finds nothing to write and restarts when write brings
// a different frame. The ticks are driven by calling flush, as listen does
// on each tick; the ticker itself is made with an interval that never
// fires during the test, so nothing here depends on time.

// countingWriter counts the writes that reach the terminal.
type countingWriter struct{ writes int }

func (w *countingWriter) Write(p []byte) (int, error) {
	w.writes++
	return len(p), nil
}

func newIdleTestRenderer(t *testing.T) (*standardRenderer, *countingWriter) {
	t.Helper()
	out := &countingWriter{}
	r := newRenderer(out, false, 120).(*standardRenderer)
	r.ticker = time.NewTicker(time.Hour)
	t.Cleanup(r.ticker.Stop)
	return r, out
}

// tickForTest is one tick of the listen loop; it reports whether the renderer is
// still ticking afterwards.
func (r *standardRenderer) tickForTest() (ticking bool) {
	r.flush()
	r.mtx.Lock()
	defer r.mtx.Unlock()
	return !r.sleeping
}

func TestVisitlineIdleRendererSleeps(t *testing.T) {
	r, out := newIdleTestRenderer(t)
	r.write("header\nrow 1\nrow 2")
	if !r.tickForTest() {
		t.Fatal("the tick that drew a frame stopped the ticker")
	}
	if out.writes != 1 {
		t.Fatalf("%d writes for the first frame, want 1", out.writes)
	}
	if r.tickForTest() {
		t.Fatal("the ticker still runs after a tick with nothing to draw")
	}
	// The event loop writes the view after every message, changed or not.
	for range 100 {
		r.write("header\nrow 1\nrow 2")
		if !r.sleeping {
			t.Fatal("an unchanged view woke the ticker")
		}
		r.flush() // a stray tick (one already queued when the ticker stopped)
	}
	if out.writes != 1 {
		t.Fatalf("%d writes after unchanged views, want 1", out.writes)
	}
}

func TestVisitlineIdleRendererWakes(t *testing.T) {
	r, out := newIdleTestRenderer(t)
	r.write("a\nb")
	r.tickForTest()
	r.tickForTest()
	if !r.sleeping {
		t.Fatal("not sleeping after a tick with nothing to draw")
	}

	// A held key: several changed views between two ticks are one frame.
	r.write("a\nc")
	if r.sleeping {
		t.Fatal("a changed view did not wake the ticker")
	}
	r.write("a\nd")
	r.write("a\ne")
	if !r.tickForTest() {
		t.Fatal("the tick that drew the held key's frame stopped the ticker")
	}
	if out.writes != 2 {
		t.Fatalf("%d writes, want 2 (the first frame and one for the three changes)", out.writes)
	}
	if r.tickForTest() {
		t.Fatal("the ticker still runs after the held key's frame")
	}

	// A resize repaints the same view: it must be drawn again.
	r.handleMessages(WindowSizeMsg{Width: 80, Height: 24})
	r.write("a\ne")
	if r.sleeping {
		t.Fatal("the view after a resize did not wake the ticker")
	}
	r.tickForTest()
	if out.writes != 3 {
		t.Fatalf("%d writes, want 3 (the resize's repaint)", out.writes)
	}

	// A restarted renderer (after the editor's hand-over) ticks again
	// until a flush finds nothing; listen runs, on an interval that does
	// not come, until stop.
	r.tickForTest()
	if !r.sleeping {
		t.Fatal("not sleeping after the resize's frame")
	}
	r.framerate = time.Hour
	r.start()
	r.mtx.Lock()
	restarted := !r.sleeping
	r.mtx.Unlock()
	r.stop()
	if !restarted {
		t.Fatal("start left the ticker stopped")
	}
}
