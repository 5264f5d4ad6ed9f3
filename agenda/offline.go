package agenda

import "time"

// Offline is what a view says of a subscribed calendar it shows from its
// last good copy, fetched at asOf: "offline · as of 14:05" in zone, with
// the day when that is not today's.
func Offline(asOf time.Time, zone *time.Location, now time.Time) string {
	if asOf.IsZero() {
		return "offline"
	}
	if zone == nil {
		zone = time.Local
	}
	a, n := asOf.In(zone), now.In(zone)
	if a.Year() == n.Year() && a.YearDay() == n.YearDay() {
		return "offline · as of " + a.Format("15:04")
	}
	return "offline · as of " + a.Format("Mon 2 Jan 15:04")
}
