//go:build race

package calendar

// raceEnabled: the race detector makes the reader 5–20 times slower, so
// tests do not time it then.
const raceEnabled = true
