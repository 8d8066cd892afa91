package aircall

import (
	"context"
	"net/http"
)

// IntegrationsService reads and toggles the OAuth integration the access token belongs to.
//
// Its endpoints only work for integrations built by Aircall or by third
// parties using OAuth: with Basic auth (an API key) they answer 403
// (ErrForbidden). Build the client with WithBearerToken.
type IntegrationsService service

// Integration is a brief representation of the state of an integration
// with its name, logo, status, amount of Numbers connected and User that
// installed it. Integrations are not updatable nor destroyable via the
// Public API, only via the Aircall Dashboard.
type Integration struct {
	// ID is the unique identifier for the Integration (shown in the reference's example).
	ID int64 `json:"id"`
	// Name is the name of the Integration.
	Name string `json:"name"`
	// CustomName is the custom name of the Integration.
	CustomName string `json:"custom_name"`
	// Logo is the URL to the Integration logo.
	Logo string `json:"logo"`
	// CompanyID is the id of the associated Company.
	CompanyID int64 `json:"company_id"`
	// Status is the status of the integration, e.g. "active".
	Status string `json:"status"`
	// Active is true if status == "active".
	Active bool `json:"active"`
	// CreatedAt is when the Integration was created (shown in the reference's example).
	CreatedAt Timestamp `json:"created_at"`
	// UpdatedAt is when the Integration was last updated (shown in the reference's example).
	UpdatedAt Timestamp `json:"updated_at"`
	// DeletedAt is when the Integration was deleted; zero when it was not
	// (shown in the reference's example).
	DeletedAt Timestamp `json:"deleted_at"`
	// NumberIDs are the ids of Numbers in the Integration.
	NumberIDs []int64 `json:"number_ids"`
	// NumbersCount is the number of Numbers in the Integration.
	NumbersCount int `json:"numbers_count"`
	// User is the User that installed the Integration. Can be nil if the
	// user was deleted.
	User *User `json:"user"`
}

// EnableIntegrationOptions are the query parameters of Integrations.Enable.
type EnableIntegrationOptions struct {
	// Install: pass it the first time the integration is enabled, during its
	// install flow, to send the Admin who installed it to your integration's
	// settings page in the Dashboard at the end of the flow, instead of the
	// Aircall integration list. Sent as install=true in the query string.
	Install bool `url:"install,omitempty"`
}

// Me retrieves the Integration associated to the access token.
//
// It works only for integrations built by Aircall or by third parties using
// OAuth. Documented errors: 403 invalid Bearer access token, or the client
// uses an API key (Basic auth) instead of OAuth (ErrForbidden); 404 the
// Integration does not exist anymore (ErrNotFound).
//
//aircall:operation GET /v1/integrations/me
func (s *IntegrationsService) Me(ctx context.Context) (*Integration, *Response, error) {
	return doOne[Integration](ctx, s.client, http.MethodGet, "v1/integrations/me", "integration", nil)
}

// Enable enables the Integration associated to the access token and
// activates webhooks on it. An integration is enabled when first
// installed; Enable re-enables one that has been disabled. With
// opts.Install during the install flow, the Admin ends up on your
// integration's settings page in the Dashboard. opts may be nil. The API
// answers 204.
//
// It works only with OAuth: with an API key (Basic auth), or an invalid
// Bearer access token, it answers 403 (ErrForbidden).
//
//aircall:operation POST /v1/integrations/enable
func (s *IntegrationsService) Enable(ctx context.Context, opts *EnableIntegrationOptions) (*Response, error) {
	u, err := addOptions("v1/integrations/enable", opts)
	if err != nil {
		return nil, err
	}
	return s.client.send(ctx, http.MethodPost, u, nil, nil)
}

// Disable disables the Integration associated to the access token and
// de-activates webhooks on it. The API answers 204.
//
// It works only with OAuth: with an API key (Basic auth), or an invalid
// Bearer access token, it answers 403 (ErrForbidden).
//
//aircall:operation POST /v1/integrations/disable
func (s *IntegrationsService) Disable(ctx context.Context) (*Response, error) {
	return s.client.send(ctx, http.MethodPost, "v1/integrations/disable", nil, nil)
}
