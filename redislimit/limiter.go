// Package redislimit shares one Aircall request budget between every process
// that uses the same API key, through Redis.
//
// Aircall's budget (60 requests per minute by default) belongs to the
// company, not to a process: two workers pacing themselves at 60/min each
// send 120/min and get refused. A Limiter built by New paces all of them
// together with the GCRA limiter of github.com/go-redis/redis_rate, and
// shares what one process learns from the server: once any of them sees
// X-AircallApi-Remaining: 0, all of them hold their requests until Reset,
// and a Limit the server reports (a raised budget, or a lowered one) paces
// every process from then on. Each process takes its slot from the shared
// budget when a request leaves, so requests in flight in any process count.
//
//	rdb := redis.NewClient(&redis.Options{Addr: "redis:6379"})
//	lim, err := redislimit.New(rdb, redislimit.KeyForAPIID(apiID))
//	client, err := aircall.NewClient(aircall.WithBasicAuth(apiID, apiToken), aircall.WithLimiter(lim))
//
// When Redis cannot be reached, the Limiter either falls back to an
// in-process limiter at the same budget (FallbackLocal, the default: work
// goes on, but N processes may then send up to N times the budget, which
// the server answers with 429s that the client waits out) or fails the
// request with an error matching ErrRedisUnavailable (FailClosed). Either
// way no call waits past its context's deadline: every Redis round trip is
// bounded by the op timeout and by the context.
package redislimit

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/go-redis/redis_rate/v10"
	"github.com/redis/go-redis/v9"
)

// ErrRedisUnavailable is returned by Wait in FailClosed mode when Redis
// cannot be reached or does not answer within the op timeout.
var ErrRedisUnavailable = errors.New("redislimit: redis unavailable")

// FailureMode says what Wait does when Redis cannot be reached.
type FailureMode int

const (
	// FallbackLocal paces this process alone at the same budget until Redis
	// answers again. It is the default.
	FallbackLocal FailureMode = iota
	// FailClosed fails the request with an error matching ErrRedisUnavailable.
	FailClosed
)

// String names the mode.
func (m FailureMode) String() string {
	switch m {
	case FallbackLocal:
		return "FallbackLocal"
	case FailClosed:
		return "FailClosed"
	}
	return "FailureMode(" + strconv.Itoa(int(m)) + ")"
}

// Redis is the part of a go-redis client the Limiter uses; *redis.Client,
// *redis.ClusterClient and *redis.Ring all satisfy it.
type Redis interface {
	redis.Scripter
	Del(ctx context.Context, keys ...string) *redis.IntCmd
	Get(ctx context.Context, key string) *redis.StringCmd
}

// Limiter is an aircall.Limiter whose budget is shared through Redis by
// every Limiter with the same key.
type Limiter struct {
	rdb       Redis
	gcra      *redis_rate.Limiter
	key       string
	limit     redis_rate.Limit
	mode      FailureMode
	opTimeout time.Duration
	buffer    time.Duration
	burst     int
	window    time.Duration // what the server's X-AircallApi-Limit counts
	local     aircall.Limiter
	logger    *slog.Logger

	learned atomic.Int64 // the per-minute budget the last Wait used
	shared  atomic.Int64 // the server's Limit this process last shared

	warnMu     sync.Mutex
	lastWarned time.Time

	// seams for tests
	now   func() time.Time
	sleep func(ctx context.Context, d time.Duration) error
}

var _ aircall.Limiter = (*Limiter)(nil)

// Option configures a Limiter.
type Option func(*Limiter) error

// WithRate sets the shared budget: at most perMinute requests in any
// 60-second window across all processes, with bursts of up to burst.
// Default 60 per minute, burst 1 (Aircall's documented company budget).
func WithRate(perMinute, burst int) Option {
	return func(l *Limiter) error {
		if perMinute < 1 || burst < 1 || burst > perMinute {
			return fmt.Errorf("redislimit: WithRate(%d, %d): need 1 <= burst <= perMinute", perMinute, burst)
		}
		l.limit, l.burst = gcraLimit(perMinute, burst), burst
		local, err := aircall.NewLocalLimiter(perMinute, burst)
		if err != nil {
			return err
		}
		l.local = local
		return nil
	}
}

// gcraLimit turns "perMinute in any 60 s window, bursts of burst" into a GCRA
// limit. Like the SDK's local limiter, the period gets one extra
// millisecond so rounding never lets one more request in at a window's edge.
func gcraLimit(perMinute, burst int) redis_rate.Limit {
	return redis_rate.Limit{Rate: perMinute - burst + 1, Burst: burst, Period: time.Minute + time.Millisecond}
}

// WithLimitWindow is the length of the window the server's
// X-AircallApi-Limit counts requests over: a minute for Aircall (the
// default). Change it only against a server with other windows, such as a
// scaled-down aircalltest.
func WithLimitWindow(d time.Duration) Option {
	return func(l *Limiter) error {
		if d <= 0 {
			return errors.New("redislimit: limit window must be positive")
		}
		l.window = d
		return nil
	}
}

// WithFailureMode chooses what happens when Redis is unreachable.
func WithFailureMode(m FailureMode) Option {
	return func(l *Limiter) error {
		if m != FallbackLocal && m != FailClosed {
			return fmt.Errorf("redislimit: unknown failure mode %d", m)
		}
		l.mode = m
		return nil
	}
}

// WithOpTimeout bounds each Redis round trip (default 500ms). Past it, Redis
// counts as unreachable for that call.
func WithOpTimeout(d time.Duration) Option {
	return func(l *Limiter) error {
		if d <= 0 {
			return errors.New("redislimit: op timeout must be positive")
		}
		l.opTimeout = d
		return nil
	}
}

// WithResetBuffer is how long after the server's Reset the shared hold
// lasts (default 25ms, as in the SDK's own budget): a Reset in whole
// seconds is rounded up, so what is left is the clock difference between
// hosts, which NTP keeps to milliseconds.
func WithResetBuffer(d time.Duration) Option {
	return func(l *Limiter) error {
		if d < 0 {
			return errors.New("redislimit: reset buffer must not be negative")
		}
		l.buffer = d
		return nil
	}
}

// WithLogger reports Redis failures (at most one warning every 30 seconds).
func WithLogger(lg *slog.Logger) Option {
	return func(l *Limiter) error {
		l.logger = lg
		return nil
	}
}

// KeyForAPIID returns the shared key for a Basic-auth API key: the api_id is
// not a secret, so it is used as is.
func KeyForAPIID(apiID string) string { return "aircall:apiid:" + apiID }

// KeyForToken returns the shared key for an OAuth access token: a SHA-256
// hash of it, so the secret itself never reaches Redis.
func KeyForToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return "aircall:token:" + hex.EncodeToString(sum[:16])
}

// New returns a Limiter sharing its budget with every Limiter that uses the
// same Redis and key. Build the key with KeyForAPIID or KeyForToken (or
// any string naming the company's budget); never put a secret in it.
func New(rdb Redis, key string, opts ...Option) (*Limiter, error) {
	if rdb == nil {
		return nil, errors.New("redislimit: nil redis client")
	}
	if strings.TrimSpace(key) == "" {
		return nil, errors.New("redislimit: empty key")
	}
	l := &Limiter{
		rdb:       rdb,
		gcra:      redis_rate.NewLimiter(rdb),
		key:       key,
		opTimeout: 500 * time.Millisecond,
		buffer:    defaultResetBuffer,
		window:    time.Minute,
		now:       time.Now,
		sleep:     sleepCtx,
	}
	if err := WithRate(aircall.DefaultRequestsPerMinute, 1)(l); err != nil {
		return nil, err
	}
	for _, opt := range opts {
		if err := opt(l); err != nil {
			return nil, err
		}
	}
	return l, nil
}

func (l *Limiter) gateKey() string { return "aircall:gate:" + l.key }

func (l *Limiter) limitKey() string { return "aircall:limit:" + l.key }

// defaultResetBuffer matches the SDK's own margin after Reset.
const defaultResetBuffer = 25 * time.Millisecond

// readShared reads the shared hold (epoch ms) and the Limit the server last
// reported, in one round trip.
var readShared = redis.NewScript(`
return {redis.call('GET', KEYS[1]) or '0', redis.call('GET', KEYS[2]) or '0'}`)

// shareLimit records the Limit the server reported, for an hour.
var shareLimit = redis.NewScript(`
redis.call('SET', KEYS[1], ARGV[1], 'EX', 3600)
return 1`)

// Wait blocks until this process may send a request within the shared
// budget, or ctx ends.
func (l *Limiter) Wait(ctx context.Context) error {
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		wait, err := l.reserve(ctx)
		if err != nil {
			if ctxErr := ctx.Err(); ctxErr != nil {
				return ctxErr
			}
			l.warn(ctx, err)
			if l.mode == FailClosed {
				return fmt.Errorf("%w: %v", ErrRedisUnavailable, err)
			}
			return l.local.Wait(ctx)
		}
		if wait <= 0 {
			return nil
		}
		if err := l.sleep(ctx, wait); err != nil {
			return err
		}
	}
}

// reserve asks Redis for a slot. It returns 0 when the request may go now,
// or how long to wait before asking again.
func (l *Limiter) reserve(ctx context.Context) (wait time.Duration, err error) {
	err = l.bounded(ctx, func(opCtx context.Context) error {
		// First the shared hold set by Observe: while it lasts, take no
		// slot. Then the budget: the Limit a process last learned from the
		// server, else WithRate's.
		vals, err := readShared.Run(opCtx, l.rdb, []string{l.gateKey(), l.limitKey()}).StringSlice()
		if err != nil {
			return err
		}
		until, _ := strconv.ParseInt(vals[0], 10, 64)
		if d := time.UnixMilli(until).Sub(l.now()); until > 0 && d > 0 {
			wait = d
			return nil
		}
		limit := l.limit
		if n, _ := strconv.Atoi(vals[1]); n > 0 {
			perMinute := max(int(int64(n)*int64(time.Minute)/int64(l.window)), 1)
			limit = gcraLimit(perMinute, min(l.burst, perMinute))
		}
		l.learned.Store(int64(limit.Rate + limit.Burst - 1)) // per minute
		res, err := l.gcra.Allow(opCtx, l.key, limit)
		if err != nil {
			return err
		}
		if res.Allowed == 0 {
			wait = max(res.RetryAfter, time.Millisecond)
		}
		return nil
	})
	return wait, err
}

// bounded runs op with the op timeout and returns when op does, the timeout
// passes or ctx ends, whichever comes first. go-redis honours context
// deadlines only when the caller's client sets ContextTimeoutEnabled; this
// keeps a hung Redis from stalling a request whatever the client's options.
// An abandoned op finishes in the background at the client's own timeouts.
func (l *Limiter) bounded(ctx context.Context, op func(context.Context) error) error {
	opCtx, cancel := context.WithTimeout(ctx, l.opTimeout)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- op(opCtx) }()
	select {
	case err := <-done:
		return err
	case <-opCtx.Done():
		return fmt.Errorf("redis did not answer within %s: %w", l.opTimeout, opCtx.Err())
	}
}

// extendGate sets the hold to ARGV[1] (epoch ms) unless it is already later,
// expiring it with the hold.
var extendGate = redis.NewScript(`
local cur = tonumber(redis.call('GET', KEYS[1]) or '0')
local want = tonumber(ARGV[1])
if want > cur then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0`)

// Observe shares what the server said: its Limit paces every process from
// then on, and after an answer with X-AircallApi-Remaining: 0 every process
// holds its requests until Reset (plus the reset buffer). An unknown
// Remaining (-1) holds nothing. Redis failures here are logged, not
// returned: the SDK's own budget still holds this process.
func (l *Limiter) Observe(r aircall.Rate) {
	now := l.now()
	if r.Limit > 0 && int64(r.Limit) != l.shared.Load() {
		err := l.bounded(context.Background(), func(ctx context.Context) error {
			return shareLimit.Run(ctx, l.rdb, []string{l.limitKey()}, r.Limit).Err()
		})
		if err != nil {
			l.warn(context.Background(), err)
		} else {
			l.shared.Store(int64(r.Limit))
		}
	}
	if r.Remaining != 0 || r.Reset.IsZero() || !r.Reset.After(now) {
		return
	}
	until := r.Reset.Add(l.buffer)
	if lim := now.Add(10 * time.Minute); until.After(lim) {
		until = lim // a wild Reset must not freeze every worker for long
	}
	ttl := until.Sub(now) + time.Second
	err := l.bounded(context.Background(), func(ctx context.Context) error {
		return extendGate.Run(ctx, l.rdb, []string{l.gateKey()}, until.UnixMilli(), ttl.Milliseconds()).Err()
	})
	if err != nil {
		l.warn(context.Background(), err)
	}
}

// Reset forgets the shared state of this Limiter's key (budget and hold).
func (l *Limiter) Reset(ctx context.Context) error {
	if err := l.gcra.Reset(ctx, l.key); err != nil {
		return err
	}
	return l.rdb.Del(ctx, l.gateKey(), l.limitKey()).Err()
}

func (l *Limiter) warn(ctx context.Context, err error) {
	if l.logger == nil {
		return
	}
	l.warnMu.Lock()
	now := l.now()
	if now.Sub(l.lastWarned) < 30*time.Second {
		l.warnMu.Unlock()
		return
	}
	l.lastWarned = now
	l.warnMu.Unlock()
	l.logger.LogAttrs(ctx, slog.LevelWarn, "redislimit: redis unavailable",
		slog.String("mode", l.mode.String()), slog.String("error", err.Error()))
}

// sleepCtx waits d or until ctx ends; a wait that cannot end before ctx's
// deadline fails at once with an error matching context.DeadlineExceeded.
func sleepCtx(ctx context.Context, d time.Duration) error {
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < d {
		return fmt.Errorf("redislimit: waiting %s would pass the context deadline: %w", d.Round(time.Millisecond), context.DeadlineExceeded)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
