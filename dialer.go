package aircall

// DialerCampaignsService manages Power Dialer campaigns: one active campaign per User,
// made of phone numbers to call.
type DialerCampaignsService service
