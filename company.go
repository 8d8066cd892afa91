package aircall

import (
	"context"
	"net/http"
)

// CompanyService reads the Company the credentials belong to.
type CompanyService service

// Company is a brief representation of the state of a company with its
// name, the number of Users and Numbers. Companies are not updatable nor
// destroyable via the Public API, only via the Aircall Dashboard.
type Company struct {
	// Name is the name of the Company.
	Name string `json:"name"`
	// UsersCount is the number of Users in the Company.
	UsersCount int `json:"users_count"`
	// NumbersCount is the number of Numbers in the Company.
	NumbersCount int `json:"numbers_count"`
}

// Get retrieves the information of the Company the credentials belong to.
// An invalid Bearer access token answers 403 (ErrForbidden).
//
//aircall:operation GET /v1/company
func (s *CompanyService) Get(ctx context.Context) (*Company, *Response, error) {
	return doOne[Company](ctx, s.client, http.MethodGet, "v1/company", "company", nil)
}
