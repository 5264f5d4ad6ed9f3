package synth

import (
	"testing"

	"github.com/visitline/visitline/itinerary"
)

func TestGeneratedFilesLoad(t *testing.T) {
	for _, n := range []int{0, 1, 100, 2000} {
		it, err := itinerary.Load("synth.yaml", Generate(n, 200, 1))
		if err != nil {
			t.Fatalf("%d events: %v", n, err)
		}
		if len(it.Events) != n || len(it.People) != 200 {
			t.Errorf("%d events: got %d events, %d people", n, len(it.Events), len(it.People))
		}
	}
}
