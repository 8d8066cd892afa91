package aircalltest

import "net/http"

// registerRoutes lists every operation the fake serves: each
// //aircall:operation directive of the SDK has its route here (a test
// checks it).
func (s *Server) registerRoutes() {
	r := &s.routes
	const get, post, put, del = http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete

	r.public(get, "/", s.root)
	r.public(post, "/v1/oauth/token", s.oauthToken)
	r.public(get, "/downloads/analytics/:file", s.analyticsDownload)
	r.public(get, "/storage/:kind/:id", s.mediaServe)
	r.handle(get, "/v1/ping", s.ping)
	r.handle(get, "/v1/company", s.company)

	r.handle(get, "/v1/users", s.usersList)
	r.handle(post, "/v1/users", s.usersCreate)
	r.handle(get, "/v1/users/availabilities", s.usersAvailabilities)
	r.handle(get, "/v1/users/:id", s.usersGet)
	r.handle(put, "/v1/users/:id", s.usersUpdate)
	r.handle(del, "/v1/users/:id", s.usersDelete)
	r.handle(get, "/v1/users/:id/availability", s.usersAvailability)
	r.handle(post, "/v1/users/:id/calls", s.usersStartCall(true))
	r.handle(post, "/v1/users/:id/dial", s.usersStartCall(false))

	r.handle(get, "/v1/users/:user_id/dialer_campaign", s.dialerGet)
	r.handle(post, "/v1/users/:user_id/dialer_campaign", s.dialerCreate)
	r.handle(del, "/v1/users/:user_id/dialer_campaign", s.dialerDelete)
	r.handle(get, "/v1/users/:user_id/dialer_campaign/phone_numbers", s.dialerPhonesList)
	r.handle(post, "/v1/users/:user_id/dialer_campaign/phone_numbers", s.dialerPhonesAdd)
	r.handle(del, "/v1/users/:user_id/dialer_campaign/phone_numbers/:id", s.dialerPhonesDelete)

	r.handle(get, "/v2/users", s.usersV2List)
	r.handle(post, "/v2/users", s.usersV2Create)
	r.handle(get, "/v2/users/:id", s.usersV2Get)
	r.handle(put, "/v2/users/:id", s.usersV2Update)
	r.handle(get, "/v2/users/:id/numbers", s.usersV2Numbers)

	r.handle(get, "/v1/teams", teamsCRUD.list(s))
	r.handle(post, "/v1/teams", s.teamsCreate)
	r.handle(get, "/v1/teams/:id", teamsCRUD.get(s))
	r.handle(del, "/v1/teams/:id", teamsCRUD.remove(s, http.StatusOK, func(t *team) { delete(s.db.teams, t.id) }))
	r.handle(post, "/v1/teams/:team_id/users/:user_id", s.teamsMember(true))
	r.handle(del, "/v1/teams/:team_id/users/:user_id", s.teamsMember(false))

	r.handle(get, "/v1/calls", s.callsList)
	r.handle(get, "/v1/calls/search", s.callsSearch)
	r.handle(get, "/v1/calls/:id", s.callsGet)
	r.handle(post, "/v1/calls/:id/transfers", s.callsTransfer)
	r.handle(post, "/v1/calls/:id/comments", s.callsComment)
	r.handle(post, "/v1/calls/:id/tags", s.callsTag)
	r.handle(put, "/v1/calls/:id/archive", s.callsArchive(true))
	r.handle(put, "/v1/calls/:id/unarchive", s.callsArchive(false))
	r.handle(post, "/v1/calls/:id/pause_recording", s.callsRecording(true))
	r.handle(post, "/v1/calls/:id/resume_recording", s.callsRecording(false))
	r.handle(del, "/v1/calls/:id/recording", s.callsDeleteAsset(false))
	r.handle(del, "/v1/calls/:id/voicemail", s.callsDeleteAsset(true))
	r.handle(post, "/v1/calls/:id/insight_cards", s.callsInsightCard)
	insights := s.insightRoutes()
	for _, name := range []string{"transcription", "realtime_transcription", "sentiments", "topics", "summary",
		"action_items", "custom_summary_result", "playbook_result", "evaluations", "predicted_csat"} {
		r.handle(get, "/v1/calls/:id/"+name, insights[name])
	}

	r.handle(get, "/v1/numbers", s.numbersList)
	r.handle(get, "/v1/numbers/:id", s.numbersGet)
	r.handle(put, "/v1/numbers/:id", s.numbersUpdate)
	r.handle(get, "/v1/numbers/:id/registration_status", s.numbersRegistrationStatus)
	r.handle(post, "/v1/numbers/:id/messages/configuration", s.messagingConfigure)
	r.handle(get, "/v1/numbers/:id/messages/configuration", s.messagingConfiguration)
	r.handle(del, "/v1/numbers/:id/messages/configuration", s.messagingUnconfigure)
	r.handle(post, "/v1/numbers/:id/messages/send", s.messagingSend(false))
	r.handle(post, "/v1/numbers/:id/messages/native/send", s.messagingSend(true))
	r.handle(post, "/v1/numbers/:id/messages/group/send", s.messagingGroupSend(false))
	r.handle(post, "/v1/numbers/:id/messages/group/native/send", s.messagingGroupSend(true))
	r.handle(get, "/v1/numbers/:id/whatsapp_status", s.whatsappStatus)
	r.handle(get, "/v1/numbers/:id/templates", s.whatsappTemplates)
	r.handle(post, "/v1/messages/whatsapp/send", s.whatsappSend(false))
	r.handle(post, "/v1/messages/send/whatsapp/native", s.whatsappSend(true))
	r.handle(get, "/v1/sms/templates", s.smsTemplates)

	r.handle(get, "/v1/contacts", s.contactsList)
	r.handle(post, "/v1/contacts", s.contactsCreate)
	r.handle(get, "/v1/contacts/search", s.contactsSearch)
	r.handle(get, "/v1/contacts/:id", s.contactsGet)
	r.handle(post, "/v1/contacts/:id", s.contactsUpdate)
	r.handle(del, "/v1/contacts/:id", s.contactsDelete)
	phoneAdd, phoneUpdate, phoneDelete := s.contactDetails(true)
	r.handle(post, "/v1/contacts/:id/phone_details", phoneAdd)
	r.handle(put, "/v1/contacts/:id/phone_details/:phone_number_id", phoneUpdate)
	r.handle(del, "/v1/contacts/:id/phone_details/:phone_number_id", phoneDelete)
	emailAdd, emailUpdate, emailDelete := s.contactDetails(false)
	r.handle(post, "/v1/contacts/:id/email_details", emailAdd)
	r.handle(put, "/v1/contacts/:id/email_details/:email_id", emailUpdate)
	r.handle(del, "/v1/contacts/:id/email_details/:email_id", emailDelete)

	r.handle(get, "/v1/tags", tagsCRUD.list(s))
	r.handle(post, "/v1/tags", s.tagsCreate)
	r.handle(get, "/v1/tags/:id", tagsCRUD.get(s))
	r.handle(put, "/v1/tags/:id", s.tagsUpdate)
	r.handle(del, "/v1/tags/:id", tagsCRUD.remove(s, http.StatusNoContent, s.dropTag))

	r.handle(get, "/v1/webhooks", webhooksCRUD.list(s))
	r.handle(post, "/v1/webhooks", s.webhooksCreate)
	r.handle(get, "/v1/webhooks/:id", webhooksCRUD.get(s))
	r.handle(put, "/v1/webhooks/:id", s.webhooksUpdate)
	r.handle(del, "/v1/webhooks/:id", webhooksCRUD.remove(s, http.StatusNoContent, s.dropWebhook))

	r.handle(get, "/v1/integrations/me", s.integrationMe)
	r.handle(post, "/v1/integrations/enable", s.integrationToggle(true))
	r.handle(post, "/v1/integrations/disable", s.integrationToggle(false))

	r.handle(get, "/v1/a2p_campaign_associations", a2pCRUD.list(s))
	r.handle(post, "/v1/a2p_campaign_associations", s.a2pCreate)
	r.handle(get, "/v1/a2p_campaign_associations/:id", a2pCRUD.get(s))
	r.handle(put, "/v1/a2p_campaign_associations/:id", s.a2pUpdate)
	r.handle(del, "/v1/a2p_campaign_associations/:id", a2pCRUD.remove(s, http.StatusNoContent, func(a *a2pAssociation) { delete(s.db.a2p, a.id) }))

	r.handle(post, "/v1/outbound-calls/agents/:agent_id", s.agentCall)
	r.handle(post, "/v1/analytics/report/export", s.analyticsCreate)
	r.handle(get, "/v1/analytics/report/export/:export_id", s.analyticsGet)
}
