package itinerary

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// MaxFileSize is the largest itinerary file Load accepts, in bytes. A file
// of 100,000 events is about 20 MB; anything past this is refused before it
// is read.
const MaxFileSize = 64 << 20

// maxWholeParse is the largest text parsed as one YAML document. A
// yaml.Node tree costs about thirty times its text and yaml.v3 reads a
// long scalar at under 10 MB/s: a 12 MiB file read whole took 9.5 s and
// 1.13 GB on a busy machine. 3 MiB of anything (events, or a flow list of
// one-letter values) parses in under a second of CPU and 200 MB, so that
// every input stays within 3 s and 600 MiB; past it a file must be read
// in parts (see loadChunked).
const maxWholeParse = 3 << 20

// LoadFile reads and loads the itinerary at path. Every failure, from a
// missing file to a bad field, is a *LoadError naming path.
func LoadFile(path string) (*Itinerary, error) {
	return LoadFileProgress(path, nil)
}

// LoadFileProgress is LoadFile that calls progress(done, total) as the
// events of a large file are read (from the loading goroutine).
func LoadFileProgress(path string, progress func(done, total int)) (*Itinerary, error) {
	f, err := OpenRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return read(path, f, progress)
}

// OpenRegular opens path for reading, refusing anything but a regular file
// before reading it, and one larger than MaxFileSize: a named pipe or a
// device would block the open or the read, or never end it. Its errors are
// *LoadError naming path.
func OpenRegular(path string) (*os.File, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fileError(path, err)
	}
	if !info.Mode().IsRegular() {
		return nil, NotRegular(path, info)
	}
	if info.Size() > MaxFileSize {
		return nil, single(path, fmt.Sprintf("file is %s; the limit is %s", byteSize(info.Size()), byteSize(MaxFileSize)))
	}
	// Non-blocking, so that a pipe put there since the Stat cannot hold the
	// open; the Stat of what was opened then refuses it.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, fileError(path, err)
	}
	if info, err = f.Stat(); err != nil || !info.Mode().IsRegular() {
		f.Close()
		if err != nil {
			return nil, fileError(path, err)
		}
		return nil, NotRegular(path, info)
	}
	return f, nil
}

// NotRegular is the error for path, which info shows is not a regular
// file: it says what it is instead.
func NotRegular(path string, info fs.FileInfo) *LoadError {
	what := "not a regular file"
	switch t := info.Mode().Type(); {
	case t&fs.ModeDir != 0:
		what = "a directory"
	case t&fs.ModeNamedPipe != 0:
		what = "a named pipe (FIFO)"
	case t&fs.ModeSocket != 0:
		what = "a socket"
	case t&fs.ModeDevice != 0:
		what = "a device"
	}
	msg := "is " + what + ", not an itinerary file"
	if info.Mode().Type()&fs.ModeNamedPipe != 0 {
		msg += " (to read a pipe, give - and send it to standard input)"
	}
	return single(path, msg)
}

// LoadReader reads at most MaxFileSize bytes from r and loads them as the
// itinerary named name (the name only appears in errors).
func LoadReader(name string, r io.Reader) (*Itinerary, error) {
	return read(name, r, nil)
}

// read reads one more byte than MaxFileSize, so that a larger input is
// refused (by load) without being read whole.
func read(name string, r io.Reader, progress func(done, total int)) (*Itinerary, error) {
	data, err := ReadAll(name, r)
	if err != nil {
		return nil, err
	}
	return load(name, data, progress)
}

// ReadAll reads at most one byte more than MaxFileSize from r, named name
// in its error (a *LoadError), so that a larger input is refused by the
// loader without being read whole.
func ReadAll(name string, r io.Reader) ([]byte, error) {
	var data []byte
	var err error
	if size, ok := regularSize(r); ok && size <= MaxFileSize {
		// A regular file is read into a buffer of its size (and one byte
		// more, to see it end), not one grown by doubling, which would
		// hold up to three times the file while it reads.
		data, err = readSized(io.LimitReader(r, MaxFileSize+1), int(size)+1)
	} else {
		data, err = io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	}
	if err != nil {
		return nil, fileError(name, err)
	}
	return data, nil
}

// regularSize is the size of r when it is a regular file.
func regularSize(r io.Reader) (int64, bool) {
	st, ok := r.(interface{ Stat() (fs.FileInfo, error) })
	if !ok {
		return 0, false
	}
	info, err := st.Stat()
	if err != nil || !info.Mode().IsRegular() {
		return 0, false
	}
	return info.Size(), true
}

// readSized reads r to its end into a buffer of capacity n, growing it
// only if r holds more (a file that grew while being read).
func readSized(r io.Reader, n int) ([]byte, error) {
	data := make([]byte, 0, n)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		k, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+k]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return data, err
		}
	}
}

// LoadProgress is Load that calls progress(done, total), when not nil, as
// the events of a large file are read (from the loading goroutine).
func LoadProgress(name string, data []byte, progress func(done, total int)) (*Itinerary, error) {
	return load(name, data, progress)
}

// Load parses and validates data as an itinerary of format v1. On failure
// the error is a *LoadError with every problem found, sorted by position.
func Load(name string, data []byte) (*Itinerary, error) {
	return load(name, data, nil)
}

// panicked, when set (by tests), is told of every panic the loader
// recovers from, so that a fuzzer can fail on them.
var panicked func(v any)

// recovered turns a panic into the problem a user sees and tells
// panicked; it must be called directly by a deferred function.
func recoveredProblem(v any) Problem {
	if panicked != nil {
		panicked(v)
	}
	return Problem{Message: fmt.Sprintf("cannot read this file (internal error: %v); please report it", v)}
}

// load is Load with progress; files from chunkThreshold up are read in
// parts when their shape allows it.
func load(name string, data []byte, progress func(done, total int)) (it *Itinerary, err error) {
	return loadWith(name, data, chunking{threshold: chunkThreshold, perChunk: eventsPerChunk}, progress)
}

// chunking says when and how loadWith reads the events in parts (tests
// force it on small files).
type chunking struct {
	threshold, perChunk int
}

func loadWith(name string, data []byte, ch chunking, progress func(done, total int)) (it *Itinerary, err error) {
	return loadText(name, &fileText{data: data, size: len(data)}, ch, progress)
}

// LoadFromFile is LoadProgress of data, which was read from f when f was
// as info says: a large file's text is let go once its parts are found,
// and each part read again from f as it is parsed. A file changed in the
// meantime (saved in place) is loaded again, whole, as it is now. The
// caller must not keep data: the point is that it can go.
func LoadFromFile(name string, data []byte, f FileAt, info fs.FileInfo, progress func(done, total int)) (*Itinerary, error) {
	return loadFromFile(name, data, f, info, chunking{threshold: chunkThreshold, perChunk: eventsPerChunk}, progress)
}

// loadFromFile is LoadFromFile with chunking ch (tests make small files
// take parts).
func loadFromFile(name string, data []byte, f FileAt, info fs.FileInfo, ch chunking, progress func(done, total int)) (*Itinerary, error) {
	t := &fileText{data: data, size: len(data), at: f, info: info}
	it, err := loadText(name, t, ch, progress)
	if !t.changed() {
		return it, err
	}
	fresh, err := ReadAll(name, io.NewSectionReader(f, 0, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	return loadWith(name, fresh, ch, progress)
}

// loadText is loadWith of a text that may be read again from its file.
func loadText(name string, t *fileText, ch chunking, progress func(done, total int)) (it *Itinerary, err error) {
	defer func() {
		if v := recover(); v != nil {
			it, err = nil, &LoadError{File: name, Problems: []Problem{recoveredProblem(v)}}
		}
	}()
	if t.size > MaxFileSize {
		return nil, single(name, fmt.Sprintf("the file is larger than the limit of %s", byteSize(MaxFileSize)))
	}
	if p, bad := prescan(t.data); bad {
		return nil, &LoadError{File: name, Problems: []Problem{p}}
	}
	lines := newLineIndex(t.data)
	var l *loader
	whyNot := "the file is too small to need it"
	if t.size >= ch.threshold {
		l, it, whyNot = loadChunked(t, lines, ch.perChunk, progress)
	}
	if it == nil {
		data, err := t.whole()
		if err != nil {
			return nil, single(name, "cannot read the file again: "+err.Error())
		}
		if len(data) > maxWholeParse {
			return nil, single(name, fmt.Sprintf("the file is %s and cannot be read in parts (%s); a file read whole may be at most %s",
				byteSize(int64(len(data))), whyNot, byteSize(maxWholeParse)))
		}
		doc, p, ok := parseYAML(data, lines)
		if !ok {
			return nil, &LoadError{File: name, Problems: []Problem{p}}
		}
		l = &loader{}
		it = l.itinerary(doc, nil)
	}
	return l.finish(name, it, nil)
}

// finish sorts the problems the loader found, with extra ones found by
// another reader, and either refuses the itinerary for its errors or
// indexes it and keeps its warnings.
func (l *loader) finish(name string, it *Itinerary, extra []Problem) (*Itinerary, error) {
	var errs, warns []Problem
	for _, p := range sortProblems(append(extra, l.problems...)) {
		if p.Warning {
			warns = append(warns, p)
		} else {
			errs = append(errs, p)
		}
	}
	if len(errs) > 0 || l.omittedErrors > 0 {
		return nil, &LoadError{File: name, Problems: errs, Omitted: l.omittedErrors}
	}
	if l.omittedWarnings > 0 {
		warns = append(warns, Problem{Warning: true, Message: fmt.Sprintf("and %d more warnings", l.omittedWarnings)})
	}
	it.Warnings = warns
	it.index()
	return it, nil
}

func single(file, msg string) *LoadError {
	return &LoadError{File: file, Problems: []Problem{{Message: msg}}}
}

func fileError(path string, err error) *LoadError {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return single(path, "no such file")
	case errors.Is(err, fs.ErrPermission):
		return single(path, "permission denied")
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return single(path, "cannot read: "+err.Error())
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	case n >= 10<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// NULByte is how every loader names a NUL byte in a file's text.
const NULByte = "NUL byte (is this a binary file?)"

// Position is the line and column (both from 1, the column in characters,
// an invalid byte counting as one) of byte at in data.
func Position(data []byte, at int) (line, col int) {
	at = min(at, len(data))
	lineStart := bytes.LastIndexByte(data[:at], '\n') + 1
	line = bytes.Count(data[:lineStart], []byte{'\n'}) + 1
	return line, utf8.RuneCount(data[lineStart:at]) + 1
}

// prescan finds what the YAML parser would refuse without a position,
// invalid UTF-8 and control characters, and lines indented past MaxIndent,
// before the parser spends time and memory on a nesting bomb.
func prescan(data []byte) (Problem, bool) {
	line, col := 1, 1
	lineStart := 0
	indent := true // still in the line's leading spaces
	for i := 0; i < len(data); {
		if indent {
			if data[i] == ' ' {
				if col > MaxIndent {
					return Problem{Line: line, Column: col, Message: fmt.Sprintf("line indented more than %d columns; an itinerary does not nest this deep", MaxIndent)}, true
				}
				col++
				i++
				continue
			}
			indent = false
		}
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			return Problem{Line: line, Column: col, Message: fmt.Sprintf("invalid UTF-8 (byte 0x%02x); save the file as UTF-8", data[i])}, true
		case r == '\n':
			line, col, indent = line+1, 0, true
			lineStart = i + 1
		case r == '\t' || r == '\r' || (r == 0xfeff && i == 0):
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0xfffe || r == 0xffff:
			what := "control character"
			if r == 0 {
				what = NULByte
			}
			return Problem{Line: line, Column: col, Message: fmt.Sprintf("%s U+%04X is not allowed in YAML; write it as an escape in a double-quoted string if it is meant", what, r)}, true
		}
		col++
		i += size
		if i-lineStart > MaxLineBytes {
			return Problem{Line: line, Column: 1, Message: fmt.Sprintf("line longer than %s; break long text over several lines (notes: >)", byteSize(MaxLineBytes))}, true
		}
	}
	return Problem{}, false
}

var yamlLineError = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parseYAML decodes the single document in data, mapping syntax errors to a
// positioned problem.
func parseYAML(data []byte, lines lineIndex) (doc *yaml.Node, p Problem, ok bool) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var root yaml.Node
	if err := dec.Decode(&root); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, Problem{Line: 1, Column: 1, Message: "the file is empty; an itinerary needs at least title, timezone and events"}, false
		}
		return nil, syntaxProblem(data, lines, err), false
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == nil:
		return nil, Problem{Line: next.Line, Column: next.Column, Message: "a second YAML document; an itinerary file holds one (remove the \"---\" line)"}, false
	case !errors.Is(err, io.EOF):
		return nil, syntaxProblem(data, lines, err), false
	}
	if len(root.Content) == 0 || root.Content[0].Kind == 0 {
		return nil, Problem{Line: 1, Column: 1, Message: "the file is empty; an itinerary needs at least title, timezone and events"}, false
	}
	return root.Content[0], Problem{}, true
}

// syntaxProblem turns a yaml.v3 error into a problem. yaml.v3 gives at most
// a line, and for many errors the line where the enclosing construct began
// (sometimes counted from zero), so the line is found instead as the
// shortest prefix of the file that fails with the same message. Tabs get a
// column from the line itself.
func syntaxProblem(data []byte, lines lineIndex, err error) Problem {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	reported := 0
	if m := yamlLineError.FindStringSubmatch(err.Error()); m != nil {
		reported, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	line := firstFailingLine(data, lines, msg)
	if line == 0 {
		line = reported
	}
	// A tab where a line's content should start ("\t- title: a") is, to
	// the YAML library, a character that cannot start a token.
	if msg == "found character that cannot start any token" && line >= 1 && line <= lines.count() {
		if c := tabColumn(lines.text(data, line-1)); c > 0 {
			return Problem{Line: line, Column: c, Message: "tab character in indentation; YAML indents with spaces"}
		}
	}
	if strings.Contains(msg, "tab character") && line > 0 {
		for _, l := range []int{line, line + 1} {
			if c := tabColumn(lines.text(data, l-1)); c > 0 {
				return Problem{Line: l, Column: c, Message: "tab character in indentation; YAML indents with spaces"}
			}
		}
	}
	// The YAML library gives no column: point at the start of the line's
	// content, so the error still has the FILE:LINE:COLUMN form editors use.
	col := 0
	if line >= 1 && line <= lines.count() {
		col = contentColumn(lines.text(data, line-1))
	}
	return Problem{Line: line, Column: col, Message: "YAML syntax: " + msg}
}

// contentColumn is the column of the first character of line that is not
// a space or a tab, or 1.
func contentColumn(line []byte) int {
	for i, c := range line {
		if c != ' ' && c != '\t' {
			return i + 1
		}
	}
	return 1
}

// tabColumn is the column of the first tab in line's indentation, or 0.
func tabColumn(line []byte) int {
	for i := 0; i < len(line) && (line[i] == ' ' || line[i] == '\t'); i++ {
		if line[i] == '\t' {
			return i + 1
		}
	}
	return 0
}

// firstFailingLine returns the smallest k such that the first k lines of
// data fail to parse with the same message, or 0 when the file is too large
// to search.
func firstFailingLine(data []byte, lines lineIndex, msg string) int {
	if len(data) > 1<<20 {
		return 0
	}
	fails := func(k int) bool {
		prefix := data[:lines.end(data, k)]
		dec := yaml.NewDecoder(bytes.NewReader(prefix))
		for {
			var n yaml.Node
			err := dec.Decode(&n)
			if err == nil {
				continue
			}
			if errors.Is(err, io.EOF) {
				return false
			}
			got := strings.TrimPrefix(err.Error(), "yaml: ")
			if m := yamlLineError.FindStringSubmatch(err.Error()); m != nil {
				got = m[2]
			}
			return got == msg
		}
	}
	lo, hi := 1, lines.count()
	if !fails(hi) {
		return 0
	}
	for lo < hi {
		mid := (lo + hi) / 2
		if fails(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}
