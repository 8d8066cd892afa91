package aircall

// UsersV2Service manages Users through the v2 endpoints (/v2/users), which
// replace the v1 list, retrieve, create and update operations. A v2 User has
// no numbers field: ListNumbers returns the Numbers assigned to a User.
type UsersV2Service service
