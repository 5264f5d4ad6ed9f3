package tui

import (
	"errors"
	"path/filepath"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/fsnotify/fsnotify"
	"github.com/visitline/visitline/itinerary"
)

// debounce is how long the file must stay quiet before it is reloaded:
// editors save in bursts (write, rename, chmod).
const debounce = 150 * time.Millisecond

// fileChangedMsg says the watched file changed and has settled.
type fileChangedMsg struct{}

// reloadedMsg carries the result of loading the file again.
type reloadedMsg struct {
	it  *itinerary.Itinerary
	err error
}

// watch watches the directory of path (so that editors' write-to-a-temp-
// file-and-rename saves are seen) and signals on the returned channel when
// path itself changed and then stayed quiet for the debounce time. stop
// ends the watch.
func watch(path string) (changes <-chan struct{}, stop func(), err error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, nil, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		w.Close()
		return nil, nil, err
	}
	if err := w.Add(filepath.Dir(abs)); err != nil {
		w.Close()
		return nil, nil, err
	}
	ch := make(chan struct{}, 1)
	base := filepath.Base(abs)
	go func() {
		var quiet *time.Timer
		signal := func() {
			select {
			case ch <- struct{}{}:
			default: // a signal is already waiting
			}
		}
		for {
			select {
			case ev, ok := <-w.Events:
				if !ok {
					return
				}
				if filepath.Base(ev.Name) != base {
					continue
				}
				if quiet == nil {
					quiet = time.AfterFunc(debounce, signal)
				} else {
					quiet.Reset(debounce)
				}
			case _, ok := <-w.Errors:
				if !ok {
					return
				}
			}
		}
	}()
	return ch, func() { w.Close() }, nil
}

// waitForChange waits for the next signal of the watcher.
func waitForChange(changes <-chan struct{}) tea.Cmd {
	return func() tea.Msg {
		if _, ok := <-changes; !ok {
			return nil
		}
		return fileChangedMsg{}
	}
}

// loadFile loads path again, off the UI loop.
func loadFile(path string) tea.Cmd {
	return func() tea.Msg {
		it, err := itinerary.LoadFile(path)
		return reloadedMsg{it: it, err: err}
	}
}

// reloaded applies a reload: a good file replaces the itinerary, keeping the
// selected event (by id, else by title and time), the filters, the zone and
// the scroll; a bad one keeps the last good itinerary and shows why.
func (m *Model) reloaded(msg reloadedMsg) {
	if msg.err != nil {
		var le *itinerary.LoadError
		if errors.As(msg.err, &le) {
			m.reloadErrors = le.Lines()
		} else {
			m.reloadErrors = []string{m.cfg.Watch + ": " + msg.err.Error()}
		}
		return
	}
	old := m.it
	selKey := ""
	if i := m.tl.selected(); i >= 0 {
		selKey = old.Events[i].Key()
	}
	offset := m.tl.offset
	cardPerson := ""
	if m.focus == focusCard && m.card.person >= 0 {
		cardPerson = old.People[m.card.person].ID
	}

	it := msg.it
	m.it = it
	m.recent.results = nil // results of the old itinerary
	m.reloadErrors = nil
	m.orgStyle = m.st.orgStyles(it)
	var people []int
	for _, p := range m.filter.People {
		if q := it.PersonIndex(old.People[p].ID); q >= 0 {
			people = append(people, q)
		}
	}
	m.filter.People = people
	m.filter.Query = it.ParseQuery(m.filter.Query.Text)
	want := -1
	for i := range it.Events {
		if it.Events[i].Key() == selKey {
			want = i
			break
		}
	}
	m.visible = it.Select(m.filter)
	m.det.event = -2 // force a fresh detail pane
	m.tl.offset = offset
	m.tl.setRows(buildRows(it, m.visible, m.zone, rowOptions{now: m.clock(), gaps: m.gaps}), want, it)
	m.tl.offset = offset
	m.tl.clampOffset()
	m.tl.ensureVisible()
	m.focus = focusTimeline
	m.det.part = -1
	if p := it.PersonIndex(cardPerson); cardPerson != "" && p >= 0 {
		m.focus = focusCard
		m.card.open(m.ctx(), p, m.tl.selected())
	}
	if m.mode == modePicker {
		// The matches hold the old itinerary's people.
		m.picker.refresh(it)
	}
	m.showSelected()
	m.status = "reloaded " + m.cfg.Watch
}
