package aircall

// TEMPORARY. Number, Contact, ContactDetail and User belong to numbers.go,
// contacts.go and users.go, written on other branches. These minimal copies
// exist only so that the messaging models (which nest them) compile and can
// be tested before those branches merge. Delete this file when they do: the
// real models carry every attribute of the reference and replace these.

// Number is an Aircall phone number (minimal temporary copy; see numbers.go).
type Number struct {
	// ID is the unique identifier for the Number.
	ID int64 `json:"id"`
	// DirectLink is the direct API URL.
	DirectLink string `json:"direct_link"`
	// Name is the name of the Number.
	Name string `json:"name"`
	// Digits is the international format of the Number.
	Digits string `json:"digits"`
	// CreatedAt is when the Number was created, in UTC.
	CreatedAt Timestamp `json:"created_at"`
	// Country is the ISO 3166-1 alpha-2 country code of the Number.
	Country string `json:"country"`
	// TimeZone is the Number's time zone, set in the Dashboard.
	TimeZone string `json:"time_zone"`
	// Open is the current opening state of the Number, based on its opening hours.
	Open bool `json:"open"`
	// AvailabilityStatus is the current availability status of the Number: open, custom, closed.
	AvailabilityStatus string `json:"availability_status"`
	// IsIVR is true if the Number is an IVR, false for a Classic Number.
	IsIVR bool `json:"is_ivr"`
	// LiveRecordingActivated tells whether the Number has live recording activated.
	LiveRecordingActivated bool `json:"live_recording_activated"`
}

// Contact is a shared Contact (minimal temporary copy; see contacts.go).
type Contact struct {
	// ID is the unique identifier for the Contact.
	ID int64 `json:"id"`
	// DirectLink is the direct API URL.
	DirectLink string `json:"direct_link"`
	// FirstName is the Contact's first name.
	FirstName string `json:"first_name"`
	// LastName is the Contact's last name.
	LastName string `json:"last_name"`
	// CompanyName is the Contact's company name.
	CompanyName string `json:"company_name"`
	// Description is a field used by Aircall to qualify tags.
	Description string `json:"description"`
	// Information is extra information about the contact.
	Information string `json:"information"`
	// IsShared tells whether the Contact is shared within the organization.
	IsShared bool `json:"is_shared"`
	// PhoneNumbers are the phone numbers of this contact.
	PhoneNumbers []ContactDetail `json:"phone_numbers"`
	// Emails are the email addresses of this contact.
	Emails []ContactDetail `json:"emails"`
}

// ContactDetail is one phone number or email of a Contact (temporary copy; see contacts.go).
type ContactDetail struct {
	// ID is the unique identifier for this phone number or email address.
	ID int64 `json:"id,omitempty"`
	// Label is a custom label like work, home...
	Label string `json:"label,omitempty"`
	// Value is the raw phone number or the email address.
	Value string `json:"value"`
}

// User is an Aircall Admin or Agent (minimal temporary copy; see users.go).
type User struct {
	// ID is the unique identifier for the User.
	ID int64 `json:"id"`
	// DirectLink is the direct API URL.
	DirectLink string `json:"direct_link"`
	// Name is the full name of the User.
	Name string `json:"name"`
	// Email is the email of the User.
	Email string `json:"email"`
	// CreatedAt is when the User was created, in UTC.
	CreatedAt Timestamp `json:"created_at"`
	// Available is the current availability status of the User, based on their working hours.
	Available bool `json:"available"`
	// AvailabilityStatus is the current working status of the User: available, custom or unavailable.
	AvailabilityStatus string `json:"availability_status"`
	// Numbers lists the Numbers associated to this User.
	Numbers []*Number `json:"numbers"`
	// TimeZone is the User's timezone. Default is Etc/UTC.
	TimeZone string `json:"time_zone"`
	// Language is the User's preferred language, as an IETF language tag. Default is en-US.
	Language string `json:"language"`
	// WrapUpTime is a pre-set timer triggered after a call has ended, during which the user can't receive any calls.
	WrapUpTime int `json:"wrap_up_time"`
}
