package tui

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/fsnotify/fsnotify"
	"github.com/visitline/visitline/agenda"
	"github.com/visitline/visitline/itinerary"
)

// debounce is how long the file must stay quiet before it is reloaded:
// editors save in bursts (write, rename, chmod).
const debounce = 150 * time.Millisecond

// pollInterval is how often the watcher checks, besides its events, that it
// still watches the right directory and that the file has not changed
// unseen: a directory moved or swapped further up the path sends no event to
// the watch below it. Every 5 s, not every second: each check is two
// stats, and on a virtual machine the wake-up and its system calls were
// most of an idle view's CPU (tests check every second).
var pollInterval = 5 * time.Second

// fileChangedMsg says the watched file changed and has settled.
type fileChangedMsg struct{}

// reloadedMsg carries the result of loading the file again for save number
// gen.
type reloadedMsg struct {
	gen     int
	it      *itinerary.Itinerary
	err     error
	missing bool // the file (or a directory on its path) does not exist
}

// slowReload is how long a reload runs before the footer says it is
// reloading: a big file takes seconds.
const slowReload = 300 * time.Millisecond

// slowReloadMsg says the load of generation gen has run for slowReload.
type slowReloadMsg struct{ gen int }

// reloadState orders reloads: every settled change of the file, and every
// return from the editor, is a new generation; at most one load for the
// watch runs at a time, and only the load of the newest generation may
// replace what the view shows.
type reloadState struct {
	gen     int    // the newest change seen
	loading int    // the generation the watch's load is reading; 0 for none
	landed  int    // the generation shown (its itinerary or its errors)
	path    string // the file the loads read
	load    func() (*itinerary.Itinerary, error)
	fetch   bool // the waiting generation's load fetches the URLs again
	slow    bool // the load has run long enough to say so
	percent int  // how far the slow load has got, -1 while not known
	missing bool // the last load found no file
}

// changed notes a new generation of path, which load reads, and returns
// the load to start, if none is running: one that is finishes first and
// then loads the newest. fetch says that load fetches the subscribed URLs
// again (a refresh); a local change that comes while such a load waits
// keeps it, so that the fetch is not lost.
func (r *reloadState) changed(path string, load func() (*itinerary.Itinerary, error), fetch bool) tea.Cmd {
	r.gen++
	if fetch || !r.fetch {
		r.path, r.load = path, load
	}
	r.fetch = r.fetch || fetch
	if r.loading != 0 {
		return nil
	}
	return r.start()
}

func (r *reloadState) start() tea.Cmd {
	r.loading, r.slow, r.fetch = r.gen, false, false
	gen := r.gen
	return tea.Batch(loadFile(r.load, gen), tea.Tick(slowReload, func(time.Time) tea.Msg { return slowReloadMsg{gen} }))
}

// finished takes a load's result: fresh reports whether it is the newest
// generation's and may be shown; when it is not, next loads the newest
// unless that is loading or shown already.
func (r *reloadState) finished(msg reloadedMsg) (fresh bool, next tea.Cmd) {
	if msg.gen == r.loading {
		r.loading, r.slow = 0, false
	}
	if msg.gen != r.gen {
		if r.loading == 0 && r.landed != r.gen {
			return false, r.start()
		}
		return false, nil
	}
	r.landed = msg.gen
	return true, nil
}

// slowed notes that the load of generation gen is still running.
func (r *reloadState) slowed(gen int) {
	if gen == r.loading {
		r.slow, r.percent = true, -1
	}
}

// reloadTickMsg asks for the progress of generation gen's slow load.
type reloadTickMsg struct{ gen int }

// reloadProgress reads how far the slow load of generation gen has got,
// from the progress the loader reports to, and asks to read it again in
// progressEvery while it runs; nothing when the loader reports nothing.
func (m *Model) reloadProgress(gen int) tea.Cmd {
	if m.cfg.Progress == nil || !m.reload.slow || gen != m.reload.loading {
		return nil
	}
	m.reload.percent = m.cfg.Progress.snapshot().percent()
	return tea.Tick(progressEvery, func(time.Time) tea.Msg { return reloadTickMsg{gen} })
}

// fileWatcher follows one file through saves, deletes, and its directory
// being removed, recreated, moved or swapped. It watches the file's
// directory (so that editors' write-to-a-temporary-file-and-rename saves are
// seen) or, while that is missing, the nearest existing directory above it,
// and polls as a fallback.
type fileWatcher struct {
	path    string // absolute
	fs      *fsnotify.Watcher
	watched string      // the directory under watch; "" for none
	dirInfo fs.FileInfo // the watched directory when it was added
	// addFailed: the directory could not be watched; the poll stands in
	addFailed bool
	last      fs.FileInfo // the file when the last change was signalled; nil if missing
}

// watch starts watching path and signals on the returned channel when path
// changed and then stayed quiet for the debounce time. stop ends the watch,
// waits for its goroutine and closes the channel.
func watch(path string) (changes <-chan struct{}, stop func(), err error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, nil, err
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, nil, err
	}
	w := &fileWatcher{path: abs, fs: fsw}
	w.rewatch()
	w.last, _ = os.Stat(abs)
	ch := make(chan struct{}, 1)
	done, exited := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(exited)
		w.run(ch, done)
	}()
	return ch, func() {
		close(done)
		<-exited
		fsw.Close()
		close(ch)
	}, nil
}

func (w *fileWatcher) run(ch chan<- struct{}, done <-chan struct{}) {
	quiet := time.NewTimer(time.Hour)
	quiet.Stop()
	defer quiet.Stop()
	poll := time.NewTicker(pollInterval)
	defer poll.Stop()
	settle := func() { quiet.Reset(debounce) }
	for {
		select {
		case <-done:
			return
		case ev, ok := <-w.fs.Events:
			if !ok {
				return
			}
			if w.concerns(ev.Name) {
				w.rewatch()
				settle()
			}
		case _, ok := <-w.fs.Errors:
			if !ok {
				return
			}
			// An overflowed queue may have lost the event that mattered.
			w.rewatch()
			settle()
		case <-poll.C:
			if w.rewatch() || w.changedUnseen() {
				settle()
			}
		case <-quiet.C:
			w.last, _ = os.Stat(w.path)
			select {
			case ch <- struct{}{}:
			default: // a signal is already waiting
			}
		}
	}
}

// concerns reports whether an event on name can change what path reads:
// the file itself, or a directory on the way to it (the watched directory
// itself when it is removed or moved, or the next missing one appearing).
func (w *fileWatcher) concerns(name string) bool {
	return name == w.path || strings.HasPrefix(w.path, name+string(filepath.Separator))
}

// changedUnseen reports whether the file differs from when the last change
// was signalled: the fallback for changes no event reported.
func (w *fileWatcher) changedUnseen() bool {
	now, _ := os.Stat(w.path)
	if now == nil || w.last == nil {
		return (now == nil) != (w.last == nil)
	}
	return !os.SameFile(now, w.last) || now.Size() != w.last.Size() || !now.ModTime().Equal(w.last.ModTime())
}

// rewatch moves the watch to the file's directory, or to its nearest
// existing ancestor while it is missing, when that is not what is watched
// (a directory swapped under the same name counts as another). It reports
// whether the watch moved.
func (w *fileWatcher) rewatch() bool {
	dir := filepath.Dir(w.path)
	info, err := os.Stat(dir)
	for err != nil && filepath.Dir(dir) != dir {
		dir = filepath.Dir(dir)
		info, err = os.Stat(dir)
	}
	if err != nil {
		info, dir = nil, ""
	}
	// The same directory, unless it was swapped under its name, or removed
	// and made again (which can reuse the inode, but drops the watch).
	live := w.addFailed || slices.Contains(w.fs.WatchList(), dir)
	if dir == w.watched && (dir == "" || live && os.SameFile(info, w.dirInfo)) {
		return false
	}
	if w.watched != "" {
		w.fs.Remove(w.watched) // gone already when the directory was removed or moved
	}
	// A directory that cannot be watched (permissions, the inotify limit)
	// still counts as the one watched, so that it is not retried every poll;
	// the poll then notices the file's changes alone.
	w.watched, w.dirInfo, w.addFailed = dir, info, false
	if dir != "" {
		w.addFailed = w.fs.Add(dir) != nil
	}
	return true
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

// loadFile loads the source again with load for change gen, off the UI
// loop.
func loadFile(load func() (*itinerary.Itinerary, error), gen int) tea.Cmd {
	return func() tea.Msg {
		if load == nil {
			return reloadedMsg{gen: gen, err: errors.New("cannot be read again")}
		}
		it, err := load()
		return reloadedMsg{gen: gen, it: it, err: err, missing: isMissing(err)}
	}
}

// isMissing reports whether err says the file, or a directory on its path,
// does not exist.
func isMissing(err error) bool {
	return errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR)
}

// reloadNotice is what the panel says, until it changes, about the file:
// that a slow reload is running, or that the file is missing.
func (m Model) reloadNotice() string {
	name := itinerary.QuoteName(m.reload.path)
	switch {
	case m.reload.slow && m.reload.percent >= 0:
		return m.st.Faint.Render(fmt.Sprintf("⟳ reloading %s · %d %%", name, m.reload.percent))
	case m.reload.slow:
		return m.st.Faint.Render("⟳ reloading " + name + "…")
	case m.reload.missing:
		return m.st.Warning.Render("⚠ " + name + " is missing; showing the last version until it is back")
	}
	return ""
}

// reloaded applies a reload: a good file replaces the itinerary, keeping the
// selected event (by id, else by title and time), the filters, the zone and
// the scroll; a bad one keeps the last good itinerary and shows why; a
// missing one keeps it too and says so in the panel until the file is back.
func (m *Model) reloaded(msg reloadedMsg) {
	m.reload.missing = msg.missing
	if msg.err != nil {
		m.status = "" // an earlier "reloaded" is not true of the file now
	}
	if msg.missing {
		m.reloadErrors = nil
		return
	}
	if msg.err != nil {
		var le *itinerary.LoadError
		if errors.As(msg.err, &le) {
			m.reloadErrors = le.Lines()
		} else {
			m.reloadErrors = []string{itinerary.QuoteName(m.sourceName()) + ": " + itinerary.CleanLine(msg.err.Error())}
		}
		return
	}
	if msg.it == m.it && m.cfg.Status != nil {
		// A subscribed URL not modified, or offline: the same copy.
		m.reloadErrors = nil
		m.refreshed()
		return
	}
	msg.it.SetFloating(m.cfg.Floating)
	old := m.it
	selKey := ""
	var selStart time.Time
	if i := m.tl.wanted(); i >= 0 {
		selKey, selStart = old.Events[i].Key(), old.Events[i].Start
	}
	offset := m.tl.offset
	cardPerson := ""
	if m.focus == focusCard && m.card.person >= 0 {
		cardPerson = old.People[m.card.person].ID
	}

	it := msg.it
	m.it = it
	m.recent.results = nil // results of the old itinerary
	m.search.from = -1     // an event of the old itinerary
	m.reloadErrors = nil
	if m.cfg.Failures != nil {
		m.failed = m.cfg.Failures()
	}
	m.orgStyle = m.st.orgStyles(it)
	m.calStyle = m.st.calendarStyles(it)
	m.filter.Calendars = keepCalendars(old, it, m.filter.Calendars)
	m.words = wordsOf(it)
	m.native = m.native && m.words.native != ""
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
	m.det.event = -2 // force a fresh detail pane
	m.tl.offset = offset
	rows := agenda.New(it, agenda.Options{Filter: m.filter, Zone: m.zone, Now: m.clock(), FreeTime: m.gaps})
	m.visible = rows.Shown()
	m.tl.setRows(rows, want)
	if want < 0 && selKey != "" {
		// The selected event is gone: the nearest in time takes its place.
		if p := rows.Nearest(selStart); p >= 0 {
			m.tl.selectEvent(rows.EventAt(p))
		}
	}
	m.tl.offset = offset
	m.tl.clampOffset()
	m.tl.ensureVisible()
	if m.view == viewLanes {
		m.ln.build(m.tl.rows)
	}
	m.setFocus(focusTimeline)
	if p := it.PersonIndex(cardPerson); cardPerson != "" && p >= 0 {
		m.setFocus(focusCard)
		m.card.open(m.ctx(), p, m.tl.selected())
	}
	if m.mode == modePicker {
		// The matches hold the old itinerary's people.
		m.picker.refresh(it)
	}
	m.showSelected()
	m.status = "reloaded " + itinerary.QuoteName(m.sourceName())
	if why := m.refreshFailed(); why != "" {
		m.status = why // among several sources, the URL that failed says so
	}
}
