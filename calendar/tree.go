package calendar

import (
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
)

// tree builds the components of the file, repairing what it can.
func (r *reader) tree(lines []string, at []int) []*component {
	n := r.nesting()
	var parsed []*property
	if !r.whole {
		parsed = parseLines(lines, at)
	}
	n.lines(lines, at, parsed)
	return n.finish()
}

// streamLines is how many lines treeStream takes at a time.
const streamLines = 1 << 14

// treeStream is tree of the lines of text, which is UTF-8 (so that its
// lines need no decoding), unfolded on a goroutine of their own a part
// at a time while the parts before are parsed and nested: the list of
// the lines of the whole file is never made. ok is false when the
// unfolding failed (it panicked); the caller then reads the file whole.
func (r *reader) treeStream(text []byte) (cals []*component, ok bool) {
	type part struct {
		lines []string
		at    []int
	}
	parts := make(chan part, 2)
	done := make(chan struct{})
	defer close(done)
	var failed atomic.Bool
	go func() {
		defer close(parts)
		defer func() {
			if recover() != nil {
				failed.Store(true)
			}
		}()
		unfoldEach(text, streamLines, func(lines []string, at []int) {
			select {
			case parts <- part{lines, at}:
			case <-done:
				panic("stopped") // the reader stopped: end the unfolding
			}
		})
	}()
	n := r.nesting()
	for p := range parts {
		n.lines(p.lines, p.at, parseLines(p.lines, p.at))
	}
	if failed.Load() {
		return nil, false
	}
	return n.finish(), true
}

// nesting starts the nesting of the components of a file.
func (r *reader) nesting() *nesting {
	n := &nesting{r: r, top: &component{}, attendees: map[*component]int{}}
	n.stack = []*component{n.top}
	return n
}

// lines nests the next lines of the file; parsed, when not nil, holds the
// property of each line but the ATTENDEE lines (parseLines).
func (n *nesting) lines(lines []string, at []int, parsed []*property) {
	r := n.r
	for i, s := range lines {
		attendee := isAttendee(s)
		if attendee && len(n.stack) > 1 && !n.countAttendee(at[i]) {
			continue
		}
		var p *property
		ok := false
		if parsed != nil && !attendee {
			p, ok = parsed[i], parsed[i] != nil
		} else {
			// ATTENDEE lines are parsed here, once counted (see parseLines)
			p, ok = parseLine(s, at[i])
		}
		if !ok {
			r.warn(at[i], "not a content line (NAME:VALUE): %q; ignored", clip(s))
			continue
		}
		switch p.Name {
		case "BEGIN":
			n.begin(p)
		case "END":
			n.end(p)
		default:
			n.property(p)
		}
	}
}

// finish warns of the components left open and chooses the calendars.
func (n *nesting) finish() []*component {
	for k := len(n.stack) - 1; k > 0; k-- {
		n.r.warn(n.stack[k].Line, "BEGIN:%s is never closed", clip(n.stack[k].Name))
	}
	return n.r.calendars(n.top)
}

// linesPerChunk is how many lines a worker of parseLines parses at a time.
const linesPerChunk = 4096

// parseLines parses the content lines on every core: each line's
// property, or nil where it is not a content line. ATTENDEE lines are left
// for tree, which parses only those within the bounds on them, so that a
// file of a million attendees costs their count, not their parse. It
// returns nil when a worker panicked: tree then parses every line itself,
// and meets the panic where Load reports it.
func parseLines(lines []string, at []int) []*property {
	parsed := make([]*property, len(lines))
	var failed atomic.Bool
	parse := func(from, to int) {
		defer func() {
			if recover() != nil {
				failed.Store(true)
			}
		}()
		for i := from; i < to; i++ {
			if !isAttendee(lines[i]) {
				parsed[i], _ = parseLine(lines[i], at[i])
			}
		}
	}
	workers := max(runtime.GOMAXPROCS(0), 1)
	if len(lines) < 2*linesPerChunk || workers == 1 {
		parse(0, len(lines))
		if failed.Load() {
			return nil
		}
		return parsed
	}
	next := make(chan int, (len(lines)+linesPerChunk-1)/linesPerChunk)
	for k := 0; k < len(lines); k += linesPerChunk {
		next <- k
	}
	close(next)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range next {
				parse(k, min(k+linesPerChunk, len(lines)))
			}
		}()
	}
	wg.Wait()
	if failed.Load() {
		return nil
	}
	return parsed
}

// nesting is the state of tree as it reads the lines: the components open
// at the current line and the ATTENDEE lines counted so far.
type nesting struct {
	r     *reader
	top   *component
	stack []*component // the open components, top first
	// outside records that a property outside any component was warned of.
	outside      bool
	attendees    map[*component]int
	allAttendees int
}

// countAttendee counts an ATTENDEE line at line before it is parsed (a
// million attendees cost their lines, not a million properties) and
// reports whether it is within the bounds and so to be read.
func (n *nesting) countAttendee(line int) bool {
	cur := n.stack[len(n.stack)-1]
	switch {
	case n.allAttendees == maxAttendeeLines:
		n.r.warn(line, "more than %d ATTENDEE lines in the file; the rest are ignored", maxAttendeeLines)
		n.allAttendees++
		return false
	case n.allAttendees > maxAttendeeLines:
		return false
	case n.attendees[cur] == maxEventAttendees:
		n.r.warn(line, "more than %d ATTENDEE lines in one component; the rest of them are ignored", maxEventAttendees)
		n.attendees[cur]++
		return false
	case n.attendees[cur] > maxEventAttendees:
		return false
	}
	n.attendees[cur]++
	n.allAttendees++
	return true
}

// begin opens the component a BEGIN line names.
func (n *nesting) begin(p *property) {
	name := strings.ToUpper(strings.TrimSpace(p.Value))
	if len(n.stack) > maxDepth {
		n.r.warn(p.Line, "BEGIN:%s nests too deeply; ignored", clip(name))
		return
	}
	if calendarPart[name] {
		n.closeParts(name, p.Line)
	}
	c := &component{Name: name, Line: p.Line}
	cur := n.stack[len(n.stack)-1]
	cur.Children = append(cur.Children, c)
	n.stack = append(n.stack, c)
}

// closeParts handles a component that only a calendar holds, name, begun
// at line inside another (a misspelt END:VTOOD): the open ones end there.
func (n *nesting) closeParts(name string, line int) {
	stack := n.stack
	j := len(stack) - 1
	for j > 0 && stack[j].Name != "VCALENDAR" && (calendarPart[stack[j].Name] || stack[j].Name == "VALARM" || stack[j].Name == "STANDARD" || stack[j].Name == "DAYLIGHT") {
		j--
	}
	if j > 0 && j < len(stack)-1 && stack[j].Name == "VCALENDAR" {
		for k := len(stack) - 1; k > j; k-- {
			n.r.warn(stack[k].Line, "BEGIN:%s is not closed before BEGIN:%s at line %d; closed there", clip(stack[k].Name), name, line)
		}
		n.stack = stack[:j+1]
	}
}

// end closes the component an END line names, and those open inside it.
func (n *nesting) end(p *property) {
	name := strings.ToUpper(strings.TrimSpace(p.Value))
	j := len(n.stack) - 1
	for j > 0 && n.stack[j].Name != name {
		j--
	}
	if j == 0 {
		n.r.warn(p.Line, "END:%s without a matching BEGIN; ignored", clip(name))
		return
	}
	for k := len(n.stack) - 1; k > j; k-- {
		n.r.warn(n.stack[k].Line, "BEGIN:%s is not closed before END:%s at line %d", clip(n.stack[k].Name), clip(name), p.Line)
	}
	n.stack = n.stack[:j]
}

// property adds a property to the open component.
func (n *nesting) property(p *property) {
	cur := n.stack[len(n.stack)-1]
	if cur == n.top {
		if !n.outside {
			n.r.warn(p.Line, "%s outside any component; ignored", clip(p.Name))
		}
		n.outside = true
		return
	}
	cur.Props = append(cur.Props, p)
}

// calendars chooses the calendars among the top components of the file.
func (r *reader) calendars(top *component) []*component {
	var cals []*component
	for _, c := range top.Children {
		if c.Name == "VCALENDAR" {
			cals = append(cals, c)
		}
	}
	if bare := r.bareCalendar(top, len(cals) > 0); bare != nil {
		cals = append(cals, bare)
	}
	// A calendar inside a calendar is read as one of its own.
	for i := 0; i < len(cals); i++ {
		for _, c := range cals[i].Children {
			if c.Name == "VCALENDAR" {
				r.warn(c.Line, "BEGIN:VCALENDAR inside a calendar; read as a calendar of its own")
				cals = append(cals, c)
			}
		}
	}
	return cals
}

// bareCalendar gathers a file of bare events (khal's, or one event a
// program stores alone) into one calendar, as other readers do, when the
// file has no calendar (hasCalendar false), and warns of the top
// components it ignores.
func (r *reader) bareCalendar(top *component, hasCalendar bool) *component {
	var bare *component
	for _, c := range top.Children {
		parts := []*component{c}
		if !calendarPart[c.Name] {
			parts = c.Children // an unknown wrapper's events
		}
		taken := false
		for _, part := range parts {
			if hasCalendar || c.Name == "VCALENDAR" || (part.Name != "VEVENT" && part.Name != "VTIMEZONE") {
				continue
			}
			if bare == nil {
				bare = &component{Name: "VCALENDAR", Line: part.Line}
				r.warn(part.Line, "BEGIN:%s without BEGIN:VCALENDAR; the file is read as a calendar of its bare components", part.Name)
			}
			bare.Children = append(bare.Children, part)
			taken = true
		}
		if c.Name != "VCALENDAR" && !taken {
			r.warn(c.Line, "BEGIN:%s outside VCALENDAR; ignored", clip(c.Name))
		}
	}
	return bare
}

// calendarPart names the components a VCALENDAR holds directly (RFC 5545
// §3.6).
var calendarPart = map[string]bool{"VEVENT": true, "VTODO": true, "VJOURNAL": true, "VFREEBUSY": true, "VTIMEZONE": true}

// Bounds on ATTENDEE lines, checked before they are parsed: of one
// component (an event lists its first maxPerEvent as participants, the
// others as people and in the invitation line), and of the file.
const (
	maxEventAttendees = 10_000
	maxAttendeeLines  = 200_000
)

// isAttendee reports whether the content line s is an ATTENDEE.
func isAttendee(s string) bool {
	const name = "ATTENDEE"
	return len(s) > len(name) && strings.EqualFold(s[:len(name)], name) && (s[len(name)] == ';' || s[len(name)] == ':')
}
