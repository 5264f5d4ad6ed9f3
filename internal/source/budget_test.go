package source

import (
	"runtime/debug"
	"testing"
)

// TestMemoryBudget: a load lowers the memory limit to its budget and puts
// it back; loads at once share the largest budget; a limit already lower
// is kept.
func TestMemoryBudget(t *testing.T) {
	before := debug.SetMemoryLimit(600 << 20)
	defer debug.SetMemoryLimit(before)
	small, big := 1<<20, 30<<20
	want := func(what string, limit int64) {
		t.Helper()
		if got := debug.SetMemoryLimit(-1); got != limit {
			t.Errorf("%s: the limit is %d, want %d", what, got, limit)
		}
	}
	doneBig := memoryBudget(big)
	want("one load", loadFloor+int64(loadPerByte*float64(big)))
	doneSmall := memoryBudget(small)
	want("two loads", loadFloor+int64(loadPerByte*float64(big)))
	doneBig()
	want("the small load left", loadFloor+int64(loadPerByte*float64(small)))
	doneSmall()
	want("no load", 600<<20)

	debug.SetMemoryLimit(10 << 20)
	memoryBudget(big)()
	want("a lower limit", 10<<20)
}
