package aircall

// ContactsService manages the company's shared Contacts and their phone numbers and emails.
type ContactsService service
