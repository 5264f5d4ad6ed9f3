package tui

import "time"

// The watcher's tests wait for its checks: every second, not every 5 s.
func init() { pollInterval = time.Second }
