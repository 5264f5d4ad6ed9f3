// Command gen writes a synthetic itinerary for load tests:
//
//	go run ./tools/gen -events 100000 > /tmp/100k.yaml
//	/usr/bin/time -v visitline --check /tmp/100k.yaml
//
// It is a tool of the repository, not part of visitline.
package main

import (
	"flag"
	"os"

	"github.com/visitline/visitline/internal/synth"
)

func main() {
	events := flag.Int("events", 10000, "number of events")
	people := flag.Int("people", 0, "number of people (default events/20, at least 50)")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if *people == 0 {
		*people = max(*events/20, 50)
	}
	os.Stdout.Write(synth.Generate(*events, *people, *seed))
}
