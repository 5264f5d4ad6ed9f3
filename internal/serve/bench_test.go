package serve

import (
	"crypto/ed25519"
	"crypto/rand"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/visitline/visitline/internal/synth"
	"github.com/visitline/visitline/itinerary"
	gossh "golang.org/x/crypto/ssh"
)

// benchServer serves it in-process on loopback with one key, and returns
// the address, the client's signer and the server (for its hub).
func benchServer(b testing.TB, it *itinerary.Itinerary) (string, gossh.Signer, *hub) {
	b.Helper()
	return benchServerWith(b, it, nil)
}

// benchServerWith is benchServer with changes to the configuration.
func benchServerWith(b testing.TB, it *itinerary.Itinerary, change func(*Config)) (string, gossh.Signer, *hub) {
	b.Helper()
	dir := b.TempDir()
	_, priv, _ := ed25519.GenerateKey(rand.Reader)
	signer, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		b.Fatal(err)
	}
	keys := filepath.Join(dir, "keys")
	os.WriteFile(keys, gossh.MarshalAuthorizedKey(signer.PublicKey()), 0o600)
	started, stop := make(chan net.Addr, 1), make(chan struct{})
	var h *hub
	cfg := Config{Listen: "127.0.0.1:0", AuthorizedKeys: keys, HostKey: filepath.Join(dir, "hk"), Name: "synth.yaml",
		Itinerary: it, MaxSessions: 64, PerKey: 64, Idle: time.Hour, Now: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
		Started: func(a net.Addr) { started <- a }, Stop: stop}
	if change != nil {
		change(&cfg)
	}
	done := make(chan error, 1)
	go func() { done <- serveWith(cfg, func(hb *hub) { h = hb }) }()
	var addr net.Addr
	select {
	case addr = <-started:
	case err := <-done:
		b.Fatal(err)
	}
	b.Cleanup(func() { close(stop); <-done })
	return addr.String(), signer, h
}

// viewer is one client session with a terminal, counting what it reads.
type viewer struct {
	read   atomic.Int64
	client *gossh.Client
	mu     sync.Mutex
	head   []byte // the first 64 KiB read
}

// start is the first bytes the viewer read.
func (v *viewer) start() string {
	v.mu.Lock()
	defer v.mu.Unlock()
	return string(v.head)
}

func openViewers(b testing.TB, addr string, signer gossh.Signer, n int) []*viewer {
	b.Helper()
	cc := &gossh.ClientConfig{User: "bench", Auth: []gossh.AuthMethod{gossh.PublicKeys(signer)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second}
	vs := make([]*viewer, n)
	for i := range vs {
		c, err := gossh.Dial("tcp", addr, cc)
		if err != nil {
			b.Fatal(err)
		}
		s, err := c.NewSession()
		if err != nil {
			b.Fatal(err)
		}
		if err := s.RequestPty("xterm-256color", 40, 120, gossh.TerminalModes{}); err != nil {
			b.Fatal(err)
		}
		out, _ := s.StdoutPipe()
		if err := s.Shell(); err != nil {
			b.Fatal(err)
		}
		v := &viewer{client: c}
		go func() {
			buf := make([]byte, 32<<10)
			for {
				n, err := out.Read(buf)
				v.mu.Lock()
				if len(v.head) < 64<<10 {
					v.head = append(v.head, buf[:min(n, 64<<10-len(v.head))]...)
				}
				v.mu.Unlock()
				v.read.Add(int64(n))
				if err != nil {
					return
				}
			}
		}()
		vs[i] = v
		b.Cleanup(func() { c.Close() })
	}
	return vs
}

// quiet waits until no viewer has read anything for 300 ms.
func quiet(vs []*viewer) {
	last := make([]int64, len(vs))
	for {
		time.Sleep(300 * time.Millisecond)
		moved := false
		for i, v := range vs {
			if n := v.read.Load(); n != last[i] {
				last[i], moved = n, true
			}
		}
		if !moved {
			return
		}
	}
}

var bench100k = sync.OnceValues(func() (*itinerary.Itinerary, error) {
	return itinerary.Load("synth.yaml", synth.Generate(100_000, 5000, 1))
})

func load100k(b *testing.B) *itinerary.Itinerary {
	it, err := bench100k()
	if err != nil {
		b.Fatal(err)
	}
	return it
}

// BenchmarkIdleSessionMemory: the heap each idle view adds, 32 of them on
// the 100,000-event file (every event shown: no person on the key).
func BenchmarkIdleSessionMemory(b *testing.B) {
	it := load100k(b)
	for range b.N {
		addr, signer, _ := benchServer(b, it)
		before := heap()
		vs := openViewers(b, addr, signer, 32)
		quiet(vs)
		b.ReportMetric(float64(heap()-before)/32/(1<<20), "MiB/session")
		for _, v := range vs {
			v.client.Close()
		}
	}
}

func heap() int64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapInuse)
}

// BenchmarkFrameAllSessions: changes of the file reaching 32 views of the
// 100,000-event file: the hub's push, each view's reload of the rows and
// its frame, written over SSH and read by the client. An op is two
// changes, a bad save (the error panel over the last good version) and the
// good file again (a whole reload of the rows); ns/op is the whole, and
// ms/session it divided by 32.
func BenchmarkFrameAllSessions(b *testing.B) {
	it := load100k(b)
	addr, signer, h := benchServer(b, it)
	vs := openViewers(b, addr, signer, 32)
	quiet(vs)
	// A frame the same as the last writes nothing: each op is a bad save
	// (the error panel) then the good file again (a whole reload).
	bad := &itinerary.LoadError{File: "synth.yaml", Problems: []itinerary.Problem{{Line: 1, Message: "a bad save"}}}
	b.ResetTimer()
	for range b.N {
		for _, push := range []error{bad, nil} {
			frame(vs, func() { h.publish(it, push) })
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/32, "ms/session")
}

// frame does push and waits until every viewer has read a frame since.
func frame(vs []*viewer, push func()) {
	seen := make([]int64, len(vs))
	for i, v := range vs {
		seen[i] = v.read.Load()
	}
	push()
	for i, v := range vs {
		for v.read.Load() == seen[i] {
			time.Sleep(100 * time.Microsecond)
		}
	}
}
