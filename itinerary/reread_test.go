package itinerary

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/visitline/visitline/internal/synth"
)

// memFile is a file in memory for LoadFromFile: its content and its time
// can change under the load, and it counts the parts read again. The
// load's workers read it at once, as they read an *os.File.
type memFile struct {
	mu     sync.Mutex
	data   []byte
	mtime  time.Time
	reads  int
	change func(f *memFile) // called at the first ReadAt
}

func (f *memFile) ReadAt(p []byte, off int64) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.change != nil {
		f.change(f)
		f.change = nil
	}
	f.reads++
	return bytes.NewReader(f.data).ReadAt(p, off)
}

func (f *memFile) Stat() (fs.FileInfo, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return memInfo{int64(len(f.data)), f.mtime}, nil
}

// memInfo is what a memFile was when Stat was called.
type memInfo struct {
	size  int64
	mtime time.Time
}

func (i memInfo) Name() string       { return "f.yaml" }
func (i memInfo) Size() int64        { return i.size }
func (i memInfo) Mode() fs.FileMode  { return 0o644 }
func (i memInfo) ModTime() time.Time { return i.mtime }
func (i memInfo) IsDir() bool        { return false }
func (i memInfo) Sys() any           { return nil }

// fromFile loads data as LoadFromFile does, in chunks of perChunk, and
// says whether parts were read again from the file.
func fromFile(data []byte, perChunk int) (string, bool) {
	f := &memFile{data: data, mtime: time.Unix(1e9, 0)}
	info, _ := f.Stat()
	it, err := loadFromFile("f.yaml", bytes.Clone(data), f, info, chunking{perChunk: perChunk}, nil)
	f.mu.Lock()
	defer f.mu.Unlock()
	return summary(it, err), f.reads > 0
}

// TestLoadFromFileSavedMeanwhile: a file saved in place while its parts
// are read again (its time changes) is loaded again whole, as it is now:
// no part of the old version is mixed with the new.
func TestLoadFromFileSavedMeanwhile(t *testing.T) {
	before := synth.Generate(400, 30, 7)
	after := bytes.ReplaceAll(before, []byte(`title: "`), []byte(`title: "saved `))
	f := &memFile{data: before, mtime: time.Unix(1e9, 0), change: func(f *memFile) {
		f.data, f.mtime = after, f.mtime.Add(time.Second)
	}}
	info, _ := f.Stat()
	got := summary(loadFromFile("f.yaml", bytes.Clone(before), f, info, chunking{perChunk: 40}, nil))
	if want := whole(after); got != want {
		gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("the load of a file saved meanwhile differs from the saved file's at line %d:\n%s\nwant\n%s", i, gl[i], wl[i])
			}
		}
		t.Errorf("the load of a file saved meanwhile differs from the saved file's: %d lines, want %d", len(gl), len(wl))
	}
}

// TestLoadFromFileOnDisk: a large file on disk loads through the file as
// it does from its bytes.
func TestLoadFromFileOnDisk(t *testing.T) {
	src := synth.Generate(3500, 120, 7)
	path := filepath.Join(t.TempDir(), "big.yaml")
	if err := os.WriteFile(path, src, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := OpenRegular(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	info, _ := f.Stat()
	data, err := ReadAll(path, f)
	if err != nil {
		t.Fatal(err)
	}
	got := summary(LoadFromFile("f.yaml", data, f, info, nil))
	if want := whole(src); got != want {
		t.Errorf("differs from the load of its bytes\n--- got\n%.600s\n--- want\n%.600s", got, want)
	}
}
