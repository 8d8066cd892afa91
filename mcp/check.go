package aircallmcp

import (
	"fmt"

	"github.com/aircall-go/aircall"
)

func checkID(arg string, id int64) error {
	if id <= 0 {
		return fmt.Errorf("%s: must be a positive id", arg)
	}
	return nil
}

func checkPhone(arg, v string) error {
	if !aircall.IsE164(v) {
		return fmt.Errorf("%s: %q is not an E.164 phone number like +14155551234", arg, v)
	}
	return nil
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
