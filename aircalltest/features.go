package aircalltest

import (
	"net/http"
	"strings"
)

// Feature is a part of the API that Aircall reserves to some plans or
// add-ons. The fake serves them all unless a test disables one with
// DisableFeature: then its endpoints answer 403, as Aircall does for a
// company without it.
type Feature string

// The plan- and add-on-gated parts of the API.
const (
	// FeatureMessaging is SMS/MMS messaging: /v1/numbers/:id/messages/...
	// and /v1/sms/templates.
	FeatureMessaging Feature = "messaging"
	// FeatureWhatsApp is the WhatsApp API: WhatsApp sends, line health and templates.
	FeatureWhatsApp Feature = "whatsapp"
	// FeatureAIVoiceAgents is outbound calls placed by AI Voice Agents.
	FeatureAIVoiceAgents Feature = "ai_voice_agents"
	// FeatureAnalytics is the Analytics+ add-on: report exports.
	FeatureAnalytics Feature = "analytics"
	// FeatureAIAssist is conversation intelligence (AI Assist):
	// transcriptions, sentiments, topics, summaries, action items...
	FeatureAIAssist Feature = "ai_assist"
)

// featureReasons are the troubleshoot texts of the 403s.
var featureReasons = map[Feature]string{
	FeatureMessaging:     "Messaging is not available on your plan",
	FeatureWhatsApp:      "WhatsApp is not enabled for your company",
	FeatureAIVoiceAgents: "AI Voice Agents are not available on your plan",
	FeatureAnalytics:     "The Analytics+ add-on is required to export reports",
	FeatureAIAssist:      "The AI Assist add-on is required for conversation intelligence",
}

// DisableFeature makes the endpoints of f answer 403 Forbidden, as for a
// company whose plan or add-ons lack it, until EnableFeature(f).
func (s *Server) DisableFeature(f Feature) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.sim.disabled == nil {
		s.sim.disabled = map[Feature]bool{}
	}
	s.sim.disabled[f] = true
}

// EnableFeature serves the endpoints of f again (every feature is enabled
// on a new Server).
func (s *Server) EnableFeature(f Feature) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.sim.disabled, f)
}

// featureOf names the feature a request path belongs to, or "".
func featureOf(path string) Feature {
	seg := strings.Split(strings.Trim(path, "/"), "/")
	at := func(i int) string {
		if i < len(seg) {
			return seg[i]
		}
		return ""
	}
	switch {
	case at(1) == "numbers" && at(3) == "messages", at(1) == "sms":
		return FeatureMessaging
	case at(1) == "numbers" && (at(3) == "whatsapp_status" || at(3) == "templates"),
		at(1) == "messages" && (at(2) == "whatsapp" || at(3) == "whatsapp"):
		return FeatureWhatsApp
	case at(1) == "outbound-calls":
		return FeatureAIVoiceAgents
	case at(1) == "analytics":
		return FeatureAnalytics
	case at(1) == "calls" && at(3) != "" && insightEndpoint[at(3)]:
		return FeatureAIAssist
	}
	return ""
}

var insightEndpoint = map[string]bool{
	"transcription": true, "realtime_transcription": true, "sentiments": true, "topics": true, "summary": true,
	"action_items": true, "custom_summary_result": true, "playbook_result": true, "evaluations": true, "predicted_csat": true,
}

// featureAllowed answers 403 when the request's feature is disabled.
func (s *Server) featureAllowed(x *exchange) bool {
	f := featureOf(x.r.URL.Path)
	if f == "" {
		return true
	}
	s.mu.Lock()
	off := s.sim.disabled[f]
	s.mu.Unlock()
	if off {
		x.fail(http.StatusForbidden, featureReasons[f])
		return false
	}
	return true
}
