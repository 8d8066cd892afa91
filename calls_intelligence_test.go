package aircall

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestIntelligenceFixtures(t *testing.T) {
	t.Parallel()
	t.Run("transcription", func(t *testing.T) {
		t.Parallel()
		tr, _ := testFixture[*Transcription](t, "intelligence/transcription.json", "transcription")
		assert.Equal(t, int64(123), tr.CallID)
		assert.Equal(t, TranscriptionTypeCall, tr.Type)
		assert.Equal(t, time.Date(2024, 7, 30, 7, 29, 21, 0, time.UTC), tr.CallCreatedAt.Time)
		require.NotNil(t, tr.Content)
		assert.Equal(t, "en", tr.Content.Language)
		require.Len(t, tr.Content.Utterances, 1)
		u := tr.Content.Utterances[0]
		assert.Equal(t, &TranscriptionUtterance{StartTime: 0, EndTime: 1.2, Text: "Hello", ParticipantType: SpeakerExternal,
			PhoneNumber: "+18001231234", UserID: 456}, u)
	})
	t.Run("sentiment", func(t *testing.T) {
		t.Parallel()
		s, _ := testFixture[*CallSentiment](t, "intelligence/sentiment.json", "sentiment")
		require.Len(t, s.Participants, 1)
		assert.Equal(t, SentimentPositive, s.Participants[0].Value)
		assert.Equal(t, SpeakerExternal, s.Participants[0].Type)
		assert.Equal(t, int64(456), s.Participants[0].UserID)
	})
	t.Run("topic", func(t *testing.T) {
		t.Parallel()
		tp, _ := testFixture[*CallTopics](t, "intelligence/topic.json", "topic")
		assert.Equal(t, []string{"pricing", "onboarding"}, tp.Content)
	})
	t.Run("summary", func(t *testing.T) {
		t.Parallel()
		s, _ := testFixture[*CallSummary](t, "intelligence/summary.json", "summary")
		assert.Equal(t, "free text", s.Content)
		assert.False(t, s.CreatedAt.IsZero())
	})
	t.Run("action items", func(t *testing.T) {
		t.Parallel()
		a, _ := testFixture[*CallActionItems](t, "intelligence/action_items.json", "")
		assert.Equal(t, int64(123), a.CallID)
		require.Len(t, a.ActionItems, 1)
		item := a.ActionItems[0]
		assert.True(t, item.AIGenerated)
		assert.Zero(t, item.CreatedBy, "null created_by")
		assert.True(t, item.UpdatedAt.IsZero(), "null updated_at")
	})
	t.Run("predicted csat", func(t *testing.T) {
		t.Parallel()
		c, _ := testFixture[*PredictedCSAT](t, "intelligence/predicted_csat.json", "csat")
		assert.Equal(t, int64(5237603), c.CallID)
		assert.Equal(t, "CAFFEE343770a4b19d6289ebee7f406a7b", c.CallUUID)
		assert.InDelta(t, 75, c.Score, 0)
		assert.Equal(t, []*CSATDriver{{Polarity: CSATPositive, Label: "Customer was satisfied"}}, c.Drivers)
	})
}

func TestCalls_GetTranscription(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		opts  *TranscriptionOptions
		query url.Values
	}{
		{"no options", nil, nil},
		{"empty options", &TranscriptionOptions{}, nil},
		{"realtime", &TranscriptionOptions{Mode: TranscriptionModeRealtime}, url.Values{"mode": {"realtime"}}},
		{"async", &TranscriptionOptions{Mode: TranscriptionModeAsync}, url.Values{"mode": {"async"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			client, mux := setup(t)
			mux.HandleFunc("GET /v1/calls/123/transcription", func(w http.ResponseWriter, r *http.Request) {
				testQuery(t, r, tc.query)
				testNoBody(t, r)
				serveFixture(t, w, http.StatusOK, "intelligence/transcription.json")
			})
			tr, resp, err := client.Calls.GetTranscription(t.Context(), 123, tc.opts)
			require.NoError(t, err)
			assert.Equal(t, http.StatusOK, resp.StatusCode)
			assert.Equal(t, int64(1), tr.ID)
			assert.Equal(t, "Hello", tr.Content.Utterances[0].Text)
		})
	}
}

func TestCalls_intelligenceGets(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	serve := func(path, fixture string) {
		mux.HandleFunc("GET "+path, func(w http.ResponseWriter, r *http.Request) {
			testQuery(t, r, nil)
			testNoBody(t, r)
			serveFixture(t, w, http.StatusOK, fixture)
		})
	}
	serve("/v1/calls/123/sentiments", "intelligence/sentiment.json")
	serve("/v1/calls/123/topics", "intelligence/topic.json")
	serve("/v1/calls/123/summary", "intelligence/summary.json")
	serve("/v1/calls/123/action_items", "intelligence/action_items.json")
	serve("/v1/calls/5237603/predicted_csat", "intelligence/predicted_csat.json")
	ctx := t.Context()

	s, _, err := client.Calls.GetSentiments(ctx, 123)
	require.NoError(t, err)
	assert.Equal(t, "+18001231234", s.Participants[0].PhoneNumber)

	tp, _, err := client.Calls.GetTopics(ctx, 123)
	require.NoError(t, err)
	assert.Equal(t, []string{"pricing", "onboarding"}, tp.Content)

	sum, _, err := client.Calls.GetSummary(ctx, 123)
	require.NoError(t, err)
	assert.Equal(t, &CallSummary{ID: 1, CallID: 123, CreatedAt: Timestamp{time.Date(2024, 7, 30, 7, 29, 21, 0, time.UTC)}, Content: "free text"}, sum)

	ai, _, err := client.Calls.GetActionItems(ctx, 123)
	require.NoError(t, err)
	assert.Equal(t, "Send the quote", ai.ActionItems[0].Content)

	csat, _, err := client.Calls.GetPredictedCSAT(ctx, 5237603)
	require.NoError(t, err)
	assert.InDelta(t, 75, csat.Score, 0)
}

// intelligenceCalls lists every Conversation Intelligence method, called on callID.
func intelligenceCalls(c *Client) map[string]func(ctx context.Context, callID int64) (*Response, error) {
	wrap := func(_ any, resp *Response, err error) (*Response, error) { return resp, err }
	return map[string]func(context.Context, int64) (*Response, error){
		"transcription": func(ctx context.Context, id int64) (*Response, error) {
			return wrap(c.Calls.GetTranscription(ctx, id, nil))
		},
		"realtime_transcription": func(ctx context.Context, id int64) (*Response, error) {
			return wrap(c.Calls.GetRealtimeTranscription(ctx, id))
		},
		"sentiments":   func(ctx context.Context, id int64) (*Response, error) { return wrap(c.Calls.GetSentiments(ctx, id)) },
		"topics":       func(ctx context.Context, id int64) (*Response, error) { return wrap(c.Calls.GetTopics(ctx, id)) },
		"summary":      func(ctx context.Context, id int64) (*Response, error) { return wrap(c.Calls.GetSummary(ctx, id)) },
		"action_items": func(ctx context.Context, id int64) (*Response, error) { return wrap(c.Calls.GetActionItems(ctx, id)) },
		"custom_summary_result": func(ctx context.Context, id int64) (*Response, error) {
			return wrap(c.Calls.GetCustomSummaryResult(ctx, id))
		},
		"playbook_result": func(ctx context.Context, id int64) (*Response, error) {
			return wrap(c.Calls.GetPlaybookResult(ctx, id, nil))
		},
		"evaluations":    func(ctx context.Context, id int64) (*Response, error) { return wrap(c.Calls.GetEvaluations(ctx, id)) },
		"predicted_csat": func(ctx context.Context, id int64) (*Response, error) { return wrap(c.Calls.GetPredictedCSAT(ctx, id)) },
	}
}

func TestCalls_intelligenceForbiddenAndNotFound(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	// Call 403 has no AI Assist licence; call 404 has no insight yet.
	mux.HandleFunc("GET /v1/calls/{id}/{insight}", func(w http.ResponseWriter, r *http.Request) {
		switch r.PathValue("id") {
		case "403":
			writeError(w, http.StatusForbidden, "Forbidden", "AI Assist is not enabled for this company")
		case "404":
			writeError(w, http.StatusNotFound, "Not Found", "Insight not found")
		default:
			t.Errorf("unexpected call %s", r.PathValue("id"))
		}
	})
	for name, call := range intelligenceCalls(client) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			resp, err := call(t.Context(), 403)
			require.Error(t, err)
			assert.ErrorIs(t, err, ErrForbidden)
			assert.NotErrorIs(t, err, ErrNotFound)
			require.NotNil(t, resp)
			assert.Equal(t, baseURLPath+"/v1/calls/403/"+name, resp.Request.URL.Path)
			var er *ErrorResponse
			require.ErrorAs(t, err, &er)
			assert.Equal(t, "AI Assist is not enabled for this company", er.Troubleshoot)

			_, err = call(t.Context(), 404)
			assert.ErrorIs(t, err, ErrNotFound)
			assert.NotErrorIs(t, err, ErrForbidden)
		})
	}
}

func TestCalls_intelligenceInvalidInput(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("/", failHandler(t))
	for name, call := range intelligenceCalls(client) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			for _, id := range []int64{0, -1} {
				_, err := call(t.Context(), id)
				assertArgError(t, err, "callID")
			}
		})
	}
	_, _, err := client.Calls.GetTranscription(t.Context(), 1, &TranscriptionOptions{Mode: "live mode"})
	assertArgError(t, err, "Mode")
}

func TestCalls_GetRealtimeTranscription(t *testing.T) {
	t.Parallel()
	for name, body := range map[string]string{
		"no envelope": `{"call_id":123,"call_uuid":"CA1","content":{"language":"en","utterances":[{"participant_type":"internal","user_id":456,"timestamp":1722317361216,"duration_ms":1500,"text":"Hi","language":"en"}]}}`,
		"envelope":    `{"realtime_transcription":{"call_id":123,"call_uuid":"CA1","content":{"language":"en","utterances":[{"participant_type":"internal","user_id":456,"timestamp":1722317361216,"duration_ms":1500,"text":"Hi","language":"en"}]}}}`,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			client, mux := setup(t)
			mux.HandleFunc("GET /v1/calls/123/realtime_transcription", func(w http.ResponseWriter, r *http.Request) {
				testQuery(t, r, nil)
				writeJSON(w, http.StatusOK, body)
			})
			rt, _, err := client.Calls.GetRealtimeTranscription(t.Context(), 123)
			require.NoError(t, err)
			assert.Equal(t, int64(123), rt.CallID)
			assert.Equal(t, "CA1", rt.CallUUID)
			assert.Nil(t, rt.Extra)
			require.Len(t, rt.Content.Utterances, 1)
			u := rt.Content.Utterances[0]
			assert.Equal(t, int64(1500), u.DurationMS)
			assert.Equal(t, int64(1722317361216), u.Timestamp)
			assert.Equal(t, SpeakerInternal, u.ParticipantType)
		})
	}
	t.Run("other shape kept raw", func(t *testing.T) {
		t.Parallel()
		client, mux := setup(t)
		mux.HandleFunc("GET /v1/calls/123/realtime_transcription", func(w http.ResponseWriter, r *http.Request) {
			writeJSON(w, http.StatusOK, `{"id":"rt-1","call":{"uuid":"CA1","number_id":7,"direction":"inbound"},"utterances":[]}`)
		})
		rt, _, err := client.Calls.GetRealtimeTranscription(t.Context(), 123)
		require.NoError(t, err)
		assert.Zero(t, rt.CallID)
		assert.JSONEq(t, `{"uuid":"CA1","number_id":7,"direction":"inbound"}`, string(rt.Extra["call"]))
		assert.JSONEq(t, `"rt-1"`, string(rt.Extra["id"]))
	})
}

func TestCalls_GetPlaybookResult(t *testing.T) {
	t.Parallel()
	const result = `{"id":9,"call_id":123,"adherence_score":0.85,"playbook":{"id":3,"name":"Discovery","language":"en"},` +
		`"playbook_result_topics":[{"name":"Budget","result":"covered"}],"created_at":"2024-07-30T07:29:21.000Z","ai_generated":true}`
	for _, tc := range []struct {
		name  string
		opts  *PlaybookResultOptions
		query url.Values
		body  string
	}{
		{"bare, no options", nil, nil, result},
		{"fetch_playbook", &PlaybookResultOptions{FetchPlaybook: true}, url.Values{"fetch_playbook": {"true"}}, result},
		{"envelope", &PlaybookResultOptions{}, nil, `{"playbook_result":` + result + `}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			client, mux := setup(t)
			mux.HandleFunc("GET /v1/calls/123/playbook_result", func(w http.ResponseWriter, r *http.Request) {
				testQuery(t, r, tc.query)
				writeJSON(w, http.StatusOK, tc.body)
			})
			pr, _, err := client.Calls.GetPlaybookResult(t.Context(), 123, tc.opts)
			require.NoError(t, err)
			assert.Equal(t, int64(9), pr.ID)
			assert.InDelta(t, 0.85, pr.AdherenceScore, 1e-9)
			assert.Equal(t, &Playbook{ID: 3, Name: "Discovery", Language: "en"}, pr.Playbook)
			require.Len(t, pr.PlaybookResultTopics, 1)
			assert.Equal(t, "Budget", pr.PlaybookResultTopics[0].Name)
			assert.JSONEq(t, `"covered"`, string(pr.PlaybookResultTopics[0].Result))
			assert.Equal(t, map[string]json.RawMessage{"ai_generated": json.RawMessage(`true`)}, pr.Extra, "unmodelled keys kept raw")
		})
	}
}

func TestCalls_GetCustomSummaryResult(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, body string
		check      func(t *testing.T, r *CustomSummaryResult)
	}{
		{"template results", `{"id":5,"call_id":123,"summary_template_results":[{"name":"Budget","content":"10k"},{"name":"Timeline","content":{"quarter":"Q3"}}]}`,
			func(t *testing.T, r *CustomSummaryResult) {
				assert.Equal(t, int64(5), r.ID)
				require.Len(t, r.SummaryTemplateResults, 2)
				assert.Equal(t, &SummaryTemplateResult{Name: "Budget", Content: "10k"}, r.SummaryTemplateResults[0])
				second := r.SummaryTemplateResults[1]
				assert.Equal(t, "Timeline", second.Name)
				assert.Empty(t, second.Content, "a non-text content does not fit the field")
				assert.JSONEq(t, `{"quarter":"Q3"}`, string(second.Extra["content"]), "and is kept raw")
			}},
		{"one peer's stub", `{"id":999,"custom_summary":{"name":"BANT"}}`,
			func(t *testing.T, r *CustomSummaryResult) {
				assert.Equal(t, int64(999), r.ID)
				assert.JSONEq(t, `{"name":"BANT"}`, string(r.Extra["custom_summary"]), "two keys: not an envelope")
			}},
		{"envelope", `{"custom_summary_result":{"id":5,"call_id":123,"summary_template_results":[]}}`,
			func(t *testing.T, r *CustomSummaryResult) {
				assert.Equal(t, int64(123), r.CallID)
				assert.NotNil(t, r.SummaryTemplateResults)
				assert.Nil(t, r.Extra)
			}},
		{"a known field of another type", `{"id":"cs_5","call_id":123}`,
			func(t *testing.T, r *CustomSummaryResult) {
				assert.Zero(t, r.ID)
				assert.Equal(t, int64(123), r.CallID)
				assert.JSONEq(t, `"cs_5"`, string(r.Extra["id"]))
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			client, mux := setup(t)
			mux.HandleFunc("GET /v1/calls/123/custom_summary_result", func(w http.ResponseWriter, r *http.Request) {
				testQuery(t, r, nil)
				writeJSON(w, http.StatusOK, tc.body)
			})
			r, _, err := client.Calls.GetCustomSummaryResult(t.Context(), 123)
			require.NoError(t, err)
			tc.check(t, r)
			assertLooseRoundTrip(t, r)
		})
	}
}

func TestCalls_GetEvaluations(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("GET /v1/calls/123/evaluations", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, nil)
		writeJSON(w, http.StatusOK, `{"evaluations":[{"scorecard":{"name":"QA"}, "score":{"normalized_score":0.9}}],"call_id":123}`)
	})
	ev, _, err := client.Calls.GetEvaluations(t.Context(), 123)
	require.NoError(t, err)
	require.Len(t, ev.Evaluations, 1)
	var item struct {
		Scorecard struct{ Name string }
		Score     struct {
			NormalizedScore float64 `json:"normalized_score"`
		}
	}
	require.NoError(t, json.Unmarshal(ev.Evaluations[0], &item))
	assert.Equal(t, "QA", item.Scorecard.Name)
	assert.InDelta(t, 0.9, item.Score.NormalizedScore, 1e-9)
	assert.JSONEq(t, `123`, string(ev.Extra["call_id"]))
	assertLooseRoundTrip(t, ev)
}

func TestCalls_looseDecodeErrors(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("GET /v1/calls/1/evaluations", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, `[1,2]`)
	})
	_, resp, err := client.Calls.GetEvaluations(t.Context(), 1)
	var de *DecodeError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, http.StatusOK, de.StatusCode)
	assert.Equal(t, baseURLPath+"/v1/calls/1/evaluations", de.Path)
	assert.NotNil(t, resp)
}
