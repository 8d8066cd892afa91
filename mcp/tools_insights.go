package aircallmcp

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/aircall-go/aircall"
	"github.com/google/jsonschema-go/jsonschema"
)

// Bounds of the text a tool returns at once.
const (
	defaultTextChars = 8000
	maxTextChars     = 20000
)

type transcriptArgs struct {
	CallID   int64 `json:"call_id"`
	Offset   int   `json:"offset,omitempty" jsonschema:"the utterance to start from: next_offset of a previous answer (default 0)"`
	MaxChars int   `json:"max_chars,omitempty" jsonschema:"the most characters of text to return (default 8000)"`
}

// TranscriptPage is a part of a call's transcript.
type TranscriptPage struct {
	CallID     int64  `json:"call_id"`
	Language   string `json:"language,omitempty"`
	Text       string `json:"text" jsonschema:"one line per utterance: [mm:ss] speaker: words"`
	Offset     int    `json:"offset" jsonschema:"the first utterance in text"`
	NextOffset int    `json:"next_offset,omitempty" jsonschema:"pass as offset for the rest; absent at the end"`
	Utterances int    `json:"utterances" jsonschema:"utterances in the whole transcript"`
}

func (s *Server) transcriptPage(ctx context.Context, callID int64, offset, maxChars int) (*TranscriptPage, error) {
	if maxChars <= 0 {
		maxChars = defaultTextChars
	}
	maxChars = min(maxChars, maxTextChars)
	t, _, err := s.client.Calls.GetTranscription(ctx, callID, nil)
	if err != nil {
		return nil, err
	}
	p := &TranscriptPage{CallID: callID, Offset: offset}
	if t.Content == nil {
		return p, nil
	}
	us := t.Content.Utterances
	p.Language, p.Utterances = t.Content.Language, len(us)
	if offset < 0 || offset > len(us) {
		return nil, fmt.Errorf("offset: %d is outside the transcript's %d utterances", offset, len(us))
	}
	var b strings.Builder
	i := offset
	for ; i < len(us); i++ {
		line := utteranceLine(us[i])
		if b.Len() > 0 && b.Len()+len(line) > maxChars {
			break
		}
		b.WriteString(line)
	}
	p.Text = shorten(b.String(), maxChars)
	if i < len(us) {
		p.NextOffset = i
	}
	return p, nil
}

func utteranceLine(u *aircall.TranscriptionUtterance) string {
	if u == nil {
		return ""
	}
	sec := int(u.StartTime)
	who := "caller"
	switch {
	case u.ParticipantType == aircall.SpeakerInternal && u.UserID != 0:
		who = fmt.Sprintf("agent (user %d)", u.UserID)
	case u.ParticipantType == aircall.SpeakerInternal:
		who = "agent"
	case u.PhoneNumber != "":
		who = "caller (" + u.PhoneNumber + ")"
	}
	return fmt.Sprintf("[%02d:%02d] %s: %s\n", sec/60, sec%60, who, strings.TrimSpace(u.Text))
}

type insightsArgs struct {
	CallID int64    `json:"call_id"`
	Kinds  []string `json:"kinds,omitempty" jsonschema:"which insights: summary, topics, sentiments, action_items (default all)"`
}

// CallInsights is what AI Assist produced for a call.
type CallInsights struct {
	CallID      int64             `json:"call_id"`
	Summary     string            `json:"summary,omitempty"`
	Topics      []string          `json:"topics,omitempty"`
	Sentiments  []SentimentView   `json:"sentiments,omitempty"`
	ActionItems []string          `json:"action_items,omitempty"`
	Missing     map[string]string `json:"missing,omitempty" jsonschema:"insights not available, and why"`
}

// SentimentView is one participant's sentiment.
type SentimentView struct {
	Who   string `json:"who"`
	Value string `json:"value"`
}

var insightKinds = []string{"summary", "topics", "sentiments", "action_items"}

func (s *Server) registerInsights() {
	addTool(s, spec[transcriptArgs]{
		name:  "get_call_transcript",
		title: "Get a call's transcript",
		set:   "insights",
		desc: "Gets a call's transcript as text, one line per utterance with time and speaker, in bounded " +
			"parts: pass next_offset back as offset for the rest. Needs AI Assist.",
		schema: func(sc *jsonschema.Schema) {
			bounds(sc, "offset", 0, 1e6)
			bounds(sc, "max_chars", 500, maxTextChars)
		},
	}, func(ctx context.Context, a transcriptArgs) (*TranscriptPage, error) {
		return s.transcriptPage(ctx, a.CallID, a.Offset, a.MaxChars)
	})

	addTool(s, spec[insightsArgs]{
		name:  "get_call_insights",
		title: "Get a call's AI insights",
		set:   "insights",
		desc:  "Gets what AI Assist found in a call: summary, topics, sentiments, action items. Needs AI Assist.",
		schema: func(sc *jsonschema.Schema) {
			prop(sc, "kinds").Items.Enum = []any{"summary", "topics", "sentiments", "action_items"}
		},
	}, s.callInsights)
}

func (s *Server) callInsights(ctx context.Context, a insightsArgs) (CallInsights, error) {
	kinds := a.Kinds
	if len(kinds) == 0 {
		kinds = insightKinds
	}
	out := CallInsights{CallID: a.CallID}
	miss := func(kind string, err error) {
		if out.Missing == nil {
			out.Missing = map[string]string{}
		}
		out.Missing[kind] = missingPart(s.explain(err, false))
	}
	var firstErr error
	for _, k := range kinds {
		var err error
		switch k {
		case "summary":
			var v *aircall.CallSummary
			if v, _, err = s.client.Calls.GetSummary(ctx, a.CallID); err == nil {
				out.Summary = shorten(v.Content, maxTextChars)
			}
		case "topics":
			var v *aircall.CallTopics
			if v, _, err = s.client.Calls.GetTopics(ctx, a.CallID); err == nil {
				out.Topics = v.Content
			}
		case "sentiments":
			var v *aircall.CallSentiment
			if v, _, err = s.client.Calls.GetSentiments(ctx, a.CallID); err == nil {
				for _, p := range v.Participants {
					who := "caller " + p.PhoneNumber
					if p.UserID != 0 {
						who = fmt.Sprintf("agent (user %d)", p.UserID)
					}
					out.Sentiments = append(out.Sentiments, SentimentView{Who: strings.TrimSpace(who), Value: string(p.Value)})
				}
			}
		case "action_items":
			var v *aircall.CallActionItems
			if v, _, err = s.client.Calls.GetActionItems(ctx, a.CallID); err == nil {
				for _, it := range v.ActionItems {
					out.ActionItems = append(out.ActionItems, it.Content)
				}
			}
		}
		if err != nil {
			if !isMissing(err) {
				return CallInsights{}, err
			}
			if firstErr == nil {
				firstErr = err
			}
			miss(k, err)
		}
	}
	if len(out.Missing) == len(kinds) && firstErr != nil {
		return CallInsights{}, firstErr
	}
	return out, nil
}

// isMissing reports whether err means "this insight is not there" (404) or
// "not allowed" (403), which leave the other insights worth returning.
func isMissing(err error) bool {
	return errors.Is(err, aircall.ErrNotFound) || errors.Is(err, aircall.ErrForbidden)
}
