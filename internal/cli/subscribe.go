package cli

import (
	"fmt"
	"time"

	"github.com/visitline/visitline/internal/source"
	"github.com/visitline/visitline/itinerary"
	"github.com/visitline/visitline/tui"
)

// A subscribed calendar (a URL SOURCE) that cannot be fetched: the view
// opens on its last good copy, marked offline; --print, --format, --check
// and --next refuse to print a copy that may be stale and exit 1, saying
// that a copy is cached.

// viewing says that the command opens the interactive view.
func (c Command) viewing(o options) bool {
	return c.Terminal && !o.print && !o.check && !o.next
}

// fetchFailed reports a URL of src whose fetch failed, and whether there
// was one.
func (c Command) fetchFailed(src source.Source) bool {
	st := src.Status()
	if st.Err == nil {
		return false
	}
	c.loadFailed(src.Name, st.Err)
	if st.Offline {
		fmt.Fprintf(c.Stderr, "visitline: a copy fetched %s is cached; the interactive view shows it, marked offline\n",
			st.AsOf.Local().Format("2006-01-02 15:04 MST"))
	}
	return true
}

// subscribe gives the view of a source with URLs its refresh, its status
// and, for a URL alone, the URL e names as read-only.
func subscribe(cfg *tui.Config, src source.Source, every time.Duration) {
	if !src.Remote() {
		return
	}
	cfg.Refresh = every
	cfg.RefreshAtStart = src.Status().Unchecked
	cfg.Status = func() (bool, time.Time, error) {
		st := src.Status()
		return st.Offline, st.AsOf, st.Err
	}
	if src.Kind == source.URL {
		cfg.URL = itinerary.CleanLine(src.Name)
	}
}
