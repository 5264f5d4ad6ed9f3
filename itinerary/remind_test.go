package itinerary

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestRemind(t *testing.T) {
	src := "title: T\ntimezone: Asia/Singapore\nremind: [5m, 30m, 5m]\nevents:\n" +
		"  - {id: a, title: A, start: \"2027-03-12 18:00\"}\n" +
		"  - {id: b, title: B, start: \"2027-03-12 19:00\", remind: [1h30m, 0m]}\n" +
		"  - {id: c, title: C, start: \"2027-03-12 20:00\", remind: []}\n" +
		"  - {id: d, title: D, start: \"2027-03-12 21:00\", status: cancelled}\n"
	it, err := Load("f.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"a": "[30m0s 5m0s]", "b": "[1h30m0s 0s]", "c": "[]", "d": "[]"}
	for i := range it.Events {
		if got := fmt.Sprint(it.Reminders(i)); got != want[it.Events[i].ID] {
			t.Errorf("event %s reminders %s, want %s", it.Events[i].ID, got, want[it.Events[i].ID])
		}
	}
	for _, tc := range []struct{ remind, want string }{
		{"5", `remind must be a list of lead times such as [30m, 5m], not a number`},
		{"[-5m]", `remind "-5m" is negative`},
		{"[400h]", `remind "400h" is longer than 336h (14 days)`},
		{"[ten]", `remind "ten" is not a lead time; write it as "5m", "30m" or "1h30m"`},
		{"[{a: 1}]", `each entry of remind must be a lead time`},
		{"[" + strings.Repeat("1m, ", MaxReminders) + "1m]", "remind"},
	} {
		_, err := Load("f.yaml", []byte("title: T\ntimezone: UTC\nevents:\n  - {title: x, start: 2027-03-12, remind: "+tc.remind+"}\n"))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("remind: %s: %v, want %q", tc.remind, err, tc.want)
		}
	}
}

func TestFormatLead(t *testing.T) {
	for d, want := range map[time.Duration]string{30 * time.Minute: "30m", 90 * time.Minute: "1h30m", 2 * time.Hour: "2h", 0: "0m", 90 * time.Second: "1m30s"} {
		if got := FormatLead(d); got != want {
			t.Errorf("FormatLead(%v) = %q, want %q", d, got, want)
		}
		if d != 0 {
			if back, err := time.ParseDuration(want); err != nil || back != d {
				t.Errorf("%q reads back as %v", want, back)
			}
		}
	}
}
