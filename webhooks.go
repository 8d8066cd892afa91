package aircall

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"net/url"
)

// WebhooksService manages Webhooks: the URLs Aircall POSTs events to.
//
// With OAuth, only the webhook linked to the token is accessible. With Basic
// Auth, webhooks created through Aircall's dashboard and Basic Auth API
// requests are accessible. A company can have up to 100 Webhooks.
type WebhooksService service

// Webhook is a URL Aircall sends events to, with the list of events it is
// registered to. Use its Token to identify from which Aircall account a
// Webhook event is sent.
type Webhook struct {
	// ID is the unique identifier for the Webhook.
	//
	// Deprecated: the API will remove this property; use WebhookID to
	// retrieve, update and delete a Webhook.
	ID int64 `json:"id"`
	// WebhookID is the new unique identifier (a UUID) for the Webhook. It is
	// returned on creation of a Webhook; pass it to Get, Update and Delete.
	WebhookID string `json:"webhook_id"`
	// DirectLink is the direct API URL.
	DirectLink string `json:"direct_link"`
	// CreatedAt is the timestamp when the webhook was created, in UTC.
	CreatedAt Timestamp `json:"created_at"`
	// CustomName is the Webhook's custom name. Default is "Webhook".
	CustomName string `json:"custom_name"`
	// URL is a valid URL to a web server.
	URL string `json:"url"`
	// Active is the status of the Webhook. If active, events will be sent to
	// the url. Default is true. Aircall disables a Webhook whose events keep
	// failing (50 retries); see WebhooksService.Reactivate.
	Active bool `json:"active"`
	// Token is the unique token for request's authentication: every event
	// sent by this Webhook carries it.
	Token string `json:"token"`
	// Events is the list of events registered.
	Events []EventType `json:"events"`
}

// WebhookListOptions pages Webhooks.List and Webhooks.ListIter.
type WebhookListOptions struct {
	ListOptions
	// Order reorders entries by created_at: "asc" (the API's default) or "desc".
	Order string `url:"order,omitempty"`
}

func (o *WebhookListOptions) validate() error {
	if o == nil {
		return nil
	}
	return firstErr(o.ListOptions.validate(MaxPerPage), checkOrder(o.Order))
}

// CreateWebhookRequest is the body of Webhooks.Create.
//
// The API attaches ALL events to a Webhook created without events. To make
// that a deliberate choice, set either Events (the events to subscribe to)
// or AllEvents, not both: Create refuses a request with neither.
type CreateWebhookRequest struct {
	// URL can't be blank and must be a valid https URL. Mandatory field.
	URL string `json:"url"`
	// CustomName is the Webhook's custom name; the API's default is "Webhook".
	CustomName *string `json:"custom_name,omitempty"`
	// Events are the events to attach to this webhook, e.g. "contact.created".
	Events []EventType `json:"events,omitempty"`
	// AllEvents subscribes the Webhook to every event: the events key is left
	// out, which the API reads as "all events". It cannot be combined with Events.
	AllEvents bool `json:"-"`
}

// UpdateWebhookRequest is the body of Webhooks.Update. Only the fields that
// are set are sent.
//
// Beware the API's trap: an update without events re-subscribes the Webhook
// to ALL events, whatever it was registered to. So every update must say
// which events the Webhook keeps: set Events (the full list, which replaces
// the current one) or AllEvents, not both; Update refuses a request with
// neither. To turn a Webhook back on without touching its events, use
// Webhooks.Reactivate.
type UpdateWebhookRequest struct {
	// URL can't be blank and must be a valid https URL.
	URL *string `json:"url,omitempty"`
	// CustomName is the Webhook's custom name.
	CustomName *string `json:"custom_name,omitempty"`
	// Events is the full list of events the Webhook is registered to after
	// the update.
	Events []EventType `json:"events,omitempty"`
	// AllEvents registers the Webhook to every event: the events key is left
	// out, which the API reads as "all events". It cannot be combined with Events.
	AllEvents bool `json:"-"`
	// Active: set it to true to re-activate a Webhook or false to disable it.
	Active *bool `json:"active,omitempty"`
}

// checkEvents enforces the explicit choice between a list of events and all events.
func checkEvents(events []EventType, all bool, method string) error {
	switch {
	case all && len(events) > 0:
		return &ArgError{Arg: "AllEvents", Reason: "cannot be set together with Events: choose a list of events or all of them"}
	case !all && len(events) == 0:
		return &ArgError{Arg: "Events", Reason: fmt.Sprintf("must list the webhook's events: %s without events subscribes it to ALL events; set AllEvents to mean that", method)}
	}
	for i, e := range events {
		if err := checkNotBlank(fmt.Sprintf("Events[%d]", i), string(e)); err != nil {
			return err
		}
	}
	return nil
}

func (r *CreateWebhookRequest) validate() error {
	if r == nil {
		return &ArgError{Arg: "req", Reason: "must not be nil"}
	}
	return firstErr(checkHTTPSURL("URL", r.URL), checkEvents(r.Events, r.AllEvents, "creating a webhook"))
}

func (r *UpdateWebhookRequest) validate() error {
	if r == nil {
		return &ArgError{Arg: "req", Reason: "must not be nil"}
	}
	if r.URL != nil {
		if err := checkHTTPSURL("URL", *r.URL); err != nil {
			return err
		}
	}
	return checkEvents(r.Events, r.AllEvents, "updating a webhook")
}

func webhookPath(id string) string { return "v1/webhooks/" + url.PathEscape(id) }

// List fetches one page of the Webhooks associated to the company and their
// information. Only the options that are set are sent. Invalid credentials
// answer 403 (ErrForbidden).
//
//aircall:operation GET /v1/webhooks
func (s *WebhooksService) List(ctx context.Context, opts *WebhookListOptions) ([]*Webhook, *Response, error) {
	if err := opts.validate(); err != nil {
		return nil, nil, err
	}
	return doList[Webhook](ctx, s.client, "v1/webhooks", "webhooks", opts)
}

// ListIter iterates over every Webhook of the company, fetching pages of 50
// (or opts.PerPage) lazily as the loop advances. It never changes opts. An
// error is yielded once and ends the iteration.
//
//aircall:operation GET /v1/webhooks
func (s *WebhooksService) ListIter(ctx context.Context, opts *WebhookListOptions) iter.Seq2[*Webhook, error] {
	return listIter(ctx, opts, MaxPerPage, s.List)
}

// Get retrieves details of a specific Webhook. id is its WebhookID (a
// legacy numeric id such as "1001" also works, until the API drops it).
// Documented errors: 403 invalid API key or Bearer access token
// (ErrForbidden), 404 the id does not exist (ErrNotFound).
//
//aircall:operation GET /v1/webhooks/:id
func (s *WebhooksService) Get(ctx context.Context, id string) (*Webhook, *Response, error) {
	if err := checkStringID("id", id); err != nil {
		return nil, nil, err
	}
	return doOne[Webhook](ctx, s.client, http.MethodGet, webhookPath(id), "webhook", nil)
}

// Create creates a Webhook; the answer (201) is the new Webhook, with the
// WebhookID to use from then on and the Token its events will carry.
// Aircall starts sending events right away, so the server behind the URL
// must be up; it must answer 200 within 5 seconds, or the Webhook ends up
// disabled.
//
// req must set Events, or AllEvents to subscribe to every event (what the
// API does when events are empty). The URL must be https. Documented
// errors: 400 the url is missing, the company reached its maximum of 100
// Webhooks, or events are not valid (ErrBadRequest); 403 (ErrForbidden).
//
//aircall:operation POST /v1/webhooks
func (s *WebhooksService) Create(ctx context.Context, req *CreateWebhookRequest) (*Webhook, *Response, error) {
	if err := req.validate(); err != nil {
		return nil, nil, err
	}
	return doOne[Webhook](ctx, s.client, http.MethodPost, "v1/webhooks", "webhook", req)
}

// Update updates a Webhook; the answer is the updated Webhook. id is its
// WebhookID.
//
// If the events field is not sent, the API registers the Webhook to ALL
// events. Update therefore requires req to set Events (the full new list)
// or AllEvents (to mean exactly that), and refuses a request with neither
// with an *ArgError before sending anything. Set Active to re-activate
// (true) or disable (false) a Webhook; Reactivate does the former while
// keeping the current events. Documented errors: 400 the url is missing or
// events are not valid (ErrBadRequest), 403 (ErrForbidden), 404 the id does
// not exist (ErrNotFound).
//
//aircall:operation PUT /v1/webhooks/:id
func (s *WebhooksService) Update(ctx context.Context, id string, req *UpdateWebhookRequest) (*Webhook, *Response, error) {
	if err := firstErr(checkStringID("id", id), req.validate()); err != nil {
		return nil, nil, err
	}
	return doOne[Webhook](ctx, s.client, http.MethodPut, webhookPath(id), "webhook", req)
}

// Reactivate turns a Webhook back on, for instance one Aircall disabled
// after its events kept failing, without changing what it is subscribed to.
//
// It retrieves the Webhook (GET /v1/webhooks/:id) and, if it is not active,
// updates it with active set to true and its current url, custom name and
// events sent back as they are, so the update cannot fall into the "no
// events means all events" trap. A Webhook that is already active is
// returned as it is, with the Response of the GET. The two requests are
// not atomic: a change made in between by someone else is overwritten.
//
//aircall:operation PUT /v1/webhooks/:id
func (s *WebhooksService) Reactivate(ctx context.Context, id string) (*Webhook, *Response, error) {
	wh, resp, err := s.Get(ctx, id)
	if err != nil || wh.Active {
		return wh, resp, err
	}
	req := &UpdateWebhookRequest{Active: Ptr(true), Events: wh.Events, AllEvents: len(wh.Events) == 0}
	if wh.URL != "" {
		req.URL = &wh.URL
	}
	if wh.CustomName != "" {
		req.CustomName = &wh.CustomName
	}
	// The values come from the API: send them back without re-checking them.
	return doOne[Webhook](ctx, s.client, http.MethodPut, webhookPath(id), "webhook", req)
}

// Delete deletes a Webhook: Aircall stops sending its events and its
// configuration is lost. id is its WebhookID. The API answers 204.
// Documented errors: 403 (ErrForbidden), 404 the id does not exist
// (ErrNotFound).
//
//aircall:operation DELETE /v1/webhooks/:id
func (s *WebhooksService) Delete(ctx context.Context, id string) (*Response, error) {
	if err := checkStringID("id", id); err != nil {
		return nil, err
	}
	return s.client.send(ctx, http.MethodDelete, webhookPath(id), nil, nil)
}
