// Package source is the one way in: it opens what visitline is given to
// read — a file, standard input ("-") or, with no name, the built-in
// visit —, tells an iCalendar file from a YAML itinerary by its content
// (once), refuses what is not a regular file, reads it once, and gives the
// view a Loader that reads the same source again when it changes.
//
// Folders and several names are gathered (gather.go); a URL is fetched
// and cached (url.go). Nothing that shows an itinerary needs to know how
// it was read.
package source

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/visitline/visitline/calendar"
	"github.com/visitline/visitline/data"
	"github.com/visitline/visitline/itinerary"
)

// Kind is what kind of source a name is.
type Kind int

const (
	// Builtin is the visit embedded in the binary (no name given).
	Builtin Kind = iota
	// Stdin is standard input (the name "-").
	Stdin
	// File is a file on disk.
	File
)

// StdinName is the name standard input has in messages.
const StdinName = "<stdin>"

// Source is what Open opened.
type Source struct {
	// Name is the source's name in messages: the file's path, StdinName or
	// data.DefaultName.
	Name string
	Kind Kind
	// Calendar says that the content was an iCalendar file.
	Calendar bool
	gathered *gathered
	remote   *remote
}

// Loader loads a source again: the view calls it when the file changed or
// was edited. A missing file's error is the one os.Stat returns, so that the
// caller can tell it (errors.Is(err, fs.ErrNotExist)).
type Loader func() (*itinerary.Itinerary, error)

// Progress shows how far a slow load has got; Start begins showing it for
// the named source (already quoted for a terminal) and returns the function
// that stops it, Update is called with the events read so far.
type Progress interface {
	Start(name string) (stop func())
	Update(done, total int)
}

// ByteProgress is a Progress that is also told, as a file is read, the
// bytes read so far and the file's size (-1 when unknown, as for standard
// input). Bytes(0, total) comes first, before anything is read, and starts
// a new load: the view's loading screen and its reloads count through it.
type ByteProgress interface {
	Progress
	Bytes(read, total int64)
}

// countingReader tells p the bytes read through it.
type countingReader struct {
	r     io.Reader
	p     ByteProgress
	read  int64
	total int64
}

func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.read += int64(n)
	c.p.Bytes(c.read, c.total)
	return n, err
}

// Stat is the file's, so that the reader still sizes its buffer from it.
func (c *countingReader) Stat() (fs.FileInfo, error) {
	if st, ok := c.r.(interface{ Stat() (fs.FileInfo, error) }); ok {
		return st.Stat()
	}
	return nil, errors.New("not a file")
}

// counted wraps r so that a ByteProgress among progress is told the bytes
// read of total; r itself otherwise.
func counted(r io.Reader, total int64, progress Progress) io.Reader {
	bp, ok := progress.(ByteProgress)
	if !ok {
		return r
	}
	bp.Bytes(0, total)
	return &countingReader{r: r, p: bp, total: total}
}

// NameOf is the name a source of names has once opened (Source.Name),
// told before it is read: the built-in visit's name for none, StdinName
// for "-", a URL without its user and password.
func NameOf(names []string) string {
	if len(names) == 0 {
		return data.DefaultName
	}
	return shownNames(names)
}

// KindOf returns the kind of source name is.
func KindOf(name string) Kind {
	switch name {
	case "":
		return Builtin
	case "-":
		return Stdin
	}
	if IsURL(name) {
		return URL
	}
	return File
}

// Open reads the source name: a file, standard input (from stdin) for "-",
// the built-in visit for "". A large YAML file reports its progress to
// progress, when not nil. Every failure to read or load is a
// *itinerary.LoadError naming the source.
func Open(name string, stdin io.Reader, progress Progress) (*itinerary.Itinerary, Source, error) {
	src := Source{Name: name, Kind: KindOf(name)}
	switch src.Kind {
	case Builtin:
		src.Name = data.DefaultName
		it, err := itinerary.Load(data.DefaultName, data.Default)
		return it, src, err
	case Stdin:
		src.Name = StdinName
		// Only the view's loading screen shows standard input's progress:
		// the progress line is for files.
		var p Progress
		if bp, ok := progress.(ByteProgress); ok {
			p = bp
		}
		it, cal, err := read(src.Name, counted(stdin, -1, p), p)
		src.Calendar = cal
		return it, src, err
	case URL:
		return openURL(name, false)
	}
	it, cal, err := readFile(name, progress)
	src.Calendar = cal
	return it, src, err
}

// Loader returns the loader of the source, or nil when it cannot be read
// again (standard input, the built-in visit).
func (s Source) Loader() Loader {
	if s.gathered != nil {
		return s.gathered.load
	}
	if s.remote != nil {
		return func() (*itinerary.Itinerary, error) {
			it, _, err := s.remote.load()
			return it, err
		}
	}
	if s.Kind != File {
		return nil
	}
	return FileLoader(s.Name)
}

// ChangeLoaderWith is LoaderWith for a load after a local file changed:
// a gathered source's URLs keep the copies they have (Loader fetches them
// again, for the refresh and key r). Other sources load as LoaderWith.
func (s Source) ChangeLoaderWith(progress Progress) Loader {
	if s.gathered != nil {
		return s.gathered.loadLocal
	}
	return s.LoaderWith(progress)
}

// LoaderWith is Loader whose loads of a file report to progress (nil for
// none); a gathered source's loads report to the progress it was opened
// with, if a FileProgress.
func (s Source) LoaderWith(progress Progress) Loader {
	if s.gathered != nil || s.Kind != File {
		return s.Loader()
	}
	return fileLoader(s.Name, progress)
}

// FileLoader returns the loader of the file at path.
func FileLoader(path string) Loader { return fileLoader(path, nil) }

func fileLoader(path string, progress Progress) Loader {
	return func() (*itinerary.Itinerary, error) {
		if _, err := os.Stat(path); err != nil {
			return nil, err // as it is, so that a missing file can be told
		}
		it, _, err := readFile(path, progress)
		return it, err
	}
}

// readFile opens path, refusing anything but a regular file before
// reading it (a named pipe or a device would block the read, or never end
// it), and loads it.
func readFile(path string, progress Progress) (*itinerary.Itinerary, bool, error) {
	return readFileIn(path, progress, true)
}

// readFileIn is readFile; budget says whether the load takes a memory
// budget of its own (a gathered load holds one for all its files).
func readFileIn(path string, progress Progress, budget bool) (*itinerary.Itinerary, bool, error) {
	f, err := itinerary.OpenRegular(path)
	if err != nil {
		return nil, false, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, false, err
	}
	var r io.Reader = f
	if _, ok := progress.(ByteProgress); ok {
		r = counted(f, info.Size(), progress)
	}
	return readAgain(path, r, progress, budget, f, info)
}

// read reads r once, sniffs it once and loads it as an iCalendar file or a
// YAML itinerary, saying which it was.
func read(name string, r io.Reader, progress Progress) (*itinerary.Itinerary, bool, error) {
	return readIn(name, r, progress, true)
}

// readIn is read, within a memory budget of its own when budget is true.
func readIn(name string, r io.Reader, progress Progress, budget bool) (*itinerary.Itinerary, bool, error) {
	return readAgain(name, r, progress, budget, nil, nil)
}

// readAgain is readIn of a file f that a YAML load may read parts of
// again (itinerary.LoadFromFile); f nil for a stream.
func readAgain(name string, r io.Reader, progress Progress, budget bool, f itinerary.FileAt, info fs.FileInfo) (*itinerary.Itinerary, bool, error) {
	var live int64
	if budget {
		live = liveHeap() // before the text is read: the budget counts it
	}
	raw, err := itinerary.ReadAll(name, r)
	if err != nil {
		return nil, false, err
	}
	if !calendar.Sniff(raw) {
		// Only a YAML itinerary's load is shown: it counts its events.
		var update func(done, total int)
		if progress != nil {
			defer progress.Start(itinerary.QuoteName(name))()
			update = progress.Update
		}
		if budget {
			defer memoryBudgetAbove(live, int64(len(raw)))()
		}
		if f != nil {
			it, err := itinerary.LoadFromFile(name, raw, f, info, update)
			return it, false, err
		}
		it, err := itinerary.LoadProgress(name, raw, update)
		return it, false, err
	}
	if len(raw) > itinerary.MaxFileSize {
		return nil, true, &itinerary.LoadError{File: name, Problems: []itinerary.Problem{{Message: fmt.Sprintf("the file is larger than the limit of %d MiB", itinerary.MaxFileSize>>20)}}}
	}
	it, err := calendar.Load(name, raw)
	return it, true, err
}
