package cli

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestProgressLine: a quick load prints nothing; a slow one shows how far
// it got, then clears its line.
func TestProgressLine(t *testing.T) {
	var quick bytes.Buffer
	p := &progressLine{w: &quick}
	p.Start("a.yaml")()
	if quick.Len() != 0 {
		t.Errorf("quick load printed %q", quick.String())
	}
	var slow syncBuffer
	p = &progressLine{w: &slow}
	stop := p.Start("big.yaml")
	p.Update(3000, 10000)
	time.Sleep(progressDelay + 250*time.Millisecond)
	stop()
	out := slow.String()
	if !strings.Contains(out, "visitline: reading big.yaml… 3000 of 10000 events") || !strings.HasSuffix(out, "\r\x1b[K") {
		t.Errorf("slow load printed %q", out)
	}
}

// syncBuffer is a bytes.Buffer safe for the progress goroutine.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
