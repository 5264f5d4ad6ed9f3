package export

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/visitline/visitline/internal/testenv"

	ics "github.com/arran4/golang-ical"
	"github.com/visitline/visitline/data"
	"github.com/visitline/visitline/internal/synth"
	"github.com/visitline/visitline/itinerary"
)

func load(t *testing.T, name string) *itinerary.Itinerary {
	t.Helper()
	b, err := data.Files.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	it, err := itinerary.Load(name, b)
	if err != nil {
		t.Fatal(err)
	}
	return it
}

func writeICS(t *testing.T, it *itinerary.Itinerary) []byte {
	t.Helper()
	var buf bytes.Buffer
	now := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := ICS(&buf, it, it.Select(itinerary.Filter{}), Options{Now: now}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestICSParsesBack reads the calendar back with the library and checks
// every event's instants against the itinerary.
func TestICSParsesBack(t *testing.T) {
	it := load(t, "examples/lagos-london.yaml")
	cal, err := ics.ParseCalendar(bytes.NewReader(writeICS(t, it)))
	if err != nil {
		t.Fatal(err)
	}
	evs := cal.Events()
	if len(evs) != len(it.Events) {
		t.Fatalf("%d events, want %d", len(evs), len(it.Events))
	}
	for k, ev := range evs {
		e := it.Events[k]
		if e.AllDay {
			continue
		}
		start, err := ev.GetStartAt()
		if err != nil || !start.Equal(e.Start) {
			t.Errorf("%s: start %v (%v), want %v", e.Title, start, err, e.Start)
		}
		if got := ev.GetProperty(ics.ComponentPropertySummary).Value; got != e.Title {
			t.Errorf("summary %q, want %q", got, e.Title)
		}
	}
}

// TestICSImportsIntoCalcurse imports the calendar of each shipped itinerary
// into calcurse, in the itinerary's zone, and checks the wall-clock times
// calcurse shows.
func TestICSImportsIntoCalcurse(t *testing.T) {
	testenv.Command(t, "calcurse", "calcurse")
	cases := []struct {
		file, tz, from string
		want           []string
	}{
		{"examples/lagos-london.yaml", "Europe/London", "2025-03-28", []string{
			"2025-03-28 08:40|2025-03-28 16:05|Flight Lagos to London Heathrow",
			"2025-03-28 19:00|2025-03-28 20:00|Evening briefing at the hotel",
			"2025-03-29 10:00|2025-03-29 12:30|Meeting with the trade envoy",
			"2025-03-29 12:00|2025-03-29 13:30|Working lunch",
			"2025-03-29 15:00|2025-03-29 17:00|Walking tour of the City",
			"2025-03-30|all day|Free day (clocks go forward at 01:00)",
			"2025-03-30 09:00|2025-03-30 09:45|Call with the office in Lagos",
			"2025-03-31 09:30|2025-03-31 11:00|Partnership talks at Thames Mutual",
			"2025-03-31 14:35|2025-03-31 21:10|Flight London Heathrow to Lagos",
		}},
		// The flight leaves Frankfurt at 13:30 CET, 04:30 in Los Angeles; the
		// conference is listed on each of its three days, and the overnight
		// flight home under both days it covers.
		{"examples/sf-conference.yaml", "America/Los_Angeles", "2026-11-22", []string{
			"2026-11-22 04:30|2026-11-22 16:05|Flight Frankfurt to San Francisco",
			"2026-11-23|all day|Cloud Systems Summit",
			"2026-11-23 09:00|2026-11-23 10:30|Opening keynote",
			"2026-11-24|all day|Cloud Systems Summit",
			"2026-11-24 12:30|2026-11-24 13:45|Lunch with Golden Gate Robotics",
			"2026-11-24 15:00|2026-11-24 17:00|Visit to the Golden Gate Robotics lab",
			"2026-11-25|all day|Cloud Systems Summit",
			"2026-11-25 10:00|2026-11-25 10:45|Our talk: scheduling at the edge",
			"2026-11-25 15:20|2026-11-26 02:05|Flight San Francisco to Frankfurt",
			"2026-11-25 15:20|2026-11-26 02:05|Flight San Francisco to Frankfurt",
		}},
		{"visit.yaml", "Asia/Seoul", "2024-01-18", []string{
			"2024-01-18|all day|Davos panel: \"Technology in a Turbulent World\"",
			"2024-01-25 22:00|2024-01-25 22:00|Altman arrives in Korea", // same time: calcurse orders by title
			"2024-01-25 22:00|2024-01-25 22:00|Kyung Kye-hyun back from Japan to receive Altman",
			"2024-01-26 09:00|2024-01-26 11:30|Tour of Samsung's Pyeongtaek chip campus",
			"2024-01-26 11:45|2024-01-26 13:00|Lunch with Samsung's DS division management",
			"2024-01-26 13:00|2024-01-26 14:30|Altman moves on to Seoul",
			"2024-01-26 14:30|2024-01-26 16:00|Meetings with chip start-ups and SK hynix's president",
			"2024-01-26 16:00|2024-01-26 17:00|Separate meeting with SK Group's Chairman Chey Tae-won",
			"2024-01-26 17:30|2024-01-26 18:45|Dinner with Kyung Kye-hyun",
			"2024-01-26 17:30|2024-01-26 18:45|Samsung group-level leaders at the dinner",
			"2024-01-26 19:00|2024-01-26 19:00|Altman leaves Korea",
			"2024-01-26 20:00|2024-01-26 20:00|Meanwhile in Taiwan: Jensen Huang says he dined with TSMC's C. C. Wei",
		}},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			dir := t.TempDir()
			icsFile := filepath.Join(dir, "cal.ics")
			if err := os.WriteFile(icsFile, writeICS(t, load(t, c.file)), 0o644); err != nil {
				t.Fatal(err)
			}
			calDir := filepath.Join(dir, "calcurse")
			os.Mkdir(calDir, 0o755)
			env := append(os.Environ(), "TZ="+c.tz, "HOME="+dir)
			imp := exec.Command("calcurse", "-D", calDir, "-i", icsFile)
			imp.Env = env
			if out, err := imp.CombinedOutput(); err != nil {
				t.Fatalf("calcurse -i: %v\n%s", err, out)
			}
			got := calcurseAgenda(t, calDir, env, c.from, 30)
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("calcurse shows\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}

// BenchmarkTextAgenda prints the whole text agenda, as --print does.
func BenchmarkTextAgenda(b *testing.B) {
	for _, n := range []int{100, 10_000, 100_000} {
		it, err := itinerary.Load("synth.yaml", synth.Generate(n, max(n/20, 50), 1))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("events=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if err := Text(io.Discard, it, Options{Zone: it.Zone}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
