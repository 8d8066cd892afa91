package aircalltest

import (
	"github.com/aircall-go/aircall"
)

// Work Aircall finishes later: AI Voice Agent calls progressing through
// their statuses, analytics exports completing. Each step happens on the
// fake's clock and sends the webhook events Aircall sends.

// AgentCallStatus returns the status an AI Voice Agent call has reached:
// PENDING when requested, INITIATED one step later (WithAgentCallProgress,
// 5 seconds unless told otherwise), IN_PROGRESS the next step (the agent
// picked up: a call is created and ai_voice_agent.started sent), then
// COMPLETED (ai_voice_agent.ended with reason "answered", then
// ai_voice_agent.summary). It returns "" for an unknown id.
func (s *Server) AgentCallStatus(id string) aircall.OutboundAgentCallStatus {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.runDue()
	return s.sim.agentStatus[id]
}

// agentEventWire is an ai_voice_agent.* event's data.
type agentEventWire struct {
	ID                    int64          `json:"id"`
	CallID                int64          `json:"call_id"`
	CallUUID              string         `json:"call_uuid"`
	AIVoiceAgentID        string         `json:"ai_voice_agent_id"`
	AIVoiceAgentName      string         `json:"ai_voice_agent_name"`
	AIVoiceAgentSessionID string         `json:"ai_voice_agent_session_id"`
	ExternalCallerNumber  string         `json:"external_caller_number,omitempty"`
	CreatedAt             int64          `json:"created_at"`
	StartedAt             int64          `json:"started_at,omitempty"`
	EndedAt               int64          `json:"ended_at,omitempty"`
	CallEndReason         string         `json:"call_end_reason,omitempty"`
	ExtractedData         map[string]any `json:"extracted_data,omitempty"`
}

// progressAgentCall schedules the statuses and events of an AI Voice Agent
// call just requested. Callers hold s.mu.
func (s *Server) progressAgentCall(ac AgentCall) {
	if s.sim.agentStatus == nil {
		s.sim.agentStatus = map[string]aircall.OutboundAgentCallStatus{}
	}
	s.sim.agentStatus[ac.ID] = aircall.OutboundAgentCallPending
	step := s.cfg.wf.agentCallSteps
	var callID int64
	var started int64
	session := newUUID()
	event := func() agentEventWire {
		return agentEventWire{ID: callID, CallID: callID, CallUUID: session, AIVoiceAgentID: ac.AgentID,
			AIVoiceAgentName: "AI Voice Agent " + ac.AgentID, AIVoiceAgentSessionID: session,
			ExternalCallerNumber: ac.Request.ContactPhone, CreatedAt: s.now().Unix(), StartedAt: started}
	}
	s.schedule(step, func() { s.sim.agentStatus[ac.ID] = aircall.OutboundAgentCallInitiated })
	s.schedule(2*step, func() {
		s.sim.agentStatus[ac.ID] = aircall.OutboundAgentCallInProgress
		rec := &call{id: s.db.next(kindCall), direction: string(aircall.CallOutbound), status: "answered",
			startedAt: s.now().Unix(), answeredAt: s.now().Unix(), rawDigits: ac.Request.ContactPhone, cost: "0"}
		s.db.insertCall(rec)
		callID, started = rec.id, rec.startedAt
		s.emitCall(aircall.EventCallCreated, rec)
		s.emit(aircall.ResourceAIVoiceAgent, aircall.EventAIVoiceAgentStarted, event())
	})
	s.schedule(3*step, func() {
		s.sim.agentStatus[ac.ID] = aircall.OutboundAgentCallCompleted
		if rec := s.db.callByID[callID]; rec != nil && rec.status != "done" {
			s.endCall(callID, "")
		}
		e := event()
		e.EndedAt, e.CallEndReason = s.now().Unix(), string(aircall.AIVoiceAgentCallAnswered)
		s.emit(aircall.ResourceAIVoiceAgent, aircall.EventAIVoiceAgentEnded, e)
		sum := event()
		sum.ExtractedData = map[string]any{}
		for k, v := range ac.Request.Context {
			sum.ExtractedData[k] = v
		}
		s.emit(aircall.ResourceAIVoiceAgent, aircall.EventAIVoiceAgentSummary, sum)
	})
}

// exportFinished sends analytics.report_created (or report_failed) when an
// export's delay has passed. Callers hold s.mu.
func (s *Server) exportFinished(e *export) {
	s.schedule(s.cfg.exportDelay, func() {
		w := s.exportWire(e, false)
		if w.Status == "FAILED" {
			s.emit(aircall.ResourceAnalytics, aircall.EventAnalyticsReportFailed, w)
			return
		}
		s.emit(aircall.ResourceAnalytics, aircall.EventAnalyticsReportCreated, w)
	})
}
