package aircall

// NumbersService reads and updates the company's Numbers and their music & messages.
type NumbersService service
