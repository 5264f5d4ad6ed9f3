package cli

import (
	"fmt"
	"io"
	"os"
	"sync/atomic"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/visitline/visitline/internal/source"
)

// progressDelay is how long a load runs before its progress is shown.
const progressDelay = 500 * time.Millisecond

// progressLine shows on a terminal's stderr how far a slow load has got:
// "visitline: reading big.yaml… 42000 of 100000 events". It says nothing
// for loads shorter than progressDelay and clears its line when done.
type progressLine struct {
	w           io.Writer
	done, total atomic.Int64
}

// progressTo returns a progress line on stderr when it is a terminal, else
// nil.
func progressTo(stderr io.Writer) source.Progress {
	f, ok := stderr.(*os.File)
	if !ok || !isatty.IsTerminal(f.Fd()) {
		return nil // no typed nil in the interface
	}
	return &progressLine{w: stderr}
}

func (p *progressLine) Update(done, total int) {
	p.done.Store(int64(done))
	p.total.Store(int64(total))
}

// Start begins showing progress for file (a name already quoted for the
// terminal) after the delay; the returned
// function stops it and clears the line, and must be called.
func (p *progressLine) Start(file string) (stop func()) {
	finished := make(chan struct{})
	exited := make(chan struct{})
	go func() {
		defer close(exited)
		select {
		case <-finished:
			return
		case <-time.After(progressDelay):
		}
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			msg := fmt.Sprintf("visitline: reading %s…", file)
			if total := p.total.Load(); total > 0 {
				msg += fmt.Sprintf(" %d of %d events", p.done.Load(), total)
			}
			fmt.Fprintf(p.w, "\r\x1b[K%s", msg)
			select {
			case <-finished:
				fmt.Fprint(p.w, "\r\x1b[K")
				return
			case <-tick.C:
			}
		}
	}()
	return func() {
		close(finished)
		<-exited
	}
}
