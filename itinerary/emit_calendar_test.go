package itinerary_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/visitline/visitline/calendar"
	"github.com/visitline/visitline/itinerary"
)

// TestWriteYAMLMatchesNodesCalendars: every iCalendar file of the
// repository's tests, read, is written as YAML with the node writer's
// bytes: calendars bring zones of their own, floating times, all-day
// events, reminders and texts of any shape.
func TestWriteYAMLMatchesNodesCalendars(t *testing.T) {
	files, _ := filepath.Glob("../calendar/testdata/*.ics")
	if len(files) < 5 {
		t.Fatal("the calendar files are not found")
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		it, err := calendar.Load(f, raw)
		if err != nil {
			t.Logf("%s: %v", f, err)
			continue
		}
		all := make([]int, len(it.Events))
		for i := range all {
			all[i] = i
		}
		var got, want bytes.Buffer
		errG := itinerary.WriteYAML(&got, it, all)
		errW := itinerary.WriteYAMLNodes(&want, it, all, 64)
		if (errG == nil) != (errW == nil) || !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("%s: the writer (error %v) and the node writer (error %v) differ:\n%s\n---\n%s", f, errG, errW, got.String(), want.String())
		}
	}
}
