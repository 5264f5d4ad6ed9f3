package source

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/visitline/visitline/itinerary"
)

// MaxWatches is the most folders the watch of a gathered source follows.
// Past it the watch stops adding folders and says so (Watcher.Warning);
// the folders it follows still reload, the others show their changes with
// the next reload.
const MaxWatches = 4096

// maxWatches is MaxWatches, lowered by the tests.
var maxWatches = MaxWatches

// watchDebounce is how long the files must stay quiet before the watch
// signals: editors and sync tools write in bursts.
const watchDebounce = 150 * time.Millisecond

// watchPoll is how often the watch checks that it still follows its root
// folders (a root removed and made again, moved or swapped sends no event
// to the watch of the old one): every 5 s, as the single file's watch in
// tui (tests check every second).
var watchPoll = 5 * time.Second

// Watcher follows the folders and files of a gathered source: every folder
// under a root folder, recursively (folders made later are added, removed
// ones dropped), and each root file in its folder. C receives a signal when
// a file the loader reads (.ics, .yaml, .yml, a collection's displayname
// or color), or a folder, was added, changed, renamed or removed and
// then stayed quiet for a moment; hidden files, editor backups and partial
// downloads signal nothing.
type Watcher struct {
	C <-chan struct{}

	fs    *fsnotify.Watcher
	roots []string // absolute root folders
	files map[string]bool
	dirs  map[string]dirWatch        // folders under watch, by path
	kids  map[string]map[string]bool // the watched folders in each watched folder
	count atomic.Int64               // len(dirs), for other goroutines
	inos  map[[2]uint64]bool         // their (device, inode): a folder reached twice, or a loop, is watched once
	extra map[string]fs.FileInfo     // the folders of the root files, as when they were watched

	mu      sync.Mutex
	warning string

	done, exited chan struct{}
}

type dirWatch struct {
	info fs.FileInfo
	key  [2]uint64
}

// Watch starts the watch of a gathered source; nil, nil for any other
// source (the view follows a single file itself).
func (s Source) Watch() (*Watcher, error) {
	roots := s.Roots()
	if roots == nil {
		return nil, nil
	}
	return WatchTree(roots)
}

// WatchTree starts a Watcher of the names: folders, followed recursively,
// and files.
func WatchTree(names []string) (*Watcher, error) {
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	ch := make(chan struct{}, 1)
	w := &Watcher{C: ch, fs: fsw, files: map[string]bool{}, dirs: map[string]dirWatch{}, kids: map[string]map[string]bool{},
		inos: map[[2]uint64]bool{}, extra: map[string]fs.FileInfo{}, done: make(chan struct{}), exited: make(chan struct{})}
	for _, n := range names {
		abs, err := filepath.Abs(n)
		if err != nil {
			fsw.Close()
			return nil, err
		}
		if info, err := os.Stat(abs); err == nil && !info.IsDir() {
			w.files[abs] = true
			w.watchFileDir(filepath.Dir(abs))
			continue
		}
		w.roots = append(w.roots, abs)
		w.addTree(abs)
	}
	go func() {
		defer close(w.exited)
		w.run(ch)
	}()
	return w, nil
}

// Stop ends the watch, waits for it and closes C.
func (w *Watcher) Stop() {
	close(w.done)
	<-w.exited
	w.fs.Close()
}

// Warning is why the watch follows fewer folders than there are (the
// MaxWatches limit, the system's limit on watches), or "".
func (w *Watcher) Warning() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.warning
}

// Watched is the number of folders under watch (the tests read it).
func (w *Watcher) Watched() int { return int(w.count.Load()) }

func (w *Watcher) warn(format string, args ...any) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.warning == "" {
		w.warning = fmt.Sprintf(format, args...)
	}
}

func (w *Watcher) watchFileDir(dir string) {
	if _, ok := w.extra[dir]; ok {
		return
	}
	info, _ := os.Stat(dir)
	w.extra[dir] = info
	if _, ok := w.dirs[dir]; !ok {
		if err := w.fs.Add(dir); err != nil {
			w.warn("%s: cannot be watched: %v; its changes show with the next reload", itinerary.QuoteName(dir), err)
		}
	}
}

// addTree watches dir and the folders under it that the loader reads (not
// hidden ones), up to MaxWatches in all.
func (w *Watcher) addTree(dir string) {
	if _, ok := w.dirs[dir]; ok {
		return
	}
	info, err := os.Stat(dir) // follows a link, as the loader does
	if err != nil || !info.IsDir() {
		return
	}
	var key [2]uint64
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		key = [2]uint64{uint64(st.Dev), uint64(st.Ino)}
		if w.inos[key] {
			return
		}
	}
	if len(w.dirs) >= maxWatches {
		w.warn("watching the first %d folders only (the watch limit); changes in the others show with the next reload", maxWatches)
		return
	}
	if _, ok := w.extra[dir]; !ok {
		if err := w.fs.Add(dir); err != nil {
			w.warn("%s: cannot be watched: %v; its changes show with the next reload", itinerary.QuoteName(dir), err)
			return
		}
	}
	w.dirs[dir] = dirWatch{info: info, key: key}
	w.inos[key] = true
	w.count.Store(int64(len(w.dirs)))
	if parent := filepath.Dir(dir); parent != dir {
		if _, ok := w.dirs[parent]; ok {
			if w.kids[parent] == nil {
				w.kids[parent] = map[string]bool{}
			}
			w.kids[parent][dir] = true
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if skipped(e.Name()) || e.Type().IsRegular() {
			continue
		}
		w.addTree(filepath.Join(dir, e.Name()))
	}
}

// drop stops watching dir and the folders under it (removed or moved
// away), in time proportional to their number.
func (w *Watcher) drop(dir string) {
	d, ok := w.dirs[dir]
	if !ok {
		return
	}
	for k := range w.kids[dir] {
		w.drop(k)
	}
	delete(w.kids, dir)
	if _, ok := w.extra[dir]; !ok {
		w.fs.Remove(dir) // gone already when the folder was removed
	}
	delete(w.inos, d.key)
	delete(w.dirs, dir)
	w.count.Store(int64(len(w.dirs)))
	if parent := filepath.Dir(dir); parent != dir {
		delete(w.kids[parent], dir)
	}
}

func (w *Watcher) run(ch chan<- struct{}) {
	defer close(ch)
	quiet := time.NewTimer(time.Hour)
	quiet.Stop()
	defer quiet.Stop()
	poll := time.NewTicker(watchPoll)
	defer poll.Stop()
	settle := func() { quiet.Reset(watchDebounce) }
	for {
		select {
		case <-w.done:
			return
		case ev, ok := <-w.fs.Events:
			if !ok {
				return
			}
			if w.concerns(ev) {
				settle()
			}
		case _, ok := <-w.fs.Errors:
			if !ok {
				return
			}
			// An overflowed queue may have lost folders made or removed.
			w.resync()
			settle()
		case <-poll.C:
			if w.resync() {
				settle()
			}
		case <-quiet.C:
			select {
			case ch <- struct{}{}:
			default: // a signal is already waiting
			}
		}
	}
}

// resync watches each root folder again when it is not the one watched
// (removed, made again, swapped) and reports whether any was.
func (w *Watcher) resync() bool {
	moved := false
	roots := w.roots[:0]
	for _, root := range w.roots {
		info, err := os.Stat(root)
		d, ok := w.dirs[root]
		if ok && err == nil && os.SameFile(info, d.info) {
			roots = append(roots, root)
			continue
		}
		if !ok && err != nil {
			roots = append(roots, root)
			continue // still missing
		}
		w.drop(root)
		if err == nil && !info.IsDir() {
			// A name missing at the start has come as a file: followed as
			// the files named are, from now on by its folder's events.
			w.files[root] = true
			w.watchFileDir(filepath.Dir(root))
		} else {
			w.addTree(root)
			roots = append(roots, root)
		}
		moved = true
	}
	w.roots = roots
	live := map[string]bool{}
	if len(w.extra) > 0 {
		for _, p := range w.fs.WatchList() {
			live[p] = true
		}
	}
	for dir, was := range w.extra {
		if _, ok := w.dirs[dir]; ok {
			continue // a folder of the tree too: followed as one
		}
		info, err := os.Stat(dir)
		if was != nil && err == nil && live[dir] && os.SameFile(info, was) || was == nil && err != nil {
			continue
		}
		// The folder of a root file removed, made again or swapped: the
		// watch of the old one is gone or follows it away.
		w.fs.Remove(dir)
		w.extra[dir] = info
		if err == nil {
			w.fs.Add(dir)
		}
		moved = true
	}
	return moved
}

// concerns reports whether ev can change what the loader reads, and keeps
// the watched folders up to date with it: a root file, a watched folder
// removed or moved, a folder made, or a file the loader reads (or a
// collection's name or colour) in a watched folder.
func (w *Watcher) concerns(ev fsnotify.Event) bool {
	name := ev.Name
	if w.files[name] {
		return true
	}
	if _, ok := w.extra[name]; ok && (ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename)) {
		w.extra[name] = nil // watched again when it is back (resync)
		return true
	}
	if _, ok := w.dirs[name]; ok {
		if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
			w.drop(name)
			return true
		}
		return false
	}
	if _, ok := w.dirs[filepath.Dir(name)]; !ok {
		return false // a folder watched for a root file: its other files are not read
	}
	base := filepath.Base(name)
	if skipped(base) {
		return false
	}
	if ev.Has(fsnotify.Create) {
		if info, err := os.Stat(name); err == nil && info.IsDir() {
			w.addTree(name)
			return true
		}
	}
	return relevant(base)
}

// relevant says whether a file of this name in a watched folder is one the
// loader reads: an itinerary or calendar, or a collection's displayname or
// color.
func relevant(base string) bool {
	return !skipped(base) && (wanted(base) || base == "displayname" || base == "color")
}
