// Package e2e holds the end-to-end tests: they build the visitline binary
// once (TestMain) and drive it as a user does, in tmux and on a
// pseudo-terminal, or as a process with pipes where the process itself is
// what is tested (the memory limit, the machine's zone, --version from the
// build). The files are named by behaviour: timeline, keys, lanes, reload,
// now, calendars, terminal, limits, cli. The package has no code of its
// own.
package e2e
