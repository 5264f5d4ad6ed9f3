package source

import (
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"sync"
)

// The memory a load may take before the collector works harder to stay
// within it: what is live when it starts, loadFloor, and loadPerByte for
// each byte read (frugalPerByte after Frugal). A YAML load's live memory
// peaks at under three times its file (the events and their indexes, the
// line index, the chunks being parsed; a large file's text is let go once
// its chunks are found, itinerary.LoadFromFile: 92 MB live at the end of
// a 33 MB file's load); without a limit the collector lets the heap grow
// to twice its live size at every cycle, so a load of 33 MB peaked at
// 300–340 MiB. The limit is soft (debug.SetMemoryLimit): a load that needs
// more still loads, with more collection.
const (
	loadFloor     = 48 << 20
	loadPerByte   = 4.5
	frugalPerByte = 2.2
)

// budget is the memory limits of the loads running, and the limit to
// put back when none is.
var budget struct {
	sync.Mutex
	loads  []int64
	before int64
	frugal bool // Frugal was called
}

// Frugal makes the loads of this process keep to a tighter budget and
// the last limit stay when they end: for a command that loads once and
// writes (--print, --format), whose memory matters more to its user than
// an eighth more CPU (125 against 143 MiB at 100,000 events). The view and
// --check keep the default.
func Frugal() {
	budget.Lock()
	defer budget.Unlock()
	budget.frugal = true
}

// memoryBudget lowers the process's memory limit while size bytes load
// (never raises it); the returned function puts it back. Loads at once (a
// folder's, whose gathering holds a budget of all its files) share the
// largest of their limits.
func memoryBudget(size int64) (restore func()) {
	return memoryBudgetAbove(liveHeap(), size)
}

// memoryBudgetAbove is memoryBudget with the heap live before the load's
// text was read.
func memoryBudgetAbove(live, size int64) (restore func()) {
	budget.Lock()
	defer budget.Unlock()
	perByte := loadPerByte
	if budget.frugal {
		perByte = frugalPerByte
	}
	limit := live + loadFloor + int64(perByte*float64(size))
	if len(budget.loads) == 0 {
		budget.before = debug.SetMemoryLimit(-1)
	}
	budget.loads = append(budget.loads, limit)
	debug.SetMemoryLimit(min(budget.before, slices.Max(budget.loads)))
	return func() {
		budget.Lock()
		defer budget.Unlock()
		k := slices.Index(budget.loads, limit)
		budget.loads = slices.Delete(budget.loads, k, k+1)
		switch {
		case len(budget.loads) > 0:
			debug.SetMemoryLimit(min(budget.before, slices.Max(budget.loads)))
		case !budget.frugal:
			debug.SetMemoryLimit(budget.before)
		}
	}
}

// liveHeap is the heap the last collection found live: an itinerary
// shown while its file loads again stays in memory beside the new one.
var liveHeap = func() int64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(s[0].Value.Uint64())
}
