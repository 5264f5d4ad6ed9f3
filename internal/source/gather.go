package source

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/visitline/visitline/itinerary"
)

// MaxFiles is the most files a gathered itinerary may read.
const MaxFiles = 100_000

// maxFiles is MaxFiles, lowered by tests.
var maxFiles = MaxFiles

// errTooMany ends a walk that found more than maxFiles files.
var errTooMany = errors.New("the file-count limit")

// Gathered is a source of several files: folders (walked, a vdir's
// collections each a calendar) and files, standard input among them.
const Gathered Kind = File + 1

// gathered reads the files of several names again when they change,
// re-reading only those whose size, time or inode changed.
type gathered struct {
	names []string
	stdin *itinerary.Itinerary // standard input, read once
	mu    sync.Mutex
	cache map[string]cached
	// reads counts the files read (the tests count them).
	reads int
	// Warnings are the problems of the last load, as lines.
	warnings []string
	// failed are the problems of the files that did not load, of them.
	failed []string
	// remotes are the URLs among the names, by name, kept across loads.
	remotes map[string]*remote
	// cacheFirst starts each URL from its cached copy, when it has one.
	cacheFirst bool
	// progress, when not nil, is told the files read of each load.
	progress FileProgress
}

// FileProgress is a Progress that is told, as the files of folders or of
// several names are read, how many of those to read are done: Files(0,
// total) first, then after each file. The view's loading screen counts
// through it.
type FileProgress interface {
	Files(done, total int)
}

type cached struct {
	size  int64
	mtime time.Time
	ino   uint64
	it    *itinerary.Itinerary
	err   error
}

// file is a file found, with the calendar it belongs to.
type file struct {
	path string
	cal  string // the calendar's key: its collection folder or the file itself
	size int64
	info fs.FileInfo
	// remote is the URL the file is fetched from; nil for a file.
	remote *remote
}

var colorRe = regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`)

// skipped says whether a name found in a folder is passed over: hidden,
// an editor's backup or a partial download.
func skipped(name string) bool {
	if strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".swp") ||
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#") {
		return true
	}
	for _, ext := range []string{".part", ".tmp", ".crdownload"} {
		if strings.HasSuffix(strings.ToLower(name), ext) {
			return true
		}
	}
	return false
}

func wanted(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".ics", ".yaml", ".yml":
		return true
	}
	return false
}

// walk finds the files of a folder, following symbolic links but never
// into a folder it is already in.
func walk(root string, out []file, warn func(...string)) ([]file, error) {
	seen := map[[2]uint64]bool{}
	var visit func(dir string) error
	visit = func(dir string) error {
		info, err := os.Stat(dir)
		if err != nil {
			return err
		}
		if st, ok := info.Sys().(*syscall.Stat_t); ok {
			k := [2]uint64{uint64(st.Dev), uint64(st.Ino)}
			if seen[k] {
				warn(fmt.Sprintf("%s: a folder loop; not read again", itinerary.QuoteName(dir)))
				return nil
			}
			seen[k] = true
			defer delete(seen, k)
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			return err
		}
		for _, e := range entries {
			name := e.Name()
			if skipped(name) {
				continue
			}
			path := filepath.Join(dir, name)
			info, err := os.Stat(path) // follows a link
			if err != nil {
				warn(fmt.Sprintf("%s: %v", itinerary.QuoteName(path), errors.Unwrap(err)))
				continue
			}
			if info.IsDir() {
				if err := visit(path); errors.Is(err, errTooMany) {
					return err // the limit stops the walk, in any folder
				} else if err != nil {
					warn(fmt.Sprintf("%s: %v", itinerary.QuoteName(path), err))
				}
				continue
			}
			if !info.Mode().IsRegular() || !wanted(name) {
				continue
			}
			if len(out) >= maxFiles {
				return fmt.Errorf("more than %d files; the limit is %d (%w)", maxFiles, maxFiles, errTooMany)
			}
			cal := dir
			if strings.ToLower(filepath.Ext(name)) != ".ics" {
				cal = path // an itinerary is a calendar of its own
			}
			out = append(out, file{path: path, cal: cal, size: info.Size(), info: info})
		}
		return nil
	}
	return out, visit(root)
}

// find lists the files of the names, sorted by path within each name, and
// checks the limits on their count and size before any is read.
func (g *gathered) find(warn func(...string)) ([]file, error) {
	var files []file
	for _, name := range g.names {
		if name == "-" {
			files = append(files, file{path: "-", cal: "-"})
			continue
		}
		if IsURL(name) {
			if r := g.remote(name, warn); r != nil {
				files = append(files, file{path: r.name, cal: r.name, remote: r})
			}
			continue
		}
		info, err := os.Stat(name)
		if err != nil {
			warn(fmt.Sprintf("%s: %s", itinerary.QuoteName(name), describe(err)))
			continue
		}
		if !info.IsDir() {
			files = append(files, file{path: name, cal: name, size: info.Size(), info: info})
			continue
		}
		start := len(files)
		if files, err = walk(name, files, warn); err != nil {
			return nil, &itinerary.LoadError{File: name, Problems: []itinerary.Problem{{Message: err.Error()}}}
		}
		slices.SortFunc(files[start:], func(a, b file) int { return strings.Compare(a.path, b.path) })
	}
	files = once(files)
	var total int64
	for _, f := range files {
		total += f.size
	}
	if total > itinerary.MaxFileSize {
		return nil, &itinerary.LoadError{File: shownNames(g.names), Problems: []itinerary.Problem{{Message: fmt.Sprintf("the files hold %d MiB together; the limit is %d MiB (the size limit)", total>>20, itinerary.MaxFileSize>>20)}}}
	}
	return files, nil
}

// once keeps the first of the files that are one file: named twice
// (`visitline dir dir`, a file inside a folder also given), or linked.
func once(files []file) []file {
	type key struct {
		dev, ino uint64
		path     string
	}
	seen := make(map[key]bool, len(files))
	out := files[:0]
	for _, f := range files {
		k := key{path: filepath.Clean(f.path)}
		if f.info != nil {
			if st, ok := f.info.Sys().(*syscall.Stat_t); ok {
				k = key{dev: uint64(st.Dev), ino: st.Ino}
			}
		}
		if !seen[k] {
			seen[k] = true
			out = append(out, f)
		}
	}
	return out
}

func describe(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	return err.Error()
}

// load reads the files that changed since the last load, in parallel,
// fetches the URLs again, and merges every file that loaded.
func (g *gathered) load() (*itinerary.Itinerary, error) { return g.loadWith(true) }

// loadLocal is load after a local change: a URL with a copy keeps it,
// unfetched (a fetch waits for the refresh and r, not for a saved file).
func (g *gathered) loadLocal() (*itinerary.Itinerary, error) { return g.loadWith(false) }

// loadWith is load; fetch says whether URLs with a copy are fetched again.
func (g *gathered) loadWith(fetch bool) (*itinerary.Itinerary, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	var warnings []string
	warn := func(lines ...string) { warnings = append(warnings, lines...) }
	files, err := g.find(warn)
	if err != nil {
		return nil, err
	}
	results := make([]cached, len(files))
	var todo []int
	for i, f := range files {
		if f.path == "-" {
			results[i] = cached{it: g.stdin}
			continue
		}
		if f.remote != nil {
			if it := f.remote.last(); it != nil && !fetch {
				results[i] = cached{it: it}
				continue
			}
			todo = append(todo, i) // asked whether it changed
			continue
		}
		key := statKey(f.info)
		if c, ok := g.cache[f.path]; ok && c.size == key.size && c.mtime.Equal(key.mtime) && c.ino == key.ino {
			results[i] = c
			continue
		}
		results[i] = key
		todo = append(todo, i)
	}
	g.reads += len(todo)
	var size int64
	for _, i := range todo {
		size += files[i].size
	}
	// One budget for all the files read (an iCalendar file takes about three
	// times what YAML does), not one for each.
	defer memoryBudget(3 * size)() // (the files not yet read)
	readAll(files, todo, results, g.progress)
	next := make(map[string]cached, len(files))
	for i, f := range files {
		next[f.path] = results[i]
	}
	g.cache = next
	it, err := g.merge(files, results, warn)
	g.warnings = warnings
	return it, err
}

func statKey(info fs.FileInfo) cached {
	c := cached{size: info.Size(), mtime: info.ModTime()}
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		c.ino = st.Ino
	}
	return c
}

// readAll reads the files todo names into results, on a few workers,
// telling progress (when not nil) how many are done.
func readAll(files []file, todo []int, results []cached, progress FileProgress) {
	work := make(chan int)
	var wg sync.WaitGroup
	var done atomic.Int64
	if progress != nil {
		progress.Files(0, len(todo))
	}
	for range min(runtime.GOMAXPROCS(0), max(len(todo), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				if r := files[i].remote; r != nil {
					results[i].it, _, results[i].err = r.load()
				} else {
					results[i].it, _, results[i].err = readFileIn(files[i].path, nil, false) // within the load's budget
				}
				if progress != nil {
					progress.Files(int(done.Add(1)), len(todo))
				}
			}
		}()
	}
	for _, i := range todo {
		work <- i
	}
	close(work)
	wg.Wait()
}

// merge makes the calendars of the files that loaded and gathers them.
func (g *gathered) merge(files []file, results []cached, warn func(...string)) (*itinerary.Itinerary, error) {
	var cals []itinerary.Calendar
	calIndex := map[string]int{}
	var ids itinerary.IDs // the calendars' ids, unique
	var parts []itinerary.Part
	var firstErr error
	var failed []string
	defer func() { g.failed = failed }()
	for i, f := range files {
		r := results[i]
		if r.err != nil {
			lines := []string{fmt.Sprintf("%s: %v", itinerary.QuoteName(f.path), r.err)}
			var le *itinerary.LoadError
			if errors.As(r.err, &le) {
				lines = le.Lines()
			}
			warn(lines...)
			failed = append(failed, lines...)
			if firstErr == nil {
				firstErr = r.err
			}
			continue
		}
		name := f.path
		if name == "-" {
			name = StdinName
		}
		warn(itinerary.FormatProblems(name, r.it.Warnings)...)
		k, ok := calIndex[f.cal]
		if !ok {
			k = len(cals)
			calIndex[f.cal] = k
			c := makeCalendar(f, r.it, len(cals), warn)
			c.ID = ids.Unique(c.ID)
			cals = append(cals, c)
		}
		parts = append(parts, itinerary.Part{It: r.it, Calendar: k, File: f.path})
	}
	if len(parts) == 0 {
		if firstErr != nil {
			return nil, firstErr
		}
		return nil, &itinerary.LoadError{File: shownNames(g.names), Problems: []itinerary.Problem{{Message: "no calendar or itinerary (.ics, .yaml, .yml) found"}}}
	}
	title := cals[0].Name
	if len(cals) > 1 {
		title = fmt.Sprintf("%d calendars", len(cals))
	}
	it, err := itinerary.Merge(title, cals, parts)
	if err != nil {
		return nil, &itinerary.LoadError{File: shownNames(g.names), Problems: []itinerary.Problem{{Message: err.Error()}}}
	}
	return it, nil
}

// makeCalendar names and colours the calendar of f: a collection's
// displayname and color files, else the calendar's own name, else the
// folder's or file's.
func makeCalendar(f file, it *itinerary.Itinerary, n int, warn func(...string)) itinerary.Calendar {
	c := itinerary.Calendar{Origin: f.cal, ID: fmt.Sprintf("cal-%d", n+1)}
	dir := f.cal != f.path
	if f.remote != nil {
		c.Name = it.Title // X-WR-CALNAME, else the URL's last path element
		c.ReadOnly = true // fetched, not written: e says so
	}
	if dir {
		c.Name = readSmall(filepath.Join(f.cal, "displayname"))
		if col := readSmall(filepath.Join(f.cal, "color")); col != "" {
			if colorRe.MatchString(col) {
				c.Color = strings.ToUpper(col)
			} else {
				warn(fmt.Sprintf("%s: warning: the color %q is not #RRGGBB; ignored", itinerary.QuoteName(filepath.Join(f.cal, "color")), itinerary.CleanLine(col)))
			}
		}
	}
	if c.Name == "" && strings.ToLower(filepath.Ext(f.path)) == ".ics" && it.Title != "" && !titledByFile(it.Title, f.path) {
		c.Name = it.Title // X-WR-CALNAME
	}
	if c.Name == "" && f.path == "-" && it.Title != "" && it.Title != StdinName && it.Title != "Calendar" {
		c.Name = it.Title // standard input's X-WR-CALNAME, or its itinerary's title
	}
	if c.Name == "" {
		base := filepath.Base(f.cal)
		if !dir {
			base = strings.TrimSuffix(base, filepath.Ext(base))
		}
		if f.path == "-" {
			base = StdinName
		}
		c.Name = itinerary.CleanLine(base)
	}
	if c.Color == "" {
		c.Color = itinerary.CalendarColor(c.Name)
	}
	if s := itinerary.Slugify(c.Name); s != "" {
		c.ID = s
	}
	return c
}

// titledByFile says the calendar reader took the title from the file name
// (no X-WR-CALNAME).
func titledByFile(title, path string) bool {
	base := filepath.Base(path)
	return title == strings.TrimSuffix(base, filepath.Ext(base)) || title == "Calendar"
}

// readSmall is the first line of a small file, cleaned, or "".
func readSmall(path string) string {
	f, err := itinerary.OpenRegular(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	b, _ := io.ReadAll(io.LimitReader(f, 4<<10))
	line, _, _ := strings.Cut(string(b), "\n")
	return itinerary.CleanLine(strings.TrimSpace(line))
}

// OpenAll opens the SOURCEs names: none is the built-in visit, one file
// (or "-") is Open's, exactly; a folder or several names are gathered into
// one itinerary of calendars, each file that loads merged, each that does
// not a warning (in Source.Warnings); the error is the first file's when
// none loads.
func OpenAll(names []string, stdin io.Reader, progress Progress) (*itinerary.Itinerary, Source, error) {
	return openAll(names, stdin, progress, false)
}

// openAll is OpenAll; with cacheFirst a URL with a cached copy starts from
// it, unfetched (see OpenAllCacheFirst).
func openAll(names []string, stdin io.Reader, progress Progress, cacheFirst bool) (*itinerary.Itinerary, Source, error) {
	if len(names) == 0 {
		return Open("", stdin, progress)
	}
	if len(names) == 1 && IsURL(names[0]) {
		return openURL(names[0], cacheFirst)
	}
	if len(names) == 1 {
		if info, err := os.Stat(names[0]); names[0] == "-" || err != nil || !info.IsDir() {
			return Open(names[0], stdin, progress)
		}
	}
	src := Source{Name: shownNames(names), Kind: Gathered}
	g := &gathered{names: names, cacheFirst: cacheFirst}
	g.progress, _ = progress.(FileProgress)
	if slices.Contains(names, "-") {
		it, cal, err := read(StdinName, stdin, nil)
		src.Calendar = cal
		if err != nil {
			return nil, src, err
		}
		g.stdin = it
	}
	it, err := g.load()
	src.gathered = g
	return it, src, err
}

// Warnings are a gathered source's problems of its last load that did not
// stop it (a broken file, a bad color), as lines to print; nil for any
// other source.
func (s Source) Warnings() []string {
	if s.remote != nil {
		return s.remote.warnings
	}
	if s.gathered == nil {
		return nil
	}
	s.gathered.mu.Lock()
	defer s.gathered.mu.Unlock()
	return s.gathered.warnings
}

// Failures are the problems of the files of a gathered source that did
// not load in its last load (the others did), as lines; nil when all
// loaded, and for any other source.
func (s Source) Failures() []string {
	if s.gathered == nil {
		return nil
	}
	s.gathered.mu.Lock()
	defer s.gathered.mu.Unlock()
	return s.gathered.failed
}

// FailuresFunc is Failures as a function for the view to call after each
// reload; nil for a source that is not gathered.
func (s Source) FailuresFunc() func() []string {
	if s.gathered == nil {
		return nil
	}
	return s.Failures
}

// Roots are the folders and files a gathered source reads, the paths a
// view watches; nil for any other source.
func (s Source) Roots() []string {
	if s.gathered == nil {
		return nil
	}
	var roots []string
	for _, n := range s.gathered.names {
		if n != "-" && !IsURL(n) {
			roots = append(roots, n)
		}
	}
	return roots
}
