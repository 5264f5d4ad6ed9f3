package export

import (
	"encoding/json"
	"io"
	"time"

	"github.com/visitline/visitline/agenda"
	"github.com/visitline/visitline/itinerary"
)

// NextJSON is the object `visitline --next --format json` writes.
type NextJSON struct {
	At   string          `json:"at"`
	Line string          `json:"line"` // the one line --next prints; "" when nothing is left
	Now  []NextEventJSON `json:"now"`
	Next *NextEventJSON  `json:"next"`
}

// NextEventJSON is an event of NextJSON: what the line says of it, and its
// instants.
type NextEventJSON struct {
	ID        string `json:"id,omitempty"`
	Title     string `json:"title"`
	Start     string `json:"start"`
	End       string `json:"end,omitempty"`
	Place     string `json:"place,omitempty"`
	Time      string `json:"time,omitempty"`
	Countdown string `json:"countdown"`
	Minutes   int    `json:"minutes"`
}

// WriteNext writes the summary s at now as a JSON object.
func WriteNext(w io.Writer, it *itinerary.Itinerary, s agenda.Summary, now time.Time) error {
	doc := NextJSON{At: now.Format(time.RFC3339), Line: s.String(), Now: []NextEventJSON{}}
	item := func(n agenda.NextItem) NextEventJSON {
		e := &it.Events[n.Event]
		j := NextEventJSON{ID: e.ID, Title: n.Title, Start: e.Start.In(e.Zone).Format(time.RFC3339), Place: n.Place, Time: n.Time,
			Countdown: n.Countdown, Minutes: n.Minutes}
		if e.HasEnd {
			j.End = e.End.In(e.EndLocation()).Format(time.RFC3339)
		}
		return j
	}
	for _, n := range s.Now {
		doc.Now = append(doc.Now, item(n))
	}
	if s.Next != nil {
		n := item(*s.Next)
		doc.Next = &n
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}
