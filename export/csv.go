package export

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/visitline/visitline/agenda"
	"github.com/visitline/visitline/itinerary"
)

// csvHeader names the columns of CSV, in order.
var csvHeader = []string{"date", "start", "end", "zone", "title", "status", "place", "calendar", "people", "overlaps", "approximate"}

// CSV writes one row per event under a header row (RFC 4180, UTF-8,
// CRLF line ends as encoding/csv writes them): the date and clock times in
// the display zone (each event's own with a nil zone), the zone's IANA
// name, the title, status, place, calendar (the name of the calendar the
// event came from, empty for an itinerary that names none), the participants with their native names, who is due
// elsewhere at the same time, and whether the times are approximate. An
// all-day entry has no start or end; an end on a later day carries its
// date. A cell that a spreadsheet would read as a formula (=, +, -, @)
// starts with an apostrophe.
func CSV(w io.Writer, it *itinerary.Itinerary, events []int, opt Options) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	row := make([]string, len(csvHeader))
	for _, i := range events {
		e := &it.Events[i]
		loc := it.ZoneFor(i, opt.Zone)
		start, end := e.Start.In(loc), e.End.In(loc)
		row[0] = start.Format(time.DateOnly)
		row[1], row[2] = "", ""
		if e.AllDay {
			row[0] = e.Date.Format(time.DateOnly)
		} else {
			row[1] = start.Format("15:04")
			if e.HasEnd {
				if end.Format(time.DateOnly) == row[0] {
					row[2] = end.Format("15:04")
				} else {
					row[2] = end.Format("2006-01-02 15:04")
				}
			}
		}
		row[3] = itinerary.ZoneID(loc)
		row[4] = e.Title
		row[5] = string(e.Status)
		row[6] = agenda.Place(e)
		row[7] = ""
		if c := it.CalendarOf(e); c != nil {
			row[7] = c.Name
		}
		row[8] = agenda.PeopleWithNative(it, i)
		row[9] = csvOverlaps(it, i)
		row[10] = strconv.FormatBool(e.Approximate)
		for k, c := range row {
			row[k] = csvCell(c)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvOverlaps is "Kyung Kye-hyun: Dinner with …; …", with the number of
// overlaps not named (see itinerary.MaxNamedOverlaps).
func csvOverlaps(it *itinerary.Itinerary, i int) string {
	ovs := it.Overlaps(i)
	var b strings.Builder
	for k, o := range ovs {
		if k > 0 {
			b.WriteString("; ")
		}
		b.WriteString(it.People[o.Person].Name)
		b.WriteString(": ")
		b.WriteString(it.Events[o.Other].Title)
	}
	if more := it.OverlapCount(i) - len(ovs); more > 0 {
		b.WriteString("; +" + strconv.Itoa(more))
	}
	return b.String()
}

// csvCell keeps a spreadsheet from running text as a formula.
func csvCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@", rune(s[0])) {
		return "'" + s
	}
	return s
}
