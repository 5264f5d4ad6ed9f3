package itinerary

import (
	"bytes"
	"iter"
	"runtime"

	"gopkg.in/yaml.v3"
)

// chunkThreshold is the file size from which Load parses the events list in
// chunks. A yaml.Node tree costs about thirty times the size of its text, so
// a 30 MB file parsed whole peaks above a gigabyte; in chunks, only the
// chunks being parsed are in memory, and they are parsed on every core.
const chunkThreshold = 1 << 20

// eventsPerChunk is how many event items one chunk holds.
const eventsPerChunk = 1000

// loadChunked loads data by parsing the top level without the items of the
// events list, then the items in chunks, in parallel, and walking them in
// file order. It applies only to the common shape: a block mapping whose
// "events:" key is at column 1 with a block list under it. It returns a nil
// itinerary, and Load parses the whole file as usual, when the file has
// another shape or any chunk does not parse on its own (an alias to an
// anchor elsewhere, a syntax error: the whole parse reports those right).
func loadChunked(data []byte, progress func(done, total int)) (*loader, *Itinerary) {
	lines := lineStarts(data)
	sec, ok := findEventsSection(data, lines)
	if !ok {
		return nil, nil
	}
	// The top level with the items blanked out, so that line numbers stay.
	head := make([]byte, 0, lines[sec.first]+(sec.end-sec.first)+len(data)-lineStart(lines, data, sec.end))
	head = append(head, data[:lines[sec.first]]...)
	head = append(head, bytes.Repeat([]byte{'\n'}, sec.end-sec.first)...)
	head = append(head, data[lineStart(lines, data, sec.end):]...)
	root, _, ok := parseYAML(head)
	if !ok {
		return nil, nil
	}

	// Chunks of items, parsed by a worker per core, a few chunks ahead.
	type chunk struct {
		items []*yaml.Node
		ok    bool
	}
	var bounds [][2]int // first item line, line after the last
	for k := 0; k < len(sec.items); k += eventsPerChunk {
		end := sec.end
		if k+eventsPerChunk < len(sec.items) {
			end = sec.items[k+eventsPerChunk]
		}
		bounds = append(bounds, [2]int{sec.items[k], end})
	}
	results := make([]chan chunk, len(bounds))
	for k := range results {
		results[k] = make(chan chunk, 1)
	}
	workers := max(runtime.GOMAXPROCS(0), 1)
	next := make(chan int, len(bounds))
	for k := range bounds {
		next <- k
	}
	close(next)
	stop := make(chan struct{})
	ahead := make(chan struct{}, 2*workers) // bounds the chunks parsed but not yet walked
	for w := 0; w < workers; w++ {
		go func() {
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
					<-ahead
					return
				}
				b := bounds[k]
				text := data[lines[b[0]]:lineStart(lines, data, b[1])]
				items, ok := parseChunk(text, b[0])
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
				progress(min((k+1)*eventsPerChunk, len(sec.items)), len(sec.items))
			}
		}
	}
	l := &loader{}
	it := l.itinerary(root, iter.Seq[*yaml.Node](items))
	close(stop)
	if failed {
		return nil, nil
	}
	return l, it
}

// parseChunk parses the text of consecutive list items whose first line is
// line first (0-based) of the file, and moves every node to its line in the
// file.
func parseChunk(text []byte, first int) (items []*yaml.Node, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
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
	end   int // the line after the list (len(lines) at the end of the file)
	items []int
}

// findEventsSection finds a top-level "events:" line followed by a block
// list, and the lines where its items start.
func findEventsSection(data []byte, lines []int) (eventsSection, bool) {
	var sec eventsSection
	found := false
	indent := -1
	for k := range lines {
		line := lineText(data, lines, k)
		trimmed := bytes.TrimLeft(line, " ")
		ind := len(line) - len(trimmed)
		blank := len(trimmed) == 0 || trimmed[0] == '#'
		switch {
		case !found:
			if bytes.HasPrefix(line, []byte("---")) || bytes.HasPrefix(line, []byte("...")) {
				return sec, false // several documents: leave it to the whole parse
			}
			if isEventsKey(line) {
				found = true
				sec.first = k + 1
				sec.end = len(lines)
			}
		case blank:
		case indent < 0:
			if !isItemStart(trimmed) {
				return sec, false // not a block list
			}
			indent = ind
			sec.items = append(sec.items, k)
		case ind == indent && isItemStart(trimmed):
			sec.items = append(sec.items, k)
		case ind <= indent && !(ind == indent && isItemStart(trimmed)):
			if ind != 0 || bytes.HasPrefix(trimmed, []byte("-")) {
				return sec, false
			}
			// The next top-level key ends the list; no second "events:".
			sec.end = k
			for j := k; j < len(lines); j++ {
				if isEventsKey(lineText(data, lines, j)) || bytes.HasPrefix(lineText(data, lines, j), []byte("---")) {
					return sec, false
				}
			}
			return sec, len(sec.items) > 0
		}
	}
	return sec, found && len(sec.items) > 0
}

func isEventsKey(line []byte) bool {
	rest, ok := bytes.CutPrefix(line, []byte("events:"))
	if !ok {
		return false
	}
	rest = bytes.TrimSpace(rest)
	return len(rest) == 0 || rest[0] == '#'
}

func isItemStart(trimmed []byte) bool {
	return len(trimmed) > 0 && trimmed[0] == '-' && (len(trimmed) == 1 || trimmed[1] == ' ')
}

// lineStarts returns the byte offset where each line starts.
func lineStarts(data []byte) []int {
	starts := make([]int, 0, bytes.Count(data, []byte{'\n'})+1)
	starts = append(starts, 0)
	for i, c := range data {
		if c == '\n' && i+1 < len(data) {
			starts = append(starts, i+1)
		}
	}
	return starts
}

func lineStart(lines []int, data []byte, k int) int {
	if k >= len(lines) {
		return len(data)
	}
	return lines[k]
}

// lineText is line k without its line break (and a trailing CR).
func lineText(data []byte, lines []int, k int) []byte {
	end := lineStart(lines, data, k+1)
	line := data[lines[k]:end]
	line = bytes.TrimSuffix(line, []byte{'\n'})
	return bytes.TrimSuffix(line, []byte{'\r'})
}
