package aircall

// TEMPORARY: this file only exists so that the numbers-contacts branch
// compiles on its own (Number.Users and Integration.User need a User). The
// users-calls branch owns the real User model; delete this file when it
// merges.

// User is an Admin or an Agent of the Company. Users are assigned to Numbers.
//
// This is a minimal stand-in for the full model of the users-calls branch,
// carrying the attributes the reference documents for a User and the keys
// its examples show, except numbers (the Numbers associated to the User),
// which the real model has.
type User struct {
	// ID is the unique identifier for the User.
	ID int64 `json:"id"`
	// DirectLink is the direct API URL.
	DirectLink string `json:"direct_link"`
	// Name is the full name of the User (results of first_name last_name).
	Name string `json:"name"`
	// Email is the email of the User.
	Email string `json:"email"`
	// CreatedAt is the timestamp when the User was created, in UTC.
	CreatedAt Timestamp `json:"created_at"`
	// Available is the current availability status of the User, based on their working hours.
	Available bool `json:"available"`
	// AvailabilityStatus is the current working status of the User: available,
	// custom (available according to their Working Hours and Timezone) or
	// unavailable (Do Not Disturb or other unavailable status).
	AvailabilityStatus string `json:"availability_status"`
	// TimeZone is the User's timezone. Default is Etc/UTC.
	TimeZone string `json:"time_zone"`
	// Language is the User's preferred language, as an IETF language tag. Default is en-US.
	Language string `json:"language"`
	// WrapUpTime is a pre-set timer triggered after a call has ended, during
	// which the user can't receive any calls.
	WrapUpTime int `json:"wrap_up_time"`
	// DefaultNumberID is the id of the User's default Number (shown in the reference's examples).
	DefaultNumberID int64 `json:"default_number_id"`
}
