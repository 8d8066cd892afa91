package aircall

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// WhatsAppService sends WhatsApp messages through the WhatsApp Public API.
//
// Before anything works, the company needs the Professional plan, at least
// one active WhatsApp add-on licence, and the feature enabled; otherwise
// every call answers 403 (ErrForbidden).
//
// Like SMS, WhatsApp has two mutually exclusive send modes:
//
//   - Proxy (Send): register the line with RegisterLine first. Messages do
//     not appear in the agent inbox; delivery updates and replies go to the
//     registered callback URL (see ParseMessageCallback).
//   - Native (SendNative): the line must NOT be registered. Messages appear
//     in the agent's Workspace conversation, which agents can continue.
//
// Check the line with Status or EnsureSendable before sending, list the
// approved templates with ListTemplates, and mind Meta's 24-hour window:
// free-form text only reaches a customer who wrote within the last 24 hours;
// outside it, only an approved template does.
type WhatsAppService service

// MaxWhatsAppTextLength is the longest free-form WhatsApp text, in characters.
const MaxWhatsAppTextLength = 4096

// WhatsAppLineStatus is the state of a WhatsApp line.
type WhatsAppLineStatus string

// WhatsApp line states, as listed by Aircall's Help Center (ONLINE is
// also in the one recorded answer). BLOCKED appears in the error table
// ("line OFFLINE or BLOCKED"), which does not say whether it is a status or
// a canSendMessage value.
const (
	WhatsAppLineOnline        WhatsAppLineStatus = "ONLINE"
	WhatsAppLineOffline       WhatsAppLineStatus = "OFFLINE"
	WhatsAppLineNotRegistered WhatsAppLineStatus = "NOT_REGISTERED"
	WhatsAppLineBlocked       WhatsAppLineStatus = "BLOCKED"
)

// WhatsAppSendCapability tells whether a line can currently send.
//
// Aircall's Help Center lists AVAILABLE, LIMITED and BLOCKED; the one
// recorded answer has a boolean instead. Both decode: true reads as
// AVAILABLE and false as BLOCKED. Unknown strings pass through.
type WhatsAppSendCapability string

// Send capabilities.
const (
	WhatsAppSendAvailable WhatsAppSendCapability = "AVAILABLE"
	WhatsAppSendLimited   WhatsAppSendCapability = "LIMITED"
	WhatsAppSendBlocked   WhatsAppSendCapability = "BLOCKED"
)

// UnmarshalJSON reads a boolean or a string.
func (c *WhatsAppSendCapability) UnmarshalJSON(b []byte) error {
	switch s := string(bytes.TrimSpace(b)); s {
	case "null":
		*c = ""
	case "true":
		*c = WhatsAppSendAvailable
	case "false":
		*c = WhatsAppSendBlocked
	default:
		var v string
		if err := json.Unmarshal(b, &v); err != nil {
			return fmt.Errorf("aircall: canSendMessage must be a boolean or a string, got %s", shorten(s, 40))
		}
		*c = WhatsAppSendCapability(v)
	}
	return nil
}

// WhatsAppQualityRating is Meta's signal of recipient engagement with a line.
type WhatsAppQualityRating string

// Quality ratings.
const (
	WhatsAppQualityGreen  WhatsAppQualityRating = "GREEN"
	WhatsAppQualityYellow WhatsAppQualityRating = "YELLOW"
	WhatsAppQualityRed    WhatsAppQualityRating = "RED"
)

// WhatsAppMessagingLimitTier is the maximum number of business-initiated
// conversations a line can start per 24 hours.
type WhatsAppMessagingLimitTier string

// Messaging limit tiers: the four the Help Center lists, and Meta's
// lowest and highest, not seen in Aircall material.
const (
	WhatsAppTier50        WhatsAppMessagingLimitTier = "TIER_50"
	WhatsAppTier250       WhatsAppMessagingLimitTier = "TIER_250"
	WhatsAppTier1K        WhatsAppMessagingLimitTier = "TIER_1K"
	WhatsAppTier10K       WhatsAppMessagingLimitTier = "TIER_10K"
	WhatsAppTier100K      WhatsAppMessagingLimitTier = "TIER_100K"
	WhatsAppTierUnlimited WhatsAppMessagingLimitTier = "TIER_UNLIMITED"
)

// WhatsAppBusinessVerificationStatus is Meta's verification state of the
// business behind a line.
type WhatsAppBusinessVerificationStatus string

// Business verification states: VERIFIED is the only value seen.
const (
	WhatsAppBusinessVerified WhatsAppBusinessVerificationStatus = "VERIFIED"
)

// WhatsAppStatus is the health of a WhatsApp line. Its keys are camelCase
// on the wire, unlike most of the API. Keys from one published
// integration's recorded answer; the meaning of their values from Aircall's
// Help Center.
type WhatsAppStatus struct {
	// WABAID is the id of the WhatsApp Business Account of the line.
	WABAID string `json:"wabaId"`
	// Status is whether the line is ONLINE, OFFLINE or NOT_REGISTERED.
	Status WhatsAppLineStatus `json:"status"`
	// CanSendMessage is whether the line can currently send: AVAILABLE,
	// LIMITED or BLOCKED (a boolean on some answers: true is AVAILABLE).
	CanSendMessage WhatsAppSendCapability `json:"canSendMessage"`
	// MessagingLimitTier is the maximum number of business-initiated
	// conversations the line can start per 24 hours (TIER_250 … TIER_100K).
	MessagingLimitTier WhatsAppMessagingLimitTier `json:"messagingLimitTier"`
	// QualityRating is Meta's signal of recipient engagement: GREEN, YELLOW or RED.
	QualityRating WhatsAppQualityRating `json:"qualityRating"`
	// BusinessVerificationStatus is Meta's verification of the business, e.g. VERIFIED.
	BusinessVerificationStatus WhatsAppBusinessVerificationStatus `json:"businessVerificationStatus"`
}

// Degraded reports a line that can send, but under a warning: canSendMessage
// LIMITED or quality YELLOW. Meta lowers the limits of such lines and may
// block them if quality keeps falling; EnsureSendable lets them send.
func (s *WhatsAppStatus) Degraded() bool {
	return s != nil && (s.CanSendMessage == WhatsAppSendLimited || s.QualityRating == WhatsAppQualityYellow)
}

// WhatsAppTemplateStatus is the approval status of a WhatsApp template at Meta.
type WhatsAppTemplateStatus string

// Template statuses. Only APPROVED templates can be sent.
const (
	WhatsAppTemplateApproved WhatsAppTemplateStatus = "APPROVED"
	WhatsAppTemplatePending  WhatsAppTemplateStatus = "PENDING"
	WhatsAppTemplateRejected WhatsAppTemplateStatus = "REJECTED"
	WhatsAppTemplatePaused   WhatsAppTemplateStatus = "PAUSED"
	WhatsAppTemplateDisabled WhatsAppTemplateStatus = "DISABLED"
)

// WhatsAppTemplateCategory is Meta's category of a template, which drives its price.
type WhatsAppTemplateCategory string

// Template categories (upper case on the wire).
const (
	WhatsAppTemplateMarketing      WhatsAppTemplateCategory = "MARKETING"
	WhatsAppTemplateUtility        WhatsAppTemplateCategory = "UTILITY"
	WhatsAppTemplateAuthentication WhatsAppTemplateCategory = "AUTHENTICATION"
)

// WhatsAppTemplate is a WhatsApp message template of a line. Templates are
// created in Aircall (those made in Meta's WhatsApp Manager do not sync).
//
// Keys from one published integration's recorded answer; not in Aircall's documentation.
// The Help Center says templates also carry their text, variables, an
// optional image and buttons, under keys no source shows: whatever the API
// sends beyond the keys below is kept, undecoded, in Extra.
type WhatsAppTemplate struct {
	// ID identifies the template; send it with Params (templateParams.id).
	ID int64 `json:"id"`
	// WABAID is the WhatsApp Business Account the template belongs to.
	WABAID string `json:"wabaId"`
	// Name is the template's name, e.g. "order_confirmation".
	Name string `json:"name"`
	// Category is MARKETING, UTILITY or AUTHENTICATION.
	Category WhatsAppTemplateCategory `json:"category"`
	// Status is the approval status: only APPROVED templates can be sent.
	Status WhatsAppTemplateStatus `json:"status"`
	// Language is the template's language code, e.g. "en".
	Language string `json:"language"`
	// Extra holds the keys of the template the SDK does not model (such as
	// its text and variable structure), as raw JSON; nil when there are none.
	Extra map[string]json.RawMessage `json:"-"`
}

// whatsAppTemplateWire is WhatsAppTemplate without its methods, for decoding.
type whatsAppTemplateWire WhatsAppTemplate

// whatsAppTemplateKeys are the JSON keys WhatsAppTemplate models.
var whatsAppTemplateKeys = jsonKeys(reflect.TypeFor[WhatsAppTemplate]())

func jsonKeys(t reflect.Type) map[string]bool {
	keys := map[string]bool{}
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" {
			keys[name] = true
		}
	}
	return keys
}

// UnmarshalJSON decodes the modelled keys, accepts an id sent as a string,
// and keeps the other keys in Extra.
func (t *WhatsAppTemplate) UnmarshalJSON(b []byte) error {
	var all map[string]json.RawMessage
	if err := json.Unmarshal(b, &all); err != nil {
		return err
	}
	var id flexInt64
	if raw, ok := all["id"]; ok {
		if err := id.UnmarshalJSON(raw); err != nil {
			return fmt.Errorf("aircall: template id: %w", err)
		}
		delete(all, "id")
	}
	known := map[string]json.RawMessage{}
	for k, v := range all {
		if whatsAppTemplateKeys[k] {
			known[k] = v
			delete(all, k)
		}
	}
	rest, err := json.Marshal(known)
	if err != nil {
		return err
	}
	var w whatsAppTemplateWire
	if err := json.Unmarshal(rest, &w); err != nil {
		return err
	}
	w.ID = int64(id)
	if len(all) > 0 {
		w.Extra = all
	}
	*t = WhatsAppTemplate(w)
	return nil
}

// MarshalJSON encodes the modelled keys and then those of Extra.
func (t WhatsAppTemplate) MarshalJSON() ([]byte, error) {
	b, err := json.Marshal(whatsAppTemplateWire(t))
	if err != nil {
		return nil, err
	}
	keys := make([]string, 0, len(t.Extra))
	for k := range t.Extra {
		if !whatsAppTemplateKeys[k] {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		if b, err = appendJSONField(b, k, t.Extra[k]); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// Params returns the templateParams that send this template with the
// given body variables, e.g.
//
//	tpl.Params(aircall.WhatsAppTemplateVariable{Key: "{{1}}", Value: "Jordan"})
func (t *WhatsAppTemplate) Params(vars ...WhatsAppTemplateVariable) *WhatsAppTemplateParams {
	return &WhatsAppTemplateParams{ID: strconv.FormatInt(t.ID, 10), Body: vars}
}

// WhatsAppPageToken is a cursor of the templates listing. The one recorded
// answer shows numbers (offsets); strings are accepted too.
type WhatsAppPageToken string

// UnmarshalJSON reads a number, a string or null.
func (p *WhatsAppPageToken) UnmarshalJSON(b []byte) error {
	var s flexString
	if err := s.UnmarshalJSON(b); err != nil {
		return err
	}
	*p = WhatsAppPageToken(s)
	return nil
}

// WhatsAppPageInfo is the cursor block of the templates listing.
type WhatsAppPageInfo struct {
	// CurrentToken is the cursor of this page.
	CurrentToken WhatsAppPageToken `json:"currentToken"`
	// NextToken is the cursor of the next page, to pass as
	// WhatsAppTemplateListOptions.Token; empty on the last page.
	NextToken WhatsAppPageToken `json:"nextToken"`
	// TotalCount is the number of templates in total.
	TotalCount int `json:"totalCount"`
}

// WhatsAppTemplatePage is one page of a line's templates with its cursor block.
type WhatsAppTemplatePage struct {
	// Templates are the templates of this page.
	Templates []*WhatsAppTemplate `json:"templates"`
	// PageInfo tells where the next page starts.
	PageInfo *WhatsAppPageInfo `json:"pageInfo"`
}

// Next returns the cursor of the page after this one, or "" when this is
// the last page: no nextToken, a nextToken equal to this page's, no
// templates on this page, or (for numeric offsets) a nextToken at or past
// totalCount. Aircall does not document how the last page ends, hence the
// several signals.
func (p *WhatsAppTemplatePage) Next() string {
	if p == nil || p.PageInfo == nil || len(p.Templates) == 0 {
		return ""
	}
	next, cur := string(p.PageInfo.NextToken), string(p.PageInfo.CurrentToken)
	if next == "" || next == cur {
		return ""
	}
	if n, err := strconv.Atoi(next); err == nil && p.PageInfo.TotalCount > 0 && n >= p.PageInfo.TotalCount {
		return ""
	}
	return next
}

// WhatsAppTemplateListOptions filters and pages a line's templates. Every
// field is optional; values pass through as given.
type WhatsAppTemplateListOptions struct {
	// Status keeps templates in this approval status, e.g. WhatsAppTemplateApproved.
	Status WhatsAppTemplateStatus `url:"status,omitempty"`
	// Category keeps templates of this category.
	Category WhatsAppTemplateCategory `url:"category,omitempty"`
	// Limit is the number of templates per page; the API's default and
	// maximum are not documented.
	Limit int `url:"limit,omitempty"`
	// Sort orders the templates; its values are not documented.
	Sort string `url:"sort,omitempty"`
	// Token is the cursor of the page to fetch (a previous page's
	// PageInfo.NextToken); empty for the first page.
	Token string `url:"token,omitempty"`
}

// WhatsAppTemplateVariable is one variable of a template and its value.
type WhatsAppTemplateVariable struct {
	// Key is the variable, e.g. "{{1}}".
	Key string `json:"key"`
	// Value is the text that replaces it.
	Value string `json:"value"`
}

// WhatsAppTemplateParams selects an approved template to send and fills its
// body variables. Only the body variables are seen in any source: header and
// button parameters are not documented.
type WhatsAppTemplateParams struct {
	// ID is the template's id (WhatsAppTemplate.ID), as a string as in the
	// one example. Required.
	ID string `json:"id"`
	// Body fills the template's body variables, in order.
	Body []WhatsAppTemplateVariable `json:"body,omitempty"`
}

// WhatsAppMessageRequest is a WhatsApp message: exactly one of a free-form
// Text or an approved Template.
//
// Free-form text is delivered only inside Meta's 24-hour window (the
// customer wrote to the line within the last 24 hours). Outside it, the
// send still answers 200, but the message is not delivered: the callback (or
// webhook) then carries error 63016 (DeliveryErrorOutsideWindow). Use an
// approved template to open the conversation again; Aircall cannot extend
// the window.
type WhatsAppMessageRequest struct {
	// LineID is the id of the Aircall number of the WhatsApp line. Required.
	LineID int64 `json:"lineId"`
	// To is the recipient in E.164 format. It goes out as "to" for proxy
	// sends (Send) and as "externalNumber" for native sends (SendNative).
	// Required.
	To string `json:"to"`
	// Text is a free-form message of at most 4,096 characters; "" means
	// "send Template instead". Only delivered within the 24-hour window.
	Text string `json:"text,omitempty"`
	// Template is an approved template and its variables; nil means "send
	// Text instead". Templates can be sent at any time.
	Template *WhatsAppTemplateParams `json:"templateParams,omitempty"`
}

// whatsAppNativeWire is the body of a native send: the recipient is externalNumber.
type whatsAppNativeWire struct {
	LineID         int64                   `json:"lineId"`
	ExternalNumber string                  `json:"externalNumber"`
	Text           string                  `json:"text,omitempty"`
	Template       *WhatsAppTemplateParams `json:"templateParams,omitempty"`
}

// RegisterLine registers a WhatsApp line for Public API (proxy) use, with
// the URL where Aircall sends delivery updates and inbound replies:
// callbackURL must be an absolute https URL that Aircall can reach. It
// configures the number with type "whatsapp" (see
// MessagingService.Configure; MessagingService.DeleteConfiguration undoes it).
//
// It must come before any proxy Send ("400 line not configured" otherwise,
// ErrWhatsAppLineNotRegistered), and a registered line can no longer be used
// with SendNative: the two modes are mutually exclusive. 403 (ErrForbidden)
// means the plan, the WhatsApp add-on or the feature is missing.
//
//aircall:operation POST /v1/numbers/:id/messages/configuration
func (s *WhatsAppService) RegisterLine(ctx context.Context, numberID int64, callbackURL string) (*MessagingConfiguration, *Response, error) {
	if err := checkID("numberID", numberID); err != nil {
		return nil, nil, err
	}
	if err := checkCallbackURL("callbackURL", callbackURL); err != nil {
		return nil, nil, err
	}
	req := &MessagingConfigurationRequest{CallbackURL: callbackURL, Type: Ptr(MessagingConfigurationWhatsApp)}
	cfg, resp, err := doOne[MessagingConfiguration](ctx, s.client, http.MethodPost, messagingPath(numberID, "configuration"), "", req)
	return cfg, resp, whatsAppError(err)
}

// Status returns the health of a WhatsApp line: its status (ONLINE,
// OFFLINE, NOT_REGISTERED), whether it can send (canSendMessage), Meta's
// quality rating and its messaging limit tier. Aircall recommends checking
// it before sending, since a line changes state with its quality rating and
// Meta's rules; EnsureSendable does that check for you.
//
// Shape from one published integration; Aircall's Help Center mentions the
// endpoint but not its shape.
//
//aircall:operation GET /v1/numbers/:id/whatsapp_status
func (s *WhatsAppService) Status(ctx context.Context, numberID int64) (*WhatsAppStatus, *Response, error) {
	if err := checkID("numberID", numberID); err != nil {
		return nil, nil, err
	}
	st, resp, err := doOne[WhatsAppStatus](ctx, s.client, http.MethodGet, fmt.Sprintf("v1/numbers/%d/whatsapp_status", numberID), "", nil)
	return st, resp, whatsAppError(err)
}

// ListTemplates returns one page of a WhatsApp line's templates, with their
// approval status (pass Status: WhatsAppTemplateApproved for the sendable
// ones). opts may be nil. This endpoint pages by cursor: use
// ListTemplatesPage to read the next cursor, or ListTemplatesIter for all.
//
//aircall:operation GET /v1/numbers/:id/templates
func (s *WhatsAppService) ListTemplates(ctx context.Context, numberID int64, opts *WhatsAppTemplateListOptions) ([]*WhatsAppTemplate, *Response, error) {
	page, resp, err := s.ListTemplatesPage(ctx, numberID, opts)
	if err != nil {
		return nil, resp, err
	}
	return page.Templates, resp, nil
}

// ListTemplatesPage is ListTemplates with the page's cursor block: pass
// page.Next() as opts.Token to get the following page.
//
// Path and status filter from Aircall's developer guides; the answer's shape
// ({"templates": [...], "pageInfo": {...}}) from one published integration.
//
//aircall:operation GET /v1/numbers/:id/templates
func (s *WhatsAppService) ListTemplatesPage(ctx context.Context, numberID int64, opts *WhatsAppTemplateListOptions) (*WhatsAppTemplatePage, *Response, error) {
	if err := checkID("numberID", numberID); err != nil {
		return nil, nil, err
	}
	if opts != nil && opts.Limit < 0 {
		return nil, nil, &ArgError{Arg: "Limit", Reason: fmt.Sprintf("must not be negative, got %d", opts.Limit)}
	}
	path, err := addOptions(fmt.Sprintf("v1/numbers/%d/templates", numberID), opts)
	if err != nil {
		return nil, nil, err
	}
	page, resp, err := doOne[WhatsAppTemplatePage](ctx, s.client, http.MethodGet, path, "", nil)
	return page, resp, whatsAppError(err)
}

// ListTemplatesIter iterates over all the templates of a line, following
// the pageInfo cursor from opts.Token (the first page when empty). opts may
// be nil and is never modified; a cursor that repeats ends the iteration
// with ErrPaginationLoop.
//
//aircall:operation GET /v1/numbers/:id/templates
func (s *WhatsAppService) ListTemplatesIter(ctx context.Context, numberID int64, opts *WhatsAppTemplateListOptions) iter.Seq2[*WhatsAppTemplate, error] {
	var base WhatsAppTemplateListOptions
	if opts != nil {
		base = *opts
	}
	first := base.Token
	return paginateCursor(ctx, func(ctx context.Context, cursor string) ([]*WhatsAppTemplate, string, error) {
		o := base
		o.Token = cursor
		if cursor == "" {
			o.Token = first
		}
		page, _, err := s.ListTemplatesPage(ctx, numberID, &o)
		if err != nil {
			return nil, "", err
		}
		return page.Templates, page.Next(), nil
	})
}

// Send sends a WhatsApp message in proxy mode ("skipping inbox"): it does
// not appear in the agent inbox, and its delivery updates and the replies go
// to the callback URL given to RegisterLine. The line must be registered
// with RegisterLine first (otherwise 400, ErrWhatsAppLineNotRegistered); the
// proxy and native modes are mutually exclusive.
//
// Set exactly one of req.Text and req.Template. Free-form text is only
// delivered within 24 hours of the customer's last message: outside that
// window Send still answers 200, and the callback then carries error 63016
// (DeliveryErrorOutsideWindow); send an approved template instead.
//
// The errors of Aircall's WhatsApp table surface as *WhatsAppError (match
// them with errors.Is: ErrWhatsAppLineNotRegistered,
// ErrWhatsAppTemplateNotApproved, ErrWhatsAppWABANotConfigured,
// ErrWhatsAppLineUnavailable, ErrWhatsAppTierLimit), and 403 as ErrForbidden.
// A 429 may be Meta's daily tier limit, which lasts up to 24 hours: see
// ErrWhatsAppTierLimit for what the client does with it.
//
//aircall:operation POST /v1/messages/whatsapp/send
func (s *WhatsAppService) Send(ctx context.Context, req *WhatsAppMessageRequest) (*Message, *Response, error) {
	if err := checkWhatsAppMessage(req); err != nil {
		return nil, nil, err
	}
	msg, resp, err := doOne[Message](ctx, s.client, http.MethodPost, "v1/messages/whatsapp/send", "", req)
	return msg, resp, whatsAppError(err)
}

// SendNative sends a WhatsApp message in native mode (agent conversation):
// it appears in the agent's Workspace conversation (created if needed), and
// agents can continue it from Aircall. The line must NOT be registered for
// proxy use (see RegisterLine; MessagingService.DeleteConfiguration undoes a
// registration). req.To goes out as "externalNumber".
//
// As with Send: exactly one of Text or Template; free-form text only within
// the 24-hour window (outside it the send answers 200 and the
// message.status_updated webhook reports error 63016); errors as for Send.
//
//aircall:operation POST /v1/messages/send/whatsapp/native
func (s *WhatsAppService) SendNative(ctx context.Context, req *WhatsAppMessageRequest) (*Message, *Response, error) {
	if err := checkWhatsAppMessage(req); err != nil {
		return nil, nil, err
	}
	body := &whatsAppNativeWire{LineID: req.LineID, ExternalNumber: req.To, Text: req.Text, Template: req.Template}
	msg, resp, err := doOne[Message](ctx, s.client, http.MethodPost, "v1/messages/send/whatsapp/native", "", body)
	return msg, resp, whatsAppError(err)
}

func checkWhatsAppMessage(req *WhatsAppMessageRequest) error {
	if req == nil {
		return &ArgError{Arg: "req", Reason: "must not be nil"}
	}
	if err := firstErr(checkID("LineID", req.LineID), checkE164("To", req.To)); err != nil {
		return err
	}
	switch {
	case req.Text != "" && req.Template != nil:
		return &ArgError{Arg: "Template", Reason: "set exactly one of Text or Template, not both"}
	case req.Text == "" && req.Template == nil:
		return &ArgError{Arg: "Text", Reason: "set exactly one of Text or Template"}
	case req.Template == nil:
		return firstErr(checkNotBlank("Text", req.Text), checkMaxLen("Text", req.Text, MaxWhatsAppTextLength))
	}
	if err := checkNotBlank("Template.ID", req.Template.ID); err != nil {
		return err
	}
	for i, v := range req.Template.Body {
		if err := firstErr(
			checkNotBlank(fmt.Sprintf("Template.Body[%d].Key", i), v.Key),
			checkNotBlank(fmt.Sprintf("Template.Body[%d].Value", i), v.Value),
		); err != nil {
			return err
		}
	}
	return nil
}
