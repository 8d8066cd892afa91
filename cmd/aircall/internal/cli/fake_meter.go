package cli

import (
	"time"

	"github.com/aircall-go/aircall/aircalltest"
)

// meterOptions turns --meter, --rate, --window and --other into the fake's
// rate-limit options.
func meterOptions(meter string, rate int, window time.Duration, other int) ([]aircalltest.ServerOption, error) {
	if rate == 0 {
		return []aircalltest.ServerOption{aircalltest.WithoutRateLimit()}, nil
	}
	opts := []aircalltest.ServerOption{aircalltest.WithBudget(rate), aircalltest.WithBudgetWindow(window)}
	switch meter {
	case "fixed":
	case "leaky":
		opts = append(opts, aircalltest.WithLeakyBucket())
	default:
		return nil, usagef("--meter %q: want fixed or leaky", meter)
	}
	if other > 0 {
		opts = append(opts, aircalltest.WithOtherIntegration(other))
	}
	return opts, nil
}
