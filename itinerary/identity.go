package itinerary

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// Identity returns the slug that names the itinerary in exported
// identifiers: its own id, else one derived from its title ("Trip to
// Seoul, 2025" → "trip-to-seoul-2025"). A title with no letters or digits
// in ASCII gets "itinerary-" and a hash of the title.
func (it *Itinerary) Identity() string {
	if it.ID != "" {
		return it.ID
	}
	if s := Slugify(it.Title); s != "" {
		return s
	}
	return "itinerary-" + shortHash(it.Title)
}

// Slugify lowercases s and keeps its ASCII letters and digits, joining the
// runs of them with "-". It returns "" when s has none.
func Slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	out := b.String()
	if len(out) > 64 {
		out = strings.TrimRight(out[:64], "-")
	}
	return out
}

// ContentKey identifies event i by what it says, not where it is: its id
// when it has one, else a hash of its title and start instant. Two events
// with the same title and start and no id get the same key; callers that
// need unique keys number the repeats.
func (it *Itinerary) ContentKey(i int) string {
	e := &it.Events[i]
	if e.ID != "" {
		return e.ID
	}
	start := e.Start.UTC().Format(time.RFC3339)
	switch {
	case e.AllDay:
		start = e.Date.Format("2006-01-02")
	case e.Floating:
		start = e.Start.In(e.Zone).Format("2006-01-02T15:04:05") // the same wall clock for every viewer
	}
	return "h" + shortHash(e.Title+"\x00"+start)
}

func shortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:8])
}

// IDs hands out ids unique among those it gave: an id the first time it is
// asked for, then id-2, id-3, …; it remembers the next number to try for
// each id, so that many of the same cost no more than one each.
type IDs struct {
	taken map[string]bool
	next  map[string]int
}

// Unique is id, or id with the first free "-N" after it, now taken.
func (s *IDs) Unique(id string) string {
	if s.taken == nil {
		s.taken, s.next = map[string]bool{}, map[string]int{}
	}
	u := id
	n := max(s.next[id], 2)
	for ; s.taken[u]; n++ {
		u = id + "-" + strconv.Itoa(n)
	}
	s.next[id] = n
	s.taken[u] = true
	return u
}
