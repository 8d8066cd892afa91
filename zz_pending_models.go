package aircall

// TEMPORARY: this file stands in for models another branch owns, so that
// UsersV2Service.ListNumbers compiles and its fixture decodes on the extras
// branch. Delete it when the numbers-contacts branch (numbers.go) merges; the
// real Number must then carry FlowEditorEnabled (`flow_editor_enabled`), which
// GET /v2/users/:id/numbers sends.

// Number is a phone number of the company. Users (Admins) buy Numbers from the
// Dashboard, then set their call distribution, music & messages and recording.
// Minimal stand-in until numbers.go merges; the reference's `users` list is
// left out here.
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
	// AvailabilityStatus is the current availability status of the Number: open, custom or closed.
	AvailabilityStatus string `json:"availability_status"`
	// IsIVR is true if the Number is an IVR, false if it is a Classic Number.
	IsIVR bool `json:"is_ivr"`
	// LiveRecordingActivated says whether the Number has live recording activated.
	LiveRecordingActivated bool `json:"live_recording_activated"`
	// Priority is the priority level of the number used during routing of the
	// calls: null (0 here), 0 (no priority) or 1 (top priority).
	Priority int `json:"priority"`
	// Messages holds the URLs of the Number's music & messages files.
	Messages *NumberMessages `json:"messages"`
	// FlowEditorEnabled says whether the Number uses the Smartflows editor.
	// Sent by the v2 endpoints (GET /v2/users/:id/numbers).
	FlowEditorEnabled bool `json:"flow_editor_enabled"`
}

// NumberMessages holds the URLs of the audio files a Number plays during a
// call. Minimal stand-in until numbers.go merges.
type NumberMessages struct {
	// Welcome is played at the beginning of an incoming call.
	Welcome string `json:"welcome"`
	// Waiting is heard on hold or while the call is being transferred.
	Waiting string `json:"waiting"`
	// RingingTone is heard while an incoming call waits to be answered.
	RingingTone string `json:"ringing_tone"`
	// UnansweredCall is heard when the call is not answered during business hours.
	UnansweredCall string `json:"unanswered_call"`
	// AfterHours is heard when calling outside the Number's business hours.
	AfterHours string `json:"after_hours"`
	// IVR is played right after the welcome message, twice (IVR numbers).
	IVR string `json:"ivr"`
	// Voicemail is deprecated: replaced by UnansweredCall.
	Voicemail string `json:"voicemail"`
	// Closed is deprecated: replaced by AfterHours.
	Closed string `json:"closed"`
	// CallbackLater is the callback later message (IVR numbers).
	CallbackLater string `json:"callback_later"`
}
