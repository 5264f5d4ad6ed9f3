//go:build !unix

package tui

import "testing"

// specialFiles has no named pipes or devices to offer off Unix.
func specialFiles(t *testing.T, dir string) []string { return nil }
