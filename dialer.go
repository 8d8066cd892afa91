package aircall

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
)

// DialerCampaignsService manages Power Dialer campaigns: one active campaign per User,
// made of phone numbers to call.
type DialerCampaignsService service

// DialerCampaign is a User's Power Dialer campaign, composed of one or several
// phone numbers (list them with DialerCampaignsService.ListPhoneNumbers). A
// User can have only one active Dialer Campaign.
type DialerCampaign struct {
	// ID is the unique identifier for the Dialer Campaign.
	ID int64 `json:"id"`
	// NumberID is set if the Dialer Campaign is associated to a Number (zero
	// otherwise). Documented as a string and shown as null: a string, a
	// number and null are all accepted.
	NumberID int64 `json:"number_id"`
	// CreatedAt is the Dialer Campaign's creation date, in UTC.
	CreatedAt Timestamp `json:"created_at"`
}

// UnmarshalJSON accepts number_id as a number, a numeric string or null. A
// value that is none of these decodes to zero rather than failing.
func (d *DialerCampaign) UnmarshalJSON(b []byte) error {
	type plain DialerCampaign
	aux := struct {
		*plain
		NumberID lenientInt64 `json:"number_id"`
	}{plain: (*plain)(d)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	d.NumberID = int64(aux.NumberID)
	return nil
}

// DialerPhoneNumber is one phone number of a Dialer Campaign.
type DialerPhoneNumber struct {
	// ID is the unique identifier for the phone number.
	ID int64 `json:"id"`
	// Number is the actual phone number.
	Number string `json:"number"`
	// Called is true if the number was called by the User.
	Called bool `json:"called"`
	// CreatedAt is the phone number's creation date, in UTC.
	CreatedAt Timestamp `json:"created_at"`
}

// checkDialerNumbers requires at least one phone number, each in E.164 format.
func checkDialerNumbers(phoneNumbers []string) error {
	if len(phoneNumbers) == 0 {
		return &ArgError{Arg: "phoneNumbers", Reason: "must include at least one phone number"}
	}
	for i, n := range phoneNumbers {
		if err := checkE164(fmt.Sprintf("phoneNumbers[%d]", i), n); err != nil {
			return err
		}
	}
	return nil
}

// Get retrieves the active Dialer Campaign of a User (a User can have only
// one). To list its phone numbers, use ListPhoneNumbers.
//
// 404 (ErrNotFound): User has no active campaign.
//
//aircall:operation GET /v1/users/:user_id/dialer_campaign
func (s *DialerCampaignsService) Get(ctx context.Context, userID int64) (*DialerCampaign, *Response, error) {
	if err := checkID("userID", userID); err != nil {
		return nil, nil, err
	}
	return doOne[DialerCampaign](ctx, s.client, http.MethodGet, fmt.Sprintf("v1/users/%d/dialer_campaign", userID), "", nil)
}

// Create creates an active Dialer Campaign for a User with the given phone
// numbers (at least one, in E.164 format). A User can have only one active
// Dialer Campaign.
//
// 422 (ErrUnprocessable): must include at least one valid phone number.
//
//aircall:operation POST /v1/users/:user_id/dialer_campaign
func (s *DialerCampaignsService) Create(ctx context.Context, userID int64, phoneNumbers []string) (*Response, error) {
	if err := firstErr(checkID("userID", userID), checkDialerNumbers(phoneNumbers)); err != nil {
		return nil, err
	}
	body := struct {
		PhoneNumbers []string `json:"phone_numbers"`
	}{phoneNumbers}
	return s.client.send(ctx, http.MethodPost, fmt.Sprintf("v1/users/%d/dialer_campaign", userID), body, nil)
}

// Delete deletes the Dialer Campaign of a User, whether created by the Agent
// or via the Public API. Its phone numbers are destroyed as well.
//
// 404 (ErrNotFound): User has no active campaign.
//
//aircall:operation DELETE /v1/users/:user_id/dialer_campaign
func (s *DialerCampaignsService) Delete(ctx context.Context, userID int64) (*Response, error) {
	if err := checkID("userID", userID); err != nil {
		return nil, err
	}
	return s.client.send(ctx, http.MethodDelete, fmt.Sprintf("v1/users/%d/dialer_campaign", userID), nil, nil)
}

// ListPhoneNumbers retrieves the phone numbers a User's Dialer Campaign is
// made of. The answer is not paginated (Response.Meta is nil).
//
// 404 (ErrNotFound): User has no active campaign.
//
//aircall:operation GET /v1/users/:user_id/dialer_campaign/phone_numbers
func (s *DialerCampaignsService) ListPhoneNumbers(ctx context.Context, userID int64) ([]*DialerPhoneNumber, *Response, error) {
	if err := checkID("userID", userID); err != nil {
		return nil, nil, err
	}
	return doList[DialerPhoneNumber](ctx, s.client, fmt.Sprintf("v1/users/%d/dialer_campaign/phone_numbers", userID), "numbers", nil)
}

// AddPhoneNumbers adds phone numbers (at least one, in E.164 format) to a
// User's active Dialer Campaign; they are automatically appended in the
// Phone app.
//
// 422 (ErrUnprocessable): must include at least one valid phone number.
//
//aircall:operation POST /v1/users/:user_id/dialer_campaign/phone_numbers
func (s *DialerCampaignsService) AddPhoneNumbers(ctx context.Context, userID int64, phoneNumbers []string) (*Response, error) {
	if err := firstErr(checkID("userID", userID), checkDialerNumbers(phoneNumbers)); err != nil {
		return nil, err
	}
	body := struct {
		PhoneNumbers []string `json:"phone_numbers"`
	}{phoneNumbers}
	return s.client.send(ctx, http.MethodPost, fmt.Sprintf("v1/users/%d/dialer_campaign/phone_numbers", userID), body, nil)
}

// DeletePhoneNumber deletes one phone number (by its DialerPhoneNumber.ID)
// from a User's Dialer Campaign.
//
//aircall:operation DELETE /v1/users/:user_id/dialer_campaign/phone_numbers/:id
func (s *DialerCampaignsService) DeletePhoneNumber(ctx context.Context, userID, id int64) (*Response, error) {
	if err := firstErr(checkID("userID", userID), checkID("id", id)); err != nil {
		return nil, err
	}
	return s.client.send(ctx, http.MethodDelete, fmt.Sprintf("v1/users/%d/dialer_campaign/phone_numbers/%d", userID, id), nil, nil)
}
