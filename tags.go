package aircall

import (
	"context"
	"fmt"
	"iter"
	"net/http"
)

// TagsService manages Tags, the labels Agents put on Calls.
type TagsService service

// Tag is a label Agents put on Calls from the Phone app. Tags are created
// by Admins from their Dashboard or via the Public API, and are made of a
// name and a color. Emojis can't be used in Tag's attributes (they will be
// removed).
type Tag struct {
	// ID is the unique identifier for the Tag.
	ID int64 `json:"id"`
	// DirectLink is the direct API URL.
	DirectLink string `json:"direct_link"`
	// Name is the Tag's name.
	Name string `json:"name"`
	// Color is the color that this tag is displayed in, in hexadecimal
	// (e.g. "#0662B5").
	Color string `json:"color"`
	// Description is a field used by Aircall to qualify Tags.
	Description string `json:"description"`
}

// CreateTagRequest is the body of Tags.Create. Both fields are mandatory.
type CreateTagRequest struct {
	// Name can't be blank. Tag names are unique: an existing name answers 400.
	Name string `json:"name"`
	// Color can't be blank and must be formatted in hexadecimal: #RGB or #RRGGBB.
	Color string `json:"color"`
}

// UpdateTagRequest is the body of Tags.Update. Only the fields that are set
// are sent; at least one must be.
type UpdateTagRequest struct {
	// Name can't be blank if defined.
	Name *string `json:"name,omitempty"`
	// Color can't be blank and must be formatted in hexadecimal: #RGB or #RRGGBB.
	Color *string `json:"color,omitempty"`
}

// checkHexColor accepts "#RGB" and "#RRGGBB" with hexadecimal digits.
func checkHexColor(arg, v string) error {
	ok := (len(v) == 4 || len(v) == 7) && v[0] == '#'
	for i := 1; ok && i < len(v); i++ {
		c := v[i]
		ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
	}
	if !ok {
		return &ArgError{Arg: arg, Reason: fmt.Sprintf("must be a hexadecimal color like #00B388 or #0B8, got %q", v)}
	}
	return nil
}

func (r *CreateTagRequest) validate() error {
	if r == nil {
		return &ArgError{Arg: "req", Reason: "must not be nil"}
	}
	return firstErr(checkNotBlank("Name", r.Name), checkHexColor("Color", r.Color))
}

func (r *UpdateTagRequest) validate() error {
	if r == nil {
		return &ArgError{Arg: "req", Reason: "must not be nil"}
	}
	if r.Name == nil && r.Color == nil {
		return &ArgError{Arg: "req", Reason: "sets no field: nothing to update"}
	}
	if err := checkOptionalNotBlank("Name", r.Name); err != nil {
		return err
	}
	if r.Color != nil {
		return checkHexColor("Color", *r.Color)
	}
	return nil
}

// List fetches one page of the Tags associated to the company and their
// information. Only the options that are set are sent. Invalid credentials
// answer 403 (ErrForbidden).
//
//aircall:operation GET /v1/tags
func (s *TagsService) List(ctx context.Context, opts *ListOptions) ([]*Tag, *Response, error) {
	if opts != nil {
		if err := opts.validate(MaxPerPage); err != nil {
			return nil, nil, err
		}
	}
	return doList[Tag](ctx, s.client, "v1/tags", "tags", opts)
}

// ListIter iterates over every Tag of the company, fetching pages of 50 (or
// opts.PerPage) lazily as the loop advances. It never changes opts. An error
// is yielded once and ends the iteration.
//
//aircall:operation GET /v1/tags
func (s *TagsService) ListIter(ctx context.Context, opts *ListOptions) iter.Seq2[*Tag, error] {
	return listIter(ctx, opts, MaxPerPage, s.List)
}

// Get retrieves details of a specific Tag. Documented errors: 403 invalid
// API key or Bearer access token (ErrForbidden), 404 the id does not exist
// (ErrNotFound).
//
//aircall:operation GET /v1/tags/:id
func (s *TagsService) Get(ctx context.Context, id int64) (*Tag, *Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, nil, err
	}
	return doOne[Tag](ctx, s.client, http.MethodGet, fmt.Sprintf("v1/tags/%d", id), "tag", nil)
}

// Create creates a Tag; the answer (201) is the new Tag. Aircall validates
// the Tag before inserting it: name and color are mandatory, and the color
// is hexadecimal (#RGB or #RRGGBB, checked before sending). Documented
// errors: 400 invalid payload, e.g. a name already taken (ErrBadRequest),
// 403 (ErrForbidden).
//
//aircall:operation POST /v1/tags
func (s *TagsService) Create(ctx context.Context, req *CreateTagRequest) (*Tag, *Response, error) {
	if err := req.validate(); err != nil {
		return nil, nil, err
	}
	return doOne[Tag](ctx, s.client, http.MethodPost, "v1/tags", "tag", req)
}

// Update updates a Tag's name and/or color; the answer is the updated Tag.
// Documented errors: 400 invalid payload (ErrBadRequest), 403
// (ErrForbidden), 404 the id does not exist (ErrNotFound).
//
//aircall:operation PUT /v1/tags/:id
func (s *TagsService) Update(ctx context.Context, id int64, req *UpdateTagRequest) (*Tag, *Response, error) {
	if err := firstErr(checkID("id", id), req.validate()); err != nil {
		return nil, nil, err
	}
	return doOne[Tag](ctx, s.client, http.MethodPut, fmt.Sprintf("v1/tags/%d", id), "tag", req)
}

// Delete deletes a Tag; it is removed from every Call. The API answers 204.
// Documented errors: 403 (ErrForbidden), 404 the id does not exist
// (ErrNotFound), 422 the server was unable to process the request, described
// in the error's Troubleshoot (ErrUnprocessable).
//
//aircall:operation DELETE /v1/tags/:id
func (s *TagsService) Delete(ctx context.Context, id int64) (*Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, err
	}
	return s.client.send(ctx, http.MethodDelete, fmt.Sprintf("v1/tags/%d", id), nil, nil)
}
