package tui

import (
	"testing"
	"time"

	"github.com/visitline/visitline/agenda"
)

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	z, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return z
}

// TestZoneCycleHasNoRepeats: z never steps to a zone that tells the same
// clock as one before it, whatever it is called: this machine's zone when
// it is UTC, or the itinerary's.
func TestZoneCycleHasNoRepeats(t *testing.T) {
	seoul := mustZone(t, "Asia/Seoul")
	winter := time.Date(2024, 1, 18, 0, 0, 0, 0, time.UTC)
	name := func(z *time.Location) string {
		if z == nil {
			return "own"
		}
		return z.String()
	}
	for _, c := range []struct {
		local    *time.Location
		from, to time.Time
		want     []string
	}{
		// "Etc/UTC" and "ROK" stand for this machine's zone: other names,
		// the same clocks.
		{mustZone(t, "Etc/UTC"), winter, winter.AddDate(0, 0, 9), []string{"Asia/Seoul", "own", "Etc/UTC"}},
		{mustZone(t, "ROK"), winter, winter.AddDate(0, 0, 9), []string{"Asia/Seoul", "own", "UTC"}},
		// London tells UTC's clock in winter but calls it GMT: both stay.
		{mustZone(t, "Europe/London"), winter, winter.AddDate(0, 0, 9), []string{"Asia/Seoul", "own", "Europe/London", "UTC"}},
	} {
		var got []string
		for _, z := range zoneCycle(seoul, seoul, c.local, c.from, c.to) {
			got = append(got, name(z))
		}
		if len(got) != len(c.want) {
			t.Errorf("local %s: %v, want %v", c.local, got, c.want)
			continue
		}
		for k := range got {
			if got[k] != c.want[k] {
				t.Errorf("local %s: %v, want %v", c.local, got, c.want)
				break
			}
		}
	}

	// Across a change of summer time: the same rules under another name
	// are the same zone; UTC's clock is not, though it agrees in winter.
	london, gb := mustZone(t, "Europe/London"), mustZone(t, "GB")
	year := [2]time.Time{time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)}
	if !sameZone(london, gb, year[0], year[1]) {
		t.Error("Europe/London and GB differ")
	}
	if sameZone(mustZone(t, "Etc/UTC"), mustZone(t, "Africa/Abidjan"), year[0], year[1]) {
		t.Error("UTC and GMT are named differently")
	}
	if sameZone(seoul, nil, year[0], year[1]) || !sameZone(nil, nil, year[0], year[1]) {
		t.Error("each venue's own zone is only itself")
	}
	// A zone that agrees with London only until summer time starts.
	fixed := time.FixedZone("GMT", 0)
	if !sameZone(london, fixed, year[0], year[0].AddDate(0, 2, 0)) || sameZone(london, fixed, year[0], year[1]) {
		t.Error("London against a fixed GMT: the same only in winter")
	}
}

// TestZoneKeyCyclesEachClockOnce: on the default visit, with the machine
// in UTC, z shows each zone once before it comes back.
func TestZoneKeyCyclesEachClockOnce(t *testing.T) {
	m := newModel(t, 120, 40)
	m.zones = zoneCycle(m.zone, m.it.Zone, mustZone(t, "Etc/UTC"), m.it.Events[0].Start, m.it.Events[len(m.it.Events)-1].Start)
	seen := map[string]bool{}
	first := m.zoneName()
	for range len(m.zones) {
		name := agenda.ZoneName(m.zone, m.it.Events[0].Start)
		if seen[name] {
			t.Errorf("z shows %q twice", name)
		}
		seen[name] = true
		m = press(m, "z")
	}
	if m.zoneName() != first || len(seen) != 3 {
		t.Errorf("after %d steps: %q, seen %v", len(m.zones), m.zoneName(), seen)
	}
}
