package aircalltest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"time"

	"github.com/aircall-go/aircall"
)

// webhookTimeout is how long Aircall waits for a webhook receiver to answer.
const webhookTimeout = 5 * time.Second

// Delivery is one webhook event the fake POSTed to a webhook's URL.
type Delivery struct {
	// WebhookID is the webhook_id of the receiving webhook.
	WebhookID string
	// URL is where the event was sent.
	URL string
	// Event and Resource name the event ("contact.created", "contact").
	Event, Resource string
	// Payload is the JSON body sent: {"resource", "event", "timestamp", "token", "data"}.
	Payload []byte
	// StatusCode is the receiver's answer; 0 when it did not answer.
	StatusCode int
	// Err is why the receiver did not answer (nil when it did).
	Err error
	// Callback is true for a proxy-mode messaging callback POSTed to a
	// number's callbackUrl (WebhookID is then empty).
	Callback bool
	// Attempt is 0 for the first delivery of the event, n for its nth retry
	// (see WithWebhookRetries).
	Attempt int
	// At is when the event was sent, on the fake's clock.
	At time.Time
}

// OK reports whether the receiver answered with a 2xx status.
func (d Delivery) OK() bool { return d.Err == nil && d.StatusCode >= 200 && d.StatusCode < 300 }

type deliveryJob struct {
	webhookID, url  string
	event, resource string
	payload         []byte
	callback        bool // a proxy-mode messaging callback: never retried
	attempt         int  // 0 for the first delivery, then the retry number
}

type deliveryState struct {
	queue   []deliveryJob
	running bool
	done    []Delivery
	changed chan struct{} // closed and replaced whenever done or queue changes
}

// signal wakes the goroutines waiting for deliveries. Callers hold s.mu.
func (d *deliveryState) signal() {
	if d.changed != nil {
		close(d.changed)
	}
	d.changed = make(chan struct{})
}

// watch returns a channel closed at the next change. Callers hold s.mu.
func (d *deliveryState) watch() <-chan struct{} {
	if d.changed == nil {
		d.changed = make(chan struct{})
	}
	return d.changed
}

// emit sends an event to every active webhook subscribed to it: the payload
// is built now (data in its wire format), the POST happens asynchronously,
// in emission order. Callers hold s.mu.
func (s *Server) emit(resource string, event aircall.EventType, data any) {
	var targets []*webhook
	for _, wh := range s.db.webhooks {
		if wh.active && slices.Contains(wh.events, string(event)) {
			targets = append(targets, wh)
		}
	}
	if len(targets) == 0 || s.closed {
		return
	}
	ts := s.now()
	for _, wh := range targets {
		payload, err := EventPayload(resource, event, data, wh.token, ts)
		if err != nil {
			panic(fmt.Sprintf("aircalltest: encoding %s event: %v", event, err))
		}
		s.enqueue(deliveryJob{webhookID: wh.uuid, url: wh.url, event: string(event), resource: resource, payload: payload})
	}
}

// enqueue queues one delivery and starts the delivery loop if needed.
// Callers hold s.mu.
func (s *Server) enqueue(job deliveryJob) {
	if s.closed {
		return
	}
	s.delivery.queue = append(s.delivery.queue, job)
	s.delivery.signal()
	if !s.delivery.running {
		s.delivery.running = true
		s.workers.Add(1)
		go s.deliverLoop()
	}
}

// emitUser sends a user event twice: in the v1 format, and as "<event>.v2"
// in the Users v2 format. Callers hold s.mu.
func (s *Server) emitUser(event aircall.EventType, u *user) {
	s.emit(aircall.ResourceUser, event, s.userWire(u, userDetail))
	s.emit(aircall.ResourceUser, event+".v2", s.userV2Wire(u))
}

// deliverLoop POSTs queued events one at a time until the queue is empty.
func (s *Server) deliverLoop() {
	defer s.workers.Done()
	for {
		s.mu.Lock()
		if len(s.delivery.queue) == 0 || s.closed {
			s.delivery.queue = nil
			s.delivery.running = false
			s.delivery.signal()
			s.mu.Unlock()
			return
		}
		job := s.delivery.queue[0]
		s.delivery.queue = s.delivery.queue[1:]
		s.mu.Unlock()

		d := s.deliver(job)

		s.mu.Lock()
		s.afterDelivery(job, d)
		s.delivery.done = append(s.delivery.done, d)
		s.delivery.signal()
		s.mu.Unlock()
	}
}

// deliver POSTs one event and records the outcome.
func (s *Server) deliver(job deliveryJob) Delivery {
	d := Delivery{WebhookID: job.webhookID, URL: job.url, Event: job.event, Resource: job.resource, Payload: job.payload,
		Callback: job.callback, Attempt: job.attempt, At: s.now()}
	ctx, cancel := context.WithTimeout(s.stopCtx, webhookTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, job.url, bytes.NewReader(job.payload))
	if err != nil {
		d.Err = err
		return d
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "aircalltest-webhooks")
	resp, err := s.cfg.deliveryHC.Do(req)
	if err != nil {
		d.Err = err
		return d
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	_ = resp.Body.Close()
	d.StatusCode = resp.StatusCode
	return d
}

// Deliveries returns the webhook events delivered so far (or attempted:
// see Delivery.Err), in the order they were sent.
func (s *Server) Deliveries() []Delivery {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.delivery.done)
}

// WaitForDeliveries waits until at least n events have been delivered
// (successfully or not) and returns them all. It returns what was delivered
// so far with ctx's error if ctx ends first.
func (s *Server) WaitForDeliveries(ctx context.Context, n int) ([]Delivery, error) {
	for {
		s.mu.Lock()
		if len(s.delivery.done) >= n {
			out := slices.Clone(s.delivery.done)
			s.mu.Unlock()
			return out, nil
		}
		ch := s.delivery.watch()
		s.mu.Unlock()
		select {
		case <-ctx.Done():
			return s.Deliveries(), ctx.Err()
		case <-ch:
		}
	}
}

// FlushDeliveries waits until every event emitted so far has been
// delivered, or ctx ends.
func (s *Server) FlushDeliveries(ctx context.Context) error {
	for {
		s.mu.Lock()
		if len(s.delivery.queue) == 0 && !s.delivery.running {
			s.mu.Unlock()
			return nil
		}
		ch := s.delivery.watch()
		s.mu.Unlock()
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-ch:
		}
	}
}

// AddWebhook registers an active webhook sending the given events to
// rawURL, which may be any URL (plain http included, unlike the API, which
// requires https). No events means all events, as with the API. It returns
// the webhook, whose Token the events carry.
func (s *Server) AddWebhook(rawURL string, events ...aircall.EventType) *aircall.Webhook {
	names := make([]string, len(events))
	for i, e := range events {
		names[i] = string(e)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	wh := s.db.addWebhook(rawURL, "Webhook", eventsOrAll(names), "", s.now())
	return decodeAs[aircall.Webhook](s.webhookWire(wh))
}

// decodeAs encodes a wire value and decodes it into an SDK model, so
// seeding helpers return what a client would read.
func decodeAs[T any](wire any) *T {
	b, err := json.Marshal(wire)
	if err != nil {
		panic("aircalltest: " + err.Error())
	}
	v := new(T)
	if err := json.Unmarshal(b, v); err != nil {
		panic("aircalltest: " + err.Error())
	}
	return v
}
