package aircallotel

import (
	"context"
	"errors"
	"io"
	"net"
	"strconv"

	"github.com/aircall-go/aircall"
)

// Values of error.type besides HTTP status codes ("404", "429", "503").
const (
	// ErrorTypeTimeout: the context's deadline or the attempt's timeout passed.
	ErrorTypeTimeout = "timeout"
	// ErrorTypeCanceled: the context was cancelled.
	ErrorTypeCanceled = "canceled"
	// ErrorTypeInvalidArgument: the SDK refused the input before sending (aircall.ErrInvalidArgument).
	ErrorTypeInvalidArgument = "invalid_argument"
	// ErrorTypeDecode: a successful answer could not be decoded.
	ErrorTypeDecode = "decode"
	// ErrorTypeNetwork: no answer came (connection refused or cut).
	ErrorTypeNetwork = "network"
	// ErrorTypeOther: anything else.
	ErrorTypeOther = "_OTHER"
)

// errorType is the error.type of a failed operation or attempt: the HTTP
// status for an error answer (a 429 the client would not wait for is
// "429" too), else a word from a short fixed list, so that the attribute
// stays low-cardinality and free of values.
func errorType(err error) string {
	var er *aircall.ErrorResponse
	var ne net.Error
	var de *aircall.DecodeError
	switch {
	case errors.As(err, &er):
		return strconv.Itoa(er.StatusCode)
	case errors.Is(err, context.DeadlineExceeded):
		return ErrorTypeTimeout
	case errors.Is(err, context.Canceled):
		return ErrorTypeCanceled
	case errors.Is(err, aircall.ErrInvalidArgument):
		return ErrorTypeInvalidArgument
	case errors.As(err, &de), errors.Is(err, aircall.ErrEmptyBody):
		return ErrorTypeDecode
	case errors.As(err, &ne) && ne.Timeout():
		return ErrorTypeTimeout
	case errors.As(err, &ne), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return ErrorTypeNetwork
	}
	return ErrorTypeOther
}
