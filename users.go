package aircall

// UsersService manages the Users of the company: Admins and Agents, their
// availability, and outbound calls started from their Phone app.
type UsersService service
