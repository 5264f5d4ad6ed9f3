package export

import (
	"bytes"
	"strings"
	"testing"

	"github.com/visitline/visitline/itinerary"
)

// TestEmptyAgendas: the text agenda and the Markdown briefing say the
// view's words when the itinerary has no events, and which filter keeps
// none when one does; the header says "no events" once (QA #14).
func TestEmptyAgendas(t *testing.T) {
	empty, err := itinerary.Load("empty.yaml", []byte("title: Empty\ntimezone: UTC\nevents: []\n"))
	if err != nil {
		t.Fatal(err)
	}
	idle, err := itinerary.Load("idle.yaml", []byte("title: Idle\ntimezone: UTC\npeople:\n  - {id: a, name: Ann Lee}\n  - {id: b, name: Bo Kim}\n"+
		"events:\n  - {title: x, start: \"2024-01-26 09:00\", participants: [a]}\n"))
	if err != nil {
		t.Fatal(err)
	}
	bo, _ := idle.ResolvePerson("bo")
	cases := []struct {
		name   string
		it     *itinerary.Itinerary
		people []int
		want   string
		header string
	}{
		{"no events", empty, nil, "This itinerary has no events yet.", "no events · times: UTC\n"},
		{"filtered out", idle, []int{bo}, "No events with Bo Kim.", "0 of 1 event · with Bo Kim\n"},
	}
	for _, c := range cases {
		for format, write := range map[string]func(*bytes.Buffer) error{
			"text": func(b *bytes.Buffer) error { return Text(b, c.it, Options{People: c.people, Zone: c.it.Zone}) },
			"markdown": func(b *bytes.Buffer) error {
				return Markdown(b, c.it, Options{People: c.people, Zone: c.it.Zone})
			},
		} {
			var b bytes.Buffer
			if err := write(&b); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			if !strings.HasSuffix(out, "\n"+c.want+"\n") || !strings.Contains(out, c.header) || strings.Contains(out, "match") {
				t.Errorf("%s, %s:\n%s", c.name, format, out)
			}
		}
	}
}
