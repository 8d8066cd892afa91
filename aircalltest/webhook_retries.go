package aircalltest

import "time"

// Webhook retries and automatic deactivation, as Aircall documents them
// (turned on by WithWebhookRetries): a failed event is retried; once an
// event has failed DefaultWebhookRetries retries the webhook is disabled
// (active false: no new event goes to it), its failed events are still
// retried for DefaultDisabledRetryWindow, and the first success enables it
// again.

// afterDelivery applies the retry rules to a delivery's outcome. Callers hold s.mu.
func (s *Server) afterDelivery(job deliveryJob, d Delivery) {
	if job.callback || job.webhookID == "" {
		return // callbacks are not retried
	}
	wh := s.db.webhookByRef(job.webhookID)
	if wh == nil {
		return // deleted meanwhile
	}
	if d.OK() {
		if at, disabled := s.sim.disabledAt[wh.uuid]; disabled {
			delete(s.sim.disabledAt, wh.uuid)
			if !at.IsZero() {
				wh.active = true
			}
		}
		return
	}
	if !s.cfg.wf.retries {
		return
	}
	now := s.now()
	if job.attempt >= s.cfg.wf.maxRetries {
		if _, disabled := s.sim.disabledAt[wh.uuid]; !disabled && wh.active {
			wh.active = false
			if s.sim.disabledAt == nil {
				s.sim.disabledAt = map[string]time.Time{}
			}
			s.sim.disabledAt[wh.uuid] = now
		}
	}
	if at, disabled := s.sim.disabledAt[wh.uuid]; disabled && now.Add(s.cfg.wf.retryInterval).Sub(at) > s.cfg.wf.disabledWindow {
		return // past the retry window of a disabled webhook: dropped
	}
	next := job
	next.attempt++
	s.schedule(s.cfg.wf.retryInterval, func() { s.enqueue(next) })
}
