package aircall

// AIVoiceAgentsService triggers outbound calls placed by AI Voice Agents
// (AIVA). The agent must already be set up in the Aircall Dashboard with a
// connected number and a first message.
type AIVoiceAgentsService service
