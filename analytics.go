package aircall

// AnalyticsService exports Analytics+ reports as CSV files: create an export,
// wait until it is ready, then download it from its presigned URL. It needs
// the Analytics+ add-on; without it the API answers 403.
type AnalyticsService service
