package itinerary

import "gopkg.in/yaml.v3"

// Limits on what one file may hold. Each is checked before the work it
// bounds (suggestions, time parsing, overlaps, the index), counts aliases
// as the copies they stand for, and is reported as a positioned error.
const (
	// MaxEvents is the most events an itinerary may list.
	MaxEvents = 200_000
	// MaxPeople is the most people (and orgs, and sources) it may define.
	MaxPeople = 20_000
	// MaxPerEvent is the most participants, topics or sources one event
	// may list.
	MaxPerEvent = 1_000
	// MaxParticipations is the most participants all the events may list
	// together, aliases counted each time they are used: each one costs
	// index and overlap work.
	MaxParticipations = 1_000_000
	// MaxIndent is the deepest indentation a line may have, in columns;
	// an itinerary nests four levels, a nesting bomb thousands.
	MaxIndent = 200
	// MaxLineBytes is the longest line a file may have: the YAML parser
	// reads a long line slowly, and no field needs more.
	MaxLineBytes = 2 * maxText
	// maxNodes bounds how many YAML nodes one load walks, aliases
	// included as often as they are used.
	maxNodes = 10_000_000
	// maxMerged bounds how many mappings merge keys bring in, aliases
	// counted each time: a merge is a map built, dearer than a node.
	maxMerged = 100_000
	// maxExpandedText bounds the text one load reads, aliases counted
	// each time they are used: a 60 KB note aliased by 20,000 events is
	// 1.2 GB of text to clean, fold and index.
	maxExpandedText = MaxFileSize
)

// Length limits on one value, in bytes.
const (
	maxShort = 64      // ids, kind, status, zone names, times, durations, colours
	maxLine  = 4 << 10 // titles, names, places and other one-line text
	maxText  = 64 << 10
)

// fieldLimit is the length limit of the field name.
func fieldLimit(name string) int {
	switch name {
	case "id", "kind", "status", "timezone", "start", "end", "duration", "date", "color", "org", "version",
		"participants", "sources":
		return maxShort
	case "notes", "note", "summary":
		return maxText
	}
	return maxLine
}

// tooLong reports a value of field name (what names it in the message)
// longer than its limit.
func (l *loader) tooLong(n *yaml.Node, name string, what literal, ctx string) bool {
	limit := fieldLimit(name)
	if len(n.Value) <= limit {
		return false
	}
	l.errorf(n, "%s: %s is %s long; the limit is %s", ctx, what, literal(byteSize(int64(len(n.Value)))), literal(byteSize(int64(limit))))
	return true
}

// countText adds the value of n to the text read, and stops the walk once
// that passes maxExpandedText, at the node at (the alias, where n is what
// it stands for).
func (l *loader) countText(at, n *yaml.Node) bool {
	l.textBytes += len(n.Value)
	if l.textBytes <= maxExpandedText {
		return true
	}
	l.errorf(at, "the file expands to more than %s of text (aliases count each time they are used); stopped here", literal(byteSize(maxExpandedText)))
	l.stopped = true
	return false
}

// tooMany reports a list longer than limit.
func (l *loader) tooMany(n *yaml.Node, count, limit int, what literal, ctx string) bool {
	if count <= limit {
		return false
	}
	l.errorf(n, "%s: %d %s; the limit is %d", ctx, count, what, limit)
	return true
}
