package aircalltest

import (
	"math/rand/v2"
	"time"

	"github.com/aircall-go/aircall"
)

// Ids of the demo data WithDemoData seeds, taken from the reference's
// examples where it has them.
const (
	DemoUserID    int64 = 456  // John Doe, available, on the French Office and US Sales numbers
	DemoNumberID  int64 = 1234 // French Office, an IVR number that records calls
	DemoTeamID    int64 = 678  // Global Sales: John Doe and Amy Rudd
	DemoTagID     int64 = 678  // General Inquiries
	DemoContactID int64 = 710  // Vicente Abad, +34664673697
	DemoCallID    int64 = 841  // the latest call: answered, commented, tagged, with insights
	// DemoCalls is how many calls the demo data holds, over the 7 days
	// before the fake's clock at NewServer, ids 812 to DemoCallID.
	DemoCalls = 30
)

func at(s string) aircall.Timestamp {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return aircall.Timestamp{Time: t}
}

// seedDemo fills the fake with the demo company.
func (s *Server) seedDemo() {
	messages := &aircall.NumberMessages{
		Welcome: "https://example.com/welcome.mp3", Waiting: "https://example.com/waiting_music.mp3",
		IVR: "https://example.com/ivr_message.mp3", CallbackLater: "https://example.com/callback_later.mp3",
		UnansweredCall: "https://example.com/unanswered_call.mp3", AfterHours: "https://example.com/closed_message.mp3",
		RingingTone: "https://example.com/waiting_music.mp3",
	}
	//lint:ignore SA1019 the reference's numbers still carry the deprecated voicemail and closed URLs
	messages.Voicemail, messages.Closed = "https://example.com/voicemail.mp3", "https://example.com/closed_message.mp3"
	paris := s.AddNumber(aircall.Number{ID: DemoNumberID, Name: "French Office", Digits: "+33 1 76 11 11 11",
		CreatedAt: at("2020-01-02T11:41:01Z"), Country: "FR", TimeZone: "Europe/Paris",
		AvailabilityStatus: aircall.NumberAvailabilityCustom, Open: true, IsIVR: true, LiveRecordingActivated: true, Messages: messages})
	london := s.AddNumber(aircall.Number{ID: 2345, Name: "UK office", Digits: "+44 20 0000 0000",
		CreatedAt: at("2020-01-04T19:28:58Z"), Country: "GB", TimeZone: "Europe/London",
		AvailabilityStatus: aircall.NumberAvailabilityCustom, Open: true, IsIVR: true, Messages: messages})
	us := s.AddNumber(aircall.Number{ID: 3456, Name: "US Sales", Digits: "+1 800-555-0100",
		CreatedAt: at("2020-03-01T14:05:12Z"), Country: "US", TimeZone: "America/New_York", LiveRecordingActivated: true})

	john := s.AddUser(aircall.User{ID: DemoUserID, Name: "John Doe", Email: "john.doe@aircall.io",
		CreatedAt: at("2019-12-29T10:03:18Z"), TimeZone: "America/New_York", Numbers: []*aircall.Number{paris, us}})
	amy := s.AddUser(aircall.User{ID: 457, Name: "Amy Rudd", Email: "amy.rudd@aircall.io", AvailabilityStatus: aircall.UserStatusCustom,
		CreatedAt: at("2019-12-30T18:10:21Z"), Numbers: []*aircall.Number{paris, london}})
	vera := s.AddUser(aircall.User{ID: 458, Name: "Vera Martin", Email: "vera.martin@aircall.io", AvailabilityStatus: aircall.UserStatusUnavailable,
		CreatedAt: at("2020-01-02T09:01:58Z"), TimeZone: "Europe/Paris", Language: "fr-FR", Numbers: []*aircall.Number{paris}})
	jeff := s.AddUser(aircall.User{ID: 459, Name: "Jeffrey Curtis", Email: "jeffrey.curtis@aircall.io",
		CreatedAt: at("2020-02-18T20:52:22Z"), Numbers: []*aircall.Number{us}})
	s.SetAvailability(vera.ID, aircall.AvailabilityOffline)

	sales := s.AddTeam(aircall.Team{ID: DemoTeamID, Name: "Global Sales", CreatedAt: at("2020-03-10T08:31:43Z"), Users: []*aircall.User{john, amy}})
	s.AddTeam(aircall.Team{ID: 679, Name: "Support USA", CreatedAt: at("2020-03-10T20:29:52Z"), Users: []*aircall.User{jeff}})

	general := s.AddTag(aircall.Tag{ID: DemoTagID, Name: "General Inquiries", Color: "#0662B5"})
	feedback := s.AddTag(aircall.Tag{ID: 679, Name: "Feedback", Color: "#008f6c"})
	s.AddTag(aircall.Tag{ID: 680, Name: "Spam Call", Color: "#FCBB26"})

	contacts := []*aircall.Contact{
		s.AddContact(aircall.Contact{ID: DemoContactID, FirstName: "Vicente", LastName: "Abad",
			CreatedAt: aircall.Timestamp{Time: time.Unix(1400691054, 0)}, UpdatedAt: aircall.Timestamp{Time: time.Unix(1444336506, 0)},
			PhoneNumbers: []aircall.ContactDetail{{ID: 3367, Label: "Mobile", Value: "+34664673697"}}}),
		s.AddContact(aircall.Contact{ID: 711, FirstName: "Margaret", LastName: "Morrison", CompanyName: "TeleWorm",
			CreatedAt: aircall.Timestamp{Time: time.Unix(1400692007, 0)}, UpdatedAt: aircall.Timestamp{Time: time.Unix(1444336507, 0)},
			PhoneNumbers: []aircall.ContactDetail{{ID: 3368, Label: "Mobile", Value: "+34768776683"}, {ID: 3369, Label: "Work", Value: "+49111000460"}},
			Emails:       []aircall.ContactDetail{{ID: 3200, Label: "Work", Value: "m.morrison@teleworm.es"}}}),
		s.AddContact(aircall.Contact{ID: 719, FirstName: "Gary", LastName: "Jennings", Information: "external_custom_id:87123",
			CreatedAt:    aircall.Timestamp{Time: time.Unix(1585083040, 0)},
			PhoneNumbers: []aircall.ContactDetail{{ID: 9171, Label: "Work", Value: "+19001112222"}},
			Emails:       []aircall.ContactDetail{{ID: 9170, Label: "Office", Value: "gary.jennings@acme.com"}}}),
		s.AddContact(aircall.Contact{ID: 720, FirstName: "Jennifer", LastName: "Smith", CompanyName: "Lerox Inc.",
			CreatedAt:    aircall.Timestamp{Time: time.Unix(1600264800, 0)},
			PhoneNumbers: []aircall.ContactDetail{{ID: 5443, Label: "Mobile", Value: "+33749882971"}}}),
	}

	s.seedDemoCalls(contacts, []*aircall.User{john, amy, vera, jeff}, []*aircall.Number{paris, london, us},
		[]*aircall.Team{sales}, general, feedback)

	s.AddSMSTemplate(aircall.SMSTemplate{ID: 8821, Name: "order_update", Body: "Your order is on its way."})
	s.AddSMSTemplate(aircall.SMSTemplate{Name: "appointment_reminder", Body: "Hi {{first_name}}, this is a reminder of your appointment tomorrow at {{time}}."})
	s.AddWhatsAppTemplate(DemoNumberID, aircall.WhatsAppTemplate{ID: 1, Name: "order_confirmation", Category: aircall.WhatsAppTemplateUtility, Language: "en"})
	s.AddWhatsAppTemplate(DemoNumberID, aircall.WhatsAppTemplate{ID: 2, Name: "spring_promo", Category: aircall.WhatsAppTemplateMarketing,
		Status: aircall.WhatsAppTemplatePending, Language: "en"})
}

// seedDemoCalls adds DemoCalls calls over the last week, oldest first, with
// ids from 812: a deterministic mix of inbound and outbound, answered and
// missed calls, some with a voicemail or a recording.
func (s *Server) seedDemoCalls(contacts []*aircall.Contact, users []*aircall.User, numbers []*aircall.Number,
	teams []*aircall.Team, general, feedback *aircall.Tag) {
	rng := rand.New(rand.NewPCG(7, 42))
	now := s.now().Truncate(time.Second)
	reasons := []aircall.MissedCallReason{aircall.MissedNoAvailableAgent, aircall.MissedAgentsDidNotAnswer,
		aircall.MissedOutOfOpeningHours, aircall.MissedShortAbandoned}
	for i := range DemoCalls {
		id := 812 + int64(i)
		// Spread over 7 days, the latest a few minutes ago.
		started := now.Add(-time.Duration(DemoCalls-i)*5*time.Hour - time.Duration(rng.IntN(3600))*time.Second + 4*time.Hour + 50*time.Minute)
		c := aircall.Call{ID: id, StartedAt: aircall.Timestamp{Time: started}, Cost: "0",
			Number: numbers[rng.IntN(len(numbers))], Contact: contacts[rng.IntN(len(contacts))]}
		c.User = users[rng.IntN(len(users))]
		ring := time.Duration(3+rng.IntN(20)) * time.Second
		talk := time.Duration(30+rng.IntN(600)) * time.Second
		switch {
		case id == DemoCallID:
			c.Direction, c.User, c.Number, c.Contact = aircall.CallOutbound, users[0], numbers[0], contacts[0]
			c.AnsweredAt = aircall.Timestamp{Time: started.Add(ring)}
			c.EndedAt = aircall.Timestamp{Time: started.Add(ring + 4*time.Minute + 5*time.Second)}
			c.Recording = "https://example.com/recordings/841.mp3"
			c.Asset = assetURL(id, "recording")
			c.Cost = "2.34"
			c.Comments = []*aircall.Comment{{Content: "Please call back this customer!", PostedBy: users[0]}}
			c.Tags = []*aircall.CallTag{{ID: general.ID, TaggedBy: users[0]}}
			c.Participants = []*aircall.Participant{
				{ID: DemoUserID, Name: "John Doe", Type: aircall.ParticipantUser},
				{ID: DemoContactID, Name: "Vicente Abad", PhoneNumber: "+34664673697", Type: aircall.ParticipantContact},
			}
		case rng.IntN(4) == 0: // a missed inbound call
			c.Direction, c.User = aircall.CallInbound, nil
			c.MissedCallReason = reasons[rng.IntN(len(reasons))]
			c.EndedAt = aircall.Timestamp{Time: started.Add(ring + 20*time.Second)}
			c.Teams = teams
			if rng.IntN(2) == 0 {
				c.Voicemail = "https://example.com/voicemails/" + itoa(id) + ".mp3"
				c.Asset = assetURL(id, "voicemail")
			}
		default:
			c.Direction = aircall.CallInbound
			if rng.IntN(2) == 0 {
				c.Direction = aircall.CallOutbound
				c.Cost = "1.2" + itoa(int64(rng.IntN(10)))
			} else {
				c.Teams = teams
			}
			c.AnsweredAt = aircall.Timestamp{Time: started.Add(ring)}
			c.EndedAt = aircall.Timestamp{Time: started.Add(ring + talk)}
			if c.Number.LiveRecordingActivated {
				c.Recording = "https://example.com/recordings/" + itoa(id) + ".mp3"
				c.Asset = assetURL(id, "recording")
			}
			if rng.IntN(3) == 0 {
				c.Tags = []*aircall.CallTag{{ID: feedback.ID, TaggedBy: c.User}}
			}
		}
		s.AddCall(c)
	}
	s.SetInsights(DemoCallID, Insights{
		Summary: &aircall.CallSummary{Content: "Vicente asked to move his delivery to next Tuesday. John confirmed the new date and will email the updated quote."},
		Topics:  &aircall.CallTopics{Content: []string{"delivery", "pricing", "quote"}},
		Sentiment: &aircall.CallSentiment{Participants: []*aircall.SentimentParticipant{
			{PhoneNumber: "+34664673697", Value: aircall.SentimentPositive, Type: aircall.SpeakerExternal},
			{UserID: DemoUserID, Value: aircall.SentimentNeutral, Type: aircall.SpeakerInternal}}},
		ActionItems: []*aircall.ActionItem{{AIGenerated: true, Content: "Email the updated quote to Vicente"}},
		Transcription: &aircall.Transcription{Content: &aircall.TranscriptionContent{Language: "en", Utterances: []*aircall.TranscriptionUtterance{
			{StartTime: 0, EndTime: 2.4, Text: "Hello, John speaking, how can I help?", ParticipantType: aircall.SpeakerInternal, UserID: DemoUserID},
			{StartTime: 2.6, EndTime: 6.1, Text: "Hi John, I'd like to move my delivery to next Tuesday.", ParticipantType: aircall.SpeakerExternal, PhoneNumber: "+34664673697"},
		}}},
		PredictedCSAT: &aircall.PredictedCSAT{Score: 82, Drivers: []*aircall.CSATDriver{{Polarity: aircall.CSATPositive, Label: "Customer was satisfied"}}},
	})
}
