package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/aircall-go/aircall"
)

// Exit codes of the aircall command. Scripts can rely on them.
const (
	// ExitOK: the command did what was asked.
	ExitOK = 0
	// ExitError: anything else went wrong (network, files, a receiver refusing an event).
	ExitError = 1
	// ExitUsage: bad command line or input refused before any request was
	// sent (unknown command or flag, missing argument, invalid value).
	ExitUsage = 2
	// ExitAPI: the API answered an error (4xx or 5xx other than 404 and 429).
	ExitAPI = 3
	// ExitNotFound: the API answered 404 Not Found.
	ExitNotFound = 4
	// ExitRateLimited: the API answered 429 and the retries ran out.
	ExitRateLimited = 5
	// ExitAuth: no credentials are configured, or the API refused them (401).
	ExitAuth = 6
	// ExitCancelled: interrupted (Ctrl-C, SIGTERM); an export can be resumed.
	ExitCancelled = 130
)

// usageError is a mistake on the command line.
type usageError struct{ err error }

// Error is the mistake, as shown before the command's usage.
func (e *usageError) Error() string { return e.err.Error() }

// Unwrap gives the underlying error to errors.Is and errors.As.
func (e *usageError) Unwrap() error { return e.err }

// usagef returns a usage error.
func usagef(format string, args ...any) error {
	return &usageError{fmt.Errorf(format, args...)}
}

// authError says credentials are missing.
type authError struct{ msg string }

// Error says which credentials are missing and how to set them.
func (e *authError) Error() string { return e.msg }

// exitError carries an exit code chosen by the command itself.
type exitError struct {
	code int
	err  error
}

// Error is the message of the underlying error.
func (e *exitError) Error() string { return e.err.Error() }

// Unwrap gives the underlying error to errors.Is and errors.As.
func (e *exitError) Unwrap() error { return e.err }

// exitCode maps an error to the documented exit codes.
func exitCode(err error) int {
	var (
		ue *usageError
		ae *authError
		ee *exitError
		er *aircall.ErrorResponse
	)
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &ee):
		return ee.code
	case errors.Is(err, context.Canceled):
		return ExitCancelled
	case errors.As(err, &ue), errors.Is(err, aircall.ErrInvalidArgument):
		return ExitUsage
	case errors.As(err, &ae), errors.Is(err, aircall.ErrUnauthorized):
		return ExitAuth
	case errors.Is(err, aircall.ErrRateLimited):
		return ExitRateLimited
	case errors.Is(err, aircall.ErrNotFound):
		return ExitNotFound
	case errors.As(err, &er):
		return ExitAPI
	}
	return ExitError
}

// exitCodesHelp documents the exit codes in the root command's help.
const exitCodesHelp = `Exit codes:
  0    success
  1    other failure (network, files, a refused webhook event)
  2    usage: bad command line, or input refused before sending
  3    API error (any 4xx or 5xx other than 404 and 429)
  4    not found (404)
  5    rate limited (429 after the retries)
  6    no credentials configured, or credentials refused (401)
  130  cancelled (Ctrl-C); exports resume from their checkpoint`
