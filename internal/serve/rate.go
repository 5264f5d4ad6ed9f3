package serve

import (
	"net"
	"sync"
	"time"
)

// maxRateEntries bounds the addresses the limiter remembers; when full,
// the ones whose bucket has refilled are forgotten, then all.
const maxRateEntries = 4096

// rateLimiter allows each remote address rate new connections a second,
// in bursts of 4*rate (at least 1): a token bucket per address.
type rateLimiter struct {
	rate, burst float64
	now         func() time.Time

	mu      sync.Mutex
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	at     time.Time
}

func newRateLimiter(rate float64, now func() time.Time) *rateLimiter {
	return &rateLimiter{rate: rate, burst: max(4*rate, 1), now: now, buckets: map[string]*bucket{}}
}

// allow takes a token for addr's host, reporting whether there was one. A
// rate of 0 or less allows everything.
func (l *rateLimiter) allow(addr net.Addr) bool {
	if l.rate <= 0 {
		return true
	}
	host := addr.String()
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[host]
	if !ok {
		if len(l.buckets) >= maxRateEntries {
			l.forget(now)
		}
		b = &bucket{tokens: l.burst, at: now}
		l.buckets[host] = b
	}
	b.tokens = min(l.burst, b.tokens+now.Sub(b.at).Seconds()*l.rate)
	b.at = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// forget drops the full buckets, or all when none is full.
func (l *rateLimiter) forget(now time.Time) {
	for h, b := range l.buckets {
		if b.tokens+now.Sub(b.at).Seconds()*l.rate >= l.burst {
			delete(l.buckets, h)
		}
	}
	if len(l.buckets) >= maxRateEntries {
		clear(l.buckets)
	}
}
