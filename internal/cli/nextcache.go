package cli

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/visitline/visitline/export"
	"github.com/visitline/visitline/itinerary"
)

// The cache of --next: a status bar runs it every few seconds, and loading
// a file of 10,000 events takes a third of a second, almost all of it the
// YAML parse. So --next on a FILE keeps, under $XDG_CACHE_HOME/visitline/,
// the few events that can be under way or next during the hour after it
// loaded the file, written as a small format-v1 file, and reads that while
// the file's size and modification time are the same and the hour lasts.

// nextWindow is how long a cache of --next serves.
const nextWindow = time.Hour

// nextCacheVersion changes when what the cache holds changes.
const nextCacheVersion = "1"

// nextCachePath is the cache of --next for file and the person queries,
// or "" when there is none to keep: no file, standard input, no cache
// directory, or a file that is not a regular one.
func nextCachePath(file string, people []string) string {
	if file == "" || file == "-" {
		return ""
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return ""
	}
	fi, err := os.Stat(abs)
	if err != nil || !fi.Mode().IsRegular() {
		return ""
	}
	key := fmt.Sprintf("%s\x00%s\x00%d\x00%d\x00%s", nextCacheVersion, abs, fi.Size(), fi.ModTime().UnixNano(), strings.Join(people, "\x00"))
	sum := sha256.Sum256([]byte(key))
	return filepath.Join(dir, "visitline", "next", hex.EncodeToString(sum[:12])+".yaml")
}

// readNextCache loads the cache at path when it serves now, else nil.
func readNextCache(path string, now time.Time) *itinerary.Itinerary {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	head, body, ok := bytes.Cut(b, []byte("\n"))
	if !ok {
		return nil
	}
	var from, until string
	if _, err := fmt.Sscanf(string(head), "# visitline --next cache %s %s", &from, &until); err != nil {
		return nil
	}
	f, err1 := time.Parse(time.RFC3339, from)
	u, err2 := time.Parse(time.RFC3339, until)
	if err1 != nil || err2 != nil || now.Before(f) || !now.Before(u) {
		return nil
	}
	it, err := itinerary.Load(path, body)
	if err != nil {
		return nil
	}
	return it
}

// writeNextCache keeps at path the events of events (the person filter
// applied) that can be under way or next from now for nextWindow: those
// that end after now and start before the window ends, and the first
// timed one that is not cancelled after it. A failure only costs the next
// run a whole load.
func writeNextCache(path string, it *itinerary.Itinerary, events []int, now time.Time) {
	until := now.Add(nextWindow)
	var keep []int
	for _, i := range events {
		e := &it.Events[i]
		if !e.Start.After(until) && !e.End.Before(now) {
			keep = append(keep, i)
		}
	}
	if i := it.NextActive(events, until); i >= 0 && (len(keep) == 0 || keep[len(keep)-1] < i) {
		keep = append(keep, i)
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "# visitline --next cache %s %s\n", now.UTC().Format(time.RFC3339), until.UTC().Format(time.RFC3339))
	if err := export.YAML(&b, it, keep, export.Options{}); err != nil {
		return
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b.Bytes(), 0o600); err != nil {
		return
	}
	os.Rename(tmp, path)
}
