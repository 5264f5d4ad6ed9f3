package itinerary

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"runtime"
	"sync"

	"gopkg.in/yaml.v3"
)

// chunkThreshold is the file size from which Load parses the events list in
// chunks. A yaml.Node tree costs about thirty times the size of its text, so
// a 30 MB file parsed whole peaks above a gigabyte; in chunks, only the
// chunks being parsed are in memory, and they are parsed on every core.
const chunkThreshold = 1 << 20

// eventsPerChunk is how many event items one chunk holds.
const eventsPerChunk = 250

// maxChunkItem is the largest text one event item may have for the file to
// be read in chunks: no part is then slow to parse on its own.
const maxChunkItem = 1 << 20

// lineIndex holds where each line of a file starts. Lines end at "\n"
// only; loadChunked is not taken for files with other line breaks that
// YAML counts (a lone CR, U+2028, U+2029), so that its lines are YAML's.
// The offsets are 32 bits: a file is at most MaxFileSize (64 MiB), and the
// index of a large file's million lines lives as long as its load.
type lineIndex []uint32

func newLineIndex(data []byte) lineIndex {
	starts := make(lineIndex, 0, bytes.Count(data, []byte{'\n'})+1)
	starts = append(starts, 0)
	for i := 0; i < len(data); {
		j := bytes.IndexByte(data[i:], '\n')
		if j < 0 || i+j+1 >= len(data) {
			break
		}
		i += j + 1
		starts = append(starts, uint32(i))
	}
	return starts
}

// count is the number of lines.
func (x lineIndex) count() int { return len(x) }

// start is where line k (0-based, < count) starts.
func (x lineIndex) start(k int) int { return int(x[k]) }

// end is where the text of lines [.., k) ends: the start of line k, or the
// end of data.
func (x lineIndex) end(data []byte, k int) int {
	if k >= len(x) {
		return len(data)
	}
	return int(x[k])
}

// text is line k (0-based) without its line break (and a trailing CR), or
// nil when there is no such line.
func (x lineIndex) text(data []byte, k int) []byte {
	if k < 0 || k >= len(x) {
		return nil
	}
	line := data[x.start(k):x.end(data, k+1)]
	line = bytes.TrimSuffix(line, []byte{'\n'})
	return bytes.TrimSuffix(line, []byte{'\r'})
}

// loadChunked loads data by parsing the top level without the items of the
// events list, then the items in chunks of perChunk, in parallel, and
// walking them in file order. It must give exactly what the whole parse
// gives, so it is only taken for the shape where that holds, and
// otherwise returns a nil itinerary and why:
//
//   - lines end in "\n" (YAML's other line breaks would shift the lines),
//     and no line is indented with a tab;
//   - a top-level "events:" line (the key may be quoted) with nothing
//     after it but a comment, the only one, and a block list under it
//     whose item lines ("- " at the list's indentation) start the chunks;
//   - the top level, parsed with the items blanked out (so that lines keep
//     their numbers), is a block mapping whose "events" key is that very
//     line and whose value is empty: the line was not inside a quoted or
//     block text, and nothing else there is called events;
//   - every chunk parses on its own as a list. Splitting inside a quoted or
//     flow value leaves a chunk with an unclosed quote or bracket, which
//     does not parse; a block or plain text ends at a line indented no
//     deeper than the list's items, so it cannot run past a chunk start;
//     an alias to an anchor in another chunk or in the top level is an
//     unknown anchor in the chunk alone. Each of these falls back.
//
// The walk then sees the same nodes, at the same lines and columns, as
// the whole parse. The workers are stopped and waited for on every return.
// Once the chunks are found, a text read from a file (fileText.at) is let
// go and each chunk read again, so that the whole text and the events do
// not take memory at once.
func loadChunked(t *fileText, lines lineIndex, perChunk int, progress func(done, total int)) (*loader, *Itinerary, string) {
	data := t.data
	if bytes.ContainsAny(data, "\u2028\u2029") || bareCR(data) {
		return nil, nil, "it has line breaks other than LF and CRLF"
	}
	sec, why := findEventsSection(data, lines)
	if why != "" {
		return nil, nil, why
	}
	headLen := lines.end(data, sec.first) + (sec.end - sec.first) + len(data) - lines.end(data, sec.end)
	if headLen > maxWholeParse {
		return nil, nil, "the part outside the events list is too large"
	}
	for k, first := range sec.items {
		end := sec.end
		if k+1 < len(sec.items) {
			end = sec.items[k+1]
		}
		if lines.end(data, end)-lines.start(first) > maxChunkItem {
			return nil, nil, fmt.Sprintf("the event at line %d is larger than %s", first+1, byteSize(maxChunkItem))
		}
	}
	// The top level with the items blanked out, so that line numbers stay.
	head := make([]byte, 0, headLen)
	head = append(head, data[:lines.end(data, sec.first)]...)
	head = append(head, bytes.Repeat([]byte{'\n'}, sec.end-sec.first)...)
	head = append(head, data[lines.end(data, sec.end):]...)
	root, _, ok := parseYAML(head, newLineIndex(head))
	if !ok {
		return nil, nil, "the part outside the events list does not parse on its own"
	}
	if !eventsKeyAt(root, sec.first) {
		return nil, nil, "the events line is not the top level's events field"
	}

	bounds, firsts := chunkBounds(sec, lines, data, perChunk)
	// The parts are found: a file's text goes (nothing below reads data),
	// each chunk is read again from the file when it is parsed.
	t.release()
	type chunk struct {
		items []*yaml.Node
		ok    bool
	}
	results := make([]chan chunk, len(bounds))
	for k := range results {
		results[k] = make(chan chunk, 1)
	}
	next := make(chan int, len(bounds))
	for k := range bounds {
		next <- k
	}
	close(next)
	workers := max(runtime.GOMAXPROCS(0), 1)
	ahead := make(chan struct{}, workers+1) // bounds the chunks parsed but not yet walked
	stop := make(chan struct{})
	var wg sync.WaitGroup
	defer func() {
		close(stop)
		wg.Wait()
	}()
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				// Take a place before a chunk: the chunk the walk waits for
				// then always has one, so the workers cannot all be stuck
				// holding later chunks.
				select {
				case ahead <- struct{}{}:
				case <-stop:
					return
				}
				k, more := <-next
				if !more {
					return
				}
				items, ok := readChunk(t, bounds[k], firsts[k])
				results[k] <- chunk{items, ok}
			}
		}()
	}
	failed := false
	items := func(yield func(*yaml.Node) bool) {
		for k := range bounds {
			c := <-results[k]
			<-ahead
			if !c.ok {
				failed = true
				return
			}
			for _, n := range c.items {
				if !yield(n) {
					return
				}
			}
			if progress != nil {
				progress(min((k+1)*perChunk, len(sec.items)), len(sec.items))
			}
		}
	}
	l := &loader{eventsHint: len(sec.items)}
	it := l.itinerary(root, iter.Seq[*yaml.Node](items))
	if failed {
		return nil, nil, "a part of the events list does not parse on its own"
	}
	return l, it, ""
}

// chunkBounds is where each chunk of perChunk items is in data (its first
// and end byte) and its first line (0-based).
func chunkBounds(sec eventsSection, lines lineIndex, data []byte, perChunk int) (bounds [][2]int, firsts []int) {
	for k := 0; k < len(sec.items); k += perChunk {
		end := sec.end
		if k+perChunk < len(sec.items) {
			end = sec.items[k+perChunk]
		}
		bounds = append(bounds, [2]int{lines.start(sec.items[k]), lines.end(data, end)})
		firsts = append(firsts, sec.items[k])
	}
	return bounds, firsts
}

// readChunk reads the chunk at bytes b of the text (again, from its file,
// once the text is let go) and parses it, its first line first.
func readChunk(t *fileText, b [2]int, first int) ([]*yaml.Node, bool) {
	text, err := t.slice(b[0], b[1])
	if err != nil {
		return nil, false
	}
	return parseChunk(text, first)
}

// bareCR reports a carriage return not followed by a line feed.
func bareCR(data []byte) bool {
	for i := bytes.IndexByte(data, '\r'); i >= 0; {
		if i+1 >= len(data) || data[i+1] != '\n' {
			return true
		}
		j := bytes.IndexByte(data[i+1:], '\r')
		if j < 0 {
			return false
		}
		i += 1 + j
	}
	return false
}

// eventsKeyAt reports whether root is a block mapping whose one "events"
// key is on line (1-based) at column 1, with an empty value.
func eventsKeyAt(root *yaml.Node, line int) bool {
	if root.Kind != yaml.MappingNode || root.Style&yaml.FlowStyle != 0 {
		return false
	}
	found := false
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Kind != yaml.ScalarNode || k.Value != "events" {
			continue
		}
		if found || k.Line != line || k.Column != 1 || k.Tag != "!!str" || k.Anchor != "" ||
			v.Kind != yaml.ScalarNode || v.Tag != "!!null" || v.Value != "" || v.Anchor != "" {
			return false
		}
		found = true
	}
	return found
}

// parseChunk parses the text of consecutive list items whose first line is
// line first (0-based) of the file, and moves every node to its line in the
// file: by scanChunk where it can, else by yaml.v3. It runs on a worker: a panic in the YAML library is reported (see
// panicked) and the chunk falls back to the whole parse.
func parseChunk(text []byte, first int) (items []*yaml.Node, ok bool) {
	if items, ok := scanChunk(text, first); ok {
		return items, true
	}
	return parseChunkYAML(text, first)
}

// parseChunkYAML is parseChunk by yaml.v3.
func parseChunkYAML(text []byte, first int) (items []*yaml.Node, ok bool) {
	defer func() {
		if v := recover(); v != nil {
			recoveredProblem(v)
			items, ok = nil, false
		}
	}()
	var doc yaml.Node
	if err := yaml.Unmarshal(text, &doc); err != nil || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.SequenceNode {
		return nil, false
	}
	var shift func(n *yaml.Node)
	shift = func(n *yaml.Node) {
		n.Line += first
		for _, c := range n.Content {
			shift(c)
		}
	}
	seq := doc.Content[0]
	for _, c := range seq.Content {
		shift(c)
	}
	return seq.Content, true
}

// eventsSection is where the items of the events list are: lines are
// 0-based; items holds the first line of each item.
type eventsSection struct {
	first int // the first line after "events:"
	end   int // the line after the list (the line count at the end of the file)
	items []int
}

// findEventsSection finds a top-level "events:" line followed by a block
// list, and the lines where its items start; or says why not.
func findEventsSection(data []byte, lines lineIndex) (eventsSection, string) {
	var sec eventsSection
	found := false
	indent := -1
	for k := 0; k < lines.count(); k++ {
		line := lines.text(data, k)
		trimmed := bytes.TrimLeft(line, " ")
		ind := len(line) - len(trimmed)
		if len(trimmed) > 0 && trimmed[0] == '\t' {
			return sec, "a line is indented with a tab"
		}
		blank := len(trimmed) == 0 || trimmed[0] == '#'
		switch {
		case !found:
			if bytes.HasPrefix(line, []byte("---")) || bytes.HasPrefix(line, []byte("...")) {
				return sec, "it has document markers"
			}
			if isEventsKey(line) {
				found = true
				sec.first = k + 1
				sec.end = lines.count()
			}
		case blank:
		case indent < 0:
			if !isItemStart(trimmed) {
				return sec, "the events are not a block list"
			}
			indent = ind
			sec.items = append(sec.items, k)
		case ind == indent && isItemStart(trimmed):
			sec.items = append(sec.items, k)
		case ind <= indent:
			if ind != 0 || bytes.HasPrefix(trimmed, []byte("-")) {
				return sec, "the events list is not followed by a top-level field"
			}
			// The next top-level key ends the list; no second "events:".
			sec.end = k
			for j := k; j < lines.count(); j++ {
				l := lines.text(data, j)
				if isEventsKey(l) || bytes.HasPrefix(l, []byte("---")) || bytes.HasPrefix(l, []byte("\t")) {
					return sec, "it has a second events field, a document marker or a tab after the list"
				}
			}
			if len(sec.items) == 0 {
				return sec, "the events list is empty"
			}
			return sec, ""
		}
	}
	switch {
	case !found:
		return sec, "it has no top-level events line"
	case len(sec.items) == 0:
		return sec, "the events list is empty"
	}
	return sec, ""
}

// isEventsKey reports whether line is a top-level events key with nothing
// after it but a comment: events:, or the key quoted, "events": or
// 'events': (the same key; eventsKeyAt then checks that the parse of the
// top level reads it so).
func isEventsKey(line []byte) bool {
	var rest []byte
	ok := false
	for _, key := range []string{"events:", `"events":`, "'events':"} {
		if rest, ok = bytes.CutPrefix(line, []byte(key)); ok {
			break
		}
	}
	if !ok {
		return false
	}
	rest = bytes.TrimSpace(rest)
	return len(rest) == 0 || rest[0] == '#'
}

func isItemStart(trimmed []byte) bool {
	return len(trimmed) > 0 && trimmed[0] == '-' && (len(trimmed) == 1 || trimmed[1] == ' ')
}

// fileText is the text being loaded. From a file (at is not nil), a
// chunked load lets go of data once it has found its chunks and reads each
// again from the file: the 33 MB of a 100,000-event file are then not in
// memory beside its events. size is the text's length, and info what the
// file was when it was read, for telling whether it changed since.
type fileText struct {
	data []byte
	size int
	at   FileAt
	info fs.FileInfo
}

// FileAt is an open file a load may read parts of again: an *os.File.
type FileAt interface {
	io.ReaderAt
	Stat() (fs.FileInfo, error)
}

// release lets go of the text when it can be read again.
func (t *fileText) release() {
	if t.at != nil && t.info != nil {
		t.data = nil
	}
}

// slice is the text's bytes [lo, hi).
func (t *fileText) slice(lo, hi int) ([]byte, error) {
	if t.data != nil {
		return t.data[lo:hi], nil
	}
	b := make([]byte, hi-lo)
	if _, err := t.at.ReadAt(b, int64(lo)); err != nil {
		return nil, err
	}
	return b, nil
}

// whole is the whole text, read again if it was let go.
func (t *fileText) whole() ([]byte, error) {
	if t.data != nil {
		return t.data, nil
	}
	return t.slice(0, t.size)
}

// changed reports whether the file is no longer what was read: its size
// or its time differ (a file saved in place while it loaded). Parts read
// again of it then may not fit together.
func (t *fileText) changed() bool {
	if t.at == nil || t.info == nil {
		return false
	}
	now, err := t.at.Stat()
	return err != nil || now.Size() != t.info.Size() || !now.ModTime().Equal(t.info.ModTime())
}
