package source

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/visitline/visitline/itinerary"
)

// URL is a subscribed calendar: an https:// or webcal:// URL (or plain
// http:// to this machine), fetched read-only and cached.
const URL Kind = Gathered + 1

// Fetching a URL: the whole fetch (connecting, the answer and its body)
// must end within fetchTimeout, at most maxRedirects redirects are
// followed, and the body may be at most the loader's size limit.
const (
	fetchTimeout = 12 * time.Second
	maxRedirects = 10
)

// IsURL says that name is a URL visitline fetches: it starts with
// https://, webcal:// or http:// (in any case).
func IsURL(name string) bool {
	scheme, _, ok := strings.Cut(name, "://")
	if !ok {
		return false
	}
	switch strings.ToLower(scheme) {
	case "https", "http", "webcal":
		return true
	}
	return false
}

// Status is how fresh a source's subscribed URLs are.
type Status struct {
	// Offline says that the last fetch of a URL failed and the itinerary
	// holds its last good copy (from the cache, or from memory).
	Offline bool
	// AsOf is when the oldest of the copies shown was fetched.
	AsOf time.Time
	// Unchecked says that a URL's copy is the cache's, not fetched yet
	// (OpenAllCacheFirst): the next load fetches it.
	Unchecked bool
	// Err is why the last fetch of a URL failed, offline or not (a URL
	// with no copy among several sources): a *itinerary.LoadError naming
	// the URL; nil when every fetch succeeded.
	Err error
}

// remote is one subscribed URL: what it was last fetched as, and where
// its last good copy is cached.
type remote struct {
	fetch *url.URL // what is fetched: webcal read as https
	name  string   // in messages: the URL as given, without its user and password
	title string   // the calendar's name when it gives none: the URL's last path element
	key   string   // the cache's name: a hash of the redacted URL

	client   *http.Client
	limit    int64  // the most bytes of a body read
	dir      string // the cache folder; "" for none
	warnings []string

	mu sync.Mutex
	// cacheFirst: the first load gives the cached copy, when there is one,
	// without fetching (unchecked until the next load).
	cacheFirst, unchecked bool
	it                    *itinerary.Itinerary // the last good copy, parsed
	cal                   bool
	meta                  cacheMeta
	offline               bool
	err                   error
	now                   func() time.Time
	// parses counts the bodies parsed (the tests count them).
	parses int
}

// OpenAllCacheFirst is OpenAll for a view that shows something at once:
// a URL with a cached copy starts from that copy without waiting for the
// network, Status().Unchecked saying so, and the next load (the view's
// first refresh, at once) fetches it. A URL with no copy is fetched.
func OpenAllCacheFirst(names []string, stdin io.Reader, progress Progress) (*itinerary.Itinerary, Source, error) {
	return openAll(names, stdin, progress, true)
}

// openURL opens the URL name, from its cached copy when cacheFirst and
// there is one.
func openURL(name string, cacheFirst bool) (*itinerary.Itinerary, Source, error) {
	src := Source{Name: stripUser(name), Kind: URL}
	r, err := newRemote(name)
	if err != nil {
		return nil, src, err
	}
	r.cacheFirst = cacheFirst
	src.Name, src.remote = r.name, r
	it, cal, err := r.load()
	src.Calendar = cal
	return it, src, err
}

// newRemote checks raw and makes its remote; the error names it safely.
func newRemote(raw string) (*remote, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.Opaque != "" {
		return nil, urlError(stripUser(raw), "not a URL visitline can fetch (https://HOST/PATH, webcal://HOST/PATH)")
	}
	shown := *u
	shown.User = nil
	r := &remote{fetch: u, name: shown.String(), limit: itinerary.MaxFileSize, now: time.Now}
	fetch := *u
	switch strings.ToLower(u.Scheme) {
	case "webcal":
		fetch.Scheme = "https"
	case "http":
		if !loopback(u.Hostname()) {
			r.warnings = append(r.warnings, fmt.Sprintf("%s: warning: plain http: the calendar and anything in its URL cross the network unencrypted; use https", itinerary.QuoteName(r.name)))
		}
	}
	r.fetch = &fetch
	sum := sha256.Sum256([]byte(fetch.Redacted()))
	r.key = hex.EncodeToString(sum[:12])
	r.title = urlTitle(u)
	r.dir = cacheDir()
	r.client = newClient(fetchTimeout)
	return r, nil
}

// newClient is an HTTP client whose whole fetch ends within timeout, and
// which stops at a redirect loop or after maxRedirects.
func newClient(timeout time.Duration) *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.DialContext = (&net.Dialer{Timeout: timeout, KeepAlive: 30 * time.Second}).DialContext
	tr.TLSHandshakeTimeout = timeout
	tr.ResponseHeaderTimeout = timeout
	return &http.Client{Transport: tr, Timeout: timeout, CheckRedirect: checkRedirect}
}

var (
	errRedirectLoop = errors.New("a redirect loop: the server sent it back to an address it had already been sent to")
	errRedirects    = fmt.Errorf("more than %d redirects", maxRedirects)
	errDowngrade    = errors.New("redirected from https to plain http; not followed")
)

func checkRedirect(req *http.Request, via []*http.Request) error {
	for _, v := range via {
		if v.URL.String() == req.URL.String() {
			return errRedirectLoop
		}
	}
	if len(via) >= maxRedirects {
		return errRedirects
	}
	if req.URL.Scheme == "http" && via[len(via)-1].URL.Scheme == "https" && !loopback(req.URL.Hostname()) {
		return errDowngrade
	}
	return nil
}

// loopback says that host is this machine.
func loopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// stripUser is raw without a user and password before the host, for a
// message about a URL that does not parse.
func stripUser(raw string) string {
	scheme, rest, ok := strings.Cut(raw, "://")
	if !ok {
		return raw
	}
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	if at := strings.LastIndex(rest[:end], "@"); at >= 0 {
		rest = rest[at+1:]
	}
	return scheme + "://" + rest
}

// urlTitle is the URL's last path element, without .ics, cleaned; its
// host when the path has none.
func urlTitle(u *url.URL) string {
	base := path.Base(u.Path)
	if base == "/" || base == "." || base == "" {
		base = u.Hostname()
	}
	if ext := path.Ext(base); strings.EqualFold(ext, ".ics") || strings.EqualFold(ext, ".ical") {
		base = strings.TrimSuffix(base, ext)
	}
	if t := itinerary.CleanLine(base); t != "" {
		return t
	}
	return "Calendar"
}

func urlError(name, msg string) error {
	return &itinerary.LoadError{File: name, Problems: []itinerary.Problem{{Message: msg}}}
}

// load fetches the URL and loads it. When the fetch fails, the last good
// copy (the one in memory, else the cache's) is returned and the remote is
// offline; the error is the fetch's only when there is no copy. An answer
// that does not load is an error, the last good copy kept for the next.
// last is the copy the last load gave, nil before one did.
func (r *remote) last() *itinerary.Itinerary {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.it
}

func (r *remote) load() (*itinerary.Itinerary, bool, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.it == nil && r.meta.Fetched.IsZero() {
		r.meta = readMeta(r.dir, r.key)
	}
	first := r.cacheFirst
	r.cacheFirst, r.unchecked = false, false
	if first {
		if it, cal, ok := r.fromCache(); ok {
			r.it, r.cal, r.unchecked = it, cal, true
			return it, cal, nil
		}
	}
	body, notModified, err := r.get()
	if err != nil {
		r.offline, r.err = true, err
		if r.it == nil {
			if it, cal, ok := r.fromCache(); ok {
				r.it, r.cal = it, cal
			}
		}
		if r.it == nil {
			return nil, false, err
		}
		return r.it, r.cal, nil
	}
	if notModified {
		if r.it == nil {
			it, cal, ok := r.fromCache()
			if !ok {
				// The cache went; ask again for the whole calendar.
				r.meta = cacheMeta{}
				return r.reloadWhole()
			}
			r.it, r.cal = it, cal
		}
		r.offline, r.err = false, nil
		r.meta.Fetched = r.now()
		writeMeta(r.dir, r.key, r.meta)
		return r.it, r.cal, nil
	}
	return r.take(body)
}

// reloadWhole fetches without the conditions, the lock held.
func (r *remote) reloadWhole() (*itinerary.Itinerary, bool, error) {
	body, _, err := r.get()
	if err != nil {
		r.offline, r.err = true, err
		return nil, false, err
	}
	return r.take(body)
}

// take parses a fetched body and keeps it as the last good copy.
func (r *remote) take(body fetched) (*itinerary.Itinerary, bool, error) {
	it, cal, err := r.parse(body.data)
	if err != nil {
		r.offline, r.err = false, nil // the server answered: the file is wrong
		return nil, cal, err
	}
	r.it, r.cal, r.offline, r.err = it, cal, false, nil
	r.meta = cacheMeta{URL: r.name, ETag: headerValue(body.etag), Modified: headerValue(body.modified), Fetched: r.now(), Sum: sum(body.data)}
	writeCache(r.dir, r.key, body.data, r.meta)
	return it, cal, nil
}

// parse loads a body, the calendar named by X-WR-CALNAME else by the URL.
func (r *remote) parse(data []byte) (*itinerary.Itinerary, bool, error) {
	r.parses++
	it, cal, err := read(r.name, bytes.NewReader(data), nil)
	if err == nil && cal && titledByFile(it.Title, "/"+path.Base(r.name)) {
		it.Title = r.title
	}
	return it, cal, err
}

// fromCache is the cached copy, when there is one that loads.
func (r *remote) fromCache() (*itinerary.Itinerary, bool, bool) {
	data := readBody(r.dir, r.key, r.limit, r.meta.Sum)
	if data == nil {
		return nil, false, false
	}
	it, cal, err := r.parse(data)
	return it, cal, err == nil
}

// fetched is a body as the server sent it.
type fetched struct {
	data           []byte
	etag, modified string
}

// get fetches the URL, asking for it only if changed since the copy the
// remote has; notModified says the server answered 304.
func (r *remote) get() (body fetched, notModified bool, err error) {
	ctx, cancel := context.WithTimeout(context.Background(), r.client.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, r.fetch.String(), nil)
	if err != nil {
		return body, false, urlError(r.name, "not a URL visitline can fetch")
	}
	req.Header.Set("User-Agent", "visitline")
	req.Header.Set("Accept", "text/calendar, application/yaml;q=0.9, */*;q=0.5")
	if r.meta.Sum != "" {
		if r.meta.ETag != "" {
			req.Header.Set("If-None-Match", r.meta.ETag)
		}
		if r.meta.Modified != "" {
			req.Header.Set("If-Modified-Since", r.meta.Modified)
		}
	}
	resp, err := r.client.Do(req)
	if err != nil {
		return body, false, r.fail(err)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotModified && r.meta.Sum != "":
		return body, true, nil
	case resp.StatusCode != http.StatusOK:
		return body, false, urlError(r.name, r.scrub(statusMessage(resp)))
	case resp.ContentLength > r.limit:
		return body, false, urlError(r.name, fmt.Sprintf("the calendar is %s; the limit is %d MiB (the size limit)", mib(resp.ContentLength), r.limit>>20))
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, r.limit+1))
	if err != nil {
		return body, false, r.fail(err)
	}
	if int64(len(data)) > r.limit {
		return body, false, urlError(r.name, fmt.Sprintf("the calendar is larger than the limit of %d MiB (the size limit); stopped reading there", r.limit>>20))
	}
	return fetched{data: data, etag: resp.Header.Get("ETag"), modified: resp.Header.Get("Last-Modified")}, false, nil
}

// headerValue is v when it can be sent back as a header (printable
// ASCII), else "".
func headerValue(v string) string {
	for i := 0; i < len(v); i++ {
		if v[i] < 0x20 || v[i] > 0x7e {
			return ""
		}
	}
	return v
}

func mib(n int64) string {
	return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
}

func statusMessage(resp *http.Response) string {
	msg := "the server answered " + resp.Status
	switch resp.StatusCode {
	case http.StatusUnauthorized, http.StatusForbidden:
		msg += " (the URL may need a token or a password)"
	case http.StatusNotFound, http.StatusGone:
		msg += " (is the URL right?)"
	case http.StatusNotModified:
		msg += " without being asked whether the calendar changed"
	}
	return msg
}

// fail is the message of a fetch that failed, naming the URL.
func (r *remote) fail(err error) error {
	return urlError(r.name, r.scrub(describeFetch(err, r.client.Timeout)))
}

// scrub takes the URL's user and password out of a message, should the
// library have put them in.
func (r *remote) scrub(msg string) string {
	if r.fetch.User != nil {
		if s := r.fetch.User.String(); s != "" {
			msg = strings.ReplaceAll(msg, s, "")
		}
		if p, ok := r.fetch.User.Password(); ok && p != "" {
			msg = strings.ReplaceAll(msg, p, "xxxxx")
		}
	}
	return msg
}

// describeFetch says in words why a fetch failed.
func describeFetch(err error, timeout time.Duration) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	var (
		unknown  x509.UnknownAuthorityError
		hostname x509.HostnameError
		invalid  x509.CertificateInvalidError
		record   tls.RecordHeaderError
		verify   *tls.CertificateVerificationError
		dns      *net.DNSError
		op       *net.OpError
		ne       net.Error
	)
	switch {
	case errors.Is(err, errRedirectLoop), errors.Is(err, errRedirects), errors.Is(err, errDowngrade):
		return err.Error()
	case errors.As(err, &unknown):
		return "TLS: the server's certificate is signed by an authority this machine does not trust"
	case errors.As(err, &hostname):
		return "TLS: the server's certificate is not for " + hostname.Host
	case errors.As(err, &invalid):
		return "TLS: the server's certificate is not valid (expired, or not yet valid?)"
	case errors.As(err, &record):
		return "TLS: the server does not speak TLS (is it an http:// address?)"
	case errors.As(err, &verify):
		return "TLS: the server's certificate cannot be verified: " + verify.Err.Error()
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return fmt.Sprintf("no whole answer within %s (timed out)", timeout)
	case errors.As(err, &dns):
		return "cannot find the host " + dns.Name
	case errors.As(err, &op) && op.Op == "dial":
		var sys *os.SyscallError
		if errors.As(op.Err, &sys) {
			return "cannot connect: " + sys.Err.Error()
		}
		return "cannot connect: " + op.Err.Error()
	case strings.Contains(err.Error(), "tls:"):
		return "TLS: " + err.Error()
	}
	return err.Error()
}

// remote is the remote of the URL name, made on its first load; nil, with
// a warning, when name is not a URL that can be fetched.
func (g *gathered) remote(name string, warn func(...string)) *remote {
	if r, ok := g.remotes[name]; ok {
		return r
	}
	r, err := newRemote(name)
	if err != nil {
		var le *itinerary.LoadError
		if errors.As(err, &le) {
			warn(le.Lines()...)
		}
		return nil
	}
	r.cacheFirst = g.cacheFirst
	if g.remotes == nil {
		g.remotes = map[string]*remote{}
	}
	g.remotes[name] = r
	return r
}

// status is how fresh the remote's copy is.
func (r *remote) status() Status {
	r.mu.Lock()
	defer r.mu.Unlock()
	return Status{Offline: r.offline && r.it != nil, AsOf: r.meta.Fetched, Err: r.err, Unchecked: r.unchecked}
}

// Remote says that the source is or holds a subscribed URL, which the
// view refreshes from time to time.
func (s Source) Remote() bool {
	if s.remote != nil {
		return true
	}
	if s.gathered == nil {
		return false
	}
	s.gathered.mu.Lock()
	defer s.gathered.mu.Unlock()
	return len(s.gathered.remotes) > 0
}

// Status is how fresh the source's URLs are after its last load: offline
// when a fetch failed and a last good copy stands in, as of the oldest
// copy shown. A source without URLs is never offline.
func (s Source) Status() Status {
	var rs []*remote
	if s.remote != nil {
		rs = append(rs, s.remote)
	} else if s.gathered != nil {
		s.gathered.mu.Lock()
		for _, n := range s.gathered.names { // in the order given
			if r, ok := s.gathered.remotes[n]; ok {
				rs = append(rs, r)
			}
		}
		s.gathered.mu.Unlock()
	}
	var out Status
	for _, r := range rs {
		st := r.status()
		if out.Err == nil {
			out.Err = st.Err
		}
		out.Unchecked = out.Unchecked || st.Unchecked
		if !st.Offline {
			continue
		}
		if !out.Offline || st.AsOf.Before(out.AsOf) {
			out.AsOf = st.AsOf
		}
		out.Offline = true
	}
	return out
}

// shownNames are the names as messages give them, a URL without its user
// and password, joined by spaces.
func shownNames(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		switch {
		case IsURL(n):
			out[i] = stripUser(n)
		case n == "-":
			out[i] = StdinName
		default:
			out[i] = n
		}
	}
	return strings.Join(out, " ")
}
