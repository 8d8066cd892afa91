package aircalltest

import (
	"fmt"
	"time"

	"github.com/aircall-go/aircall"
)

// Defaults of the workflow simulations.
const (
	// DefaultStartCallDelay is how long after POST /v1/users/:id/calls the
	// started call shows up in the calls listings (a real one takes a few
	// seconds: the user's phone must place it first).
	DefaultStartCallDelay = 3 * time.Second
	// DefaultMediaLinkTTL is how long a recording or voicemail link stays
	// valid: an hour, as the API reference says.
	DefaultMediaLinkTTL = time.Hour
	// DefaultWebhookRetries is how many times Aircall retries a failed
	// webhook event before disabling the webhook.
	DefaultWebhookRetries = 50
	// DefaultWebhookRetryInterval is the wait between two retries of a
	// failed event (Aircall does not document it).
	DefaultWebhookRetryInterval = time.Minute
	// DefaultDisabledRetryWindow is how long Aircall keeps retrying the
	// failed events of a disabled webhook: 12 hours.
	DefaultDisabledRetryWindow = 12 * time.Hour
)

type workflowConfig struct {
	startCallDelay time.Duration
	mediaTTL       time.Duration
	retries        bool
	maxRetries     int
	retryInterval  time.Duration
	disabledWindow time.Duration
	agentCallSteps time.Duration
}

func defaultWorkflowConfig() workflowConfig {
	return workflowConfig{
		startCallDelay: DefaultStartCallDelay,
		mediaTTL:       DefaultMediaLinkTTL,
		maxRetries:     DefaultWebhookRetries,
		retryInterval:  DefaultWebhookRetryInterval,
		disabledWindow: DefaultDisabledRetryWindow,
		agentCallSteps: 5 * time.Second,
	}
}

// WithStartCallDelay sets how long after POST /v1/users/:id/calls the
// started call appears (DefaultStartCallDelay unless told otherwise; 0
// makes it appear with the next request).
func WithStartCallDelay(d time.Duration) ServerOption {
	return func(c *config) {
		if d < 0 {
			panic(fmt.Sprintf("aircalltest: WithStartCallDelay(%s): must not be negative", d))
		}
		c.wf.startCallDelay = d
	}
}

// WithMediaLinkTTL sets how long the recording and voicemail links the fake
// hands out stay valid (DefaultMediaLinkTTL unless told otherwise).
func WithMediaLinkTTL(d time.Duration) ServerOption {
	return func(c *config) {
		if d <= 0 {
			panic(fmt.Sprintf("aircalltest: WithMediaLinkTTL(%s): must be positive", d))
		}
		c.wf.mediaTTL = d
	}
}

// WithWebhookRetries makes the fake retry failed webhook deliveries as
// Aircall documents: a delivery fails when the receiver answers anything
// but 2xx or takes more than 5 seconds; a failed event is retried every
// interval (DefaultWebhookRetryInterval when 0), and after retries failed
// retries (DefaultWebhookRetries, 50, when 0) the webhook is disabled: no
// new event is sent to it, but its failed events keep being retried for
// DefaultDisabledRetryWindow (12 hours), and the first one that succeeds
// enables the webhook again. Without this option a failed delivery is
// recorded and dropped.
func WithWebhookRetries(retries int, interval time.Duration) ServerOption {
	return func(c *config) {
		if retries < 0 || interval < 0 {
			panic(fmt.Sprintf("aircalltest: WithWebhookRetries(%d, %s): must not be negative", retries, interval))
		}
		c.wf.retries = true
		if retries > 0 {
			c.wf.maxRetries = retries
		}
		if interval > 0 {
			c.wf.retryInterval = interval
		}
	}
}

// WithAgentCallProgress sets the time between two status changes of an AI
// Voice Agent call (PENDING, then IN_PROGRESS, then COMPLETED), 5 seconds
// unless told otherwise.
func WithAgentCallProgress(step time.Duration) ServerOption {
	return func(c *config) {
		if step <= 0 {
			panic(fmt.Sprintf("aircalltest: WithAgentCallProgress(%s): must be positive", step))
		}
		c.wf.agentCallSteps = step
	}
}

// simState is the workflow state the Server keeps beside the company's
// data. The Server's mutex guards it.
type simState struct {
	disabled    map[Feature]bool
	media       map[mediaKey][]byte
	linkGen     int // links issued before this generation are expired
	secret      string
	downloads   []MediaDownload
	lastInbound map[string]time.Time // last WhatsApp message of a customer, by windowKey
	disabledAt  map[string]time.Time // webhooks disabled after failing, by webhook_id
	agentStatus map[string]aircall.OutboundAgentCallStatus
}
