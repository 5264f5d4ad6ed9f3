package itinerary

import (
	"os"
	"path/filepath"
	"strings"
	"time"
)

// ZoneID is loc's IANA name, as machine-readable outputs (JSON, CSV) give
// it: time.Local, which Go calls "Local", is named by $TZ or by the zone
// file /etc/localtime links to, and "UTC" when neither names one.
func ZoneID(loc *time.Location) string {
	if loc != time.Local {
		return loc.String()
	}
	if tz, ok := os.LookupEnv("TZ"); ok {
		tz = strings.TrimPrefix(tz, ":")
		if tz == "" {
			return "UTC"
		}
		if _, err := time.LoadLocation(tz); err == nil && !filepath.IsAbs(tz) {
			return tz
		}
	}
	if target, err := os.Readlink("/etc/localtime"); err == nil {
		if _, name, ok := strings.Cut(target, "zoneinfo/"); ok {
			if _, err := time.LoadLocation(name); err == nil {
				return name
			}
		}
	}
	if name, _ := time.Now().In(loc).Zone(); name == "UTC" {
		return "UTC"
	}
	return loc.String()
}
