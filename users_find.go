package aircall

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"
)

// ErrUserNotFound matches (errors.Is) the error of UsersV2Service.FindByEmail
// when no User has the address. It also matches ErrNotFound.
var ErrUserNotFound = errors.New("aircall: no user with this email")

// userNotFoundError is FindByEmail's "nobody has this address".
type userNotFoundError struct{ email string }

// Error names the address nobody has.
func (e *userNotFoundError) Error() string {
	return fmt.Sprintf("aircall: no user with email %q", e.email)
}

// Is makes errors.Is match ErrUserNotFound and ErrNotFound.
func (e *userNotFoundError) Is(target error) bool {
	return target == ErrUserNotFound || target == ErrNotFound
}

// FindByEmail returns the User whose email is email, compared
// case-insensitively: the way to go from a CRM's "rep@example.com" to the
// User who places the call.
//
// It asks GET /v2/users/{email} first (one request). When that answers 404
// or 400, it lists the Users (one request per 50) and compares the
// addresses itself, so it still finds a User whose address differs in case,
// or an account where the email lookup is not served. No match gives an
// error matching ErrUserNotFound (and ErrNotFound).
//
//aircall:operation GET /v2/users/:id
func (s *UsersV2Service) FindByEmail(ctx context.Context, email string) (*UserV2, error) {
	if err := checkV2Email("email", email); err != nil {
		return nil, err
	}
	u, _, err := s.GetByEmail(ctx, email)
	switch {
	case err == nil:
		return u, nil
	case !errors.Is(err, ErrNotFound) && !errors.Is(err, ErrBadRequest):
		return nil, err
	}
	want := strings.TrimSpace(email)
	for u, err := range s.ListIter(ctx, nil) {
		if err != nil {
			return nil, err
		}
		if strings.EqualFold(strings.TrimSpace(u.Email), want) {
			return u, nil
		}
	}
	return nil, &userNotFoundError{email: want}
}

// UserWithNumbers is a User together with the Numbers assigned to them, as
// UsersV2Service.ListWithNumbersIter yields it.
type UserWithNumbers struct {
	*UserV2
	// Numbers are the Numbers the User is assigned to (may be empty).
	Numbers []*Number
}

// ListWithNumbersIter iterates over every User with the Numbers assigned to
// them. Listing Users (v1 List or v2 List) gives no numbers: this fetches
// each User's Numbers with ListNumbers, so it costs one request per 50
// Users plus one per User (more for a User with over 50 Numbers), all
// paced by the client's rate limiter. opts may be nil. An error is yielded
// once and ends the iteration.
//
//aircall:operation GET /v2/users/:id/numbers
func (s *UsersV2Service) ListWithNumbersIter(ctx context.Context, opts *UserV2ListOptions) iter.Seq2[*UserWithNumbers, error] {
	return func(yield func(*UserWithNumbers, error) bool) {
		for u, err := range s.ListIter(ctx, opts) {
			if err != nil {
				yield(nil, err)
				return
			}
			var nums []*Number
			for n, err := range s.ListNumbersIter(ctx, u.ID, nil) {
				if err != nil {
					yield(nil, fmt.Errorf("aircall: numbers of user %d: %w", u.ID, err))
					return
				}
				nums = append(nums, n)
			}
			if !yield(&UserWithNumbers{UserV2: u, Numbers: slices.Clip(nums)}, nil) {
				return
			}
		}
	}
}
