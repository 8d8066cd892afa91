package aircall

// TEMPORARY. This file only exists so the users-calls branch compiles on its
// own: a Call embeds a Number, a Contact and the Number's music & messages,
// which the numbers-contacts branch defines (numbers.go, contacts.go,
// tags.go) with these exact names and their full documentation. Drop this
// file when that branch merges; nothing else has to change.

// Number is a phone number of the company (temporary minimal model, see the
// top of this file).
type Number struct {
	ID                     int64           `json:"id"`
	DirectLink             string          `json:"direct_link"`
	Name                   string          `json:"name"`
	Digits                 string          `json:"digits"`
	CreatedAt              Timestamp       `json:"created_at"`
	Country                string          `json:"country"`
	TimeZone               string          `json:"time_zone"`
	Open                   bool            `json:"open"`
	AvailabilityStatus     string          `json:"availability_status"`
	IsIVR                  bool            `json:"is_ivr"`
	LiveRecordingActivated bool            `json:"live_recording_activated"`
	Priority               *int            `json:"priority"`
	Messages               *NumberMessages `json:"messages"`
}

// NumberMessages holds the URLs of a Number's music & messages (temporary
// minimal model, see the top of this file).
type NumberMessages struct {
	Welcome        string `json:"welcome"`
	Waiting        string `json:"waiting"`
	RingingTone    string `json:"ringing_tone"`
	UnansweredCall string `json:"unanswered_call"`
	AfterHours     string `json:"after_hours"`
	IVR            string `json:"ivr"`
	Voicemail      string `json:"voicemail"`
	Closed         string `json:"closed"`
	CallbackLater  string `json:"callback_later"`
}

// Contact is a shared contact of the company (temporary minimal model, see
// the top of this file).
type Contact struct {
	ID           int64           `json:"id"`
	DirectLink   string          `json:"direct_link"`
	FirstName    string          `json:"first_name"`
	LastName     string          `json:"last_name"`
	CompanyName  string          `json:"company_name"`
	Description  string          `json:"description"`
	Information  string          `json:"information"`
	IsShared     bool            `json:"is_shared"`
	CreatedAt    Timestamp       `json:"created_at"`
	UpdatedAt    Timestamp       `json:"updated_at"`
	PhoneNumbers []ContactDetail `json:"phone_numbers"`
	Emails       []ContactDetail `json:"emails"`
}

// ContactDetail is one phone number or email address of a Contact
// (temporary minimal model, see the top of this file).
type ContactDetail struct {
	ID    int64  `json:"id,omitempty"`
	Label string `json:"label,omitempty"`
	Value string `json:"value"`
}

// Tag is a call tag as the Tags endpoints return it (temporary minimal
// model, see the top of this file). A tag inside a Call is a CallTag.
type Tag struct {
	ID          int64  `json:"id"`
	DirectLink  string `json:"direct_link"`
	Name        string `json:"name"`
	Color       string `json:"color"`
	Description string `json:"description"`
}
