package calendar

import (
	"bytes"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func seeds(t testing.TB) [][]byte {
	files, _ := filepath.Glob("testdata/*.ics")
	var out [][]byte
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, data)
	}
	return out
}

// mutate damages a calendar the ways real files are damaged: lines lost,
// repeated or swapped, bytes flipped, values cut, folds broken.
func mutate(r *rand.Rand, data []byte) []byte {
	lines := bytes.Split(data, []byte("\n"))
	for n := 1 + r.Intn(4); n > 0 && len(lines) > 1; n-- {
		i := r.Intn(len(lines))
		switch r.Intn(7) {
		case 0:
			lines = append(lines[:i], lines[i+1:]...)
		case 1:
			lines = append(lines[:i+1], lines[i:]...)
		case 2:
			j := r.Intn(len(lines))
			lines[i], lines[j] = lines[j], lines[i]
		case 3:
			if len(lines[i]) > 0 {
				l := append([]byte(nil), lines[i]...)
				l[r.Intn(len(l))] = byte(r.Intn(256))
				lines[i] = l
			}
		case 4:
			if len(lines[i]) > 0 {
				lines[i] = lines[i][:r.Intn(len(lines[i]))]
			}
		case 5:
			lines[i] = append([]byte(" "), lines[i]...)
		case 6:
			lines[i] = []byte([]string{"RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "RRULE:FREQ=YEARLY;COUNT=99999999",
				"DTSTART;TZID=\"A;B:C\":20240101T1000", "EXDATE:2024", "RDATE;VALUE=PERIOD:20240101T000000Z/", "DURATION:P99999999W",
				"BEGIN:VEVENT", "END:VCALENDAR", "RECURRENCE-ID:20240101T100000Z", "ATTENDEE;CN=:mailto:"}[r.Intn(10)])
		}
	}
	return bytes.Join(lines, []byte("\n"))
}

// TestCorpus loads 400 damaged calendars made from the exports in
// testdata: none may panic (Load turns a panic into an "internal error"),
// and every one loads, with warnings, unless it holds a NUL byte.
func TestCorpus(t *testing.T) {
	base := seeds(t)
	r := rand.New(rand.NewSource(15))
	for i := 0; i < 400; i++ {
		data := mutate(r, base[i%len(base)])
		it, err := Load("x.ics", data)
		if err != nil && (strings.Contains(err.Error(), "internal error") || Sniff(data) && !bytes.Contains(data, []byte{0})) {
			t.Fatalf("calendar #%d: %v\n%s", i, err, data)
		}
		if err == nil && it == nil {
			t.Fatalf("calendar #%d: no itinerary and no error", i)
		}
	}
}

func FuzzLoad(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s)
	}
	f.Add([]byte("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20240101\nRRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31\nEND:VEVENT\nEND:VCALENDAR\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		it, err := Load("x.ics", data)
		// Only what is not a calendar at all is an error; everything else
		// loads, with warnings.
		if err != nil && (strings.Contains(err.Error(), "internal error") || Sniff(data) && !bytes.Contains(data, []byte{0})) {
			t.Fatalf("%v", err)
		}
		if err == nil && it == nil {
			t.Fatal("no itinerary and no error")
		}
	})
}

// BenchmarkImpossibleRule: a daily rule no day satisfies, which the rrule
// library would walk to the year 9999, is refused before expansion; this
// is what reading it costs.
func BenchmarkImpossibleRule(b *testing.B) {
	data := []byte("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:Never\nDTSTART:20240101T090000Z\nRRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30\nEND:VEVENT\nEND:VCALENDAR\n")
	for b.Loop() {
		if _, err := Load("x.ics", data); err != nil {
			b.Fatal(err)
		}
	}
}
