package export

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/visitline/visitline/calendar"
	"github.com/visitline/visitline/itinerary"
)

const remindTrip = "title: T\ntimezone: Asia/Singapore\nremind: [30m, 5m]\nevents:\n" +
	"  - {id: a, title: A, start: \"2027-03-12 18:00\", duration: 1h}\n" +
	"  - {id: b, title: B, start: \"2027-03-12 19:00\", remind: [1h30m]}\n" +
	"  - {id: c, title: C, start: \"2027-03-12 20:00\", remind: []}\n"

func reminders(it *itinerary.Itinerary) string {
	var out []string
	for i := range it.Events {
		out = append(out, it.Events[i].Title+fmt.Sprint(it.Reminders(i)))
	}
	return strings.Join(out, " ")
}

// TestRemindWritten: the YAML writer keeps the remind lists as they are,
// and --format ics writes each event's reminders as VALARMs that read back
// as the same lead times.
func TestRemindWritten(t *testing.T) {
	it, err := itinerary.Load("t.yaml", []byte(remindTrip))
	if err != nil {
		t.Fatal(err)
	}
	want := reminders(it)
	var y bytes.Buffer
	if err := YAML(&y, it, it.Select(itinerary.Filter{}), Options{}); err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{"\nremind: [30m, 5m]\n", "    remind: [1h30m]\n", "    remind: []\n"} {
		if !strings.Contains(y.String(), line) {
			t.Errorf("the YAML lacks %q:\n%s", line, y.String())
		}
	}
	back, err := itinerary.Load("back.yaml", y.Bytes())
	if err != nil || reminders(back) != want {
		t.Errorf("YAML read back: %v %s, want %s", err, reminders(back), want)
	}
	var c bytes.Buffer
	if err := ICS(&c, it, it.Select(itinerary.Filter{}), Options{}); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(c.String(), "BEGIN:VALARM"); n != 3 || !strings.Contains(c.String(), "TRIGGER:-PT1H30M") {
		t.Errorf("%d VALARMs:\n%s", n, c.String())
	}
	cal, err := calendar.Load("t.ics", c.Bytes())
	if err != nil || reminders(cal) != want {
		t.Errorf("iCalendar read back: %v %s, want %s", err, reminders(cal), want)
	}
}
