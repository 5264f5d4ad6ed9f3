package source

import "time"

// The watch's tests wait for its checks: every second, not every 5 s.
func init() { watchPoll = time.Second }
