package aircallmcp

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/aircall-go/aircall"
	"github.com/google/jsonschema-go/jsonschema"
)

type sendSMSArgs struct {
	NumberID int64  `json:"number_id" jsonschema:"the Aircall number to send from"`
	To       string `json:"to" jsonschema:"the recipient, E.164 (e.g. +14155551234)"`
	Body     string `json:"body" jsonschema:"the message text"`
	Mode     string `json:"mode,omitempty" jsonschema:"auto (the default: proxy when the number has an SMS callback configuration, native otherwise), native (the message shows in the agents' conversation) or proxy"`
}

// maxSMSBody bounds the text of one message sent by a tool.
const maxSMSBody = 1600

func (s *Server) registerMessaging() {
	addTool(s, spec[sendSMSArgs]{
		name:   "send_sms",
		title:  "Send an SMS",
		set:    "messaging",
		effect: reaches,
		desc: "Sends an SMS from an Aircall number to a phone number, in the agents' conversation or, " +
			"for a number configured with a callback URL, through it. Asks the user to confirm first.",
		schema: func(sc *jsonschema.Schema) {
			enum(sc, "mode", "auto", "native", "proxy")
			one, max := 1, maxSMSBody
			p := prop(sc, "body")
			p.MinLength, p.MaxLength = &one, &max
		},
		check: func(a sendSMSArgs) error {
			if strings.TrimSpace(a.Body) == "" {
				return errors.New("body: is empty")
			}
			return firstErr(checkID("number_id", a.NumberID), checkPhone("to", a.To))
		},
		confirm: func(a sendSMSArgs) string {
			return fmt.Sprintf("Send this SMS to %s from Aircall number %d?\n\n%s", a.To, a.NumberID, a.Body)
		},
	}, s.sendSMS)
}

func (s *Server) sendSMS(ctx context.Context, a sendSMSArgs) (MessageView, error) {
	mode := a.Mode
	if mode == "" || mode == "auto" {
		mode = "native"
		cfg, _, err := s.client.Messaging.GetConfiguration(ctx, a.NumberID)
		switch {
		case err == nil && cfg != nil && cfg.Type != aircall.MessagingConfigurationWhatsApp:
			mode = "proxy"
		case err != nil && !errors.Is(err, aircall.ErrNotFound):
			return MessageView{}, err
		}
	}
	send := s.client.Messaging.SendInAgentConversation
	if mode == "proxy" {
		send = s.client.Messaging.Send
	}
	m, _, err := send(ctx, a.NumberID, &aircall.SendMessageRequest{To: a.To, Body: a.Body})
	if err != nil {
		return MessageView{}, err
	}
	return messageView(m), nil
}

// WhatsAppLine is the health of a WhatsApp line.
type WhatsAppLine struct {
	NumberID      int64  `json:"number_id"`
	CanSend       bool   `json:"can_send" jsonschema:"whether a message may be sent now"`
	Reason        string `json:"reason,omitempty" jsonschema:"why it cannot send"`
	Degraded      bool   `json:"degraded,omitempty" jsonschema:"it can send, within lower limits (LIMITED or YELLOW)"`
	Status        string `json:"status,omitempty"`
	CanSendStatus string `json:"can_send_message,omitempty"`
	QualityRating string `json:"quality_rating,omitempty"`
	LimitTier     string `json:"messaging_limit_tier,omitempty"`
}

type sendWhatsAppArgs struct {
	NumberID int64  `json:"number_id" jsonschema:"the WhatsApp line (its Aircall number id)"`
	To       string `json:"to" jsonschema:"the recipient, E.164"`
	Text     string `json:"text" jsonschema:"the message text (delivered only within 24 hours of the customer's last message)"`
	Mode     string `json:"mode,omitempty" jsonschema:"native (the default: the message shows in the agents' conversation) or proxy (the line is registered for a callback URL)"`
}

// SentWhatsApp is the outcome of send_whatsapp.
type SentWhatsApp struct {
	Line    WhatsAppLine `json:"line"`
	Message MessageView  `json:"message"`
}

func (s *Server) registerWhatsApp() {
	addTool(s, spec[numberIDArgs]{
		name:  "check_whatsapp_line",
		title: "Check a WhatsApp line",
		set:   "whatsapp",
		desc: "Checks whether a WhatsApp line can send now (registered, online, not blocked, quality not red), " +
			"as Aircall recommends before every send.",
	}, func(ctx context.Context, a numberIDArgs) (WhatsAppLine, error) {
		return s.whatsAppLine(ctx, a.NumberID)
	})

	addTool(s, spec[sendWhatsAppArgs]{
		name:   "send_whatsapp",
		title:  "Send a WhatsApp message",
		set:    "whatsapp",
		effect: reaches,
		desc: "Sends a WhatsApp text message from a WhatsApp line, after checking the line can send. " +
			"Asks the user to confirm first.",
		schema: func(sc *jsonschema.Schema) {
			enum(sc, "mode", "native", "proxy")
			one, max := 1, 4096
			p := prop(sc, "text")
			p.MinLength, p.MaxLength = &one, &max
		},
		check: func(a sendWhatsAppArgs) error {
			if strings.TrimSpace(a.Text) == "" {
				return errors.New("text: is empty")
			}
			return firstErr(checkID("number_id", a.NumberID), checkPhone("to", a.To))
		},
		confirm: func(a sendWhatsAppArgs) string {
			return fmt.Sprintf("Send this WhatsApp message to %s from line %d?\n\n%s", a.To, a.NumberID, a.Text)
		},
	}, s.sendWhatsApp)
}

func (s *Server) whatsAppLine(ctx context.Context, numberID int64) (WhatsAppLine, error) {
	st, err := s.client.WhatsApp.EnsureSendable(ctx, numberID)
	out := WhatsAppLine{NumberID: numberID, CanSend: err == nil}
	var lineErr *aircall.WhatsAppLineError
	switch {
	case err == nil:
	case errors.As(err, &lineErr):
		out.Reason = string(lineErr.Reason)
		if st == nil {
			st = lineErr.Status
		}
	default:
		return WhatsAppLine{}, err
	}
	if st != nil {
		out.Degraded = st.Degraded()
		out.Status = string(st.Status)
		out.CanSendStatus = string(st.CanSendMessage)
		out.QualityRating = string(st.QualityRating)
		out.LimitTier = string(st.MessagingLimitTier)
	}
	return out, nil
}

func (s *Server) sendWhatsApp(ctx context.Context, a sendWhatsAppArgs) (SentWhatsApp, error) {
	line, err := s.whatsAppLine(ctx, a.NumberID)
	if err != nil {
		return SentWhatsApp{}, err
	}
	if !line.CanSend {
		return SentWhatsApp{}, fmt.Errorf("line %d cannot send now (%s), so nothing was sent", a.NumberID, line.Reason)
	}
	req := &aircall.WhatsAppMessageRequest{LineID: a.NumberID, To: a.To, Text: a.Text}
	send := s.client.WhatsApp.SendNative
	if a.Mode == "proxy" {
		send = s.client.WhatsApp.Send
	}
	m, _, err := send(ctx, req)
	if err != nil {
		return SentWhatsApp{}, err
	}
	return SentWhatsApp{Line: line, Message: messageView(m)}, nil
}
