package aircalltest

import (
	"fmt"
	"time"

	"github.com/aircall-go/aircall"
)

// What customers' phones do to messaging: inbound SMS, MMS and WhatsApp
// messages, and the delivery updates of WhatsApp messages sent in proxy
// mode. Each delivers what Aircall would: the message.received webhook
// event to webhooks subscribed to it and, for a number configured in proxy
// mode (Messaging.Configure, WhatsApp.RegisterLine), a callback to its
// callbackUrl.

// whatsAppWindow is how long after a customer's last message a business
// may send them free-form WhatsApp text.
const whatsAppWindow = 24 * time.Hour

// inboundWire is an inbound message as webhook and callback payloads carry it.
type inboundWire struct {
	ID             string      `json:"id"`
	Status         string      `json:"status"`
	DirectLink     string      `json:"direct_link"`
	Direction      string      `json:"direction"`
	CreatedAt      int64       `json:"created_at"`
	UpdatedAt      int64       `json:"updated_at"`
	RawDigits      string      `json:"raw_digits"`
	ExternalNumber string      `json:"external_number"`
	Body           string      `json:"body,omitempty"`
	MediaURL       []string    `json:"media_url,omitempty"`
	Channel        *string     `json:"channel"`
	Number         *wireNumber `json:"number"`
	ErrorCode      int         `json:"error_code,omitempty"`
	ErrorMessage   string      `json:"error_message,omitempty"`
}

// SimulateInboundSMS makes the customer at from (E.164) text the number:
// an SMS, or an MMS when mediaURLs are given. It sends message.received to
// the webhooks subscribed to it and, when the number is configured for
// SMS in proxy mode, a callback to its callbackUrl. It returns the
// message id. It panics if the number does not exist or from is not E.164.
func (s *Server) SimulateInboundSMS(numberID int64, from, body string, mediaURLs ...string) string {
	return s.simulateInbound("SimulateInboundSMS", numberID, from, body, mediaURLs, "")
}

// SimulateInboundWhatsApp makes the customer at from (E.164) send a
// WhatsApp message to the line. It opens (or renews) the 24-hour window in
// which the line may answer with free-form text, sends message.received
// (channel "whatsapp") to the webhooks subscribed to it and, when the line
// is registered in proxy mode, a callback to its callbackUrl. It returns the
// message id.
func (s *Server) SimulateInboundWhatsApp(lineID int64, from, body string) string {
	return s.simulateInbound("SimulateInboundWhatsApp", lineID, from, body, nil, "whatsapp")
}

func (s *Server) simulateInbound(op string, numberID int64, from, body string, media []string, channel string) string {
	if !aircall.IsE164(from) {
		panic(fmt.Sprintf("aircalltest: %s: %q is not an E.164 number", op, from))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.mustNumber(op, numberID)
	now := s.now()
	id := "SM" + randomHex(16)
	if channel == "whatsapp" {
		id = "WA" + randomHex(16)
		if s.sim.lastInbound == nil {
			s.sim.lastInbound = map[string]time.Time{}
		}
		s.sim.lastInbound[windowKey(numberID, from)] = now
	}
	w := inboundWire{ID: id, Status: "received", DirectLink: s.link("v1/numbers/%d/messages/%s", numberID, id),
		Direction: "inbound", CreatedAt: now.UnixMilli(), UpdatedAt: now.UnixMilli(), RawDigits: digitsOf(from),
		ExternalNumber: from, Body: body, MediaURL: media, Number: s.numberWireRef(numberID)}
	if channel != "" {
		w.Channel = &channel
	}
	s.emit(aircall.ResourceMessage, aircall.EventMessageReceived, w)
	s.callback(numberID, channel, aircall.MessageCallbackReceived, w)
	return id
}

// windowKey names the WhatsApp conversation of a line with a customer.
func windowKey(lineID int64, phone string) string {
	return fmt.Sprintf("%d/%s", lineID, digitsOf(phone))
}

// callback POSTs a proxy-mode callback to the number's callbackUrl when it
// is configured for channel ("" or "sms" for SMS). Callers hold s.mu.
func (s *Server) callback(numberID int64, channel string, event aircall.MessageCallbackEvent, data any) {
	c := s.db.msgConfigs[numberID]
	if c == nil || c.callbackURL == "" {
		return
	}
	if (channel == "whatsapp") != (c.typ == "whatsapp") {
		return
	}
	payload, err := CallbackPayload(event, data, c.token, s.now())
	if err != nil {
		panic("aircalltest: encoding a callback: " + err.Error())
	}
	s.enqueue(deliveryJob{url: c.callbackURL, event: string(event), resource: aircall.ResourceMessage, payload: payload, callback: true})
}

// proxyWhatsAppSent plays what follows a proxy WhatsApp send: the message
// is "sent" then "delivered" a second later, or, for free-form text outside
// the 24-hour window, "failed" with error 63016. Callers hold s.mu.
func (s *Server) proxyWhatsAppSent(m *message) {
	to := m.To[0]
	last, ok := s.sim.lastInbound[windowKey(m.NumberID, to)]
	outside := m.TemplateID == "" && (!ok || s.now().Sub(last) > whatsAppWindow)
	update := func(status string, code int, msg string) func() {
		return func() {
			ch := "whatsapp"
			w := inboundWire{ID: m.ID, Status: status, DirectLink: s.link("v1/numbers/%d/messages/%s", m.NumberID, m.ID),
				Direction: "outbound", CreatedAt: m.createdAt, UpdatedAt: s.now().UnixMilli(), RawDigits: digitsOf(to),
				ExternalNumber: to, Body: m.Body, Channel: &ch, Number: s.numberWireRef(m.NumberID), ErrorCode: code, ErrorMessage: msg}
			s.callback(m.NumberID, "whatsapp", aircall.MessageCallbackUpdated, w)
		}
	}
	if outside {
		s.schedule(time.Second, update("failed", int(aircall.DeliveryErrorOutsideWindow),
			"Message failed to send because more than 24 hours have passed since the customer last replied to this number"))
		return
	}
	s.schedule(time.Second, update("sent", 0, ""))
	s.schedule(2*time.Second, update("delivered", 0, ""))
}

// SimulateWhatsAppStatus sends a delivery update for a WhatsApp message the
// line sent in proxy mode ("sent", "delivered", "read", "failed"), with an
// error code for "failed" (0 for none), to the line's callbackUrl. It
// panics if no message has this id.
func (s *Server) SimulateWhatsAppStatus(messageID, status string, errorCode int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, m := range s.db.messages {
		if m.ID != messageID {
			continue
		}
		ch := "whatsapp"
		w := inboundWire{ID: m.ID, Status: status, DirectLink: s.link("v1/numbers/%d/messages/%s", m.NumberID, m.ID),
			Direction: "outbound", CreatedAt: m.createdAt, UpdatedAt: s.now().UnixMilli(), RawDigits: digitsOf(m.To[0]),
			ExternalNumber: m.To[0], Body: m.Body, Channel: &ch, Number: s.numberWireRef(m.NumberID), ErrorCode: errorCode}
		if errorCode != 0 {
			w.ErrorMessage = aircall.DeliveryErrorCode(errorCode).Meaning()
		}
		s.callback(m.NumberID, "whatsapp", aircall.MessageCallbackUpdated, w)
		return
	}
	panic("aircalltest: SimulateWhatsAppStatus: no message " + messageID)
}
