package cli

import (
	"bytes"
	"os"
	"testing"

	"github.com/visitline/visitline/data"
)

// TestLoadSaysStdinWasCalendar: load tells the view whether standard
// input was a calendar, for e's message (QA2 #15).
func TestLoadSaysStdinWasCalendar(t *testing.T) {
	ics, err := os.ReadFile(root + "/calendar/testdata/google.ics")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		in  []byte
		cal bool
	}{{ics, true}, {data.Default, false}} {
		it, src, err := load("-", bytes.NewReader(c.in), nil)
		cal := src.Calendar
		if err != nil || it == nil || cal != c.cal {
			t.Errorf("calendar %v: got %v (%v)", c.cal, cal, err)
		}
	}
}
