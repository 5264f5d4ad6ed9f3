// Package docs is the manual of visitline, one Markdown page a topic; the
// package holds no code, only the tests that keep the pages, the README and
// ARCHITECTURE.md true: every relative link resolves, the examples load.
package docs
