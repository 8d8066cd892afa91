package aircall

// IntegrationsService reads and toggles the OAuth integration the access token belongs to.
type IntegrationsService service
