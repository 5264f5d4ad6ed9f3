package agenda

import (
	"testing"
	"time"
)

func TestOffline(t *testing.T) {
	seoul, err := time.LoadLocation("Asia/Seoul")
	if err != nil {
		t.Skipf("no zone data for Asia/Seoul: %v", err)
	}
	asOf := time.Date(2025, 3, 4, 5, 5, 0, 0, time.UTC) // 14:05 in Seoul
	for _, c := range []struct {
		now  time.Time
		want string
	}{
		{asOf.Add(2 * time.Hour), "offline · as of 14:05"},
		{asOf.Add(24 * time.Hour), "offline · as of Tue 4 Mar 14:05"},
	} {
		if got := Offline(asOf, seoul, c.now); got != c.want {
			t.Errorf("Offline(now %v) = %q, want %q", c.now, got, c.want)
		}
	}
	if got := Offline(time.Time{}, nil, asOf); got != "offline" {
		t.Errorf("no time: %q", got)
	}
}
