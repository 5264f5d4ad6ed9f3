package itinerary

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxProblems is how many problems a LoadError lists before it says how many
// more there were.
const MaxProblems = 50

// Problem is one thing wrong with (or worth a warning in) an itinerary file.
// Line and Column are 1-based; zero means the position is not known.
type Problem struct {
	Line    int
	Column  int
	Message string
	Warning bool
	// File is the file the problem is in when that is not the one it is
	// reported for (an event of an itinerary gathered from several
	// files), else "".
	File string
}

// Format renders the problem in the compilers' form FILE:LINE:COLUMN: message,
// leaving out the parts of the position that are not known; FILE is the
// problem's own File when it has one, else file.
func (p Problem) Format(file string) string {
	var b strings.Builder
	if p.File != "" {
		file = p.File
	}
	b.WriteString(QuoteName(file))
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
		if p.Column > 0 {
			fmt.Fprintf(&b, ":%d", p.Column)
		}
	}
	b.WriteString(": ")
	if p.Warning {
		b.WriteString("warning: ")
	}
	// Values are escaped where the message is made (see value); this
	// catches any text that came another way, such as the YAML library's.
	b.WriteString(CleanLine(p.Message))
	return b.String()
}

// LoadError is every problem that kept a file from loading, sorted by position.
type LoadError struct {
	File     string
	Problems []Problem
	// Omitted counts the problems found past maxCollected, which are
	// counted but not kept.
	Omitted int
}

// maxCollected is how many errors, and how many warnings, one load keeps;
// past it they are only counted, so that a file of a million bad
// references costs no memory for their messages.
const maxCollected = 10_000

// Error returns the problems one per line, capped at MaxProblems.
func (e *LoadError) Error() string {
	return strings.Join(e.Lines(), "\n")
}

// Lines returns the problems formatted one per line, capped at MaxProblems,
// with a closing line that counts the ones left out.
func (e *LoadError) Lines() []string {
	return formatProblems(e.File, e.Problems, e.Omitted)
}

// FormatProblems formats problems one per line, capped at MaxProblems.
func FormatProblems(file string, problems []Problem) []string {
	return formatProblems(file, problems, 0)
}

func formatProblems(file string, problems []Problem, omitted int) []string {
	n := min(len(problems), MaxProblems)
	lines := make([]string, 0, n+1)
	for _, p := range problems[:n] {
		lines = append(lines, p.Format(file))
	}
	if rest := len(problems) - n + omitted; rest > 0 {
		lines = append(lines, fmt.Sprintf("%s: and %d more problems", QuoteName(file), rest))
	}
	return lines
}

// sortProblems sorts problems by position and drops exact repeats (an
// alias used in several places reports once).
func sortProblems(ps []Problem) []Problem {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].Line != ps[j].Line {
			return ps[i].Line < ps[j].Line
		}
		return ps[i].Column < ps[j].Column
	})
	out := ps[:0]
	for i, p := range ps {
		if i > 0 && p == ps[i-1] {
			continue
		}
		out = append(out, p)
	}
	return out
}

// MaxQuoted is how many characters of a value a message quotes; a longer
// value is cut, with "…" and its size.
const MaxQuoted = 80

// value is how every value from a file reaches a message (the loader's
// errorf turns each string argument into one): cut to MaxQuoted
// characters, with control characters, escape sequences, C1 controls,
// bidirectional controls, invalid UTF-8 and the characters of uncertain
// width written as visible escapes (\x1b, \a, \u202e), so that the reader
// sees what is wrong and the terminal receives none of it. With %q it is
// quoted as Go quotes strings; with %s it is written without quotes.
type value string

// Format implements fmt.Formatter.
func (v value) Format(f fmt.State, verb rune) {
	s := string(v)
	cut := ""
	if len(s) > 4*MaxQuoted || utf8.RuneCountInString(s) > MaxQuoted {
		n := 0
		for i := range s {
			if n == MaxQuoted-1 {
				s = s[:i]
				break
			}
			n++
		}
		cut = fmt.Sprintf("… (%s)", byteSize(int64(len(v))))
	}
	quote := verb == 'q'
	if quote {
		io.WriteString(f, `"`)
	}
	io.WriteString(f, escape(s, quote))
	io.WriteString(f, cut)
	if quote {
		io.WriteString(f, `"`)
	}
}

// escape writes s with what a terminal must not receive as Go escapes, and
// with quotes and backslashes escaped too when quoted.
func escape(s string, quoted bool) string {
	var b strings.Builder
	prev := rune(0)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			fmt.Fprintf(&b, "\\x%02x", s[i])
		case quoted && (r == '"' || r == '\\'):
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte(' ')
		case !unicode.IsPrint(r) || isBidiControl(r) || widthTrouble(r, prev):
			q := strconv.QuoteRuneToASCII(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteRune(r)
		}
		prev = r
		i += size
	}
	return b.String()
}

// Quote is a value from a file as a message quotes it (see value).
func Quote(s string) string {
	return fmt.Sprintf("%q", value(s))
}

// QuoteName is a file name as messages show it: as it is when it is plain
// printable text without spaces or quotes, else in double quotes with
// escapes, as Go's %q writes it (control characters, escape sequences,
// bidirectional controls and invalid UTF-8 all become visible escapes).
func QuoteName(name string) string {
	plain := name != ""
	prev := rune(0)
	for _, r := range name {
		if r == utf8.RuneError || r == ' ' || r == '"' || r == '\\' || r == '\'' || !unicode.IsPrint(r) || isBidiControl(r) || widthTrouble(r, prev) {
			plain = false
			break
		}
		prev = r
	}
	if plain {
		return name
	}
	return `"` + escape(name, true) + `"`
}

// suggestion bounds: "did you mean" compares only short values with short
// candidates, and at most maxCompared candidates a value.
const (
	maxSuggestLen = 64
	maxCompared   = 1000
)

// suggest returns the candidate closest to s when it is close enough to be a
// likely typo, or "". It allocates nothing per candidate: a file with
// thousands of unknown references among thousands of ids stays fast.
func suggest(s string, candidates []string) string {
	var bufA, bufB [maxSuggestLen]rune
	a, ok := lowerRunes(s, bufA[:0])
	if !ok {
		return ""
	}
	limit := 2
	if len(a) <= 3 {
		limit = 1
	}
	best, bestDist := "", limit+1
	for k, c := range candidates {
		if k == maxCompared {
			break
		}
		if n := utf8.RuneCountInString(c); n-len(a) > limit || len(a)-n > limit {
			continue
		}
		b, ok := lowerRunes(c, bufB[:0])
		if !ok {
			continue
		}
		if d := boundedDistance(a, b, limit); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// lowerRunes appends the lower-cased runes of s to buf, or reports false
// when s is longer than maxSuggestLen runes.
func lowerRunes(s string, buf []rune) ([]rune, bool) {
	for _, r := range s {
		if len(buf) == maxSuggestLen {
			return nil, false
		}
		buf = append(buf, unicode.ToLower(r))
	}
	return buf, true
}

// boundedDistance is the Levenshtein distance between a and b (each at
// most maxSuggestLen runes) when it is at most limit, else limit+1; it
// gives up as soon as the distance must exceed limit.
func boundedDistance(a, b []rune, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	var rows [2][maxSuggestLen + 1]int
	prev, cur := rows[0][:len(b)+1], rows[1][:len(b)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], limit+1)
}

// quoteList renders names as "a, b, c", shortened to max entries.
func quoteList(names []string, max int) string {
	if len(names) == 0 {
		return "none"
	}
	if len(names) > max {
		return strings.Join(names[:max], ", ") + fmt.Sprintf(", ... (%d in all)", len(names))
	}
	return strings.Join(names, ", ")
}

// CheckWarnings is every warning about the itinerary, as --check reports
// them: the load's (times in a clock change) and the overlaps, in one list
// sorted by position. The lines that count warnings left out, which have
// no position, come last.
func (it *Itinerary) CheckWarnings() []Problem {
	ws := slices.Concat(it.Warnings, it.OverlapWarnings())
	slices.SortStableFunc(ws, func(a, b Problem) int {
		if (a.Line == 0) != (b.Line == 0) {
			if a.Line == 0 {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
	return ws
}

// Suggest returns the candidate closest to s when it is close enough to be
// a likely typo, or "": the "did you mean" of every positioned problem,
// for other files' readers (the config file's).
func Suggest(s string, candidates []string) string { return suggest(s, candidates) }
