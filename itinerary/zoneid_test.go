package itinerary

import (
	"testing"
	"time"
)

// TestZoneID: a named zone is its name; this machine's (time.Local) is
// named by $TZ, never "Local".
func TestZoneID(t *testing.T) {
	seoul, _ := time.LoadLocation("Asia/Seoul")
	if got := ZoneID(seoul); got != "Asia/Seoul" {
		t.Errorf("ZoneID(Asia/Seoul) = %q", got)
	}
	t.Setenv("TZ", "Europe/Paris")
	if got := ZoneID(time.Local); got != "Europe/Paris" {
		t.Errorf("ZoneID(Local) with TZ=Europe/Paris = %q", got)
	}
	t.Setenv("TZ", "")
	if got := ZoneID(time.Local); got != "UTC" {
		t.Errorf("ZoneID(Local) with TZ empty = %q", got)
	}
}
