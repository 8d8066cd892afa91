package aircall

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
)

// A2PService manages A2P (10DLC) campaign associations between Numbers and
// campaigns registered with The Campaign Registry.
//
// To comply with the 10DLC regulation in the US, partners associate their
// Aircall numbers with campaigns previously declared with TCR (The Campaign
// Registry). Changes are propagated to carriers and TCR asynchronously, a
// few seconds after each call: watch A2PCampaignAssociation.UpdateStatus.
type A2PService service

// A2PUpdateStatus is the status of the asynchronous update of an A2P
// campaign association. Unknown values sent by the API are kept as they are.
type A2PUpdateStatus string

// The documented statuses of an A2P campaign association's background update.
const (
	// A2PUpdatePending is the status following any creation or update, until
	// the background operation completes.
	A2PUpdatePending A2PUpdateStatus = "pending"
	// A2PUpdateDone means the background operation is completed.
	A2PUpdateDone A2PUpdateStatus = "done"
	// A2PUpdateFailed means the background operation failed; UpdateMessage says why.
	A2PUpdateFailed A2PUpdateStatus = "failed"
)

// A2PCampaignAssociation associates Aircall numbers with an A2P (10DLC)
// campaign declared with TCR.
type A2PCampaignAssociation struct {
	// ID is the unique identifier for the A2P campaign association.
	ID int64 `json:"id"`
	// CompanyID is the company identifier of the A2P campaign association.
	CompanyID int64 `json:"company_id"`
	// ExternalID is the TCR external campaign identifier.
	ExternalID string `json:"external_id"`
	// UpdateStatus is the status of the asynchronous update: pending, done or failed.
	UpdateStatus A2PUpdateStatus `json:"update_status"`
	// UpdateMessage is the error message when UpdateStatus is failed, else empty (null).
	UpdateMessage string `json:"update_message"`
	// CreatedAt is the date when the association was created, in UTC.
	CreatedAt Timestamp `json:"created_at"`
	// UpdatedAt is the date when the association was updated for the last
	// time, in UTC. (The reference types it Boolean; its examples show a date.)
	UpdatedAt Timestamp `json:"updated_at"`
	// Numbers is the list of numbers in E.164 format without the + prefix
	// associated to the A2P campaign, e.g. "18001231234". Documented as
	// strings but sent as JSON numbers in the reference's examples: both
	// decode.
	Numbers []string `json:"numbers"`
}

// UnmarshalJSON decodes an association whose numbers are JSON strings or numbers.
func (a *A2PCampaignAssociation) UnmarshalJSON(b []byte) error {
	type plain A2PCampaignAssociation
	aux := struct {
		*plain
		Numbers flexStrings `json:"numbers"` // shadows plain.Numbers
	}{plain: (*plain)(a)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	a.Numbers = []string(aux.Numbers)
	return nil
}

// CreateA2PCampaignAssociationRequest is the body of A2P.Create. Both
// fields are mandatory.
type CreateA2PCampaignAssociationRequest struct {
	// ExternalCampaignID is the TCR external campaign id.
	ExternalCampaignID string `json:"external_campaign_id"`
	// Numbers is the list of numbers in E.164 format without the + prefix to
	// associate to the A2P campaign, e.g. "18001231234". At least one.
	Numbers []string `json:"numbers"`
}

// MarshalJSON sends Numbers as JSON numbers, as the reference's example
// request does (its attribute table says Array<String>; see a2pNumbers).
func (r CreateA2PCampaignAssociationRequest) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		ExternalCampaignID string     `json:"external_campaign_id"`
		Numbers            a2pNumbers `json:"numbers"`
	}{r.ExternalCampaignID, a2pNumbers(r.Numbers)})
}

// UpdateA2PCampaignAssociationRequest is the body of A2P.Update.
type UpdateA2PCampaignAssociationRequest struct {
	// Numbers is the list of numbers in E.164 format without the + prefix to
	// associate to the existing A2P campaign. They fully replace the numbers
	// associated so far. At least one.
	Numbers []string `json:"numbers"`
}

// MarshalJSON sends Numbers as JSON numbers, as the reference's example
// request does (its attribute table says Array<String>; see a2pNumbers).
func (r UpdateA2PCampaignAssociationRequest) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Numbers a2pNumbers `json:"numbers"`
	}{a2pNumbers(r.Numbers)})
}

// a2pNumbers encodes numbers as the reference's example requests do:
// {"numbers": [1279876456]}. Numbers validated by checkE164Digits have at
// most 15 digits, which a JSON number holds exactly; anything else (only
// possible when marshalling an unchecked request by hand) stays a string.
type a2pNumbers []string

// MarshalJSON encodes the numbers, digits as JSON numbers.
func (n a2pNumbers) MarshalJSON() ([]byte, error) {
	out := make([]any, len(n))
	for i, s := range n {
		if isDigits(s, 1, 15) {
			out[i] = json.Number(s)
		} else {
			out[i] = s
		}
	}
	return json.Marshal(out)
}

func checkA2PNumbers(numbers []string) error {
	if len(numbers) == 0 {
		return &ArgError{Arg: "Numbers", Reason: "is required: at least one number"}
	}
	for i, n := range numbers {
		if err := checkE164Digits(fmt.Sprintf("Numbers[%d]", i), n); err != nil {
			return err
		}
	}
	return nil
}

// List fetches one page of the A2P campaign associations of the Company and
// their information. Only the options that are set are sent.
//
//aircall:operation GET /v1/a2p_campaign_associations
func (s *A2PService) List(ctx context.Context, opts *ListOptions) ([]*A2PCampaignAssociation, *Response, error) {
	if opts != nil {
		if err := opts.validate(MaxPerPage); err != nil {
			return nil, nil, err
		}
	}
	return doList[A2PCampaignAssociation](ctx, s.client, "v1/a2p_campaign_associations", "a2p_campaign_associations", opts)
}

// ListIter iterates over every A2P campaign association of the Company,
// fetching pages of 50 (or opts.PerPage) lazily as the loop advances. It
// never changes opts. An error is yielded once and ends the iteration.
//
//aircall:operation GET /v1/a2p_campaign_associations
func (s *A2PService) ListIter(ctx context.Context, opts *ListOptions) iter.Seq2[*A2PCampaignAssociation, error] {
	return listIter(ctx, opts, MaxPerPage, s.List)
}

// Get retrieves details of a specific A2P campaign association.
//
//aircall:operation GET /v1/a2p_campaign_associations/:id
func (s *A2PService) Get(ctx context.Context, id int64) (*A2PCampaignAssociation, *Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, nil, err
	}
	return doOne[A2PCampaignAssociation](ctx, s.client, http.MethodGet, fmt.Sprintf("v1/a2p_campaign_associations/%d", id), "a2p_campaign_association", nil)
}

// Create associates Aircall numbers to an external campaign previously
// declared in TCR; the answer (201) is the new association, whose
// UpdateStatus is pending until carriers and TCR are updated.
//
// ExternalCampaignID must not be blank; Numbers are E.164 digits without
// the + (at least one), sent as JSON numbers like the reference's example.
// A number can be associated to a single 10DLC campaign: associating a
// number to several campaigns, or a campaign twice, answers 400
// (ErrBadRequest), as do missing or incorrect parameters; the error's
// Troubleshoot says which.
//
//aircall:operation POST /v1/a2p_campaign_associations
func (s *A2PService) Create(ctx context.Context, req *CreateA2PCampaignAssociationRequest) (*A2PCampaignAssociation, *Response, error) {
	if req == nil {
		return nil, nil, &ArgError{Arg: "req", Reason: "must not be nil"}
	}
	if err := firstErr(checkNotBlank("ExternalCampaignID", req.ExternalCampaignID), checkA2PNumbers(req.Numbers)); err != nil {
		return nil, nil, err
	}
	return doOne[A2PCampaignAssociation](ctx, s.client, http.MethodPost, "v1/a2p_campaign_associations", "a2p_campaign_association", req)
}

// Update replaces the numbers of an existing A2P campaign association with
// req.Numbers (E.164 digits without the +, at least one); the answer is the
// updated association, pending again. Associating a number that belongs
// to another campaign, or missing or incorrect parameters, answer 400
// (ErrBadRequest).
//
//aircall:operation PUT /v1/a2p_campaign_associations/:id
func (s *A2PService) Update(ctx context.Context, id int64, req *UpdateA2PCampaignAssociationRequest) (*A2PCampaignAssociation, *Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, nil, err
	}
	if req == nil {
		return nil, nil, &ArgError{Arg: "req", Reason: "must not be nil"}
	}
	if err := checkA2PNumbers(req.Numbers); err != nil {
		return nil, nil, err
	}
	return doOne[A2PCampaignAssociation](ctx, s.client, http.MethodPut, fmt.Sprintf("v1/a2p_campaign_associations/%d", id), "a2p_campaign_association", req)
}

// Delete deletes an A2P campaign association: the association of Aircall
// numbers to the external campaign, not the campaign itself. The API answers
// 204 (the association is going to be deleted); 400 (ErrBadRequest) on
// incorrect parameters.
//
//aircall:operation DELETE /v1/a2p_campaign_associations/:id
func (s *A2PService) Delete(ctx context.Context, id int64) (*Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, err
	}
	return s.client.send(ctx, http.MethodDelete, fmt.Sprintf("v1/a2p_campaign_associations/%d", id), nil, nil)
}
