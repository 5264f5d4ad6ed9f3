package serve

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish/logging"
	"github.com/muesli/termenv"
	"github.com/visitline/visitline/export"
	"github.com/visitline/visitline/itinerary"
	"github.com/visitline/visitline/tui"
)

// printFormats are the formats a command may ask for, in this order; the
// itinerary's own YAML is not among them (it would hand out the file).
var printFormats = []export.Format{export.FormatText, export.FormatMarkdown, export.FormatJSON, export.FormatICS}

// sessionKey is the context key of a connection's *session.
type sessionKey struct{}

// session is one SSH session: its member, the person it opens on, and its
// view's program while one runs.
type session struct {
	sess   ssh.Session
	member *Member
	fp     string
	person string // the id of the member's person; "" for none

	lastInput atomic.Int64 // unix nanoseconds of the last input

	mu      sync.Mutex
	program *tea.Program
	notice  string // why the server closed the view
}

// people is the person filter in it: the member's person, or none (also
// when a newer version no longer has them).
func (ss *session) people(it *itinerary.Itinerary) []int {
	if p := it.PersonIndex(ss.person); ss.person != "" && p >= 0 {
		return []int{p}
	}
	return nil
}

// close ends the session's view with notice, printed once the view has
// given the terminal back.
func (ss *session) close(notice string) {
	ss.mu.Lock()
	if ss.notice == "" {
		ss.notice = notice
	}
	p := ss.program
	ss.mu.Unlock()
	if p != nil {
		p.Quit()
	}
}

// register counts ss against the limits; the message says why it is
// refused.
func (s *server) register(ss *session) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.closing:
		return "visitline: the server is shutting down"
	case len(s.sessions) >= s.cfg.MaxSessions:
		return fmt.Sprintf("visitline: the server has its %d sessions open, the most it allows; try again later", s.cfg.MaxSessions)
	case s.perKey[ss.fp] >= s.cfg.PerKey:
		return fmt.Sprintf("visitline: this key has %d sessions open, the most one key may; close one first", s.cfg.PerKey)
	}
	s.sessions[ss] = struct{}{}
	s.perKey[ss.fp]++
	s.active.Add(1)
	return ""
}

func (s *server) unregister(ss *session) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.sessions, ss)
	s.active.Done()
	if s.perKey[ss.fp]--; s.perKey[ss.fp] <= 0 {
		delete(s.perKey, ss.fp)
	}
}

// admit is the outermost middleware: it finds the member by the key the
// server verified for this connection (the session's own PublicKey, looked
// up again, never what an auth callback saw), applies the limits, resolves
// the person and logs the connect and the disconnect.
func (s *server) admit(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		addr := sess.RemoteAddr().String()
		m, ok := s.keys.lookup(sess.PublicKey())
		if !ok {
			s.logf(fmt.Sprintf("refused %s: the key is not (or no longer) in %s", addr, s.cfg.AuthorizedKeys))
			fmt.Fprintln(sess.Stderr(), "visitline: this key is not authorized")
			sess.Exit(1)
			return
		}
		ss := &session{sess: sess, member: m, fp: m.Fingerprint()}
		ss.lastInput.Store(time.Now().UnixNano())
		person := "-"
		if m.Person != "" {
			it, _ := s.hub.current()
			p, err := s.person(it, m.Person)
			if err != nil {
				s.logf(fmt.Sprintf("refused %s %s: %s", addr, ss.fp, strings.ReplaceAll(err.Error(), "\n", ";")))
				fmt.Fprintf(sess.Stderr(), "visitline: this key's line: %v\n", err)
				sess.Exit(1)
				return
			}
			ss.person = it.People[p].ID
			person = ss.person
		}
		if why := s.register(ss); why != "" {
			s.logf(fmt.Sprintf("refused %s %s person %s: %s", addr, ss.fp, person, strings.TrimPrefix(why, "visitline: ")))
			fmt.Fprintln(sess.Stderr(), why)
			sess.Exit(1)
			return
		}
		defer s.unregister(ss)
		sess.Context().SetValue(sessionKey{}, ss)
		// wish's logging middleware times the session; its lines are
		// written as this server's, with the key's fingerprint and person.
		logging.MiddlewareWithLogger(sessionLog{s, addr, ss.fp, person})(next)(sess)
	}
}

// sessionLog writes the connect and disconnect lines of wish's logging
// middleware for one session: time, remote address, key fingerprint,
// person, and the terminal or the duration.
type sessionLog struct {
	s                  *server
	addr, fp, personID string
}

// Printf takes the middleware's two lines: "%s connect %s %v %v %s %v %v
// %v" (user, address, public key, command, TERM, width, height, client
// version) and "%s disconnect %s" (address, duration).
func (l sessionLog) Printf(format string, args ...any) {
	who := fmt.Sprintf("%s %s person %s", l.addr, l.fp, l.personID)
	switch {
	case strings.HasPrefix(format, "%s connect ") && len(args) == 8:
		term := "no terminal"
		if t := fmt.Sprint(args[4]); t != "" {
			term = fmt.Sprintf("%s %vx%v", itinerary.CleanLine(t), args[5], args[6])
		}
		cmd := ""
		if c, ok := args[3].([]string); ok && len(c) > 0 {
			cmd = " command " + strconv.Quote(itinerary.CleanLine(strings.Join(c, " ")))
		}
		l.s.logf(fmt.Sprintf("connect %s (%s%s, %s)", who, term, cmd, itinerary.CleanLine(fmt.Sprint(args[7]))))
	case strings.HasPrefix(format, "%s disconnect ") && len(args) == 2:
		d, _ := args[1].(time.Duration)
		l.s.logf(fmt.Sprintf("disconnect %s after %v", who, d.Round(time.Second)))
	default:
		l.s.logf(itinerary.CleanLine(fmt.Sprintf(format, args...)))
	}
}

// program is the view for a session with a terminal and no command; nil
// otherwise (finish then prints the agenda).
func (s *server) program(sess ssh.Session) *tea.Program {
	ss, _ := sess.Context().Value(sessionKey{}).(*session)
	pty, _, ok := sess.Pty()
	if ss == nil || !ok || len(sess.Command()) > 0 || ss.member.noPty() {
		return nil
	}
	env := append(slices.Clone(sess.Environ()), "TERM="+pty.Term)
	it, loadErr := s.hub.current()
	people := ss.people(it)
	m := tui.New(tui.Config{Itinerary: it, Name: s.cfg.Name, Watch: s.cfg.Watch, Zone: s.zone(env), Now: s.cfg.Now,
		People: people, Card: len(people) > 0, ReadOnly: true}, sessionRenderer(sess, env))
	p := tea.NewProgram(m, tea.WithInput(activityReader{sess, &ss.lastInput}), tea.WithOutput(sess),
		tea.WithAltScreen(), tea.WithMouseCellMotion(), tea.WithFPS(60), tea.WithoutSignalHandler())
	ss.mu.Lock()
	ss.program = p
	closed := ss.notice != ""
	ss.mu.Unlock()
	if closed {
		p.Quit()
	}
	sub := s.hub.subscribe()
	if loadErr != nil {
		sub.poke()
	}
	go func() {
		defer s.hub.unsubscribe(sub)
		done := sess.Context().Done()
		for {
			select {
			case <-done:
				return
			case <-sub.notify:
				it, err := s.hub.current()
				// Blocks while this session's program is busy or stuck, and
				// only this session: the hub never waits for it.
				p.Send(tui.ItineraryMsg{Itinerary: it, Err: err})
			}
		}
	}()
	go s.watchIdle(ss)
	return p
}

// watchIdle closes the view after cfg.Idle without input.
func (s *server) watchIdle(ss *session) {
	every := min(max(s.cfg.Idle/10, 10*time.Millisecond), time.Minute)
	t := time.NewTicker(every)
	defer t.Stop()
	done := ss.sess.Context().Done()
	for {
		select {
		case <-done:
			return
		case <-t.C:
			if time.Since(time.Unix(0, ss.lastInput.Load())) >= s.cfg.Idle {
				ss.close(fmt.Sprintf("visitline: closed after %v without a key; connect again to go on", s.cfg.Idle))
				return
			}
		}
	}
}

// finish is the innermost handler: after a view it prints the notice the
// server closed it with; without a view it prints the agenda.
func (s *server) finish(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		ss, _ := sess.Context().Value(sessionKey{}).(*session)
		if ss == nil {
			return
		}
		ss.mu.Lock()
		ran, notice := ss.program != nil, ss.notice
		ss.mu.Unlock()
		if ran {
			if notice != "" {
				fmt.Fprintln(sess, notice)
			}
			sess.Exit(0)
			return
		}
		sess.Exit(s.printAgenda(sess, ss))
	}
}

// printAgenda writes the session's person's events in the format the
// command names (text when none) and returns the exit status.
func (s *server) printAgenda(sess ssh.Session, ss *session) int {
	format := export.FormatText
	switch cmd := sess.Command(); {
	case len(cmd) == 1 && slices.Contains(printFormats, export.Format(cmd[0])):
		format = export.Format(cmd[0])
	case len(cmd) > 0:
		names := make([]string, len(printFormats))
		for i, f := range printFormats {
			names[i] = string(f)
		}
		fmt.Fprintf(sess.Stderr(), "visitline: %q is not a command here; give none for the agenda, or one of %s\n",
			itinerary.CleanLine(strings.Join(cmd, " ")), strings.Join(names, ", "))
		return 2
	}
	it, _ := s.hub.current()
	people := ss.people(it)
	opt := export.Options{Zone: s.zone(sess.Environ()), Now: s.cfg.Now, People: people}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	if err := export.Writer(format)(sess, it, opt); err != nil {
		fmt.Fprintf(sess.Stderr(), "visitline: %v\n", err)
		return 1
	}
	return 0
}

// zone is the display zone of a session: TZ when the client sent one that
// names a zone, else the server's.
func (s *server) zone(env []string) *time.Location {
	for _, kv := range env {
		if tz, ok := strings.CutPrefix(kv, "TZ="); ok {
			if loc, err := itinerary.LoadZone(strings.TrimPrefix(tz, ":")); err == nil {
				return loc
			}
		}
	}
	if s.cfg.Zone != nil {
		return s.cfg.Zone
	}
	it, _ := s.hub.current()
	return it.Zone
}

// noPty reports whether the member's line carries no-pty: its sessions
// get the printed agenda only.
func (m *Member) noPty() bool { return m.NoPty }

// sessionRenderer renders for one session without asking its terminal
// anything: the colour profile from the TERM, COLORTERM and NO_COLOR the
// client sent, and a dark background. (wish's MakeRenderer asks the
// terminal for its background and waits for the answer.)
func sessionRenderer(w io.Writer, env []string) *lipgloss.Renderer {
	profile := termenv.NewOutput(w, termenv.WithEnvironment(environ(env)), termenv.WithUnsafe()).EnvColorProfile()
	r := lipgloss.NewRenderer(w, termenv.WithProfile(profile))
	r.SetColorProfile(profile)
	r.SetHasDarkBackground(true)
	return r
}

// environ is a session's environment for termenv.
type environ []string

func (e environ) Environ() []string { return e }

func (e environ) Getenv(k string) string {
	v := ""
	for _, kv := range e { // the last wins, as TERM is appended
		if val, ok := strings.CutPrefix(kv, k+"="); ok {
			v = val
		}
	}
	return v
}

// activityReader is the session's input, noting when it last read any.
type activityReader struct {
	r    io.Reader
	last *atomic.Int64
}

func (a activityReader) Read(p []byte) (int, error) {
	n, err := a.r.Read(p)
	if n > 0 {
		a.last.Store(time.Now().UnixNano())
	}
	return n, err
}
