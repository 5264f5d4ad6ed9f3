// Package bgquery stops the query of the terminal's background colour that
// Bubble Tea v1 makes while the program initialises (its tea_init.go calls
// lipgloss.HasDarkBackground, which has termenv write OSC 11 and wait up to
// five seconds for each byte of the answer). On a terminal that does not
// answer, every start waited five seconds, and a key typed meanwhile was read
// and dropped by the query.
//
// termenv asks only a terminal, and takes the output for no terminal while
// CI is set. This package sets CI in its init, and Restore puts it back
// first thing in main, before anything else reads it. The order is Go's
// package initialisation order (sorted by import path, each package after
// its imports): this package imports only os, so it is initialised before
// os/signal, which Bubble Tea imports and which sorts after every
// github.com/... path. The view then takes the background from COLORFGBG
// (tui.RunLoading). The end-to-end tests on a terminal that does not
// answer fail if the query comes back.
package bgquery

import "os"

// restore puts CI back as it was before init; nil when init left it alone.
var restore func()

func init() {
	// termenv takes an empty CI for none.
	was, set := os.LookupEnv("CI")
	if was != "" || os.Setenv("CI", "1") != nil {
		return
	}
	restore = func() {
		if set {
			os.Setenv("CI", was)
		} else {
			os.Unsetenv("CI")
		}
	}
}

// Restore undoes what the package's init did to the environment. Call it
// first thing in main, so that nothing else sees the change, processes
// started later included.
func Restore() {
	if restore != nil {
		restore()
		restore = nil
	}
}
