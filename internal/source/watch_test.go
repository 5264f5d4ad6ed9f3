package source

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// signalled waits for the watch's next signal; the bound only keeps a
// broken watch from hanging the test, it measures nothing.
func signalled(t *testing.T, w *Watcher, what string) {
	t.Helper()
	select {
	case _, ok := <-w.C:
		if !ok {
			t.Fatalf("%s: the watch ended", what)
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("%s: no signal", what)
	}
}

// watching waits until the watch follows n folders.
func watching(t *testing.T, w *Watcher, n int, what string) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); w.Watched() != n; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%s: watching %d folders, want %d", what, w.Watched(), n)
		}
	}
}

// TestWatchTree: a subfolder made while the watch runs is watched, and a
// file made in it, one changed, renamed and removed, and the subfolder
// moved and removed, each signal; hidden folders are not watched.
func TestWatchTree(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "work", "a.ics"), ics("a", "Standup", ""))
	write(t, filepath.Join(root, ".git", "HEAD"), "x")
	w, err := WatchTree([]string{root})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Stop()
	watching(t, w, 2, "start") // root and work, not .git

	sub := filepath.Join(root, "home")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	signalled(t, w, "a folder made")
	watching(t, w, 3, "a folder made")
	write(t, filepath.Join(sub, "d.ics"), ics("d", "Dinner", ""))
	signalled(t, w, "a file made in the new folder")
	write(t, filepath.Join(root, "work", "a.ics"), ics("a", "Standup moved", ""))
	signalled(t, w, "a file changed")
	if err := os.Rename(filepath.Join(root, "work", "a.ics"), filepath.Join(root, "work", "b.ics")); err != nil {
		t.Fatal(err)
	}
	signalled(t, w, "a file renamed")
	if err := os.Remove(filepath.Join(root, "work", "b.ics")); err != nil {
		t.Fatal(err)
	}
	signalled(t, w, "a file removed")
	moved := filepath.Join(root, "family")
	if err := os.Rename(sub, moved); err != nil {
		t.Fatal(err)
	}
	signalled(t, w, "a folder renamed")
	watching(t, w, 3, "a folder renamed")
	write(t, filepath.Join(moved, "e.ics"), ics("e", "Lunch", ""))
	signalled(t, w, "a file made in the renamed folder")
	if err := os.RemoveAll(moved); err != nil {
		t.Fatal(err)
	}
	signalled(t, w, "a folder removed")
	watching(t, w, 2, "a folder removed")
}

// TestWatchRootFiles: a root file is followed through a save by rename;
// the other files of its folder are not its concern.
func TestWatchRootFiles(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "trip.ics")
	write(t, path, ics("a", "Standup", ""))
	w, err := WatchTree([]string{path})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Stop()
	write(t, path+".tmp", ics("a", "Saved", ""))
	if err := os.Rename(path+".tmp", path); err != nil {
		t.Fatal(err)
	}
	signalled(t, w, "the file saved by rename")
	if w.Watched() != 0 {
		t.Errorf("watching %d folders of the tree for a file", w.Watched())
	}
	// Its folder removed and made again: the file is followed there.
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	signalled(t, w, "the folder removed")
	write(t, path, ics("a", "Back", ""))
	signalled(t, w, "the file back in a new folder")
	write(t, path, ics("a", "Saved in the new folder", ""))
	signalled(t, w, "the file saved in the new folder")
}

// TestWatchLimit: past the limit the watch stops adding folders and says
// so instead of failing.
func TestWatchLimit(t *testing.T) {
	defer func(n int) { maxWatches = n }(maxWatches)
	maxWatches = 3
	root := t.TempDir()
	for i := range 5 {
		write(t, filepath.Join(root, fmt.Sprintf("c%d", i), "a.ics"), ics("a", "A", ""))
	}
	w, err := WatchTree([]string{root})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Stop()
	if w.Watched() != 3 || !strings.Contains(w.Warning(), "watching the first 3 folders only (the watch limit)") {
		t.Errorf("watching %d, warning %q", w.Watched(), w.Warning())
	}
}

// TestRelevant: hidden files, editor backups and partial downloads are
// not files the loader reads, so they signal nothing.
func TestRelevant(t *testing.T) {
	for name, want := range map[string]bool{
		"a.ics": true, "trip.yaml": true, "x.YML": true, "displayname": true, "color": true,
		".a.ics": false, "a.ics~": false, ".a.ics.swp": false, "#a.ics#": false, "a.ics.part": false,
		"a.ics.tmp": false, "a.ics.crdownload": false, "README.md": false, ".displayname": false,
	} {
		if got := relevant(name); got != want {
			t.Errorf("relevant(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestGatherRereadsOnlyChanged: in a vdir of many files, a reload after one
// file changed reads that file alone; hidden files, backups and partial
// downloads added read nothing; a file added is the one read; a file
// removed reads none.
func TestGatherRereadsOnlyChanged(t *testing.T) {
	dir := t.TempDir()
	const n = 300
	for i := range n {
		write(t, filepath.Join(dir, fmt.Sprintf("c%d", i%2), fmt.Sprintf("e%03d.ics", i)), ics(fmt.Sprint(i), fmt.Sprint("Event ", i), ""))
	}
	it, src, err := OpenAll([]string{dir}, nil, nil)
	if err != nil || len(it.Events) != n {
		t.Fatalf("%v, %d events", err, len(it.Events))
	}
	g := src.gathered
	step := func(what string, reads, events int) {
		t.Helper()
		before := g.reads
		it, err := src.Loader()()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if g.reads-before != reads || len(it.Events) != events {
			t.Errorf("%s: %d files read, %d events; want %d, %d", what, g.reads-before, len(it.Events), reads, events)
		}
	}
	step("nothing changed", 0, n)
	changed := filepath.Join(dir, "c1", "e007.ics")
	write(t, changed, ics("7", "Event seven, longer now", ""))
	step("one file changed", 1, n)
	for _, name := range []string{".e999.ics", "e999.ics~", ".e999.ics.swp", "e999.ics.part", "e999.ics.tmp", "#e999.ics#"} {
		write(t, filepath.Join(dir, "c0", name), ics("999", "Skipped", ""))
	}
	step("hidden files, backups and partial downloads added", 0, n)
	write(t, filepath.Join(dir, "c0", "new.ics"), ics("new", "New", ""))
	step("a file added", 1, n+1)
	if err := os.Remove(changed); err != nil {
		t.Fatal(err)
	}
	step("a file removed", 0, n)
}

// quiet fails when the watch signals within d: a settled watch must not
// ask for reloads of its own.
func quiet(t *testing.T, w *Watcher, d time.Duration, what string) {
	t.Helper()
	select {
	case <-w.C:
		t.Errorf("%s: a signal with nothing changed", what)
	case <-time.After(d):
	}
}

// TestWatchLateFile: a name missing when the watch starts that comes as a
// file signals once, then the watch is quiet (it reloaded every poll) and
// follows the file's changes.
func TestWatchLateFile(t *testing.T) {
	dir := t.TempDir()
	late := filepath.Join(dir, "b.ics")
	w, err := WatchTree([]string{late})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Stop()
	if err := os.WriteFile(late, []byte(ics("b", "B", "")), 0o644); err != nil {
		t.Fatal(err)
	}
	signalled(t, w, "the file came")
	quiet(t, w, 3*watchPoll, "after the file came")
	if err := os.WriteFile(late, []byte(ics("b", "Bee", "")), 0o644); err != nil {
		t.Fatal(err)
	}
	signalled(t, w, "the file changed")
	// Written files (hidden, backups) beside it ask for nothing either.
	if err := os.WriteFile(filepath.Join(dir, ".b.ics.swp"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	quiet(t, w, 2*watchPoll, "after an editor's swap file")
}
