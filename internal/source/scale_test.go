package source

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// scaleEvent is the VEVENT of event i as khal and vdirsyncer keep one: a
// UID, a stamp, a zone, an attendee of twenty.
func scaleEvent(i int) string {
	start := time.Date(2025, 1, 1, 8, 0, 0, 0, time.UTC).Add(time.Duration(i) * 97 * time.Minute)
	return fmt.Sprintf("BEGIN:VEVENT\r\nUID:event-%d@example.com\r\nDTSTAMP:20250101T000000Z\r\nSEQUENCE:%d\r\n"+
		"DTSTART;TZID=Asia/Tokyo:%s\r\nDTEND;TZID=Asia/Tokyo:%s\r\nSUMMARY:Meeting %d on item %d\r\n"+
		"LOCATION:Room %d\r\nATTENDEE;CN=Person %d:mailto:p%d@example.com\r\nEND:VEVENT\r\n",
		i, i%3, start.Format("20060102T150405"), start.Add(45*time.Minute).Format("20060102T150405"), i, i*7, i%40, i%20, i%20)
}

const vcalBegin = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//visitline//scale test//EN\r\n"
const vcalEnd = "END:VCALENDAR\r\n"

// writeVdir writes n one-event files into dir/COLLECTION, a tenth of them
// in a second collection.
func writeVdir(tb testing.TB, dir string, n int) {
	tb.Helper()
	for _, c := range []string{"work", "home"} {
		if err := os.MkdirAll(filepath.Join(dir, c), 0o755); err != nil {
			tb.Fatal(err)
		}
	}
	for i := range n {
		c := "work"
		if i%10 == 9 {
			c = "home"
		}
		body := vcalBegin + scaleEvent(i) + vcalEnd
		if err := os.WriteFile(filepath.Join(dir, c, fmt.Sprintf("%08d.ics", i)), []byte(body), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

// writeOne writes the same n events into one file.
func writeOne(tb testing.TB, path string, n int) {
	tb.Helper()
	var b strings.Builder
	b.WriteString(vcalBegin)
	for i := range n {
		b.WriteString(scaleEvent(i))
	}
	b.WriteString(vcalEnd)
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkFolder5000 loads a vdir of 5,000 one-event files
// (docs/performance.md, "Folders").
func BenchmarkFolder5000(b *testing.B) {
	dir := b.TempDir()
	writeVdir(b, dir, 5000)
	b.ResetTimer()
	for range b.N {
		it, _, err := OpenAll([]string{dir}, nil, nil)
		if err != nil || len(it.Events) != 5000 {
			b.Fatalf("%v", err)
		}
	}
}

// BenchmarkOneFile5000 loads the same 5,000 events from one file.
func BenchmarkOneFile5000(b *testing.B) {
	path := filepath.Join(b.TempDir(), "all.ics")
	writeOne(b, path, 5000)
	b.ResetTimer()
	for range b.N {
		it, _, err := OpenAll([]string{path}, nil, nil)
		if err != nil || len(it.Events) != 5000 {
			b.Fatalf("%v", err)
		}
	}
}

// TestFolder50000: a folder of 50,000 one-event files is within the
// loader's limits (source.MaxFiles, itinerary.MaxEvents, MaxFileSize):
// it loads, every event once, with two calendars (about 8 s on two
// cores, most of it writing the files; so it runs under -short too).
func TestFolder50000(t *testing.T) {
	dir := t.TempDir()
	writeVdir(t, dir, 50_000)
	began := time.Now()
	it, src, err := OpenAll([]string{dir}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("loaded in %v (logged, not asserted)", time.Since(began).Round(time.Millisecond))
	if len(it.Events) != 50_000 || len(it.Calendars) != 2 || len(it.People) != 20 || len(src.Warnings()) != 0 {
		t.Errorf("%d events, %d calendars, %d people, warnings %q", len(it.Events), len(it.Calendars), len(it.People), src.Warnings())
	}
}

// TestFolderLimits: a folder past the file-count limit or the size limit
// is refused before any file is read, with a message naming the limit.
func TestFolderLimits(t *testing.T) {
	defer func(n int) { maxFiles = n }(maxFiles)
	maxFiles = 100
	dir := t.TempDir()
	writeVdir(t, dir, 101)
	_, _, err := OpenAll([]string{dir}, nil, nil)
	if err == nil || !strings.Contains(err.Error(), "the file-count limit") || !strings.Contains(err.Error(), "limit is 100") {
		t.Errorf("101 files, a limit of 100: %v", err)
	}

	// Two sparse files of 33 MiB: the size of the folder is refused from
	// what stat says, nothing read.
	dir = t.TempDir()
	for _, n := range []string{"a.ics", "b.ics"} {
		f, err := os.Create(filepath.Join(dir, n))
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Truncate(33 << 20); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	_, _, err = OpenAll([]string{dir}, nil, nil)
	if err == nil || !strings.Contains(err.Error(), "the size limit") {
		t.Errorf("66 MiB: %v", err)
	}
}
