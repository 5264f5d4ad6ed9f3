package itinerary

import (
	"fmt"
	"sort"
	"strings"
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
	b.WriteString(file)
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
	b.WriteString(p.Message)
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
		lines = append(lines, fmt.Sprintf("%s: and %d more problems", file, rest))
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

// suggest returns the candidate closest to s when it is close enough to be a
// likely typo, or "".
func suggest(s string, candidates []string) string {
	best, bestDist := "", 0
	limit := 2
	if len([]rune(s)) <= 3 {
		limit = 1
	}
	ls := strings.ToLower(s)
	for _, c := range candidates {
		d := editDistance(ls, strings.ToLower(c))
		if d <= limit && (best == "" || d < bestDist) {
			best, bestDist = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
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
