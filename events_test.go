package aircall

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"path"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/aircall-go/aircall/internal/fixture"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fixtureToken is the token of every testdata/events fixture (the reference's).
const fixtureToken = "45XXYYZZa08"

// eventTypeConstants returns every constant of type EventType declared in
// events.go, read from the source so that a constant missing from the
// registry cannot go unnoticed.
func eventTypeConstants(t *testing.T) map[string]EventType {
	t.Helper()
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "events.go", nil, 0)
	require.NoError(t, err)
	out := map[string]EventType{}
	for _, decl := range file.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.CONST {
			continue
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "EventType" {
				continue
			}
			for i, name := range vs.Names {
				lit, ok := vs.Values[i].(*ast.BasicLit)
				require.True(t, ok, "%s must be a string literal", name.Name)
				out[name.Name] = EventType(strings.Trim(lit.Value, `"`))
			}
		}
	}
	return out
}

func TestEventTypes_registryListsEveryConstantOnce(t *testing.T) {
	t.Parallel()
	consts := eventTypeConstants(t)
	require.NotEmpty(t, consts)
	var fromSource []string
	for _, v := range consts {
		fromSource = append(fromSource, string(v))
	}
	var registry []string
	for _, e := range EventTypes() {
		registry = append(registry, string(e))
	}
	sort.Strings(fromSource)
	sort.Strings(registry)
	assert.Equal(t, fromSource, registry, "knownEvents must list every EventType constant of events.go exactly once")
	assert.Len(t, eventIndex, len(knownEvents), "duplicate event in knownEvents")
	for name, v := range consts {
		assert.True(t, v.Known(), name)
		assert.NotEmpty(t, v.Resource(), name)
		assert.True(t, strings.HasPrefix(name, "Event"), "%s: EventType constants are named Event...", name)
	}
}

func TestEventTypes_newSliceEachCall(t *testing.T) {
	t.Parallel()
	a := EventTypes()
	a[0] = "changed"
	assert.Equal(t, EventUserCreated, EventTypes()[0])
	assert.False(t, EventType("call.teleported").Known())
	assert.Empty(t, EventType("call.teleported").Resource())
	assert.Equal(t, ResourceCall, EventCallEnded.Resource())
	assert.Equal(t, ResourceConversationIntelligence, EventCallEvaluationCreated.Resource())
}

// accessorNames lists the WebhookEvent methods that decode Data, from the
// registry's kinds; every one must exist and return the kind's type.
func accessorNames(t *testing.T) []string {
	t.Helper()
	var names []string
	for _, ev := range knownEvents {
		if ev.data.accessor != "" && !slices.Contains(names, ev.data.accessor) {
			names = append(names, ev.data.accessor)
		}
	}
	return names
}

// callAccessor calls the WebhookEvent method name and returns its results.
func callAccessor(t *testing.T, e *WebhookEvent, name string) (any, error) {
	t.Helper()
	m := reflect.ValueOf(e).MethodByName(name)
	require.True(t, m.IsValid(), "WebhookEvent has no method %s", name)
	out := m.Call(nil)
	require.Len(t, out, 2, name)
	err, _ := out[1].Interface().(error)
	return out[0].Interface(), err
}

func TestWebhookEvent_accessorsMatchTheRegistry(t *testing.T) {
	t.Parallel()
	typ := reflect.TypeFor[*WebhookEvent]()
	for _, ev := range knownEvents {
		if ev.data.accessor == "" {
			continue
		}
		m, ok := typ.MethodByName(ev.data.accessor)
		require.True(t, ok, "%s: no WebhookEvent.%s", ev.event, ev.data.accessor)
		require.Equal(t, 1, m.Type.NumIn(), "%s takes no argument", m.Name)
		require.Equal(t, 2, m.Type.NumOut())
		assert.Equal(t, ev.data.typeName, m.Type.Out(0).Elem().Name(), "%s returns *%s", m.Name, ev.data.typeName)
	}
}

// strictWire returns the value a kind's data is strictly decoded into, for
// kinds whose accessor reads a wire shape other than its result type.
func strictWire(kind dataKind) any {
	switch kind {
	case dataActionItems:
		// One action item with its call, as the CI object of one peer [S].
		return new(struct {
			ActionItem
			CallID int64 `json:"call_id"`
		})
	case dataIntegration:
		return new(IntegrationDeleted)
	}
	return nil
}

// Every event has a fixture; each parses, carries its resource, decodes
// strictly into its model (unknown keys fail, every key survives
// re-encoding), is decoded by its accessor and refused by every other one.
func TestEventFixtures_everyEvent(t *testing.T) {
	t.Parallel()
	accessors := accessorNames(t)
	for _, info := range knownEvents {
		t.Run(string(info.event), func(t *testing.T) {
			t.Parallel()
			rel := "events/" + string(info.event) + ".json"
			payload := loadFixture(t, rel)
			e, err := ParseWebhookPayload(payload, fixtureToken)
			require.NoError(t, err)
			assert.Equal(t, info.event, e.Event)
			assert.Equal(t, info.event.Resource(), e.Resource)
			assert.Equal(t, fixtureToken, e.Token)
			assert.False(t, e.Timestamp.IsZero())
			require.NotEmpty(t, e.Data)
			assert.JSONEq(t, string(mustRaw(t, rel, "data")), string(e.Data))

			// The payload's envelope has the five documented keys and no other.
			var env WebhookEvent
			require.NoError(t, fixture.DecodeStrict(payload, &env), "envelope")

			if info.data.accessor == "" {
				var obj map[string]json.RawMessage
				require.NoError(t, json.Unmarshal(e.Data, &obj), "unmodelled data is an object")
				for _, name := range accessors {
					v, err := callAccessor(t, e, name)
					assert.ErrorIs(t, err, ErrWrongResource, name)
					assert.Contains(t, err.Error(), "does not model")
					assert.True(t, reflect.ValueOf(v).IsNil())
				}
				return
			}

			v, err := callAccessor(t, e, info.data.accessor)
			require.NoError(t, err)
			require.False(t, reflect.ValueOf(v).IsNil())

			wire := strictWire(info.data)
			if wire == nil {
				wire = reflect.New(reflect.TypeOf(v).Elem()).Interface()
			}
			require.NoError(t, fixture.DecodeStrict(e.Data, wire), "strict decode of data")
			assertKeysSurvive(t, e.Data, wire)

			for _, name := range accessors {
				if name == info.data.accessor {
					continue
				}
				v, err := callAccessor(t, e, name)
				var wr *WrongResourceError
				require.ErrorAs(t, err, &wr, name)
				assert.ErrorIs(t, err, ErrWrongResource)
				assert.Equal(t, info.data.accessor, wr.Accessor)
				assert.Equal(t, info.data.typeName, wr.Has)
				assert.Contains(t, err.Error(), "use its "+info.data.accessor+" method")
				assert.True(t, reflect.ValueOf(v).IsNil())
			}
		})
	}
}

// assertKeysSurvive re-encodes v and checks that every key of data is kept,
// and that decoding the result again gives the same value.
func assertKeysSurvive(t *testing.T, data []byte, v any) {
	t.Helper()
	encoded, err := json.Marshal(v)
	require.NoError(t, err)
	again := reflect.New(reflect.TypeOf(v).Elem()).Interface()
	require.NoError(t, json.Unmarshal(encoded, again))
	assert.Equal(t, v, again, "value changed after a round trip")
	want, err := fixture.Keys(data)
	require.NoError(t, err)
	got, err := fixture.Keys(encoded)
	require.NoError(t, err)
	var lost []string
	for k := range want {
		if !got[k] {
			lost = append(lost, k)
		}
	}
	sort.Strings(lost)
	assert.Empty(t, lost, "keys lost when re-encoding the model")
}

func TestEventFixtures_noStrayFile(t *testing.T) {
	t.Parallel()
	files := fixture.Glob(t, "events/*.json")
	require.Len(t, files, len(knownEvents))
	for _, f := range files {
		name := EventType(strings.TrimSuffix(path.Base(f), ".json"))
		assert.True(t, name.Known(), "%s is not the fixture of a known event", f)
	}
}

func parseFixture(t *testing.T, event EventType) *WebhookEvent {
	t.Helper()
	e, err := ParseWebhookPayload(loadFixture(t, "events/"+string(event)+".json"), fixtureToken)
	require.NoError(t, err)
	return e
}

// The reference documents number.closed and integration.deleted in full.
func TestEvent_documentedPayloads(t *testing.T) {
	t.Parallel()
	e := parseFixture(t, EventNumberClosed)
	assert.Equal(t, int64(1585001020), e.Timestamp.Unix())
	n, err := e.Number()
	require.NoError(t, err)
	assert.Equal(t, int64(456), n.ID)
	assert.Equal(t, "+33 1 76 36 06 95", n.Digits)
	assert.False(t, n.Open)
	require.Len(t, n.Users, 1)
	assert.Equal(t, "Madelaine Dupont", n.Users[0].Name)

	e = parseFixture(t, EventIntegrationDeleted)
	d, err := e.Integration()
	require.NoError(t, err)
	assert.Equal(t, &IntegrationDeleted{IntegrationID: 42, CompanyID: 1}, d)
}

func TestEvent_typedData(t *testing.T) {
	t.Parallel()
	c, err := parseFixture(t, EventCallEnded).Call()
	require.NoError(t, err)
	assert.Equal(t, int64(812), c.ID)
	assert.Equal(t, 11, c.Duration)
	assert.Equal(t, "John Doe", c.User.Name)

	u, err := parseFixture(t, EventUserOpened).User()
	require.NoError(t, err)
	assert.Equal(t, int64(456), u.ID)

	u2, err := parseFixture(t, EventUserClosedV2).UserV2()
	require.NoError(t, err)
	assert.Equal(t, "https://api.aircall.io/v2/users/458", u2.DirectLink)

	ct, err := parseFixture(t, EventContactUpdated).Contact()
	require.NoError(t, err)
	assert.Equal(t, "Vicente", ct.FirstName)

	m, err := parseFixture(t, EventMessageReceived).Message()
	require.NoError(t, err)
	assert.Equal(t, MessageInbound, m.Direction)
	require.Len(t, m.MediaDetails, 1)

	g, err := parseFixture(t, EventGroupMessageSent).GroupMessage()
	require.NoError(t, err)
	assert.Len(t, g.Participants, 2)

	tr, err := parseFixture(t, EventTranscriptionCreated).Transcription()
	require.NoError(t, err)
	assert.Equal(t, "Hello", tr.Content.Utterances[0].Text)

	s, err := parseFixture(t, EventSentimentCreated).Sentiment()
	require.NoError(t, err)
	assert.Equal(t, SentimentPositive, s.Participants[0].Value)

	tp, err := parseFixture(t, EventTopicsCreated).Topics()
	require.NoError(t, err)
	assert.Equal(t, []string{"pricing", "onboarding"}, tp.Content)

	sm, err := parseFixture(t, EventSummaryCreated).Summary()
	require.NoError(t, err)
	assert.Equal(t, "free text", sm.Content)

	ai, err := parseFixture(t, EventActionItemCreated).ActionItems()
	require.NoError(t, err)
	assert.Equal(t, int64(123), ai.CallID)
	require.Len(t, ai.ActionItems, 1)
	assert.Equal(t, "Send the quote", ai.ActionItems[0].Content)
	assert.True(t, ai.ActionItems[0].AIGenerated)

	pb, err := parseFixture(t, EventPlaybookResultUpdated).PlaybookResult()
	require.NoError(t, err)
	assert.InDelta(t, 0.9, pb.AdherenceScore, 1e-9)
	assert.Empty(t, pb.Extra)

	cs, err := parseFixture(t, EventCustomSummaryResultCreated).CustomSummaryResult()
	require.NoError(t, err)
	assert.Equal(t, "50k EUR", cs.SummaryTemplateResults[0].Content)
	assert.Empty(t, cs.Extra)

	rt, err := parseFixture(t, EventRealtimeTranscriptionUtterancesReceived).RealtimeTranscription()
	require.NoError(t, err)
	assert.Contains(t, rt.Extra, "utterances", "the peer's shape stays raw in Extra")

	av, err := parseFixture(t, EventAIVoiceAgentEnded).AIVoiceAgent()
	require.NoError(t, err)
	assert.Equal(t, AIVoiceAgentCallAnswered, av.CallEndReason)
	assert.Equal(t, int64(1722317481), av.EndedAt.Unix())

	ax, err := parseFixture(t, EventAnalyticsReportCreated).AnalyticsExport()
	require.NoError(t, err)
	assert.Equal(t, AnalyticsExportCompleted, ax.Status)
	assert.NotEmpty(t, ax.DownloadURL)

	ax, err = parseFixture(t, EventAnalyticsReportFailed).AnalyticsExport()
	require.NoError(t, err)
	assert.Equal(t, "Report generation failed: too many rows", ax.ErrorMessage)
}
