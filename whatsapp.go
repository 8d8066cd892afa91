package aircall

// WhatsAppService sends WhatsApp messages through the WhatsApp Public API.
type WhatsAppService service
