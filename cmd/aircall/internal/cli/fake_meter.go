package cli

import (
	"time"

	"github.com/aircall-go/aircall/aircalltest"
)

// meterOptions turns --meter, --rate and --window into the fake's rate-limit
// options.
func meterOptions(meter string, rate int, window time.Duration) ([]aircalltest.ServerOption, error) {
	if rate == 0 {
		return []aircalltest.ServerOption{aircalltest.WithoutRateLimit()}, nil
	}
	switch meter {
	case "fixed":
		return []aircalltest.ServerOption{aircalltest.WithRateLimit(rate), aircalltest.WithRateLimitWindow(window)}, nil
	case "leaky":
		return nil, usagef("--meter leaky is not available in this build of aircalltest")
	}
	return nil, usagef("--meter %q: want fixed or leaky", meter)
}
