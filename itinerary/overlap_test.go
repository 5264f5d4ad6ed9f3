package itinerary

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
)

// TestOverlapSweepMatchesPairs checks the sweep's counts and names against
// every pair, on random events with ties, zero-length and cancelled ones.
func TestOverlapSweepMatchesPairs(t *testing.T) {
	for seed := int64(1); seed <= 20; seed++ {
		r := rand.New(rand.NewSource(seed))
		var b strings.Builder
		b.WriteString(header + "people: [{id: a, name: A}, {id: b, name: B}, {id: c, name: C}]\nevents:\n")
		for k := 0; k < 60; k++ {
			start := r.Intn(40)
			length := []int{0, 0, 1, 5, 10, 30}[r.Intn(6)]
			ppl := []string{"a", "b", "c"}[:1+r.Intn(3)]
			status := "confirmed"
			if r.Intn(10) == 0 {
				status = "cancelled"
			}
			fmt.Fprintf(&b, "  - {id: e%d, title: E%d, start: \"2024-01-26 %02d:%02d\", duration: %dm, status: %s, participants: [%s]}\n",
				k, k, 9+start/60, start%60, length, status, strings.Join(ppl, ", "))
		}
		it := mustLoad(t, b.String())
		for i := range it.Events {
			want := 0
			wantNamed := map[Overlap]bool{}
			for j := range it.Events {
				if j == i || !overlapping(&it.Events[i], &it.Events[j]) {
					continue
				}
				for _, p := range it.Events[i].Participants {
					for _, q := range it.Events[j].Participants {
						if p == q {
							want++
							wantNamed[Overlap{Person: p, Other: j}] = true
						}
					}
				}
			}
			if got := it.OverlapCount(i); got != want {
				t.Fatalf("seed %d: event %s has %d overlaps, want %d", seed, it.Events[i].ID, got, want)
			}
			named := it.Overlaps(i)
			if len(named) != min(want, MaxNamedOverlaps) {
				t.Fatalf("seed %d: event %s names %d overlaps of %d", seed, it.Events[i].ID, len(named), want)
			}
			for _, o := range named {
				if !wantNamed[o] {
					t.Fatalf("seed %d: event %s names %v, which is no overlap", seed, it.Events[i].ID, o)
				}
			}
			for _, p := range it.Events[i].Participants {
				has := false
				for o := range wantNamed {
					has = has || o.Person == p
				}
				if it.PersonOverlaps(p, i) != has {
					t.Fatalf("seed %d: PersonOverlaps(%d, %s) = %v", seed, p, it.Events[i].ID, !has)
				}
			}
		}
	}
}
