package itinerary

import (
	"fmt"
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
}

// Format renders the problem in the compilers' form FILE:LINE:COLUMN: message,
// leaving out the parts of the position that are not known.
func (p Problem) Format(file string) string {
	var b strings.Builder
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
	// Values are cleaned where the message is made (see safeArg); this
	// catches any text that came another way, such as the YAML library's.
	b.WriteString(CleanLine(p.Message))
	return b.String()
}

// LoadError is every problem that kept a file from loading, sorted by position.
type LoadError struct {
	File     string
	Problems []Problem
}

// Error returns the problems one per line, capped at MaxProblems.
func (e *LoadError) Error() string {
	return strings.Join(e.Lines(), "\n")
}

// Lines returns the problems formatted one per line, capped at MaxProblems,
// with a closing line that counts the ones left out.
func (e *LoadError) Lines() []string {
	return FormatProblems(e.File, e.Problems)
}

// FormatProblems formats problems one per line, capped at MaxProblems.
func FormatProblems(file string, problems []Problem) []string {
	n := min(len(problems), MaxProblems)
	lines := make([]string, 0, n+1)
	for _, p := range problems[:n] {
		lines = append(lines, p.Format(file))
	}
	if rest := len(problems) - n; rest > 0 {
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
// value is cut, with "…" and its length.
const MaxQuoted = 80

// safeArg is how every value from a file reaches a message: control
// characters, escape sequences and bidirectional controls removed (as
// Clean does), on one line, and cut to MaxQuoted characters. The loader's
// errorf applies it to each string argument.
func safeArg(s string) string {
	if len(s) > 4*MaxQuoted {
		// Clean only what can be shown: a 50 MB value costs no more than
		// a short one.
		cut := 4 * MaxQuoted
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		return shorten(CleanLine(s[:cut]), len(s))
	}
	return shorten(CleanLine(s), len(s))
}

func shorten(s string, size int) string {
	if utf8.RuneCountInString(s) <= MaxQuoted && size <= 4*MaxQuoted {
		return s
	}
	n := 0
	for i := range s {
		if n == MaxQuoted-1 {
			s = s[:i]
			break
		}
		n++
	}
	return s + fmt.Sprintf("… (%s)", byteSize(int64(size)))
}

// Quote is a value from a file as a message quotes it: cleaned, cut to
// MaxQuoted characters, in double quotes.
func Quote(s string) string {
	return strconv.Quote(safeArg(s))
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
	var b strings.Builder
	b.WriteByte('"')
	prev = 0
	for i := 0; i < len(name); {
		r, size := utf8.DecodeRuneInString(name[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			fmt.Fprintf(&b, "\\x%02x", name[i])
		case r == '"' || r == '\\':
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
	b.WriteByte('"')
	return b.String()
}

// suggestion bounds: "did you mean" compares only short values with short
// candidates, and at most maxCompared candidates a value.
const (
	maxSuggestLen = 64
	maxCompared   = 1000
)

// suggest returns the candidate closest to s when it is close enough to be a
// likely typo, or "".
func suggest(s string, candidates []string) string {
	if len(s) > 4*maxSuggestLen || utf8.RuneCountInString(s) > maxSuggestLen {
		return ""
	}
	best, bestDist := "", 0
	limit := 2
	if utf8.RuneCountInString(s) <= 3 {
		limit = 1
	}
	ls := []rune(strings.ToLower(s))
	for k, c := range candidates {
		if k == maxCompared {
			break
		}
		if len(c) > 4*maxSuggestLen {
			continue
		}
		d := boundedDistance(ls, []rune(strings.ToLower(c)), limit)
		if d <= limit && (best == "" || d < bestDist) {
			best, bestDist = c, d
		}
	}
	return best
}

// boundedDistance is the Levenshtein distance between a and b, in runes,
// when it is at most limit, else limit+1; it gives up as soon as the
// distance must exceed limit.
func boundedDistance(a, b []rune, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
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
	return prev[len(b)]
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
