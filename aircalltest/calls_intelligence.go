package aircalltest

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/aircall-go/aircall"
)

// Insights are the conversation-intelligence results of a call. Aircall
// generates them after the call; the fake serves what SetInsights gave it
// and answers 404 (not generated) for the others.
//
// Typed parts are encoded in the API's wire format; the loosely documented
// ones (realtime transcription, custom summary, playbook result,
// evaluations) are served as the JSON given.
type Insights struct {
	// Transcription is served by GET /v1/calls/:id/transcription.
	Transcription *aircall.Transcription
	// Sentiment is served by GET /v1/calls/:id/sentiments.
	Sentiment *aircall.CallSentiment
	// Topics is served by GET /v1/calls/:id/topics.
	Topics *aircall.CallTopics
	// Summary is served by GET /v1/calls/:id/summary.
	Summary *aircall.CallSummary
	// ActionItems are served by GET /v1/calls/:id/action_items.
	ActionItems []*aircall.ActionItem
	// PredictedCSAT is served by GET /v1/calls/:id/predicted_csat.
	PredictedCSAT *aircall.PredictedCSAT
	// RealtimeTranscription is the body of GET /v1/calls/:id/realtime_transcription.
	RealtimeTranscription json.RawMessage
	// CustomSummaryResult is the body of GET /v1/calls/:id/custom_summary_result.
	CustomSummaryResult json.RawMessage
	// PlaybookResult is the body of GET /v1/calls/:id/playbook_result.
	PlaybookResult json.RawMessage
	// Evaluations is the body of GET /v1/calls/:id/evaluations.
	Evaluations json.RawMessage
}

// SetInsights sets the conversation-intelligence results of a call
// (replacing earlier ones) and sends the matching webhook events
// (transcription.created, summary.created, ...). Ids, call ids and creation
// times left zero are filled in. It panics if the call does not exist.
func (s *Server) SetInsights(callID int64, ins Insights) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.db.callByID[callID]
	if c == nil {
		panic("aircalltest: SetInsights: no call " + itoa(callID))
	}
	stored := ins
	s.db.insights[callID] = &stored
	now := s.now()
	if t := ins.Transcription; t != nil {
		s.emit(aircall.ResourceConversationIntelligence, aircall.EventTranscriptionCreated, s.transcriptionWire(c, t))
	}
	if v := ins.Sentiment; v != nil {
		s.emit(aircall.ResourceConversationIntelligence, aircall.EventSentimentCreated, s.sentimentWire(c, v))
	}
	if v := ins.Topics; v != nil {
		s.emit(aircall.ResourceConversationIntelligence, aircall.EventTopicsCreated, s.topicsWire(c, v, now))
	}
	if v := ins.Summary; v != nil {
		s.emit(aircall.ResourceConversationIntelligence, aircall.EventSummaryCreated, s.summaryWire(c, v, now))
	}
	if len(ins.ActionItems) > 0 {
		s.emit(aircall.ResourceConversationIntelligence, aircall.EventActionItemCreated, s.actionItemsWire(c, ins.ActionItems, now))
	}
}

// isoOr writes t as ISO-8601, or def when t is zero.
func isoOr(t aircall.Timestamp, def time.Time) string {
	if t.IsZero() {
		return isoTime(def)
	}
	return isoTime(t.Time)
}

func orID(id int64) int64 {
	if id == 0 {
		return 1
	}
	return id
}

type wireUtterance struct {
	StartTime       float64 `json:"start_time"`
	EndTime         float64 `json:"end_time"`
	Text            string  `json:"text"`
	ParticipantType string  `json:"participant_type"`
	PhoneNumber     string  `json:"phone_number,omitempty"`
	UserID          int64   `json:"user_id,omitempty"`
}

func (s *Server) transcriptionWire(c *call, t *aircall.Transcription) any {
	typ := string(t.Type)
	if typ == "" {
		typ = "call"
	}
	content := struct {
		Language   string          `json:"language"`
		Utterances []wireUtterance `json:"utterances"`
	}{Language: "en", Utterances: []wireUtterance{}}
	if t.Content != nil {
		if t.Content.Language != "" {
			content.Language = t.Content.Language
		}
		for _, u := range t.Content.Utterances {
			content.Utterances = append(content.Utterances, wireUtterance{u.StartTime, u.EndTime, u.Text, string(u.ParticipantType), u.PhoneNumber, u.UserID})
		}
	}
	return struct {
		ID            int64  `json:"id"`
		CallID        int64  `json:"call_id"`
		CallCreatedAt string `json:"call_created_at"`
		Type          string `json:"type"`
		Content       any    `json:"content"`
	}{orID(t.ID), c.id, isoTime(time.Unix(c.startedAt, 0)), typ, content}
}

func (s *Server) sentimentWire(c *call, v *aircall.CallSentiment) any {
	type participant struct {
		PhoneNumber string `json:"phone_number,omitempty"`
		UserID      int64  `json:"user_id,omitempty"`
		Value       string `json:"value"`
		Type        string `json:"type"`
	}
	ps := []participant{}
	for _, p := range v.Participants {
		typ := p.Type
		if typ == "" {
			typ = p.ParticipantType
		}
		ps = append(ps, participant{p.PhoneNumber, p.UserID, string(p.Value), string(typ)})
	}
	return struct {
		ID           int64         `json:"id"`
		CallID       int64         `json:"call_id"`
		Participants []participant `json:"participants"`
	}{orID(v.ID), c.id, ps}
}

func (s *Server) topicsWire(c *call, v *aircall.CallTopics, now time.Time) any {
	content := v.Content
	if content == nil {
		content = []string{}
	}
	return struct {
		ID        int64    `json:"id"`
		CallID    int64    `json:"call_id"`
		CreatedAt string   `json:"created_at"`
		Content   []string `json:"content"`
	}{orID(v.ID), c.id, isoOr(v.CreatedAt, now), content}
}

func (s *Server) summaryWire(c *call, v *aircall.CallSummary, now time.Time) any {
	return struct {
		ID        int64  `json:"id"`
		CallID    int64  `json:"call_id"`
		CreatedAt string `json:"created_at"`
		Content   string `json:"content"`
	}{orID(v.ID), c.id, isoOr(v.CreatedAt, now), v.Content}
}

func (s *Server) actionItemsWire(c *call, items []*aircall.ActionItem, now time.Time) any {
	type item struct {
		ID          int64   `json:"id"`
		AIGenerated bool    `json:"ai_generated"`
		Content     string  `json:"content"`
		CreatedAt   string  `json:"created_at"`
		CreatedBy   *int64  `json:"created_by"`
		UpdatedAt   *string `json:"updated_at"`
		UpdatedBy   *int64  `json:"updated_by"`
	}
	out := []item{}
	for i, a := range items {
		it := item{ID: a.ID, AIGenerated: a.AIGenerated, Content: a.Content, CreatedAt: isoOr(a.CreatedAt, now)}
		if it.ID == 0 {
			it.ID = int64(i + 1)
		}
		if a.CreatedBy != 0 {
			it.CreatedBy = &a.CreatedBy
		}
		if !a.UpdatedAt.IsZero() {
			it.UpdatedAt = nullString(isoTime(a.UpdatedAt.Time))
		}
		if a.UpdatedBy != 0 {
			it.UpdatedBy = &a.UpdatedBy
		}
		out = append(out, it)
	}
	return struct {
		CallID      int64  `json:"call_id"`
		ActionItems []item `json:"action_items"`
	}{c.id, out}
}

func (s *Server) csatWire(c *call, v *aircall.PredictedCSAT) any {
	type driver struct {
		Polarity string `json:"polarity"`
		Label    string `json:"label"`
	}
	ds := []driver{}
	for _, d := range v.Drivers {
		ds = append(ds, driver{string(d.Polarity), d.Label})
	}
	return struct {
		CallID   int64    `json:"call_id"`
		CallUUID string   `json:"call_uuid"`
		Score    float64  `json:"score"`
		Drivers  []driver `json:"drivers"`
	}{c.id, v.CallUUID, v.Score, ds}
}

// insight serves one GET /v1/calls/:id/<insight> endpoint: get returns the
// answer body, or nil when the insight was not generated (404).
func (s *Server) insight(what string, get func(c *call, ins *Insights) any) func(*exchange) {
	return func(x *exchange) {
		s.withCall(x, func(c *call) {
			ins := s.db.insights[c.id]
			var body any
			if ins != nil {
				body = get(c, ins)
			}
			if body == nil {
				x.fail(http.StatusNotFound, "Not found. "+what+" has not been generated for this call")
				return
			}
			if raw, ok := body.(json.RawMessage); ok {
				writeBody(x.w, http.StatusOK, raw)
				return
			}
			x.json(http.StatusOK, body)
		})
	}
}

// insightRoutes maps each insight endpoint to its answer.
func (s *Server) insightRoutes() map[string]func(*exchange) {
	now := s.now
	raw := func(r json.RawMessage) any {
		if len(r) == 0 {
			return nil
		}
		return r
	}
	return map[string]func(*exchange){
		"transcription": s.insight("Transcription", func(c *call, i *Insights) any {
			if i.Transcription == nil {
				return nil
			}
			return map[string]any{"transcription": s.transcriptionWire(c, i.Transcription)}
		}),
		"sentiments": s.insight("Sentiment", func(c *call, i *Insights) any {
			if i.Sentiment == nil {
				return nil
			}
			return map[string]any{"sentiment": s.sentimentWire(c, i.Sentiment)}
		}),
		"topics": s.insight("Topics", func(c *call, i *Insights) any {
			if i.Topics == nil {
				return nil
			}
			return map[string]any{"topic": s.topicsWire(c, i.Topics, now())}
		}),
		"summary": s.insight("Summary", func(c *call, i *Insights) any {
			if i.Summary == nil {
				return nil
			}
			return map[string]any{"summary": s.summaryWire(c, i.Summary, now())}
		}),
		"action_items": s.insight("Action items", func(c *call, i *Insights) any {
			if len(i.ActionItems) == 0 {
				return nil
			}
			return s.actionItemsWire(c, i.ActionItems, now())
		}),
		"predicted_csat": s.insight("Predicted CSAT", func(c *call, i *Insights) any {
			if i.PredictedCSAT == nil {
				return nil
			}
			return map[string]any{"csat": s.csatWire(c, i.PredictedCSAT)}
		}),
		"realtime_transcription": s.insight("Realtime transcription", func(_ *call, i *Insights) any { return raw(i.RealtimeTranscription) }),
		"custom_summary_result":  s.insight("Custom summary", func(_ *call, i *Insights) any { return raw(i.CustomSummaryResult) }),
		"playbook_result":        s.insight("Playbook result", func(_ *call, i *Insights) any { return raw(i.PlaybookResult) }),
		"evaluations":            s.insight("Evaluations", func(_ *call, i *Insights) any { return raw(i.Evaluations) }),
	}
}
