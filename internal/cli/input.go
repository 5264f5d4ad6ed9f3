package cli

import (
	"io"

	"github.com/visitline/visitline/calendar"
	"github.com/visitline/visitline/data"
	"github.com/visitline/visitline/itinerary"
)

// load reads FILE, standard input for "-", or the embedded default. A
// large FILE reports its progress through progress, when not nil. The flag
// whether standard input was an iCalendar file.
func load(file string, stdin io.Reader, progress *progressLine) (string, *itinerary.Itinerary, bool, error) {
	switch file {
	case "":
		it, err := itinerary.Load(data.DefaultName, data.Default)
		return data.DefaultName, it, false, err
	case "-":
		it, cal, err := calendar.LoadInput("<stdin>", stdin) // a calendar or YAML
		return "<stdin>", it, cal, err
	}
	if isCalendarFile(file) {
		it, err := loadCalendarFile(file)
		return file, it, false, err
	}
	if progress == nil {
		it, err := itinerary.LoadFile(file)
		return file, it, false, err
	}
	defer progress.start(itinerary.QuoteName(file))()
	it, err := itinerary.LoadFileProgress(file, progress.update)
	return file, it, false, err
}

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
