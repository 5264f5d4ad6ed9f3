package main

import (
	"io"

	"github.com/visitline/visitline/calendar"
	"github.com/visitline/visitline/itinerary"
)

// isCalendarFile reports whether the file at path starts like an iCalendar
// file (BEGIN:VCALENDAR after blank lines), whatever its name.
func isCalendarFile(path string) bool {
	f, err := itinerary.OpenRegular(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 4096)
	n, _ := io.ReadFull(f, head)
	return calendar.Sniff(head[:n])
}

// loadCalendarFile loads the iCalendar file at path.
func loadCalendarFile(path string) (*itinerary.Itinerary, error) {
	f, err := itinerary.OpenRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return calendar.LoadReader(path, f)
}
