package aircallotel

import (
	"context"
	"errors"
	"fmt"
	"io"
	"testing"

	"github.com/aircall-go/aircall"
	"github.com/stretchr/testify/assert"
)

func TestErrorType(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		err  error
		want string
	}{
		{&aircall.ErrorResponse{StatusCode: 404}, "404"},
		{fmt.Errorf("wrapped: %w", &aircall.RateLimitError{ErrorResponse: &aircall.ErrorResponse{StatusCode: 429}}), "429"},
		{fmt.Errorf("aircall: waiting: %w", context.DeadlineExceeded), ErrorTypeTimeout},
		{context.Canceled, ErrorTypeCanceled},
		{&aircall.ArgError{Arg: "id", Reason: "must be positive"}, ErrorTypeInvalidArgument},
		{&aircall.DecodeError{Err: errors.New("bad json")}, ErrorTypeDecode},
		{fmt.Errorf("aircall: GET /v1/calls: %w", io.ErrUnexpectedEOF), ErrorTypeNetwork},
		{errors.New("something else"), ErrorTypeOther},
	} {
		assert.Equal(t, tc.want, errorType(tc.err), "%v", tc.err)
	}
}
