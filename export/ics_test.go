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
	if _, err := exec.LookPath("calcurse"); err != nil {
		t.Skip("calcurse is not installed (apt-get install calcurse); .ci/run installs it")
	}
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
		{"visit.yaml", "Asia/Seoul", "2024-01-18", []string{
			"2024-01-18|all day|Davos panel: \"Technology in a Turbulent World\"",
			"2024-01-25 22:00|2024-01-25 22:00|Kyung Kye-hyun returns from Japan to receive Altman",
			"2024-01-25 23:00|2024-01-25 23:00|Altman arrives in Korea",
			"2024-01-26 09:00|2024-01-26 11:30|Tour of Samsung's Pyeongtaek chip campus",
			"2024-01-26 11:45|2024-01-26 13:00|Lunch with Samsung's DS division management",
			"2024-01-26 13:00|2024-01-26 14:30|Altman moves on to Seoul",
			"2024-01-26 14:30|2024-01-26 16:00|Meetings with chip start-ups and SK hynix's president",
			"2024-01-26 16:00|2024-01-26 17:00|Separate meeting with SK Group's Chairman Chey Tae-won",
			"2024-01-26 17:30|2024-01-26 18:45|Dinner with Kyung Kye-hyun",
			"2024-01-26 17:30|2024-01-26 18:45|Samsung group-level leaders at the dinner",
			"2024-01-26 19:00|2024-01-26 19:00|Altman leaves Korea",
			"2024-01-26 20:00|2024-01-26 20:00|Meanwhile in Taiwan: Jensen Huang says he dined with TSMC's leaders",
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
			q := exec.Command("calcurse", "-D", calDir, "--input-datefmt", "4", "-Q", "--from", c.from, "--days", "30",
				"--format-apt", "%(start:%Y-%m-%d %H:%M)|%(end:%Y-%m-%d %H:%M)|%m\n",
				"--format-event", "|all day|%m\n")
			q.Env = env
			out, err := q.CombinedOutput()
			if err != nil {
				t.Fatalf("calcurse -Q: %v\n%s", err, out)
			}
			var got []string
			day := ""
			for _, line := range strings.Split(string(out), "\n") {
				switch {
				case strings.HasSuffix(line, ":") && len(line) == 9: // a day header, 01/26/24:
					d, _ := time.Parse("01/02/06:", line)
					day = d.Format("2006-01-02")
				case strings.HasPrefix(line, "|all day|"):
					got = append(got, day+line)
				case line != "":
					got = append(got, line)
				}
			}
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
		events := it.Select(itinerary.Filter{})
		b.Run(fmt.Sprintf("events=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if err := Text(io.Discard, it, events, Options{Zone: it.Zone}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
