package source

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/visitline/visitline/itinerary"
)

// vcal wraps VEVENTs, each given as its lines (CRLF added), in a calendar.
func vcal(events ...[]string) string {
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
	for _, lines := range events {
		b.WriteString("BEGIN:VEVENT\r\n")
		for _, l := range lines {
			b.WriteString(l + "\r\n")
		}
		b.WriteString("END:VEVENT\r\n")
	}
	b.WriteString("END:VCALENDAR\r\n")
	return b.String()
}

func single(uid, title, extra string) []string {
	l := []string{"UID:" + uid, "DTSTART:20250101T100000Z", "DTEND:20250101T110000Z", "SUMMARY:" + title}
	if extra != "" {
		l = append(l, strings.Split(extra, "\n")...)
	}
	return l
}

// titles are the events' titles, each with its calendar's name, sorted.
func titles(it *itinerary.Itinerary) []string {
	var out []string
	for i := range it.Events {
		e := &it.Events[i]
		name := ""
		if c := it.CalendarOf(e); c != nil {
			name = c.Name
		}
		out = append(out, name+":"+e.Title+"@"+e.Start.UTC().Format("0102T15"))
	}
	sort.Strings(out)
	return out
}

func gather(t *testing.T, dir string) *itinerary.Itinerary {
	t.Helper()
	it, src, err := OpenAll([]string{dir}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if w := src.Warnings(); len(w) > 0 {
		t.Errorf("warnings: %q", w)
	}
	for i, e := range it.Events {
		if e.Index != i || e.FileIndex < 0 || e.FileIndex >= len(it.Events) {
			t.Errorf("event %d: index %d, file index %d", i, e.Index, e.FileIndex)
		}
	}
	return it
}

// TestIdentityAcrossFiles: the same UID in two files of one collection is
// one event, the newest revision (SEQUENCE, then LAST-MODIFIED or DTSTAMP,
// then the first file by name); in two collections it is two.
func TestIdentityAcrossFiles(t *testing.T) {
	for _, c := range []struct {
		name string
		a, b string // the extra lines of work/a.ics and work/b.ics
		want string // the title shown
	}{
		{"sequence", "SEQUENCE:3", "SEQUENCE:1", "A"},
		{"sequence in the later file", "SEQUENCE:1", "SEQUENCE:3", "B"},
		{"last-modified", "SEQUENCE:2\nLAST-MODIFIED:20250102T000000Z", "SEQUENCE:2\nLAST-MODIFIED:20250103T000000Z", "B"},
		{"dtstamp", "DTSTAMP:20250105T000000Z", "DTSTAMP:20250103T000000Z", "A"},
		{"last-modified over dtstamp", "LAST-MODIFIED:20250101T000000Z\nDTSTAMP:20250109T000000Z", "LAST-MODIFIED:20250102T000000Z\nDTSTAMP:20250102T000000Z", "B"},
		{"a tie: the first file", "SEQUENCE:1", "SEQUENCE:1", "A"},
		{"nothing to tell them apart", "", "", "A"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, filepath.Join(dir, "work", "a.ics"), vcal(single("u1", "A", c.a)))
			write(t, filepath.Join(dir, "work", "b.ics"), vcal(single("u1", "B", c.b)))
			write(t, filepath.Join(dir, "work", "c.ics"), vcal(single("u2", "Other", "")))
			write(t, filepath.Join(dir, "home", "d.ics"), vcal(single("u1", "Home copy", "")))
			got := strings.Join(titles(gather(t, dir)), " ")
			want := "home:Home copy@0101T10 work:" + c.want + "@0101T10 work:Other@0101T10"
			if got != want {
				t.Errorf("got  %s\nwant %s", got, want)
			}
		})
	}
}

// TestIdentityNoUID: events with no UID are never merged, and one file's
// own revisions are as the reader gives them.
func TestIdentityNoUID(t *testing.T) {
	dir := t.TempDir()
	noUID := []string{"DTSTART:20250101T100000Z", "SUMMARY:Same"}
	write(t, filepath.Join(dir, "c", "a.ics"), vcal(noUID))
	write(t, filepath.Join(dir, "c", "b.ics"), vcal(noUID))
	// two revisions with one SEQUENCE in one file: the reader shows both
	write(t, filepath.Join(dir, "c", "c.ics"), vcal(single("u", "R1", "SEQUENCE:1"), single("u", "R2", "SEQUENCE:1")))
	if got := len(gather(t, dir).Events); got != 4 {
		t.Errorf("%d events; want 4", got)
	}
}

// TestIdentitySeries: a repeating event in one file and overrides of its
// occurrences in others: an override as new as the series replaces its
// occurrence; an older one is dropped; a newer revision of the series in a
// third file replaces the whole series and its own overrides.
func TestIdentitySeries(t *testing.T) {
	series := func(seq, title string) []string {
		return []string{"UID:s", "SEQUENCE:" + seq, "DTSTART:20250106T090000Z", "DTEND:20250106T100000Z", "RRULE:FREQ=DAILY;COUNT=3", "SUMMARY:" + title}
	}
	override := func(seq, day, title string) []string {
		return []string{"UID:s", "SEQUENCE:" + seq, "RECURRENCE-ID:202501" + day + "T090000Z", "DTSTART:202501" + day + "T150000Z", "SUMMARY:" + title}
	}
	dir := t.TempDir()
	write(t, filepath.Join(dir, "w", "1.ics"), vcal(series("1", "Daily"), override("1", "06", "Moved in its own file")))
	write(t, filepath.Join(dir, "w", "2.ics"), vcal(override("1", "07", "Moved elsewhere")))
	write(t, filepath.Join(dir, "w", "3.ics"), vcal(override("0", "08", "Too old")))
	got := strings.Join(titles(gather(t, dir)), " ")
	want := "w:Daily@0108T09 w:Moved elsewhere@0107T15 w:Moved in its own file@0106T15"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}

	write(t, filepath.Join(dir, "w", "4.ics"), vcal(series("2", "Daily v2")))
	got = strings.Join(titles(gather(t, dir)), " ")
	want = "w:Daily v2@0106T09 w:Daily v2@0107T09 w:Daily v2@0108T09"
	if got != want {
		t.Errorf("a newer series:\ngot  %s\nwant %s", got, want)
	}
}

// TestIdentityPeople: the same address in two collections is one person,
// who attends the events of both.
func TestIdentityPeople(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "work", "a.ics"), vcal(single("a", "Standup", "ATTENDEE;CN=Ann Lee:mailto:ann@example.com")))
	write(t, filepath.Join(dir, "home", "b.ics"), vcal(single("b", "Dinner", "ORGANIZER;CN=Ann:mailto:Ann@Example.com\nATTENDEE;CN=Bo:mailto:bo@example.com")))
	it := gather(t, dir)
	if len(it.People) != 2 {
		t.Fatalf("people %+v; want Ann and Bo", it.People)
	}
	ann := -1
	for i := range it.People {
		if it.People[i].Address() == "ann@example.com" {
			ann = i
		}
	}
	if ann < 0 || len(it.EventsOf(ann)) != 2 {
		t.Errorf("Ann (%d) attends %v; want both events", ann, it.EventsOf(ann))
	}
}

// TestCalendarIDsUnique: two collections with one displayname are two
// calendars with ids of their own.
func TestCalendarIDsUnique(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []string{"a", "b", "c"} {
		write(t, filepath.Join(dir, c, "displayname"), "Work\n")
		write(t, filepath.Join(dir, c, "e.ics"), vcal(single("u-"+c, "E", "")))
	}
	write(t, filepath.Join(dir, "d", "displayname"), "Work 2\n")
	write(t, filepath.Join(dir, "d", "e.ics"), vcal(single("u-d", "E", "")))
	it := gather(t, dir)
	var ids []string
	for _, c := range it.Calendars {
		ids = append(ids, c.ID)
	}
	if got := strings.Join(ids, " "); got != "work work-2 work-3 work-2-2" {
		t.Errorf("ids %s", got)
	}
}

// TestFolderZonesShared: events of several files in one zone share its
// *time.Location, as the events of one file do, so that the views see one
// zone (no "venue in Asia/Tokyo, same clock" between them).
func TestFolderZonesShared(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"a", "b"} {
		write(t, filepath.Join(dir, "c", n+".ics"), vcal([]string{"UID:" + n, "DTSTART;TZID=Asia/Tokyo:20250101T100000", "SUMMARY:" + n}))
	}
	write(t, filepath.Join(dir, "trip.yaml"), "version: 1\ntitle: T\ntimezone: Asia/Tokyo\nevents:\n  - {title: Y, start: 2025-01-02 10:00}\n")
	it := gather(t, dir)
	if len(it.Events) != 3 {
		t.Fatalf("%d events", len(it.Events))
	}
	for _, e := range it.Events {
		if e.Zone != it.Events[0].Zone || e.Zone.String() != "Asia/Tokyo" {
			t.Errorf("%s: zone %p %v; want the first event's, %p", e.Title, e.Zone, e.Zone, it.Events[0].Zone)
		}
	}
}

// TestIdentityDropsOldAttendees: a person only an older revision listed
// is not one of the people; one the newest lists, or another event, is.
func TestIdentityDropsOldAttendees(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "w", "a.ics"), vcal(single("u", "Old", "SEQUENCE:1\nATTENDEE;CN=Gone:mailto:gone@x.org\nATTENDEE;CN=Kept:mailto:kept@x.org\nATTENDEE;CN=Other:mailto:other@x.org")))
	write(t, filepath.Join(dir, "w", "b.ics"), vcal(single("u", "New", "SEQUENCE:2\nATTENDEE;CN=Kept:mailto:kept@x.org\nATTENDEE;CN=New:mailto:new@x.org")))
	write(t, filepath.Join(dir, "w", "c.ics"), vcal(single("v", "Else", "ATTENDEE;CN=Other:mailto:other@x.org")))
	it := gather(t, dir)
	var names []string
	for i, p := range it.People {
		names = append(names, p.Name)
		if len(it.EventsOf(i)) != 1 {
			t.Errorf("%s attends %d events; want 1", p.Name, len(it.EventsOf(i)))
		}
	}
	sort.Strings(names)
	if got := strings.Join(names, " "); got != "Kept New Other" {
		t.Errorf("people %s; want Kept New Other", got)
	}
	for _, e := range it.Events {
		for _, p := range e.Participants {
			if p < 0 || p >= len(it.People) {
				t.Errorf("%s lists person %d of %d", e.Title, p, len(it.People))
			}
		}
	}
}

// TestGatherOnce: a file named twice — the folder given twice, a file of
// it given too, a link to it — is read once, in the first place found.
func TestGatherOnce(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "c", "a.ics")
	write(t, a, vcal(single("u", "A", "")))
	write(t, filepath.Join(dir, "c", "b.ics"), vcal(single("v", "B", "")))
	link := filepath.Join(t.TempDir(), "link.ics")
	if err := os.Symlink(a, link); err != nil {
		t.Fatal(err)
	}
	it, src, err := OpenAll([]string{dir, dir + "/", a, link, "-", "-"}, strings.NewReader(vcal(single("s", "S", ""))), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(titles(it), " "); got != "<stdin>:S@0101T10 c:A@0101T10 c:B@0101T10" || len(it.Calendars) != 2 || len(src.Warnings()) != 0 {
		t.Errorf("%s; %d calendars, warnings %q", got, len(it.Calendars), src.Warnings())
	}
}
