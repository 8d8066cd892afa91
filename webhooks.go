package aircall

// WebhooksService manages Webhooks: the URLs Aircall POSTs events to.
type WebhooksService service
