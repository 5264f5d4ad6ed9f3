package data_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/visitline/visitline/calendar"
	"github.com/visitline/visitline/data"
	"github.com/visitline/visitline/export"
	"github.com/visitline/visitline/itinerary"
)

// TestWrittenYAMLMatchesSchema: what --format yaml writes, from the
// default visit and from a calendar, is valid by the schema editors use.
func TestWrittenYAMLMatchesSchema(t *testing.T) {
	sch := compileSchema(t)
	def, err := itinerary.Load(data.DefaultName, data.Default)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile("../calendar/testdata/google.ics")
	if err != nil {
		t.Fatal(err)
	}
	cal, err := calendar.Load("google.ics", raw)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range []*itinerary.Itinerary{def, cal} {
		all := make([]int, len(it.Events))
		for i := range all {
			all[i] = i
		}
		var buf bytes.Buffer
		if err := export.YAML(&buf, it, all, export.Options{}); err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(instance(t, buf.Bytes())); err != nil {
			t.Errorf("%s: %v\n%s", it.Title, err, buf.String())
		}
	}
}
