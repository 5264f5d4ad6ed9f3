package itinerary

import (
	"strings"
)

// Query is a parsed search: every word must appear in an event's text,
// every @person term must name someone in it, and no !word may appear.
type Query struct {
	// Text is the query as typed.
	Text string
	// Words must all appear (folded) in the event's search text.
	Words []string
	// Not must not appear.
	Not []string
	// People holds, for each @term, the people it matches; an event must
	// have one of them for each term.
	People [][]int
	// PersonTerms are the @terms as typed, without the @.
	PersonTerms []string
}

// Empty reports whether the query matches everything.
func (q Query) Empty() bool {
	return len(q.Words) == 0 && len(q.Not) == 0 && len(q.People) == 0 && len(q.PersonTerms) == 0
}

// ParseQuery parses a search: words separated by spaces; "@name" is a person
// term matched like the people picker; "!word" excludes. A lone "@" or "!"
// is ignored while it is being typed.
func (it *Itinerary) ParseQuery(s string) Query {
	q := Query{Text: s}
	for _, w := range strings.Fields(Fold(s)) {
		switch {
		case strings.HasPrefix(w, "@"):
			name := strings.TrimPrefix(w, "@")
			if name == "" {
				continue
			}
			var ps []int
			for _, m := range it.MatchPeople(name) {
				ps = append(ps, m.Person)
			}
			q.People = append(q.People, ps)
			q.PersonTerms = append(q.PersonTerms, name)
		case strings.HasPrefix(w, "!"):
			if w = strings.TrimPrefix(w, "!"); w != "" {
				q.Not = append(q.Not, w)
			}
		default:
			q.Words = append(q.Words, w)
		}
	}
	return q
}

// Narrows reports whether every event q matches is also matched by prev, so
// a search can start from prev's result (the query only grew).
func (q Query) Narrows(prev Query) bool {
	if len(prev.People) > 0 || len(prev.Not) > 0 || len(q.People) > 0 || len(q.Not) > 0 {
		return false
	}
	if len(q.Words) < len(prev.Words) {
		return false
	}
	for i, w := range prev.Words {
		if !strings.Contains(q.Words[i], w) {
			return false
		}
	}
	return true
}

// longestWord is the word a scan looks for first: the longest is the
// rarest, as a rule.
func (q *Query) longestWord() string {
	best := ""
	for _, w := range q.Words {
		if len(w) > len(best) {
			best = w
		}
	}
	return best
}

func (q *Query) matches(it *Itinerary, i int) bool {
	it.searchIndex()
	text := it.search[i]
	for _, w := range q.Words {
		if !strings.Contains(text, w) {
			return false
		}
	}
	for _, w := range q.Not {
		if strings.Contains(text, w) {
			return false
		}
	}
	for _, ps := range q.People {
		found := false
		for _, p := range ps {
			if it.attends(i, p) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
