package calendar

import (
	"fmt"
	"strings"
	"testing"
)

// TestAlarms: VALARM triggers relative to the start, to the end and
// absolute become lead times; EMAIL alarms are skipped, and one after the
// start is left out with a warning.
func TestAlarms(t *testing.T) {
	ics := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20270312T100000Z\r\nDTEND:20270312T110000Z\r\nSUMMARY:Debrief\r\n" +
		"BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT30M\r\nEND:VALARM\r\n" +
		"BEGIN:VALARM\r\nACTION:AUDIO\r\nTRIGGER;RELATED=END:-PT1H10M\r\nEND:VALARM\r\n" +
		"BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER;VALUE=DATE-TIME:20270312T094500Z\r\nEND:VALARM\r\n" +
		"BEGIN:VALARM\r\nACTION:EMAIL\r\nTRIGGER:-PT2H\r\nEND:VALARM\r\n" +
		"BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:PT5M\r\nEND:VALARM\r\n" +
		"END:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:b\r\nDTSTART:20270312T120000Z\r\nSUMMARY:Quiet\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	it, err := Load("a.ics", []byte(ics))
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(it.Reminders(0)); got != "[30m0s 15m0s 10m0s]" {
		t.Errorf("debrief reminders %s, want [30m 15m 10m]", got)
	}
	if !it.Events[0].RemindSet || it.Events[1].RemindSet || len(it.Reminders(1)) != 0 {
		t.Errorf("an event without alarms has reminders: %v", it.Reminders(1))
	}
	var warned bool
	for _, w := range it.Warnings {
		warned = warned || strings.Contains(w.Message, "fires after it starts")
	}
	if !warned {
		t.Errorf("no warning for the alarm after the start: %v", it.Warnings)
	}
}
