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
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// MaxFileSize is the largest itinerary file Load accepts, in bytes. A file
// of 100,000 events is about 20 MB; anything past this is refused before it
// is read.
const MaxFileSize = 64 << 20

// LoadFile reads and loads the itinerary at path. Every failure, from a
// missing file to a bad field, is a *LoadError naming path.
func LoadFile(path string) (*Itinerary, error) {
	return LoadFileProgress(path, nil)
}

// LoadFileProgress is LoadFile that calls progress(done, total) as the
// events of a large file are read (from the loading goroutine).
func LoadFileProgress(path string, progress func(done, total int)) (*Itinerary, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fileError(path, err)
	}
	if info.IsDir() {
		return nil, single(path, "is a directory, not an itinerary file")
	}
	if info.Size() > MaxFileSize {
		return nil, single(path, fmt.Sprintf("file is %s; the limit is %s", byteSize(info.Size()), byteSize(MaxFileSize)))
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fileError(path, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, fileError(path, err)
	}
	if len(data) > MaxFileSize {
		return nil, single(path, fmt.Sprintf("input is larger than the limit of %s", byteSize(MaxFileSize)))
	}
	return load(path, data, len(data) >= chunkThreshold, progress)
}

// LoadReader reads at most MaxFileSize bytes from r and loads them as the
// itinerary named name (the name only appears in errors).
func LoadReader(name string, r io.Reader) (*Itinerary, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, fileError(name, err)
	}
	if len(data) > MaxFileSize {
		return nil, single(name, fmt.Sprintf("input is larger than the limit of %s", byteSize(MaxFileSize)))
	}
	return Load(name, data)
}

// Load parses and validates data as an itinerary of format v1. On failure
// the error is a *LoadError with every problem found, sorted by position.
func Load(name string, data []byte) (*Itinerary, error) {
	return load(name, data, len(data) >= chunkThreshold, nil)
}

// load is Load, parsing the events list in chunks when chunked is set and
// the file's shape allows it.
func load(name string, data []byte, chunked bool, progress func(done, total int)) (it *Itinerary, err error) {
	defer func() {
		if r := recover(); r != nil {
			it = nil
			err = single(name, fmt.Sprintf("cannot read this file (internal error: %v); please report it", r))
		}
	}()
	if len(data) > MaxFileSize {
		return nil, single(name, fmt.Sprintf("input is larger than the limit of %s", byteSize(MaxFileSize)))
	}
	if p, bad := prescan(data); bad {
		return nil, &LoadError{File: name, Problems: []Problem{p}}
	}
	var l *loader
	if chunked {
		l, it = loadChunked(data, progress)
	}
	if it == nil {
		doc, p, ok := parseYAML(data)
		if !ok {
			return nil, &LoadError{File: name, Problems: []Problem{p}}
		}
		l = &loader{}
		it = l.itinerary(doc, nil)
	}
	l.problems = sortProblems(l.problems)
	var errs, warns []Problem
	for _, p := range l.problems {
		if p.Warning {
			warns = append(warns, p)
		} else {
			errs = append(errs, p)
		}
	}
	if len(errs) > 0 {
		return nil, &LoadError{File: name, Problems: errs}
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
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d bytes", n)
}

// prescan finds what the YAML parser would refuse without a position,
// invalid UTF-8 and control characters, and lines indented past MaxIndent,
// before the parser spends time and memory on a nesting bomb.
func prescan(data []byte) (Problem, bool) {
	line, col := 1, 1
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
		case r == '\t' || r == '\r' || (r == 0xfeff && i == 0):
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0xfffe || r == 0xffff:
			what := "control character"
			if r == 0 {
				what = "NUL byte (is this a binary file?)"
			}
			return Problem{Line: line, Column: col, Message: fmt.Sprintf("%s U+%04X is not allowed in YAML; write it as an escape in a double-quoted string if it is meant", what, r)}, true
		}
		col++
		i += size
	}
	return Problem{}, false
}

var yamlLineError = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parseYAML decodes the single document in data, mapping syntax errors to a
// positioned problem.
func parseYAML(data []byte) (doc *yaml.Node, p Problem, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			p, ok = Problem{Line: 1, Column: 1, Message: fmt.Sprintf("YAML parser failed: %v", r)}, false
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var root yaml.Node
	if err := dec.Decode(&root); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, Problem{Line: 1, Column: 1, Message: "the file is empty; an itinerary needs at least title, timezone and events"}, false
		}
		return nil, syntaxProblem(data, err), false
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == nil:
		return nil, Problem{Line: next.Line, Column: next.Column, Message: "a second YAML document; an itinerary file holds one (remove the \"---\" line)"}, false
	case !errors.Is(err, io.EOF):
		return nil, syntaxProblem(data, err), false
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
func syntaxProblem(data []byte, err error) Problem {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	reported := 0
	if m := yamlLineError.FindStringSubmatch(err.Error()); m != nil {
		reported, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	line := firstFailingLine(data, msg)
	if line == 0 {
		line = reported
	}
	if strings.Contains(msg, "tab character") && line > 0 {
		for _, l := range []int{line, line + 1} {
			if c := tabColumn(data, l); c > 0 {
				return Problem{Line: l, Column: c, Message: "tab character in indentation; YAML indents with spaces"}
			}
		}
	}
	// The YAML library gives no column: point at the start of the line's
	// content, so the error still has the FILE:LINE:COLUMN form editors use.
	return Problem{Line: line, Column: contentColumn(data, line), Message: "YAML syntax: " + msg}
}

// contentColumn is the column of the first character on line that is not
// a space or a tab, or 1; 0 when the line does not exist.
func contentColumn(data []byte, line int) int {
	if line < 1 {
		return 0
	}
	lines := bytes.SplitN(data, []byte("\n"), line+1)
	if line > len(lines) {
		return 0
	}
	l := lines[line-1]
	col := 1
	for _, c := range l {
		if c != ' ' && c != '\t' {
			return col
		}
		col++
	}
	return 1
}

func tabColumn(data []byte, line int) int {
	lines := bytes.Split(data, []byte("\n"))
	if line < 1 || line > len(lines) {
		return 0
	}
	l := lines[line-1]
	for i := 0; i < len(l) && (l[i] == ' ' || l[i] == '\t'); i++ {
		if l[i] == '\t' {
			return utf8.RuneCount(l[:i]) + 1
		}
	}
	return 0
}

// firstFailingLine returns the smallest k such that the first k lines of
// data fail to parse with the same message, or 0 when the file is too large
// to search.
func firstFailingLine(data []byte, msg string) int {
	if len(data) > 1<<20 {
		return 0
	}
	lines := bytes.SplitAfter(data, []byte("\n"))
	fails := func(k int) bool {
		prefix := bytes.Join(lines[:k], nil)
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
	lo, hi := 1, len(lines)
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
