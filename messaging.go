package aircall

// MessagingService sends SMS and MMS from Aircall Numbers through the Messaging API.
type MessagingService service
