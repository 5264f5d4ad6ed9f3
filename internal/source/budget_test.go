package source

import (
	"runtime/debug"
	"testing"
)

// TestMemoryBudget: a load lowers the memory limit to its budget above
// what is live and puts it back; loads at once share the largest budget; a
// limit already lower is kept; after Frugal the budget is tighter and
// stays.
func TestMemoryBudget(t *testing.T) {
	before := debug.SetMemoryLimit(600 << 20)
	defer debug.SetMemoryLimit(before)
	live := int64(10 << 20)
	defer func(f func() int64) { liveHeap = f }(liveHeap)
	liveHeap = func() int64 { return live }
	var small, big int64 = 1 << 20, 30 << 20
	want := func(what string, limit int64) {
		t.Helper()
		if got := debug.SetMemoryLimit(-1); got != limit {
			t.Errorf("%s: the limit is %d, want %d", what, got, limit)
		}
	}
	at := func(perByte float64, size int64) int64 { return live + loadFloor + int64(perByte*float64(size)) }
	doneBig := memoryBudget(big)
	want("one load", at(loadPerByte, big))
	doneSmall := memoryBudget(small)
	want("two loads", at(loadPerByte, big))
	doneBig()
	want("the small load left", at(loadPerByte, small))
	doneSmall()
	want("no load", 600<<20)

	debug.SetMemoryLimit(10 << 20)
	memoryBudget(big)()
	want("a lower limit", 10<<20)

	debug.SetMemoryLimit(600 << 20)
	defer func() { budget.frugal = false }()
	Frugal()
	memoryBudget(big)()
	want("frugal, after the load", at(frugalPerByte, big))
}
