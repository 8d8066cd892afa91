package aircall

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
)

// Conversation Intelligence (AI Assist): the insights Aircall generates
// asynchronously after a call (transcription, sentiments, topics, summary,
// action items, custom summaries, playbook results, evaluations, predicted
// CSAT), read as methods of CallsService.
//
// Every insight needs a licence: transcription, summary, topics, sentiments
// and action items need AI Assist; custom summaries, playbook results,
// evaluations and the realtime transcription need AI Assist Pro. Two errors
// are worth telling apart, and errors.Is does it:
//
//	t, _, err := client.Calls.GetTranscription(ctx, callID, nil)
//	switch {
//	case errors.Is(err, aircall.ErrForbidden): // 403: no licence for this insight (or bad credentials)
//	case errors.Is(err, aircall.ErrNotFound): // 404: not generated (yet), or no such call
//	}
//
// A 404 is normal right after a call ends: insights arrive minutes later, each
// announced by a webhook event (transcription.created, summary.created, ...).
// Transcripts exist only for recorded calls with an external participant.

// TranscriptionMode selects which transcription GetTranscription returns.
type TranscriptionMode string

// Transcription modes.
const (
	// TranscriptionModeAsync is the transcription generated after the call (the API's default).
	TranscriptionModeAsync TranscriptionMode = "async"
	// TranscriptionModeRealtime is the transcription produced live during the
	// call; it replaces GET /v1/calls/:id/realtime_transcription.
	TranscriptionModeRealtime TranscriptionMode = "realtime"
)

// TranscriptionOptions are the query parameters of GetTranscription.
type TranscriptionOptions struct {
	// Mode is TranscriptionModeAsync or TranscriptionModeRealtime; empty lets
	// the API choose (async).
	Mode TranscriptionMode `url:"mode,omitempty"`
}

// TranscriptionType says what was transcribed.
type TranscriptionType string

// Transcription types.
const (
	TranscriptionTypeCall      TranscriptionType = "call"      // the conversation itself
	TranscriptionTypeVoicemail TranscriptionType = "voicemail" // a voicemail left by the caller
)

// SpeakerType says which side of a call a speaker is on.
type SpeakerType string

// Speaker types.
const (
	SpeakerInternal SpeakerType = "internal" // an Aircall user of the company (UserID is set)
	SpeakerExternal SpeakerType = "external" // the outside caller or callee (PhoneNumber is set)
)

// Transcription is the text of a call or voicemail, split into utterances.
type Transcription struct {
	// ID is the unique identifier of the transcription.
	ID int64 `json:"id"`
	// CallID is the Call the transcription belongs to.
	CallID int64 `json:"call_id"`
	// CallUUID is the Call's UUID (one source only: may be absent).
	CallUUID string `json:"call_uuid"`
	// NumberID is the Number the call went through (one source only: may be absent).
	NumberID int64 `json:"number_id"`
	// CallCreatedAt is when the call was created.
	CallCreatedAt Timestamp `json:"call_created_at"`
	// Type says whether the call or a voicemail was transcribed.
	Type TranscriptionType `json:"type"`
	// Content holds the language and the utterances.
	Content *TranscriptionContent `json:"content"`
}

// TranscriptionContent is the body of a transcription.
type TranscriptionContent struct {
	// Language is the detected language, e.g. "en" or "en-US".
	Language string `json:"language"`
	// Utterances are the sentences spoken, in order.
	Utterances []*TranscriptionUtterance `json:"utterances"`
}

// TranscriptionUtterance is one sentence of a transcription.
type TranscriptionUtterance struct {
	// StartTime is when the utterance starts, in seconds from the start of the recording.
	StartTime float64 `json:"start_time"`
	// EndTime is when the utterance ends, in seconds from the start of the recording.
	EndTime float64 `json:"end_time"`
	// Text is what was said.
	Text string `json:"text"`
	// ParticipantType says who spoke: SpeakerInternal or SpeakerExternal.
	ParticipantType SpeakerType `json:"participant_type"`
	// PhoneNumber is the speaker's number, for external speakers.
	PhoneNumber string `json:"phone_number"`
	// UserID is the speaking Aircall user, for internal speakers.
	UserID int64 `json:"user_id"`
	// DurationMS is the utterance's length in milliseconds (realtime utterances only).
	DurationMS int64 `json:"duration_ms"`
	// Timestamp is when the utterance was said (realtime utterances only; unit undocumented).
	Timestamp int64 `json:"timestamp"`
	// Language is the utterance's language (realtime utterances only).
	Language string `json:"language"`
}

// GetTranscription retrieves the transcription of a call (or of its voicemail).
// opts may be nil; set Mode to TranscriptionModeRealtime for the transcription
// produced live during the call.
//
// Shape from several published integrations that agree; not in the API
// reference (the mode parameter is seen in one only). Needs AI
// Assist, and transcription enabled on the number; only recorded calls with an
// external participant are transcribed. Errors: 403 (errors.Is(err,
// ErrForbidden)) without the licence; 404 (errors.Is(err, ErrNotFound)) while
// the transcription is not generated yet, or for an unknown call.
//
//aircall:operation GET /v1/calls/:id/transcription
func (s *CallsService) GetTranscription(ctx context.Context, callID int64, opts *TranscriptionOptions) (*Transcription, *Response, error) {
	if err := checkID("callID", callID); err != nil {
		return nil, nil, err
	}
	if opts != nil && opts.Mode != "" {
		if err := checkEnum("Mode", opts.Mode); err != nil {
			return nil, nil, err
		}
	}
	path, err := addOptions(fmt.Sprintf("v1/calls/%d/transcription", callID), opts)
	if err != nil {
		return nil, nil, err
	}
	return doOne[Transcription](ctx, s.client, http.MethodGet, path, "transcription", nil)
}

// RealtimeTranscription is the answer of the deprecated realtime
// transcription endpoint. Its shape is known from one source only and the
// sources disagree, so it is loose: CallID, CallUUID and Content are read
// when present, and every other key is kept raw in Extra.
type RealtimeTranscription struct {
	// CallID is the Call being transcribed.
	CallID int64 `json:"call_id"`
	// CallUUID is the Call's UUID.
	CallUUID string `json:"call_uuid"`
	// Content holds the language and the utterances so far.
	Content *TranscriptionContent `json:"content"`
	// Extra holds the keys the SDK does not model (and values that did not
	// fit their field's type), raw as received.
	Extra map[string]json.RawMessage `json:"-"`
}

// UnmarshalJSON implements json.Unmarshaler, loosely (see RealtimeTranscription).
func (t *RealtimeTranscription) UnmarshalJSON(b []byte) (err error) {
	t.Extra, err = looseDecode(b, t)
	return err
}

// MarshalJSON implements json.Marshaler: the modelled fields plus Extra.
func (t RealtimeTranscription) MarshalJSON() ([]byte, error) { return looseEncode(&t, t.Extra) }

// GetRealtimeTranscription retrieves the live transcription of an ongoing call.
//
// Path from published integrations, which disagree on the answer's shape;
// hence the loose model; an answer wrapped in {"realtime_transcription": {...}} or {"transcription": {...}} is
// unwrapped. Needs AI Assist
// Pro. Errors: 403 (ErrForbidden) without the licence, 404 (ErrNotFound) when
// there is nothing to return; match them with errors.Is.
//
// Deprecated: Aircall sunsets this endpoint on 2026-03-31 (per one
// published integration). Use GetTranscription with &TranscriptionOptions{Mode:
// TranscriptionModeRealtime} instead.
//
//aircall:operation GET /v1/calls/:id/realtime_transcription
func (s *CallsService) GetRealtimeTranscription(ctx context.Context, callID int64) (*RealtimeTranscription, *Response, error) {
	if err := checkID("callID", callID); err != nil {
		return nil, nil, err
	}
	return getLoose[RealtimeTranscription](ctx, s.client, fmt.Sprintf("v1/calls/%d/realtime_transcription", callID),
		"realtime_transcription", "transcription")
}

// SentimentValue is how a participant felt during a call.
type SentimentValue string

// Sentiment values.
const (
	SentimentPositive SentimentValue = "POSITIVE"
	SentimentNeutral  SentimentValue = "NEUTRAL"
	SentimentNegative SentimentValue = "NEGATIVE"
)

// CallSentiment is the sentiment of each participant of a call.
type CallSentiment struct {
	// ID is the unique identifier of the sentiment analysis.
	ID int64 `json:"id"`
	// CallID is the Call analysed.
	CallID int64 `json:"call_id"`
	// Participants holds one sentiment per participant (Aircall rates the external ones).
	Participants []*SentimentParticipant `json:"participants"`
}

// SentimentParticipant is one participant's sentiment.
type SentimentParticipant struct {
	// PhoneNumber is the participant's number, for external participants.
	PhoneNumber string `json:"phone_number"`
	// UserID is the Aircall user, for internal participants.
	UserID int64 `json:"user_id"`
	// Value is SentimentPositive, SentimentNeutral or SentimentNegative.
	Value SentimentValue `json:"value"`
	// Type says which side the participant is on: SpeakerInternal or SpeakerExternal.
	Type SpeakerType `json:"type"`
	// ParticipantType repeats the side under another name (one source only: may be absent).
	ParticipantType SpeakerType `json:"participant_type"`
}

// GetSentiments retrieves the sentiment (positive, neutral or negative) of
// each participant of a call.
//
// Shape from several published integrations that agree; not in the API
// reference. Aircall's guides say external participants are rated positive,
// neutral or negative, sent uppercase. Needs AI Assist.
// Errors: 403 (errors.Is(err, ErrForbidden)) without the licence; 404
// (errors.Is(err, ErrNotFound)) while the insight is not generated yet.
//
//aircall:operation GET /v1/calls/:id/sentiments
func (s *CallsService) GetSentiments(ctx context.Context, callID int64) (*CallSentiment, *Response, error) {
	if err := checkID("callID", callID); err != nil {
		return nil, nil, err
	}
	return doOne[CallSentiment](ctx, s.client, http.MethodGet, fmt.Sprintf("v1/calls/%d/sentiments", callID), "sentiment", nil)
}

// CallTopics are the key topics of a call.
type CallTopics struct {
	// ID is the unique identifier of the topics analysis.
	ID int64 `json:"id"`
	// CallID is the Call analysed.
	CallID int64 `json:"call_id"`
	// CreatedAt is when the topics were generated.
	CreatedAt Timestamp `json:"created_at"`
	// Content lists the topics, e.g. ["pricing", "onboarding"].
	Content []string `json:"content"`
}

// GetTopics retrieves the key topics discussed during a call.
//
// Shape from several published integrations that agree; not in the API
// reference. Needs AI Assist. Errors: 403 (errors.Is(err,
// ErrForbidden)) without the licence; 404 (errors.Is(err, ErrNotFound)) while
// the insight is not generated yet.
//
//aircall:operation GET /v1/calls/:id/topics
func (s *CallsService) GetTopics(ctx context.Context, callID int64) (*CallTopics, *Response, error) {
	if err := checkID("callID", callID); err != nil {
		return nil, nil, err
	}
	return doOne[CallTopics](ctx, s.client, http.MethodGet, fmt.Sprintf("v1/calls/%d/topics", callID), "topic", nil)
}

// CallSummary is the AI-written summary of a call.
type CallSummary struct {
	// ID is the unique identifier of the summary.
	ID int64 `json:"id"`
	// CallID is the Call summarised.
	CallID int64 `json:"call_id"`
	// CreatedAt is when the summary was generated.
	CreatedAt Timestamp `json:"created_at"`
	// Content is the summary, as free text.
	Content string `json:"content"`
}

// GetSummary retrieves the AI-generated summary of a call.
//
// Shape from several published integrations that agree; not in the API
// reference. Needs AI Assist. Errors: 403 (errors.Is(err, ErrForbidden)) without the
// licence; 404 (errors.Is(err, ErrNotFound)) while the summary is not
// generated yet.
//
//aircall:operation GET /v1/calls/:id/summary
func (s *CallsService) GetSummary(ctx context.Context, callID int64) (*CallSummary, *Response, error) {
	if err := checkID("callID", callID); err != nil {
		return nil, nil, err
	}
	return doOne[CallSummary](ctx, s.client, http.MethodGet, fmt.Sprintf("v1/calls/%d/summary", callID), "summary", nil)
}

// CallActionItems are the follow-ups detected in a call.
type CallActionItems struct {
	// CallID is the Call analysed.
	CallID int64 `json:"call_id"`
	// ActionItems lists the action items.
	ActionItems []*ActionItem `json:"action_items"`
}

// ActionItem is one follow-up detected in (or added to) a call.
type ActionItem struct {
	// ID is the unique identifier of the action item.
	ID int64 `json:"id"`
	// AIGenerated is true when AI Assist wrote the item, false when a user did.
	AIGenerated bool `json:"ai_generated"`
	// Content is the action item's text.
	Content string `json:"content"`
	// CreatedAt is when the item was created.
	CreatedAt Timestamp `json:"created_at"`
	// CreatedBy is the user who created the item (0 when AI-generated).
	CreatedBy int64 `json:"created_by"`
	// UpdatedAt is when the item was last edited (zero if never).
	UpdatedAt Timestamp `json:"updated_at"`
	// UpdatedBy is the user who last edited the item (0 if never).
	UpdatedBy int64 `json:"updated_by"`
}

// GetActionItems retrieves the action items of a call.
//
// Path from several published integrations, the answer's shape (no
// envelope) from one; not in the API reference. Needs AI Assist.
// Errors: 403 (errors.Is(err, ErrForbidden)) without the licence; 404
// (errors.Is(err, ErrNotFound)) while the insight is not generated yet.
//
//aircall:operation GET /v1/calls/:id/action_items
func (s *CallsService) GetActionItems(ctx context.Context, callID int64) (*CallActionItems, *Response, error) {
	if err := checkID("callID", callID); err != nil {
		return nil, nil, err
	}
	return doOne[CallActionItems](ctx, s.client, http.MethodGet, fmt.Sprintf("v1/calls/%d/action_items", callID), "", nil)
}

// CustomSummaryResult is a call summarised with a template of structured
// fields set up by an admin. Its shape is not documented, so it is loose:
// the fields below are read when present and every other key is kept raw in
// Extra.
type CustomSummaryResult struct {
	// ID is the unique identifier of the result.
	ID int64 `json:"id"`
	// CallID is the Call summarised.
	CallID int64 `json:"call_id"`
	// SummaryTemplateResults holds one entry per field of the template.
	SummaryTemplateResults []*SummaryTemplateResult `json:"summary_template_results"`
	// Extra holds the keys the SDK does not model (and values that did not
	// fit their field's type), raw as received.
	Extra map[string]json.RawMessage `json:"-"`
}

// UnmarshalJSON implements json.Unmarshaler, loosely (see CustomSummaryResult).
func (r *CustomSummaryResult) UnmarshalJSON(b []byte) (err error) {
	r.Extra, err = looseDecode(b, r)
	return err
}

// MarshalJSON implements json.Marshaler: the modelled fields plus Extra.
func (r CustomSummaryResult) MarshalJSON() ([]byte, error) { return looseEncode(&r, r.Extra) }

// SummaryTemplateResult is the value of one field of a custom summary
// template. Loose like CustomSummaryResult.
type SummaryTemplateResult struct {
	// Name is the template field's name.
	Name string `json:"name"`
	// Content is the field's value when it is text; any other form stays in Extra.
	Content string `json:"content"`
	// Extra holds the keys the SDK does not model (and values that did not
	// fit their field's type), raw as received.
	Extra map[string]json.RawMessage `json:"-"`
}

// UnmarshalJSON implements json.Unmarshaler, loosely (see SummaryTemplateResult).
func (r *SummaryTemplateResult) UnmarshalJSON(b []byte) (err error) {
	r.Extra, err = looseDecode(b, r)
	return err
}

// MarshalJSON implements json.Marshaler: the modelled fields plus Extra.
func (r SummaryTemplateResult) MarshalJSON() ([]byte, error) { return looseEncode(&r, r.Extra) }

// GetCustomSummaryResult retrieves the custom (template-based) summary of a call.
//
// Path from published integrations; no source documents the answer's shape,
// hence the loose model; an answer wrapped in {"custom_summary_result": {...}} is unwrapped. Needs AI Assist
// Pro. Errors: 403 (errors.Is(err, ErrForbidden)) without the licence; 404
// (errors.Is(err, ErrNotFound)) while the result is not generated yet.
//
//aircall:operation GET /v1/calls/:id/custom_summary_result
func (s *CallsService) GetCustomSummaryResult(ctx context.Context, callID int64) (*CustomSummaryResult, *Response, error) {
	if err := checkID("callID", callID); err != nil {
		return nil, nil, err
	}
	return getLoose[CustomSummaryResult](ctx, s.client, fmt.Sprintf("v1/calls/%d/custom_summary_result", callID),
		"custom_summary_result")
}

// PlaybookResultOptions are the query parameters of GetPlaybookResult.
type PlaybookResultOptions struct {
	// FetchPlaybook adds the playbook's definition (PlaybookResult.Playbook).
	FetchPlaybook bool `url:"fetch_playbook,omitempty"`
}

// PlaybookResult is how well a call followed a playbook. Its shape is known
// from one source only, so it is loose: the fields below are read when
// present and every other key is kept raw in Extra.
type PlaybookResult struct {
	// ID is the unique identifier of the result.
	ID int64 `json:"id"`
	// CallID is the Call evaluated.
	CallID int64 `json:"call_id"`
	// AdherenceScore is how closely the call followed the playbook.
	AdherenceScore float64 `json:"adherence_score"`
	// Playbook is the playbook's definition; set only with FetchPlaybook.
	Playbook *Playbook `json:"playbook"`
	// PlaybookResultTopics holds the result of each topic of the playbook.
	PlaybookResultTopics []*PlaybookResultTopic `json:"playbook_result_topics"`
	// CreatedAt is when the result was generated.
	CreatedAt Timestamp `json:"created_at"`
	// UpdatedAt is when the result was last updated.
	UpdatedAt Timestamp `json:"updated_at"`
	// Extra holds the keys the SDK does not model (and values that did not
	// fit their field's type), raw as received.
	Extra map[string]json.RawMessage `json:"-"`
}

// UnmarshalJSON implements json.Unmarshaler, loosely (see PlaybookResult).
func (r *PlaybookResult) UnmarshalJSON(b []byte) (err error) {
	r.Extra, err = looseDecode(b, r)
	return err
}

// MarshalJSON implements json.Marshaler: the modelled fields plus Extra.
func (r PlaybookResult) MarshalJSON() ([]byte, error) { return looseEncode(&r, r.Extra) }

// Playbook is the definition of a playbook: the topics a call should cover.
type Playbook struct {
	// ID is the unique identifier of the playbook.
	ID int64 `json:"id"`
	// Name is the playbook's name.
	Name string `json:"name"`
	// Language is the playbook's language.
	Language string `json:"language"`
}

// PlaybookResultTopic is the result of one topic of a playbook.
type PlaybookResultTopic struct {
	// Name is the topic's name.
	Name string `json:"name"`
	// Result is the topic's result, raw: its type is not documented.
	Result json.RawMessage `json:"result"`
}

// GetPlaybookResult retrieves how well a call followed its playbook: the
// adherence score and per-topic results. opts may be nil; set FetchPlaybook to
// include the playbook's definition.
//
// Path from published integrations, fields from one of them, envelope
// unknown (an answer wrapped in {"playbook_result": {...}} is unwrapped),
// hence the loose model. Needs AI Assist Pro. Errors: 403
// (errors.Is(err, ErrForbidden)) without the licence; 404 (errors.Is(err,
// ErrNotFound)) while the result is not generated yet.
//
//aircall:operation GET /v1/calls/:id/playbook_result
func (s *CallsService) GetPlaybookResult(ctx context.Context, callID int64, opts *PlaybookResultOptions) (*PlaybookResult, *Response, error) {
	if err := checkID("callID", callID); err != nil {
		return nil, nil, err
	}
	path, err := addOptions(fmt.Sprintf("v1/calls/%d/playbook_result", callID), opts)
	if err != nil {
		return nil, nil, err
	}
	return getLoose[PlaybookResult](ctx, s.client, path, "playbook_result")
}

// CallEvaluations are the QA scorecards of a call, applied by AI or by a
// supervisor. Their shape is not documented: the answer is kept raw, with
// the "evaluations" list (if the answer has one) split into its items.
// Decode each item into your own type.
type CallEvaluations struct {
	// Evaluations holds the items of the answer's "evaluations" list, raw.
	Evaluations []json.RawMessage `json:"evaluations"`
	// Extra holds every other key of the answer, raw as received.
	Extra map[string]json.RawMessage `json:"-"`
}

// UnmarshalJSON implements json.Unmarshaler, loosely (see CallEvaluations).
func (e *CallEvaluations) UnmarshalJSON(b []byte) (err error) {
	e.Extra, err = looseDecode(b, e)
	for i, raw := range e.Evaluations {
		e.Evaluations[i] = looseNormalize(raw)
	}
	return err
}

// MarshalJSON implements json.Marshaler: the evaluations plus Extra.
func (e CallEvaluations) MarshalJSON() ([]byte, error) { return looseEncode(&e, e.Extra) }

// GetEvaluations retrieves the QA evaluations (scorecards) of a call.
//
// Path from published integrations; no source documents the answer's shape,
// hence the raw model. Needs AI Assist Pro. Errors:
// 403 (errors.Is(err, ErrForbidden)) without the licence; 404 (errors.Is(err,
// ErrNotFound)) while no evaluation exists yet.
//
//aircall:operation GET /v1/calls/:id/evaluations
func (s *CallsService) GetEvaluations(ctx context.Context, callID int64) (*CallEvaluations, *Response, error) {
	if err := checkID("callID", callID); err != nil {
		return nil, nil, err
	}
	return getLoose[CallEvaluations](ctx, s.client, fmt.Sprintf("v1/calls/%d/evaluations", callID))
}

// CSATPolarity says whether a CSAT driver raised or lowered the score.
type CSATPolarity string

// CSATPositive is the only polarity seen so far; others pass through as sent.
const CSATPositive CSATPolarity = "POSITIVE"

// PredictedCSAT is the customer satisfaction AI Assist predicts for a call.
type PredictedCSAT struct {
	// CallID is the Call rated.
	CallID int64 `json:"call_id"`
	// CallUUID is the Call's UUID.
	CallUUID string `json:"call_uuid"`
	// Score is the predicted satisfaction, e.g. 75.
	Score float64 `json:"score"`
	// Drivers are the reasons behind the score.
	Drivers []*CSATDriver `json:"drivers"`
}

// CSATDriver is one reason behind a predicted CSAT score.
type CSATDriver struct {
	// Polarity says whether it raised (CSATPositive) or lowered the score.
	Polarity CSATPolarity `json:"polarity"`
	// Label describes the reason, e.g. "Customer was satisfied".
	Label string `json:"label"`
}

// GetPredictedCSAT retrieves the predicted customer satisfaction (CSAT) score
// of a call and the drivers behind it.
//
// Shape from one published integration; not in the API reference. The
// licence it needs is not documented (AI Assist, presumably). Errors: 403
// (errors.Is(err, ErrForbidden)) without the licence; 404 (errors.Is(err,
// ErrNotFound)) while the score is not generated yet.
//
//aircall:operation GET /v1/calls/:id/predicted_csat
func (s *CallsService) GetPredictedCSAT(ctx context.Context, callID int64) (*PredictedCSAT, *Response, error) {
	if err := checkID("callID", callID); err != nil {
		return nil, nil, err
	}
	return doOne[PredictedCSAT](ctx, s.client, http.MethodGet, fmt.Sprintf("v1/calls/%d/predicted_csat", callID), "csat", nil)
}
