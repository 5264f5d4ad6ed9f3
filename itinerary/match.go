package itinerary

import (
	"sort"
	"strings"
)

// personText is a person's fields folded for matching.
type personText struct {
	id, role, org string
	// names are the forms of the person's name: the name, the native name,
	// its romanisation and each alias.
	names []nameForm
}

// nameForm is one way of writing a name, folded, prepared for matching in
// any word order and without separators.
type nameForm struct {
	folded string   // as written, folded
	words  []string // its words without separators
	// orders are the words run together from each word in turn ("leeseoyeon",
	// "seoyeonlee"), so that a family name may come first or last.
	orders []string
}

func newNameForm(s string) nameForm {
	f := nameForm{folded: Fold(s)}
	for _, w := range strings.Fields(f.folded) {
		if w = compactName(w); w != "" {
			f.words = append(f.words, w)
		}
	}
	for i := range f.words {
		var b strings.Builder
		for k := range f.words {
			b.WriteString(f.words[(i+k)%len(f.words)])
		}
		f.orders = append(f.orders, b.String())
	}
	return f
}

// nameForms lists the forms of person p's name that a typed name matches.
func nameForms(p *Person) []nameForm {
	forms := []nameForm{newNameForm(p.Name)}
	if p.Native != "" {
		forms = append(forms, newNameForm(p.Native))
		if rr, ok := Romanize(p.Native); ok {
			forms = append(forms, newNameForm(rr))
		}
	}
	for _, a := range p.Aliases {
		forms = append(forms, newNameForm(a))
		if rr, ok := Romanize(a); ok {
			forms = append(forms, newNameForm(rr))
		}
	}
	return forms
}

// typedName is a name as typed, prepared as a nameForm is.
type typedName struct {
	folded  string
	words   []string
	compact string
}

func newTypedName(q string) typedName {
	f := newNameForm(q)
	return typedName{folded: f.folded, words: f.words, compact: strings.Join(f.words, "")}
}

// whole reports whether t is the name in some word order.
func (f *nameForm) whole(t *typedName) bool {
	if f.folded == t.folded {
		return true
	}
	for _, o := range f.orders {
		if o == t.compact {
			return true
		}
	}
	return false
}

// prefix reports whether the name, in some word order, starts with t, or
// each word of t starts a word of the name.
func (f *nameForm) prefix(t *typedName) bool {
	if wordPrefix(f.folded, t.folded) {
		return true
	}
	for _, o := range f.orders {
		if strings.HasPrefix(o, t.compact) {
			return true
		}
	}
	if len(t.words) == 0 {
		return false
	}
	for _, w := range t.words {
		found := false
		for _, fw := range f.words {
			if strings.HasPrefix(fw, w) {
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

// part reports whether t is somewhere in the name.
func (f *nameForm) part(t *typedName) bool {
	if strings.Contains(f.folded, t.folded) {
		return true
	}
	for _, o := range f.orders {
		if strings.Contains(o, t.compact) {
			return true
		}
	}
	return false
}

// PersonMatch is one person matching a typed name, with how well it matches.
type PersonMatch struct {
	Person int
	Score  int
}

// Match scores. Higher is better; the picker lists matches by score, then
// by order in the file.
const (
	scoreID         = 100
	scoreName       = 90
	scoreWordPrefix = 70
	scoreNamePart   = 50
	scoreIDPart     = 40
	scoreOrgOrRole  = 20
	scoreEveryone   = 1
)

// MatchPeople ranks the people matching q by id, name (native name, its
// romanisation, aliases), organisation and role. Text is compared folded
// (see Fold); in a name, hyphens, apostrophes and full stops may be left
// out and the words may come in any order ("seoyeon lee" is "Lee
// Seo-yeon"). An empty q matches everyone in file order.
func (it *Itinerary) MatchPeople(q string) []PersonMatch {
	q = strings.TrimSpace(Fold(q))
	t := newTypedName(q)
	out := make([]PersonMatch, 0, len(it.People))
	for i := range it.People {
		if s := it.matchPerson(i, q, &t); s > 0 {
			out = append(out, PersonMatch{Person: i, Score: s})
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Score > out[b].Score })
	return out
}

// matchPerson scores person i against the folded query q (t, prepared).
func (it *Itinerary) matchPerson(i int, q string, t *typedName) int {
	pt := &it.personText[i]
	names := func(match func(*nameForm, *typedName) bool) bool {
		for k := range pt.names {
			if match(&pt.names[k], t) {
				return true
			}
		}
		return false
	}
	switch {
	case q == "":
		return scoreEveryone
	case pt.id == q:
		return scoreID
	case names((*nameForm).whole):
		return scoreName
	case names((*nameForm).prefix):
		return scoreWordPrefix
	case names((*nameForm).part):
		return scoreNamePart
	case strings.Contains(pt.id, q):
		return scoreIDPart
	case strings.Contains(pt.org, q) || strings.Contains(pt.role, q):
		return scoreOrgOrRole
	}
	return 0
}

// wordPrefix reports whether some word of s starts with q.
func wordPrefix(s, q string) bool {
	for i := 0; i < len(s); {
		if strings.HasPrefix(s[i:], q) {
			return true
		}
		j := strings.IndexAny(s[i:], " -")
		if j < 0 {
			return false
		}
		i += j + 1
	}
	return false
}

// PersonError is an unknown or ambiguous person given on the command line.
type PersonError struct {
	Query      string
	Candidates []int // the people who matched, or everyone when none did
	Ambiguous  bool
	// ByOrgOrRole says the candidates matched only by organisation or role.
	ByOrgOrRole bool
}

func (e *PersonError) Error() string {
	return e.Query
}

// ResolvePerson finds the one person q names, matching as MatchPeople (the
// people picker) does, level by level: an id, else a whole name or native
// name (an id wins over a name); else a word start or part of a name or
// native name, or part of an id; else part of an organisation or role. The
// first level anyone matches at decides: one person there is the answer,
// several are ambiguous, so that "jung" is not taken to mean one of two
// people whose names contain it.
func (it *Itinerary) ResolvePerson(q string) (int, error) {
	level := func(score int) int {
		switch {
		case score >= scoreName:
			return score
		case score > scoreOrgOrRole:
			return scoreIDPart
		}
		return scoreOrgOrRole
	}
	if strings.TrimSpace(Fold(q)) != "" {
		if ms := it.MatchPeople(q); len(ms) > 0 {
			top := level(ms[0].Score)
			var best []int
			for _, m := range ms {
				if level(m.Score) == top {
					best = append(best, m.Person)
				}
			}
			if len(best) == 1 {
				return best[0], nil
			}
			return -1, &PersonError{Query: q, Candidates: best, Ambiguous: true, ByOrgOrRole: top == scoreOrgOrRole}
		}
	}
	all := make([]int, len(it.People))
	for i := range all {
		all[i] = i
	}
	return -1, &PersonError{Query: q, Candidates: all}
}
