package aircall

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"iter"
	"sync"
	"time"
)

// ChangeSource says how a Sync learnt of a Change.
type ChangeSource string

// The sources of a Change.
const (
	// SourceListing: the backfill or a poll for what is new.
	SourceListing ChangeSource = "listing"
	// SourceRescan: the re-listing of the last SyncOptions.Rescan.
	SourceRescan ChangeSource = "rescan"
	// SourceEvent: a webhook event given to Sync.Feed.
	SourceEvent ChangeSource = "event"
)

// Change is one call or contact a Sync hands to its handler: created,
// changed, or deleted.
type Change[T any] struct {
	// ID is the call's or contact's id.
	ID int64
	// Item is the resource as last seen; nil when Deleted.
	Item *T
	// Deleted reports that it no longer exists: a contact.deleted event,
	// or, with a rescan window, a call or contact missing from a rescan.
	Deleted bool
	// Source says where the change came from.
	Source ChangeSource
}

// SyncOptions configures NewCallSync and NewContactSync.
type SyncOptions struct {
	// Store keeps the sync's checkpoint between runs. Required.
	Store Store
	// Key names the checkpoint in Store. Default "aircall-calls" or
	// "aircall-contacts".
	Key string
	// From is where the first backfill starts (by creation time); zero
	// means everything the API keeps (three months of calls).
	From time.Time
	// PollInterval is how long Run waits between polls for what is new.
	// Default one minute.
	PollInterval time.Duration
	// Rescan, when set, re-lists every RescanEvery what changed lately (for
	// example 24h): the calls started during the last Rescan, the contacts
	// updated during it. What changed after creation (tags, comments,
	// transcripts, contact details) or what a dropped webhook delivery missed
	// is handed over again; calls of the window no longer listed are handed
	// over as Deleted. It also catches a call that shows in listings only
	// after a poll has moved past its start time.
	Rescan time.Duration
	// RescanEvery is how often the rescan runs. Default one hour.
	RescanEvery time.Duration
}

// Sync keeps a copy of Aircall's calls (CallSync) or contacts
// (ContactSync) up to date: a backfill from SyncOptions.From, then polls
// for what is new, optionally webhook events (Feed) applied at once and a
// rescan window for late changes. Every change goes to the handler given to
// NewCallSync or NewContactSync, one at a time.
//
// Delivery to the handler is at least once: the checkpoint is saved to the
// Store after the handler accepted the items it covers, so a crash repeats
// at most the items handled since the last save (one page). Make the
// handler an upsert on the id. Within one process a Sync drops what it
// already handed over: an item listed or delivered again unchanged, and a
// webhook event older than what was handed over for that id (by the
// event's timestamp against the time the listing asked for the page).
//
// Run or Step from one goroutine at a time; Feed may be called from any
// goroutine (a webhook handler) meanwhile. The handler must not call Feed.
type Sync[T any] struct {
	opts    SyncOptions
	res     string
	now     func() time.Time
	newPass func(from time.Time, cp Checkpoint, extend bool) (*Pager[T], error)
	// rescanPass lists what changed since from; gone says whether what it
	// does not list was deleted (true when it lists by creation time).
	rescanPass func(ctx context.Context, from time.Time) iter.Seq2[*T, error]
	gone       bool
	key        func(*T) (int64, time.Time)
	decode     func(*WebhookEvent) (*T, bool, error) // item, deleted
	handle     func(context.Context, Change[T]) error

	mu       sync.Mutex
	loaded   bool
	state    syncState
	seen     map[int64]syncRecord
	pageTime time.Time // when the page being read was asked for
}

// CallSync keeps a copy of the calls up to date: see Sync and NewCallSync.
type CallSync = Sync[Call]

// ContactSync keeps a copy of the shared contacts up to date: see Sync and
// NewContactSync.
type ContactSync = Sync[Contact]

// syncState is what a Sync saves in its Store.
type syncState struct {
	Checkpoint Checkpoint `json:"checkpoint"`
	Rescanned  int64      `json:"rescanned,omitempty"` // unix seconds of the last rescan
}

// syncRecord is what a Sync remembers of an id it handed over.
type syncRecord struct {
	version time.Time // when that state was true
	hash    uint64
	created int64
	deleted bool
}

// NewCallSync returns a CallSync of the calls of client, handing every
// change to handle. Calls have no deletion event: with a Rescan window,
// calls missing from a rescan are handed over as deleted.
func NewCallSync(client *Client, opts SyncOptions, handle func(context.Context, Change[Call]) error) (*CallSync, error) {
	s, err := newSync(client, opts, "calls", callKey, handle, func(ev *WebhookEvent) (*Call, bool, error) {
		c, err := ev.Call()
		return c, false, err
	})
	if err != nil {
		return nil, err
	}
	s.newPass = func(from time.Time, cp Checkpoint, extend bool) (*Pager[Call], error) {
		return newPager(&CallListOptions{From: from, Order: "asc"},
			pagerSpec[Call]{res: "calls.list", key: callKey, from: cp, now: s.now(), extend: extend},
			func(ctx context.Context, o *CallListOptions) ([]*Call, *Response, error) {
				s.markPage()
				return client.Calls.List(ctx, o)
			})
	}
	s.gone = true
	s.rescanPass = func(ctx context.Context, from time.Time) iter.Seq2[*Call, error] {
		return pagerIter(ctx, func() (*Pager[Call], error) { return s.newPass(from, "", false) })
	}
	return s, nil
}

// NewContactSync returns a ContactSync of the shared contacts of client,
// handing every change to handle; contact.deleted events are handed over
// as deleted.
func NewContactSync(client *Client, opts SyncOptions, handle func(context.Context, Change[Contact]) error) (*ContactSync, error) {
	s, err := newSync(client, opts, "contacts", contactKey, handle, func(ev *WebhookEvent) (*Contact, bool, error) {
		c, err := ev.Contact()
		return c, ev.Event == EventContactDeleted, err
	})
	if err != nil {
		return nil, err
	}
	s.newPass = func(from time.Time, cp Checkpoint, extend bool) (*Pager[Contact], error) {
		return newPager(&ContactListOptions{From: from, Order: "asc"},
			pagerSpec[Contact]{res: "contacts.list", key: contactKey, from: cp, now: s.now(), extend: extend},
			func(ctx context.Context, o *ContactListOptions) ([]*Contact, *Response, error) {
				s.markPage()
				return client.Contacts.List(ctx, o)
			})
	}
	// Contacts change long after creation: the rescan lists them by update
	// time, most recent first, down to from.
	s.rescanPass = func(ctx context.Context, from time.Time) iter.Seq2[*Contact, error] {
		return func(yield func(*Contact, error) bool) {
			opts := &ContactListOptions{OrderBy: "updated_at", Order: "desc"}
			for c, err := range listIter(ctx, opts, MaxPerPage, func(ctx context.Context, o *ContactListOptions) ([]*Contact, *Response, error) {
				s.markPage()
				return client.Contacts.List(ctx, o)
			}) {
				if err == nil && c.UpdatedAt.Before(from) {
					return
				}
				if !yield(c, err) {
					return
				}
			}
		}
	}
	return s, nil
}

func newSync[T any](client *Client, opts SyncOptions, res string, key func(*T) (int64, time.Time),
	handle func(context.Context, Change[T]) error, decode func(*WebhookEvent) (*T, bool, error)) (*Sync[T], error) {
	switch {
	case client == nil:
		return nil, &ArgError{Arg: "client", Reason: "must not be nil"}
	case opts.Store == nil:
		return nil, &ArgError{Arg: "Store", Reason: "must be set (FileStore, or your own Store)"}
	case handle == nil:
		return nil, &ArgError{Arg: "handle", Reason: "must not be nil"}
	case opts.PollInterval < 0 || opts.Rescan < 0 || opts.RescanEvery < 0:
		return nil, &ArgError{Arg: "opts", Reason: "durations must not be negative"}
	}
	if opts.Key == "" {
		opts.Key = "aircall-" + res
	}
	if opts.PollInterval == 0 {
		opts.PollInterval = time.Minute
	}
	if opts.RescanEvery == 0 {
		opts.RescanEvery = time.Hour
	}
	return &Sync[T]{opts: opts, res: res[:len(res)-1], now: client.now, key: key, decode: decode, handle: handle,
		seen: map[int64]syncRecord{}}, nil
}

func (s *Sync[T]) markPage() {
	s.mu.Lock()
	s.pageTime = s.now()
	s.mu.Unlock()
}

// Run syncs until ctx ends: Step, then wait PollInterval, again. It returns
// the first error of Step (the handler's, the API's, the Store's) or ctx's.
func (s *Sync[T]) Run(ctx context.Context) error {
	for {
		if err := s.Step(ctx); err != nil {
			return err
		}
		t := time.NewTimer(s.opts.PollInterval)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
}

// Step runs one pass: it lists what was created since the checkpoint (the
// whole backfill on the first run), handing each item over and saving the
// checkpoint after every page, then the rescan when one is due. For a sync
// run from a scheduler (cron, a queue), call Step on each tick.
func (s *Sync[T]) Step(ctx context.Context) error {
	if err := s.load(ctx); err != nil {
		return err
	}
	s.mu.Lock()
	cp := s.state.Checkpoint
	s.mu.Unlock()
	p, err := s.newPass(s.opts.From, cp, true)
	if err != nil {
		return fmt.Errorf("aircall: sync: the saved checkpoint of %q: %w", s.opts.Key, err)
	}
	n := 0
	for it, err := range p.All(ctx) {
		if err != nil {
			return err
		}
		if err := s.apply(ctx, it, SourceListing, time.Time{}); err != nil {
			return err
		}
		if n++; n%IterPerPage == 0 {
			if err := s.save(ctx, p.Checkpoint(), -1); err != nil {
				return err
			}
		}
	}
	if err := s.save(ctx, p.Checkpoint(), -1); err != nil {
		return err
	}
	if s.opts.Rescan > 0 && s.now().Unix()-s.state.Rescanned >= int64(s.opts.RescanEvery/time.Second) {
		if err := s.rescan(ctx); err != nil {
			return err
		}
	}
	s.prune()
	return nil
}

// prune forgets the ids no rescan will list again and no recent event is
// likely to repeat: created, and last handed over, more than a day (or the
// rescan window, if longer) and a rescan period ago.
func (s *Sync[T]) prune() {
	before := s.now().Add(-max(s.opts.Rescan, 24*time.Hour) - s.opts.RescanEvery)
	s.mu.Lock()
	defer s.mu.Unlock()
	for id, r := range s.seen {
		if r.created < before.Unix() && r.version.Before(before) {
			delete(s.seen, id)
		}
	}
}

// Feed applies a webhook event at once: a call.* event to a CallSync, a
// contact.* event to a ContactSync (other events are ignored). It returns
// the handler's error, so a webhook endpoint can answer non-2xx and let
// Aircall deliver it again. Duplicated deliveries and events older than
// what was already handed over for the id are dropped.
func (s *Sync[T]) Feed(ctx context.Context, ev *WebhookEvent) error {
	if ev == nil || ev.Resource != s.res {
		return nil
	}
	it, deleted, err := s.decode(ev)
	if err != nil {
		return err
	}
	if deleted {
		id, _ := s.key(it)
		return s.remove(ctx, id, ev.Timestamp.Time, SourceEvent)
	}
	return s.apply(ctx, it, SourceEvent, ev.Timestamp.Time)
}

// apply hands it over unless it was handed over unchanged, or a newer state
// was. version is the event's time; zero means the page's.
func (s *Sync[T]) apply(ctx context.Context, it *T, src ChangeSource, version time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if version.IsZero() {
		version = s.pageTime
	}
	id, created := s.key(it)
	b, err := json.Marshal(it)
	if err != nil {
		return err
	}
	h := fnv.New64a()
	_, _ = h.Write(b)
	sum := h.Sum64()
	if r, ok := s.seen[id]; ok && (r.deleted || version.Before(r.version) || r.hash == sum) {
		if !r.deleted && version.After(r.version) {
			r.version = version
			s.seen[id] = r
		}
		return nil
	}
	if err := s.handle(ctx, Change[T]{ID: id, Item: it, Source: src}); err != nil {
		return err
	}
	s.seen[id] = syncRecord{version: version, hash: sum, created: created.Unix()}
	return nil
}

// remove hands over the deletion of id once.
func (s *Sync[T]) remove(ctx context.Context, id int64, version time.Time, src ChangeSource) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.seen[id]
	if ok && r.deleted {
		return nil
	}
	if err := s.handle(ctx, Change[T]{ID: id, Deleted: true, Source: src}); err != nil {
		return err
	}
	s.seen[id] = syncRecord{version: version, created: r.created, deleted: true}
	return nil
}

// rescan lists the last Rescan again: changes are handed over, and what
// the Sync handed over in that window but is no longer listed is deleted.
func (s *Sync[T]) rescan(ctx context.Context) error {
	start := s.now()
	from := start.Add(-s.opts.Rescan)
	listed := map[int64]bool{}
	for it, err := range s.rescanPass(ctx, from) {
		if err != nil {
			return err
		}
		id, _ := s.key(it)
		listed[id] = true
		if err := s.apply(ctx, it, SourceRescan, time.Time{}); err != nil {
			return err
		}
	}
	s.mu.Lock()
	var gone []int64
	for id, r := range s.seen {
		if s.gone && !r.deleted && !listed[id] && r.created >= from.Unix() && r.created <= start.Unix() && r.version.Before(start) {
			gone = append(gone, id)
		}
	}
	s.mu.Unlock()
	for _, id := range gone {
		if err := s.remove(ctx, id, start, SourceRescan); err != nil {
			return err
		}
	}
	return s.save(ctx, "", start.Unix())
}

// load reads the saved state once.
func (s *Sync[T]) load(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.loaded {
		return nil
	}
	b, err := s.opts.Store.Load(ctx, s.opts.Key)
	if err != nil {
		return fmt.Errorf("aircall: sync: loading %q: %w", s.opts.Key, err)
	}
	if len(b) > 0 {
		if err := json.Unmarshal(b, &s.state); err != nil {
			return &ArgError{Arg: "Store", Reason: fmt.Sprintf("the state saved under %q is damaged: %v", s.opts.Key, err)}
		}
	}
	s.loaded = true
	return nil
}

// save stores the checkpoint (unless "") and the rescan time (unless < 0).
func (s *Sync[T]) save(ctx context.Context, cp Checkpoint, rescanned int64) error {
	s.mu.Lock()
	if cp != "" {
		s.state.Checkpoint = cp
	}
	if rescanned >= 0 {
		s.state.Rescanned = rescanned
	}
	b, err := json.Marshal(s.state)
	s.mu.Unlock()
	if err != nil {
		return err
	}
	if err := s.opts.Store.Save(ctx, s.opts.Key, b); err != nil {
		return fmt.Errorf("aircall: sync: saving %q: %w", s.opts.Key, err)
	}
	return nil
}
