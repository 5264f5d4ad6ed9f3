package source

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/visitline/visitline/data"
	"github.com/visitline/visitline/itinerary"
)

const vevent = "BEGIN:VEVENT\r\nUID:a@x\r\nDTSTART:20250101T100000Z\r\nDTEND:20250101T110000Z\r\nSUMMARY:Tea\r\nEND:VEVENT\r\n"

// TestOpen: each kind of name, YAML or iCalendar by content whatever the
// file is called, a bare VEVENT too.
func TestOpen(t *testing.T) {
	dir := t.TempDir()
	ics := filepath.Join(dir, "trip.yaml") // a calendar under a YAML name
	yml := filepath.Join(dir, "cal.ics")   // and the other way round
	if err := os.WriteFile(ics, []byte(vevent), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(yml, data.Default, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		stdin []byte
		want  Source
	}{
		{"", nil, Source{Name: data.DefaultName, Kind: Builtin}},
		{"-", data.Default, Source{Name: StdinName, Kind: Stdin}},
		{"-", []byte(vevent), Source{Name: StdinName, Kind: Stdin, Calendar: true}},
		{ics, nil, Source{Name: ics, Kind: File, Calendar: true}},
		{yml, nil, Source{Name: yml, Kind: File}},
	} {
		it, src, err := Open(c.name, bytes.NewReader(c.stdin), nil)
		if err != nil || it == nil || len(it.Events) == 0 || src != c.want {
			t.Errorf("Open(%q): %+v, %v; want %+v", c.name, src, err, c.want)
		}
		if (src.Loader() != nil) != (c.want.Kind == File) {
			t.Errorf("Open(%q): loader %v", c.name, src.Loader() != nil)
		}
	}
}

// TestOpenRefusesNonRegular: a named pipe is refused before it is read
// (reading it would block), by Open and by the loader.
func TestOpenRefusesNonRegular(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	_, _, err := Open(fifo, nil, nil)
	var le *itinerary.LoadError
	if !errors.As(err, &le) || !strings.Contains(err.Error(), "named pipe") {
		t.Errorf("Open(fifo): %v", err)
	}
	if _, err := FileLoader(fifo)(); !errors.As(err, &le) {
		t.Errorf("loader(fifo): %v", err)
	}
}

// TestLoaderMissing: the loader's error for a missing file is os.Stat's, so
// that the view can tell a missing file from a bad one.
func TestLoaderMissing(t *testing.T) {
	_, err := FileLoader(filepath.Join(t.TempDir(), "gone", "x.yaml"))()
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("got %v", err)
	}
}

type countingProgress struct{ starts, stops int }

func (p *countingProgress) Start(string) func() { p.starts++; return func() { p.stops++ } }
func (p *countingProgress) Update(int, int)     {}

// TestOpenProgress: a YAML file's load is shown, and the display stopped;
// a calendar's is not (as before the one entrance).
func TestOpenProgress(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		body   []byte
		starts int
	}{{data.Default, 1}, {[]byte(vevent), 0}} {
		path := filepath.Join(dir, "v")
		if err := os.WriteFile(path, c.body, 0o644); err != nil {
			t.Fatal(err)
		}
		p := &countingProgress{}
		if _, _, err := Open(path, nil, p); err != nil {
			t.Fatal(err)
		}
		if p.starts != c.starts || p.stops != c.starts {
			t.Errorf("starts %d, stops %d; want %d", p.starts, p.stops, c.starts)
		}
	}
}
