package aircalltest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/aircall-go/aircall"
)

// ControlPrefix is the path under which every Server answers its control
// endpoints: plain JSON over HTTP, without credentials, so that tests in any
// language can drive a fake started with "aircall fake serve". The real API
// has no such path and the SDK never calls it; control requests are not
// counted in Stats nor rate limited.
//
//	GET    /_aircalltest               the base URL, the credentials to use and the demo ids
//	POST   /_aircalltest/seed          add users, numbers, teams, tags, contacts, calls, webhooks (ControlSeed)
//	POST   /_aircalltest/faults        inject a fault (ControlFault); answers {"id": n}
//	DELETE /_aircalltest/faults/{id}   remove one fault
//	DELETE /_aircalltest/faults        remove every fault
//	POST   /_aircalltest/simulate/{event}  play a live call, an inbound call, SMS or WhatsApp message... (ControlSimulate)
//	GET    /_aircalltest/stats         request, 429 and fault counters and the rate-limit windows
//	DELETE /_aircalltest/stats         reset the counters
//	GET    /_aircalltest/deliveries    the webhook events sent so far, with the receivers' answers
//	POST   /_aircalltest/tokens        issue an OAuth access token ({"access_token": "..."})
//
// Bodies are the API's own JSON shapes (a user as GET /v1/users/:id answers
// it, a call with unix-second times...). Mistakes (a reference to a missing
// user, an unknown field) answer 400 with {"error", "troubleshoot"}, and
// nothing of that request is applied past the mistake.
const ControlPrefix = "/_aircalltest"

// ControlInfo is the answer of GET /_aircalltest.
type ControlInfo struct {
	BaseURL      string     `json:"base_url"`
	APIID        string     `json:"api_id"`
	APIToken     string     `json:"api_token"`
	ClientID     string     `json:"client_id"`
	ClientSecret string     `json:"client_secret"`
	OAuthCode    string     `json:"oauth_code"`
	RateLimit    int        `json:"rate_limit"`
	Window       string     `json:"rate_limit_window"`
	Meter        string     `json:"rate_limit_meter"` // "fixed" or "leaky"
	Demo         *DemoIDs   `json:"demo,omitempty"`
	Endpoints    []string   `json:"control_endpoints"`
	Now          *time.Time `json:"now,omitempty"`
}

// DemoIDs are the ids of the demo data, in ControlInfo.
type DemoIDs struct {
	UserID    int64 `json:"user_id"`
	NumberID  int64 `json:"number_id"`
	TeamID    int64 `json:"team_id"`
	TagID     int64 `json:"tag_id"`
	ContactID int64 `json:"contact_id"`
	CallID    int64 `json:"call_id"`
}

// Info describes the server as GET /_aircalltest does: its URL, the
// credentials it accepts and its rate limit. They are test credentials,
// meant to be printed.
func (s *Server) Info() ControlInfo {
	now := s.now().UTC()
	info := ControlInfo{
		BaseURL: s.url, APIID: s.cfg.apiID, APIToken: s.cfg.apiToken,
		ClientID: s.cfg.clientID, ClientSecret: s.cfg.clientSecret, OAuthCode: s.cfg.oauthCode,
		RateLimit: s.cfg.rateLimit, Window: s.cfg.rateWindow.String(), Meter: "fixed", Now: &now,
		Endpoints: controlEndpoints,
	}
	if s.cfg.leaky {
		info.Meter = "leaky"
	}
	if s.cfg.demo {
		info.Demo = &DemoIDs{DemoUserID, DemoNumberID, DemoTeamID, DemoTagID, DemoContactID, DemoCallID}
	}
	return info
}

var controlEndpoints = []string{
	"GET " + ControlPrefix,
	"POST " + ControlPrefix + "/seed",
	"POST " + ControlPrefix + "/faults",
	"DELETE " + ControlPrefix + "/faults/{id}",
	"DELETE " + ControlPrefix + "/faults",
	"POST " + ControlPrefix + "/simulate/{call.begin|call.answer|call.end|call.inbound|sms.inbound|whatsapp.inbound|whatsapp.status|contact.delete}",
	"GET " + ControlPrefix + "/stats",
	"DELETE " + ControlPrefix + "/stats",
	"GET " + ControlPrefix + "/deliveries",
	"POST " + ControlPrefix + "/tokens",
}

// isControl reports whether a request is for the control endpoints.
func isControl(r *http.Request) bool {
	return r.URL.Path == ControlPrefix || strings.HasPrefix(r.URL.Path, ControlPrefix+"/")
}

// serveControl answers the control endpoints.
func (s *Server) serveControl(w http.ResponseWriter, r *http.Request) {
	mux := http.NewServeMux()
	p := ControlPrefix
	mux.HandleFunc("GET "+p, func(w http.ResponseWriter, r *http.Request) { controlJSON(w, http.StatusOK, s.Info()) })
	mux.HandleFunc("POST "+p+"/seed", s.controlSeed)
	mux.HandleFunc("POST "+p+"/faults", s.controlInject)
	mux.HandleFunc("DELETE "+p+"/faults", func(w http.ResponseWriter, r *http.Request) {
		s.ClearFaults()
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("DELETE "+p+"/faults/{id}", s.controlRemoveFault)
	mux.HandleFunc("POST "+p+"/simulate/{event}", s.controlSimulate)
	mux.HandleFunc("GET "+p+"/stats", func(w http.ResponseWriter, r *http.Request) { controlJSON(w, http.StatusOK, statsWire(s.Stats())) })
	mux.HandleFunc("DELETE "+p+"/stats", func(w http.ResponseWriter, r *http.Request) {
		s.ResetStats()
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("GET "+p+"/deliveries", func(w http.ResponseWriter, r *http.Request) {
		controlJSON(w, http.StatusOK, map[string]any{"deliveries": deliveriesWire(s.Deliveries())})
	})
	mux.HandleFunc("POST "+p+"/tokens", func(w http.ResponseWriter, r *http.Request) {
		controlJSON(w, http.StatusCreated, map[string]string{"access_token": s.IssueAccessToken()})
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		controlFail(w, http.StatusNotFound, "No control endpoint "+r.Method+" "+r.URL.Path+"; GET "+ControlPrefix+" lists them")
	})
	defer func() {
		// The seeding helpers panic on mistakes in a test; here they are a 400.
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			controlFail(w, http.StatusBadRequest, fmt.Sprint(v))
		}
	}()
	mux.ServeHTTP(w, r)
}

// controlJSON answers v as JSON.
func controlJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		controlFail(w, http.StatusInternalServerError, err.Error())
		return
	}
	writeBody(w, status, b)
}

func controlFail(w http.ResponseWriter, status int, msg string) {
	writeBody(w, status, errorBody(status, msg))
}

// decodeControl reads a JSON body strictly (unknown fields are mistakes).
func decodeControl(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 64<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		controlFail(w, http.StatusBadRequest, "invalid JSON body: "+err.Error())
		return false
	}
	return true
}

// ControlFault is the body of POST /_aircalltest/faults: a Fault in JSON.
type ControlFault struct {
	Method         string            `json:"method,omitempty"`
	Path           string            `json:"path,omitempty"`
	Times          int               `json:"times,omitempty"`
	Status         int               `json:"status,omitempty"`
	Body           json.RawMessage   `json:"body,omitempty"`
	Headers        map[string]string `json:"headers,omitempty"`
	LatencyMillis  int64             `json:"latency_ms,omitempty"`
	DropConnection bool              `json:"drop_connection,omitempty"`
}

func (s *Server) controlInject(w http.ResponseWriter, r *http.Request) {
	var cf ControlFault
	if !decodeControl(w, r, &cf) {
		return
	}
	if cf.Times < 0 || cf.LatencyMillis < 0 || cf.Status < 0 || cf.Status > 599 {
		controlFail(w, http.StatusBadRequest, "times and latency_ms must not be negative; status must be an HTTP status")
		return
	}
	f := Fault{Method: strings.ToUpper(cf.Method), Path: cf.Path, Times: cf.Times, Status: cf.Status,
		Latency: time.Duration(cf.LatencyMillis) * time.Millisecond, DropConnection: cf.DropConnection}
	if len(cf.Body) > 0 {
		var str string
		if json.Unmarshal(cf.Body, &str) == nil {
			f.Body = []byte(str) // a JSON string is sent as its text
		} else {
			f.Body = cf.Body
		}
	}
	if len(cf.Headers) > 0 {
		f.Header = http.Header{}
		for k, v := range cf.Headers {
			f.Header.Set(k, v)
		}
	}
	remove := s.Inject(f)
	s.mu.Lock()
	s.control.nextFault++
	id := s.control.nextFault
	if s.control.faults == nil {
		s.control.faults = map[int]func(){}
	}
	s.control.faults[id] = remove
	s.mu.Unlock()
	controlJSON(w, http.StatusCreated, map[string]int{"id": id})
}

func (s *Server) controlRemoveFault(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.Atoi(r.PathValue("id"))
	s.mu.Lock()
	remove := s.control.faults[id]
	delete(s.control.faults, id)
	s.mu.Unlock()
	if err != nil || remove == nil {
		controlFail(w, http.StatusNotFound, "no fault "+r.PathValue("id"))
		return
	}
	remove()
	w.WriteHeader(http.StatusNoContent)
}

// controlState is what the control endpoints remember.
type controlState struct {
	nextFault int
	faults    map[int]func() // removers of the faults injected over HTTP, by id
}

// ControlSimulate is the body of POST /_aircalltest/simulate/{event}. Each
// event uses some of the fields and sends the webhook events (and messaging
// callbacks) Aircall would:
//
//   - call.begin: call (as the API shapes it: "direction", "raw_digits",
//     "user": {"id": ...}, "number": {"id": ...}) starts ringing (BeginCall);
//   - call.answer: call_id is answered, by user_id if set (AnswerCall);
//   - call.end: call_id hangs up, with missed_call_reason if unanswered (EndCall);
//   - call.inbound: a customer at from calls number_id; outcome "answered",
//     "missed" or "voicemail"; ring_seconds and talk_seconds pace it on the
//     fake's clock (SimulateInboundCall);
//   - sms.inbound and whatsapp.inbound: the customer at from sends body (and
//     media_urls for an MMS) to number_id (SimulateInboundSMS, SimulateInboundWhatsApp);
//   - whatsapp.status: a delivery update (status, error_code) for message_id
//     (SimulateWhatsAppStatus);
//   - contact.delete: contact_id is deleted (SimulateContactDelete).
//
// The answer holds the call, or the message id.
type ControlSimulate struct {
	Call             *aircall.Call `json:"call,omitempty"`
	CallID           int64         `json:"call_id,omitempty"`
	UserID           int64         `json:"user_id,omitempty"`
	MissedCallReason string        `json:"missed_call_reason,omitempty"`
	NumberID         int64         `json:"number_id,omitempty"`
	From             string        `json:"from,omitempty"`
	Outcome          string        `json:"outcome,omitempty"`
	RingSeconds      int           `json:"ring_seconds,omitempty"`
	TalkSeconds      int           `json:"talk_seconds,omitempty"`
	Body             string        `json:"body,omitempty"`
	MediaURLs        []string      `json:"media_urls,omitempty"`
	MessageID        string        `json:"message_id,omitempty"`
	Status           string        `json:"status,omitempty"`
	ErrorCode        int           `json:"error_code,omitempty"`
	ContactID        int64         `json:"contact_id,omitempty"`
}

func (s *Server) controlSimulate(w http.ResponseWriter, r *http.Request) {
	var in ControlSimulate
	if !decodeControl(w, r, &in) {
		return
	}
	var out any
	switch ev := r.PathValue("event"); ev {
	case "call.begin":
		if in.Call == nil {
			controlFail(w, http.StatusBadRequest, `call.begin needs {"call": {...}}`)
			return
		}
		out = map[string]any{"call": s.BeginCall(*in.Call)}
	case "call.answer":
		out = map[string]any{"call": s.AnswerCall(in.CallID, in.UserID)}
	case "call.end":
		out = map[string]any{"call": s.EndCall(in.CallID, aircall.MissedCallReason(in.MissedCallReason))}
	case "call.inbound":
		out = map[string]any{"call": s.SimulateInboundCall(InboundCall{NumberID: in.NumberID, From: in.From, UserID: in.UserID,
			Outcome: CallOutcome(in.Outcome), Ring: time.Duration(in.RingSeconds) * time.Second, Talk: time.Duration(in.TalkSeconds) * time.Second})}
	case "sms.inbound":
		out = map[string]any{"message_id": s.SimulateInboundSMS(in.NumberID, in.From, in.Body, in.MediaURLs...)}
	case "whatsapp.inbound":
		out = map[string]any{"message_id": s.SimulateInboundWhatsApp(in.NumberID, in.From, in.Body)}
	case "whatsapp.status":
		s.SimulateWhatsAppStatus(in.MessageID, in.Status, in.ErrorCode)
		out = map[string]any{"message_id": in.MessageID}
	case "contact.delete":
		s.SimulateContactDelete(in.ContactID)
		out = map[string]any{"contact_id": in.ContactID}
	default:
		controlFail(w, http.StatusNotFound, "unknown simulation "+ev+"; want one of "+strings.Join(simulations, ", "))
		return
	}
	controlJSON(w, http.StatusOK, out)
}

// simulations are the events POST /_aircalltest/simulate/{event} plays.
var simulations = []string{"call.begin", "call.answer", "call.end", "call.inbound", "sms.inbound", "whatsapp.inbound", "whatsapp.status", "contact.delete"}

type windowWire struct {
	Credential string    `json:"credential"`
	Start      time.Time `json:"start"`
	End        time.Time `json:"end"`
	Allowed    int       `json:"allowed"`
	Rejected   int       `json:"rejected"`
}

// statsWire is Stats in JSON; credentials are shown by their first characters only.
func statsWire(st Stats) map[string]any {
	ws := make([]windowWire, len(st.Windows))
	for i, w := range st.Windows {
		cred := w.Credential
		if len(cred) > 6 {
			cred = cred[:6] + "…"
		}
		ws[i] = windowWire{cred, w.Start.UTC(), w.End.UTC(), w.Allowed, w.Rejected}
	}
	return map[string]any{"requests": st.Requests, "rate_limited": st.RateLimited, "faults": st.Faults,
		"other_requests": st.OtherRequests, "other_refused": st.OtherRefused, "windows": ws}
}

type deliveryWire struct {
	WebhookID  string          `json:"webhook_id"`
	URL        string          `json:"url"`
	Event      string          `json:"event"`
	Resource   string          `json:"resource"`
	Payload    json.RawMessage `json:"payload"`
	StatusCode int             `json:"status_code"`
	Error      string          `json:"error,omitempty"`
	At         time.Time       `json:"at"`
}

func deliveriesWire(ds []Delivery) []deliveryWire {
	out := make([]deliveryWire, len(ds))
	for i, d := range ds {
		out[i] = deliveryWire{WebhookID: d.WebhookID, URL: d.URL, Event: d.Event, Resource: d.Resource,
			Payload: d.Payload, StatusCode: d.StatusCode, At: d.At.UTC()}
		if d.Err != nil {
			out[i].Error = d.Err.Error()
		}
	}
	return out
}
