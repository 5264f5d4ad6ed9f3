//go:build unix

package tui

import (
	"path/filepath"
	"syscall"
	"testing"
)

// specialFiles makes a named pipe with no writer in dir (opening it to read
// would block) and returns it with a device.
func specialFiles(t *testing.T, dir string) []string {
	t.Helper()
	fifo := filepath.Join(dir, "trip.fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	return []string{fifo, "/dev/null"}
}
