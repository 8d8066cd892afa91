package aircallmcp

import (
	"time"

	"github.com/aircall-go/aircall"
)

// The views below are what tools return: the fields an agent needs, with
// every time in RFC 3339 (UTC) and nothing secret (webhook tokens, recording
// URLs that work without credentials are left out unless asked for).

// rfc3339 formats t in RFC 3339 UTC, or "" for the zero time.
func rfc3339(t aircall.Timestamp) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// CallView is a compact Call.
type CallView struct {
	ID            int64    `json:"id"`
	Direction     string   `json:"direction,omitempty"`
	Status        string   `json:"status,omitempty"`
	StartedAt     string   `json:"started_at,omitempty" jsonschema:"RFC 3339"`
	AnsweredAt    string   `json:"answered_at,omitempty" jsonschema:"RFC 3339; empty for an unanswered call"`
	EndedAt       string   `json:"ended_at,omitempty" jsonschema:"RFC 3339"`
	DurationSec   int      `json:"duration_sec"`
	MissedReason  string   `json:"missed_call_reason,omitempty"`
	ExternalPhone string   `json:"external_phone,omitempty" jsonschema:"the other party's number (E.164)"`
	NumberID      int64    `json:"number_id,omitempty"`
	NumberDigits  string   `json:"number,omitempty" jsonschema:"the Aircall number used"`
	UserID        int64    `json:"user_id,omitempty"`
	UserName      string   `json:"user_name,omitempty"`
	ContactID     int64    `json:"contact_id,omitempty"`
	ContactName   string   `json:"contact_name,omitempty"`
	Tags          []string `json:"tags,omitempty"`
	Comments      []string `json:"comments,omitempty"`
	Archived      bool     `json:"archived,omitempty"`
	HasRecording  bool     `json:"has_recording,omitempty"`
	HasVoicemail  bool     `json:"has_voicemail,omitempty"`
	Link          string   `json:"link,omitempty" jsonschema:"the call in the Aircall dashboard"`
}

// maxCommentsInView bounds the comments carried by one CallView.
const maxCommentsInView = 10

func callView(c *aircall.Call) CallView {
	v := CallView{
		ID:            c.ID,
		Direction:     string(c.Direction),
		Status:        string(c.Status),
		StartedAt:     rfc3339(c.StartedAt),
		AnsweredAt:    rfc3339(c.AnsweredAt),
		EndedAt:       rfc3339(c.EndedAt),
		DurationSec:   c.Duration,
		MissedReason:  string(c.MissedCallReason),
		ExternalPhone: c.RawDigits,
		Archived:      c.Archived,
		HasRecording:  c.Recording != "" || c.RecordingShortURL != "",
		HasVoicemail:  c.Voicemail != "" || c.VoicemailShortURL != "",
		Link:          c.DirectLink,
	}
	if c.Number != nil {
		v.NumberID, v.NumberDigits = c.Number.ID, c.Number.Digits
	}
	if c.User != nil {
		v.UserID, v.UserName = c.User.ID, c.User.Name
	}
	if c.Contact != nil {
		v.ContactID = c.Contact.ID
		v.ContactName = joinName(c.Contact.FirstName, c.Contact.LastName)
	}
	for _, t := range c.Tags {
		if t != nil {
			v.Tags = append(v.Tags, t.Name)
		}
	}
	for _, cm := range c.Comments {
		if cm != nil && len(v.Comments) < maxCommentsInView {
			v.Comments = append(v.Comments, shorten(cm.Content, 500))
		}
	}
	return v
}

// ContactView is a compact Contact.
type ContactView struct {
	ID          int64    `json:"id"`
	Name        string   `json:"name,omitempty"`
	CompanyName string   `json:"company_name,omitempty"`
	Phones      []string `json:"phones,omitempty" jsonschema:"E.164 numbers"`
	Emails      []string `json:"emails,omitempty"`
	Information string   `json:"information,omitempty"`
	IsShared    bool     `json:"is_shared,omitempty"`
	CreatedAt   string   `json:"created_at,omitempty" jsonschema:"RFC 3339"`
	UpdatedAt   string   `json:"updated_at,omitempty" jsonschema:"RFC 3339"`
	Link        string   `json:"link,omitempty"`
}

func contactView(c *aircall.Contact) ContactView {
	v := ContactView{
		ID:          c.ID,
		Name:        joinName(c.FirstName, c.LastName),
		CompanyName: c.CompanyName,
		Information: shorten(c.Information, 500),
		IsShared:    c.IsShared,
		CreatedAt:   rfc3339(c.CreatedAt),
		UpdatedAt:   rfc3339(c.UpdatedAt),
		Link:        c.DirectLink,
	}
	for _, p := range c.PhoneNumbers {
		v.Phones = append(v.Phones, p.Value)
	}
	for _, e := range c.Emails {
		v.Emails = append(v.Emails, e.Value)
	}
	return v
}

// UserView is a compact User.
type UserView struct {
	ID              int64   `json:"id"`
	Name            string  `json:"name,omitempty"`
	Email           string  `json:"email,omitempty"`
	Available       bool    `json:"available"`
	Availability    string  `json:"availability_status,omitempty"`
	DefaultNumberID int64   `json:"default_number_id,omitempty"`
	NumberIDs       []int64 `json:"number_ids,omitempty" jsonschema:"the numbers the user can call from (get_user only)"`
	TimeZone        string  `json:"time_zone,omitempty"`
	CreatedAt       string  `json:"created_at,omitempty" jsonschema:"RFC 3339"`
}

func userView(u *aircall.UserV2, numbers []*aircall.Number) UserView {
	v := UserView{
		ID:              u.ID,
		Name:            u.Name,
		Email:           u.Email,
		Available:       u.Available,
		Availability:    string(u.AvailabilityStatus),
		DefaultNumberID: u.DefaultNumberID,
		TimeZone:        u.TimeZone,
		CreatedAt:       rfc3339(u.CreatedAt),
	}
	for _, n := range numbers {
		if n != nil {
			v.NumberIDs = append(v.NumberIDs, n.ID)
		}
	}
	return v
}

// NumberView is a compact Number.
type NumberView struct {
	ID           int64  `json:"id"`
	Name         string `json:"name,omitempty"`
	Digits       string `json:"digits,omitempty" jsonschema:"the number, as dialled"`
	Country      string `json:"country,omitempty"`
	TimeZone     string `json:"time_zone,omitempty"`
	Open         bool   `json:"open"`
	Availability string `json:"availability_status,omitempty"`
	IsIVR        bool   `json:"is_ivr,omitempty"`
	UserCount    int    `json:"user_count,omitempty"`
	CreatedAt    string `json:"created_at,omitempty" jsonschema:"RFC 3339"`
}

func numberView(n *aircall.Number) NumberView {
	return NumberView{
		ID:           n.ID,
		Name:         n.Name,
		Digits:       n.Digits,
		Country:      n.Country,
		TimeZone:     n.TimeZone,
		Open:         n.Open,
		Availability: string(n.AvailabilityStatus),
		IsIVR:        n.IsIVR,
		UserCount:    len(n.Users),
		CreatedAt:    rfc3339(n.CreatedAt),
	}
}

// MessageView is a compact Message.
type MessageView struct {
	ID        string `json:"id,omitempty"`
	Direction string `json:"direction,omitempty"`
	To        string `json:"to,omitempty"`
	Body      string `json:"body,omitempty"`
	Status    string `json:"status,omitempty"`
	Channel   string `json:"channel,omitempty"`
	CreatedAt string `json:"created_at,omitempty" jsonschema:"RFC 3339"`
	SentAt    string `json:"sent_at,omitempty" jsonschema:"RFC 3339"`
}

func messageView(m *aircall.Message) MessageView {
	return MessageView{
		ID:        m.ID,
		Direction: string(m.Direction),
		To:        m.ExternalNumber,
		Body:      shorten(m.Body, 1000),
		Status:    string(m.Status),
		Channel:   string(m.Channel),
		CreatedAt: rfc3339(m.CreatedAt),
		SentAt:    rfc3339(m.SentAt),
	}
}

// WebhookView is a compact Webhook, without its verification token.
type WebhookView struct {
	WebhookID  string   `json:"webhook_id"`
	CustomName string   `json:"custom_name,omitempty"`
	URL        string   `json:"url"`
	Active     bool     `json:"active"`
	Events     []string `json:"events,omitempty"`
	CreatedAt  string   `json:"created_at,omitempty" jsonschema:"RFC 3339"`
}

func webhookView(w *aircall.Webhook) WebhookView {
	v := WebhookView{
		WebhookID:  w.WebhookID,
		CustomName: w.CustomName,
		URL:        w.URL,
		Active:     w.Active,
		CreatedAt:  rfc3339(w.CreatedAt),
	}
	for _, e := range w.Events {
		v.Events = append(v.Events, string(e))
	}
	return v
}

func joinName(first, last string) string {
	switch {
	case first == "":
		return last
	case last == "":
		return first
	}
	return first + " " + last
}

// shorten cuts s to at most n runes, marking the cut.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
