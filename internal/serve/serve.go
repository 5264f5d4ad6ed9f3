// Package serve is visitline serve: the interactive view of one live
// itinerary over SSH, read-only, a session per connection, each opened on
// the person its public key names. It is built on wish v1 (the line for
// Bubble Tea v1). One loader and one watcher feed every session; each
// session renders and writes on its own goroutines, so a client that stops
// reading holds up nobody else.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	bm "github.com/charmbracelet/wish/bubbletea"
	"github.com/muesli/termenv"
	"github.com/visitline/visitline/itinerary"
	"github.com/visitline/visitline/tui"
	gossh "golang.org/x/crypto/ssh"
)

// Defaults of the limits.
const (
	DefaultListen      = "127.0.0.1:2222"
	DefaultMaxSessions = 64
	DefaultPerKey      = 8
	DefaultIdle        = 30 * time.Minute
	DefaultRate        = 5 // new connections a second from one address, bursts of 4x
	// DefaultHandshake is how long a connection has to authenticate.
	DefaultHandshake = 30 * time.Second
)

// Config is what the server serves and its limits.
type Config struct {
	Listen         string
	AuthorizedKeys string
	HostKey        string // "" for DefaultHostKey
	// Name is the itinerary's name for messages; Watch the file to follow,
	// "" for none.
	Name, Watch string
	Itinerary   *itinerary.Itinerary
	// Changes, when Watch is "", signals that the sources changed (the
	// watch of a folder or of several files, which the caller runs).
	Changes <-chan struct{}
	// Load reads the itinerary again after Watch or Changes signalled.
	Load func() (*itinerary.Itinerary, error)
	// Zone is the display zone when the client sends no TZ; nil for the
	// itinerary's.
	Zone *time.Location
	// Now freezes the clock when not zero (--now).
	Now time.Time
	// Person finds the person of a person="ID" option, as --person does;
	// its error names the candidates.
	Person func(it *itinerary.Itinerary, query string) (int, error)

	MaxSessions, PerKey int
	Idle                time.Duration
	Rate                float64 // connections a second per address
	// Handshake is how long a connection may take to authenticate;
	// 0 for DefaultHandshake.
	Handshake time.Duration

	// Log receives one line per event: the start, each connect and
	// disconnect, re-reads of the keys.
	Log io.Writer
	// Started, when not nil, is called with the address listened on once
	// the server accepts connections.
	Started func(addr net.Addr)
	// Stop, when not nil, ends the server as SIGTERM does when it is closed.
	Stop <-chan struct{}
}

// StartError is a problem found before serving (the keys file, the host
// key, the address): the command's usage exit.
type StartError struct{ Err error }

func (e *StartError) Error() string { return e.Err.Error() }
func (e *StartError) Unwrap() error { return e.Err }

// server is one run of Serve.
type server struct {
	cfg  Config
	keys *keyring
	hub  *hub
	rate *rateLimiter

	logMu sync.Mutex

	mu       sync.Mutex
	sessions map[*session]struct{}
	perKey   map[string]int
	closing  bool
	active   sync.WaitGroup // the sessions registered
}

// Serve checks the keys and the host key, listens, and serves until SIGTERM
// or SIGINT (or cfg.Stop), when every session is closed with a notice.
func Serve(cfg Config) error { return serveWith(cfg, nil) }

// serveWith is Serve, handing the hub to hubReady (for the benchmarks).
func serveWith(cfg Config, hubReady func(*hub)) error {
	s := &server{cfg: cfg, sessions: map[*session]struct{}{}, perKey: map[string]int{}}
	if s.cfg.Log == nil {
		s.cfg.Log = io.Discard
	}
	if err := s.readKeys(); err != nil {
		return &StartError{err}
	}
	hostKey := cfg.HostKey
	var err error
	if hostKey == "" {
		if hostKey, err = DefaultHostKey(); err != nil {
			return &StartError{err}
		}
	}
	pemBytes, signer, created, err := loadHostKey(hostKey)
	if err != nil {
		return &StartError{err}
	}
	s.rate = newRateLimiter(cfg.Rate, time.Now)
	srv, err := s.sshServer(pemBytes)
	if err != nil {
		return &StartError{err}
	}

	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return &StartError{fmt.Errorf("--listen %s: %v", cfg.Listen, err)}
	}
	s.hub = newHub(cfg.Itinerary)
	if hubReady != nil {
		hubReady(s.hub)
	}
	stopWatch := func() {}
	if cfg.Watch != "" {
		changes, stop, err := tui.Watch(cfg.Watch)
		if err != nil {
			ln.Close()
			return &StartError{err}
		}
		stopWatch = stop
		go s.hub.follow(changes, cfg.Load)
	} else if cfg.Changes != nil {
		go s.hub.follow(cfg.Changes, cfg.Load)
	}
	defer stopWatch()

	made := ""
	if created {
		made = " (new)"
	}
	s.logf(fmt.Sprintf("serving %s on ssh://%s, host key %s%s %s", itinerary.QuoteName(cfg.Name), ln.Addr(), hostKey, made, gossh.FingerprintSHA256(signer.PublicKey())))
	if cfg.Started != nil {
		cfg.Started(ln.Addr())
	}
	return s.serveUntilStopped(srv, ln)
}

// readKeys reads the authorized keys and checks that each member's
// person="ID" names a person of the itinerary.
func (s *server) readKeys() error {
	keys, err := newKeyring(s.cfg.AuthorizedKeys, s.logf)
	if err != nil {
		return err
	}
	s.keys = keys
	for _, m := range keys.members {
		if m.Person == "" {
			continue
		}
		if _, err := s.person(s.cfg.Itinerary, m.Person); err != nil {
			return fmt.Errorf("%s:%d: %v", s.cfg.AuthorizedKeys, m.Line, err)
		}
	}
	return nil
}

// sshServer makes the SSH server with the host key pemBytes: the members'
// keys, the rate limit and the handshake deadline on each connection, and
// nothing but the session channel.
func (s *server) sshServer(pemBytes []byte) (*ssh.Server, error) {
	cfg := s.cfg
	srv, err := wish.NewServer(
		wish.WithHostKeyPEM(pemBytes),
		wish.WithPublicKeyAuth(func(ctx ssh.Context, key ssh.PublicKey) bool {
			_, ok := s.keys.lookup(key)
			if c, _ := ctx.Value(handshakeKey{}).(*handshakeConn); ok && c != nil {
				c.authed.Store(true)
			}
			return ok
		}),
		wish.WithMiddleware(
			s.finish,
			bm.MiddlewareWithProgramHandler(s.program, termenv.Ascii),
			s.admit,
		),
	)
	if err != nil {
		return nil, err
	}
	handshake := cfg.Handshake
	if handshake <= 0 {
		handshake = DefaultHandshake
	}
	srv.ConnCallback = func(ctx ssh.Context, conn net.Conn) net.Conn {
		if !s.rate.allow(conn.RemoteAddr()) {
			s.logf(fmt.Sprintf("%s refused: more than %g connections a second", conn.RemoteAddr(), cfg.Rate))
			conn.Close()
			return nil
		}
		c := &handshakeConn{Conn: conn, deadline: time.Now().Add(handshake)}
		c.Conn.SetDeadline(c.deadline)
		ctx.SetValue(handshakeKey{}, c)
		return c
	}
	// A connection idle this long is dropped, after the view's own idle
	// notice: the backstop for a session whose client went away unseen.
	srv.IdleTimeout = cfg.Idle + time.Minute
	// Nothing but the session channel: no port forwarding either way, no
	// subsystems (none is registered), no X11.
	srv.ChannelHandlers = map[string]ssh.ChannelHandler{"session": ssh.DefaultSessionHandler}
	srv.RequestHandlers = map[string]ssh.RequestHandler{}
	srv.LocalPortForwardingCallback = nil
	srv.ReversePortForwardingCallback = nil
	return srv, nil
}

// serveUntilStopped serves ln until SIGTERM, SIGINT or SIGHUP (or
// cfg.Stop), then closes every session with a notice and waits for them
// to end, for three seconds at most.
func (s *server) serveUntilStopped(srv *ssh.Server, ln net.Listener) error {
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP)
	defer signal.Stop(signals)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		if !errors.Is(err, ssh.ErrServerClosed) {
			return err
		}
		return nil
	case sig := <-signals:
		s.logf(fmt.Sprintf("%v: closing every session", sig))
	case <-s.cfg.Stop:
		s.logf("stopping: closing every session")
	}
	ln.Close()
	s.closeAll("visitline: the server is shutting down; the session is closed")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		srv.Close()
	}
	ended := make(chan struct{})
	go func() { s.active.Wait(); close(ended) }()
	select {
	case <-ended: // every disconnect logged
	case <-ctx.Done():
	}
	s.logf("stopped")
	return nil
}

// person resolves a person="ID" option in it.
func (s *server) person(it *itinerary.Itinerary, query string) (int, error) {
	if s.cfg.Person != nil {
		return s.cfg.Person(it, query)
	}
	return it.ResolvePerson(query)
}

// logf writes one line of the log, with the time.
func (s *server) logf(line string) {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	fmt.Fprintf(s.cfg.Log, "%s %s\n", time.Now().Format(time.RFC3339), line)
}

// closeAll ends every session with notice and refuses new ones.
func (s *server) closeAll(notice string) {
	s.mu.Lock()
	s.closing = true
	all := make([]*session, 0, len(s.sessions))
	for ss := range s.sessions {
		all = append(all, ss)
	}
	s.mu.Unlock()
	for _, ss := range all {
		ss.close(notice)
	}
}

// handshakeKey is the context key of a connection's *handshakeConn.
type handshakeKey struct{}

// handshakeConn holds a connection to a deadline until a key is accepted,
// so that connections that never authenticate do not pile up; after that
// the server's idle timeout sets its deadlines.
type handshakeConn struct {
	net.Conn
	deadline time.Time
	authed   atomic.Bool
}

// SetDeadline keeps the handshake's deadline until the key is accepted.
func (c *handshakeConn) SetDeadline(t time.Time) error {
	if !c.authed.Load() && (t.IsZero() || t.After(c.deadline)) {
		t = c.deadline
	}
	return c.Conn.SetDeadline(t)
}
