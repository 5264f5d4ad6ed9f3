package source

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/visitline/visitline/data"
	"github.com/visitline/visitline/internal/synth"
)

// byteCounter records what a load tells a ByteProgress.
type byteCounter struct {
	calls             [][2]int64 // each Bytes call
	done, total, seen int
}

func (b *byteCounter) Start(string) func() { return func() {} }
func (b *byteCounter) Update(done, total int) {
	b.done, b.total = done, total
	b.seen++
}
func (b *byteCounter) Bytes(read, total int64) { b.calls = append(b.calls, [2]int64{read, total}) }

// TestByteProgress: a file's load tells the bytes read of its size, from
// 0, and the events read; standard input's size is unknown; a Progress
// without Bytes is told only the events, as before.
func TestByteProgress(t *testing.T) {
	raw := synth.Generate(6000, 50, 1) // over the chunked loader's threshold
	path := filepath.Join(t.TempDir(), "big.yaml")
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	size := int64(len(raw))
	var b byteCounter
	if _, _, err := Open(path, nil, &b); err != nil {
		t.Fatal(err)
	}
	if len(b.calls) < 2 || b.calls[0] != [2]int64{0, size} || b.calls[len(b.calls)-1] != [2]int64{size, size} {
		t.Errorf("bytes told: first %v, last %v of %d calls; want 0 then %d of %d", b.calls[0], b.calls[len(b.calls)-1], len(b.calls), size, size)
	}
	if b.seen == 0 || b.done != 6000 || b.total != 6000 {
		t.Errorf("events told %d times, last %d of %d", b.seen, b.done, b.total)
	}
	// The counting reader still gives the file's size to the reader, which
	// sizes its buffer from it.
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if st, ok := counted(f, size, &byteCounter{}).(interface{ Stat() (fs.FileInfo, error) }); !ok {
		t.Error("the counting reader has no Stat")
	} else if info, err := st.Stat(); err != nil || info.Size() != size {
		t.Errorf("the counting reader hides the file's size (%v)", err)
	}
	var in byteCounter
	if _, _, err := Open("-", bytes.NewReader(raw), &in); err != nil {
		t.Fatal(err)
	}
	if last := in.calls[len(in.calls)-1]; in.calls[0] != [2]int64{0, -1} || last != [2]int64{size, -1} {
		t.Errorf("standard input: first %v, last %v", in.calls[0], last)
	}
	// The reload's loader reports too.
	var again byteCounter
	if _, err := (Source{Name: path, Kind: File}).LoaderWith(&again)(); err != nil || len(again.calls) == 0 {
		t.Errorf("the loader told %d byte counts (%v)", len(again.calls), err)
	}
}

// TestNameOf: the name a source has before it is read.
func TestNameOf(t *testing.T) {
	for _, c := range []struct {
		names []string
		want  string
	}{{nil, data.DefaultName}, {[]string{"-"}, StdinName}, {[]string{"a.yaml"}, "a.yaml"}, {[]string{"a", "-"}, "a " + StdinName},
		{[]string{"https://carol:pa55@example.com/team.ics"}, "https://example.com/team.ics"}} {
		if got := NameOf(c.names); got != c.want {
			t.Errorf("NameOf(%q) = %q, want %q", c.names, got, c.want)
		}
	}
}

// fileCounter records what a gathered load tells a FileProgress, from its
// workers.
type fileCounter struct {
	mu    sync.Mutex
	calls [][2]int
}

func (f *fileCounter) Start(string) func() { return func() {} }
func (f *fileCounter) Update(int, int)     {}
func (f *fileCounter) Files(done, total int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, [2]int{done, total})
}

// TestFileProgress: a folder's load, and its reload, tell the files read
// of those to read, from 0.
func TestFileProgress(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"a.yaml", "b.yaml", "c.yaml"} {
		if err := os.WriteFile(filepath.Join(dir, n), data.Default, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var f fileCounter
	_, src, err := OpenAll([]string{dir}, nil, &f)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.calls) != 4 || f.calls[0] != [2]int{0, 3} || f.calls[3] != [2]int{3, 3} {
		t.Errorf("files told: %v", f.calls)
	}
	f.calls = nil
	if _, err := src.LoaderWith(nil)(); err != nil || len(f.calls) == 0 || f.calls[0] != [2]int{0, 0} {
		t.Errorf("the reload (nothing changed) told %v (%v)", f.calls, err)
	}
}
