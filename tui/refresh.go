package tui

import (
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/visitline/visitline/agenda"
	"github.com/visitline/visitline/itinerary"
)

// A subscribed calendar (a URL) is refreshed every Config.Refresh and on
// key r; the view keeps showing the last good copy when a fetch fails, and
// says in its header that it is offline and as of when (Config.Status).
// Key r reloads a file too.

// refreshMsg says that it is time for the periodic refresh.
type refreshMsg struct{}

// refreshNowMsg asks for a refresh at once: the view opened on a cached
// copy (Config.RefreshAtStart).
type refreshNowMsg struct{}

// freshness is what the source said of its copy after the last load.
type freshness struct {
	offline bool
	asOf    time.Time
	why     error
}

// refreshTick waits for the next periodic refresh; nil when there is none.
func (m Model) refreshTick() tea.Cmd {
	if m.cfg.Refresh <= 0 || m.cfg.Load == nil {
		return nil
	}
	return tea.Tick(m.cfg.Refresh, func(time.Time) tea.Msg { return refreshMsg{} })
}

// refresh loads the source again now.
func (m *Model) refresh() tea.Cmd {
	if m.cfg.Load == nil {
		return nil
	}
	return m.reload.changed(m.sourceName(), m.cfg.Load, true)
}

// loadChanged is the load after a local change: LoadChanged, else Load.
func (c Config) loadChanged() func() (*itinerary.Itinerary, error) {
	if c.LoadChanged != nil {
		return c.LoadChanged
	}
	return c.Load
}

// sourceName is the name the view's reloads give the source in messages:
// the watched file, else the source's name (a URL).
func (m Model) sourceName() string {
	if m.cfg.Watch != "" {
		return m.cfg.Watch
	}
	return m.cfg.Name
}

// takeStatus asks the source how fresh its copy is, after a load.
func (m *Model) takeStatus() {
	if m.cfg.Status == nil {
		return
	}
	f := &m.fresh
	f.offline, f.asOf, f.why = m.cfg.Status()
}

// offlineMark is the header's "offline · as of 14:05", or "".
func (m Model) offlineMark() string {
	if !m.fresh.offline {
		return ""
	}
	return m.st.Warning.Render(agenda.Offline(m.fresh.asOf, m.clockZone(), m.clock()))
}

// refreshed says in the footer what a load that kept the itinerary found:
// why the source is offline, or that nothing changed.
func (m *Model) refreshed() {
	if why := m.refreshFailed(); why != "" {
		m.status = why
		return
	}
	m.status = itinerary.QuoteName(m.sourceName()) + " unchanged"
}

// refreshFailed says why the source's copy is the last good one, when its
// last fetch failed, else "".
func (m *Model) refreshFailed() string {
	if !m.fresh.offline || m.fresh.why == nil {
		return ""
	}
	return "cannot refresh: " + firstLine(m.fresh.why) + "; showing the last good copy"
}

func firstLine(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return itinerary.CleanLine(s)
}
