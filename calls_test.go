package aircall

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCallFixtures(t *testing.T) {
	t.Parallel()
	calls, meta := testFixture[[]*Call](t, "calls/list.json", "calls")
	assert.Equal(t, &Meta{Count: 20, Total: 2234, CurrentPage: 1, PerPage: 20,
		NextPageLink: "https://api.aircall.io/v1/calls?order=asc&page=2&per_page=20"}, meta)
	require.Len(t, calls, 2)

	out := calls[0]
	assert.EqualValues(t, 812, out.ID)
	assert.Equal(t, "https://api.aircall.io/v1/calls/812", out.DirectLink)
	assert.Equal(t, CallOutbound, out.Direction)
	assert.Equal(t, CallStatusDone, out.Status)
	assert.Empty(t, out.MissedCallReason)
	assert.Equal(t, time.Unix(1584998199, 0).UTC(), out.StartedAt.Time)
	assert.Equal(t, time.Unix(1584998205, 0).UTC(), out.AnsweredAt.Time)
	assert.Equal(t, time.Unix(1584998210, 0).UTC(), out.EndedAt.Time)
	assert.Equal(t, 11, out.Duration)
	assert.Empty(t, out.Voicemail)
	assert.Empty(t, out.Recording)
	assert.Empty(t, out.Asset)
	assert.Equal(t, "+1 800-123-4567", out.RawDigits)
	assert.Equal(t, "2.34", out.Cost)
	assert.False(t, out.Archived)
	assert.Nil(t, out.Contact)
	assert.Nil(t, out.AssignedTo)
	assert.Nil(t, out.TransferredBy)
	assert.Nil(t, out.TransferredTo)
	require.NotNil(t, out.User)
	assert.Equal(t, "John Doe", out.User.Name)
	assert.Equal(t, "en-US", out.User.Language)
	require.NotNil(t, out.Number)
	assert.EqualValues(t, 1234, out.Number.ID)
	assert.Equal(t, "+33 1 76 11 11 11", out.Number.Digits)
	require.Len(t, out.Comments, 1)
	assert.Equal(t, &Comment{
		ID: 735, Content: "Please call back this customer!", PostedAt: Timestamp{time.Unix(1587994808, 0).UTC()},
		PostedBy: &User{ID: 456, DirectLink: "https://api.aircall.io/v1/users/456", Name: "Johnn Doe", Email: "john.doe@aircall.io",
			Available: true, AvailabilityStatus: UserStatusAvailable, CreatedAt: Timestamp{ucTime(t, "2019-12-29T10:03:18Z")}},
	}, out.Comments[0], "integer posted_at; abridged posted_by")
	require.Len(t, out.Tags, 1)
	assert.EqualValues(t, 678, out.Tags[0].ID)
	assert.Equal(t, "General Inquiries", out.Tags[0].Name)
	assert.Equal(t, time.Unix(1587995020, 0).UTC(), out.Tags[0].CreatedAt.Time)
	require.NotNil(t, out.Tags[0].TaggedBy)
	assert.EqualValues(t, 456, out.Tags[0].TaggedBy.ID)
	assert.NotNil(t, out.Teams)
	assert.Empty(t, out.Teams)

	in := calls[1]
	assert.EqualValues(t, 813, in.ID)
	assert.Equal(t, CallInbound, in.Direction)
	assert.True(t, in.AnsweredAt.IsZero(), `"answered_at": "no_available_agent" decodes to zero instead of failing the page`)
	assert.Nil(t, in.User)
	assert.Equal(t, "0", in.Cost)
	require.Len(t, in.Teams, 1)
	assert.Equal(t, "Global Sales", in.Teams[0].Name)

	call, _ := testFixture[*Call](t, "calls/get.json", "call")
	assert.EqualValues(t, 812, call.ID)
	assert.Equal(t, []*Participant{
		{ID: 456, Type: ParticipantUser, Name: "John Doe"},
		{ID: 5443, Type: ParticipantContact, Name: "Jennifer Smith", PhoneNumber: "+33 7 49 88 29 71"},
		{ID: 457, Type: ParticipantUser, Name: "Rafael Lopez"},
	}, call.Participants)

	found, meta := testFixture[[]*Call](t, "calls/search.json", "calls")
	assert.Equal(t, 3, meta.Count)
	assert.Equal(t, 2, meta.Total)
	require.Len(t, found, 2)
	assert.True(t, found[1].AnsweredAt.IsZero())

	archived, _ := testFixture[*Call](t, "calls/archive.json", "call")
	assert.True(t, archived.Archived)
	unarchived, _ := testFixture[*Call](t, "calls/unarchive.json", "call")
	assert.False(t, unarchived.Archived)
	assert.Equal(t, "America/New_York", unarchived.User.TimeZone)

	card, _ := testFixture[*InsightCard](t, "calls/insight_card_request.json", "")
	assert.Equal(t, &InsightCard{Contents: []InsightCardLine{
		{Type: InsightCardTitle, Text: "My Custom CRM", Link: "https://my-custom-crm.com"},
		{Type: InsightCardShortText, Label: "Account ID", Text: "6789", Link: "https://my-custom-crm.com/6789"},
		{Type: InsightCardShortText, Label: "Company name", Text: "Acme Inc."},
		{Type: InsightCardUser, Label: "Account Owner", UserID: 12345},
	}}, card)
}

func TestCall_researchFields(t *testing.T) {
	t.Parallel()
	// Fields the core reference does not document (fetch_short_urls,
	// fetch_call_timeline, fetch_aiva_conv): no fixture exists, so inline JSON
	// in the shape the research describes.
	const body = `{"call":{"id":42,
		"recording":"https://example.com/r.mp3","recording_short_url":"https://short-urls.aircall.io/v1/0b5c",
		"voicemail":"https://example.com/v.mp3","voicemail_short_url":"https://short-urls.aircall.io/v1/9e1d",
		"ivr_options":[{"id":"opt-1","title":"Sales","key":"1","created_at":1585001040}],
		"ivr_options_selected":[
			{"id":"opt-1","title":"Sales","key":"1","branch":"sales","created_at":"2024-03-04T10:00:00Z",
			 "transition_started_at":"2024-03-04T10:00:01Z","transition_ended_at":"2024-03-04T10:00:03Z"},
			{"id":7,"title":"Support","key":"2","branch":null,"created_at":1709546410,
			 "transition_started_at":null,"transition_ended_at":null}],
		"ai_voice_agents":[
			{"agent_id":"agent-abc123","agent_name":"Ava","end_reason":"escalated","started_at":1709546400,"ended_at":1709546460,
			 "escalation_reason":"caller asked for a human","escalation_target":{"type":"team","destination":678}},
			{"agent_id":99,"agent_name":"Bob","end_reason":"caller_hung_up","started_at":"2024-03-04T10:02:00Z","ended_at":"2024-03-04T10:03:00Z",
			 "escalation_reason":null,"escalation_target":null}],
		"participants":[{"id":"5443","type":"contact","name":"Jennifer Smith","phone_number":"+33 7 49 88 29 71"},
			{"type":"external","phone_number":"+18001231234"},{"id":"not-a-number","type":"user"}]}}`
	c, mux := setup(t)
	mux.HandleFunc("GET /v1/calls/42", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, url.Values{"fetch_contact": {"true"}, "fetch_short_urls": {"true"}, "fetch_call_timeline": {"true"}, "fetch_aiva_conv": {"true"}})
		writeJSON(w, 200, body)
	})
	call, _, err := c.Calls.Get(t.Context(), 42, &CallGetOptions{FetchContact: true, FetchShortURLs: true, FetchCallTimeline: true, FetchAIVAConv: true})
	require.NoError(t, err)
	assert.Equal(t, "https://short-urls.aircall.io/v1/0b5c", call.RecordingShortURL)
	assert.Equal(t, "https://short-urls.aircall.io/v1/9e1d", call.VoicemailShortURL)
	assert.Equal(t, []*IVROption{{ID: "opt-1", Title: "Sales", Key: "1", CreatedAt: Timestamp{time.Unix(1585001040, 0).UTC()}}}, call.IVROptions)
	assert.Equal(t, []*IVROption{
		{ID: "opt-1", Title: "Sales", Key: "1", Branch: "sales", CreatedAt: Timestamp{ucTime(t, "2024-03-04T10:00:00Z")},
			TransitionStartedAt: Timestamp{ucTime(t, "2024-03-04T10:00:01Z")}, TransitionEndedAt: Timestamp{ucTime(t, "2024-03-04T10:00:03Z")}},
		{ID: "7", Title: "Support", Key: "2", CreatedAt: Timestamp{time.Unix(1709546410, 0).UTC()}},
	}, call.IVROptionsSelected)
	assert.Equal(t, []*CallAIVoiceAgent{
		{AgentID: "agent-abc123", AgentName: "Ava", EndReason: "escalated",
			StartedAt: Timestamp{time.Unix(1709546400, 0).UTC()}, EndedAt: Timestamp{time.Unix(1709546460, 0).UTC()},
			EscalationReason: "caller asked for a human", EscalationTarget: &EscalationTarget{Type: EscalationToTeam, Destination: "678"}},
		{AgentID: "99", AgentName: "Bob", EndReason: "caller_hung_up",
			StartedAt: Timestamp{ucTime(t, "2024-03-04T10:02:00Z")}, EndedAt: Timestamp{ucTime(t, "2024-03-04T10:03:00Z")}},
	}, call.AIVoiceAgents)
	assert.Equal(t, []*Participant{
		{ID: 5443, Type: ParticipantContact, Name: "Jennifer Smith", PhoneNumber: "+33 7 49 88 29 71"},
		{Type: ParticipantExternal, PhoneNumber: "+18001231234"},
		{Type: ParticipantUser},
	}, call.Participants, "ids as strings are read; an unreadable id is zero, not a failed answer")
}

func TestCallsService_List(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("GET /v1/calls", func(w http.ResponseWriter, r *http.Request) {
		testNoBody(t, r)
		testQuery(t, r, url.Values{
			"from": {"1584998000"}, "to": {"1584999000"}, "order": {"desc"}, "page": {"3"}, "per_page": {"20"},
			"fetch_contact": {"true"}, "fetch_short_urls": {"true"}, "fetch_call_timeline": {"true"}, "fetch_aiva_conv": {"true"},
		})
		serveFixture(t, w, 200, "calls/list.json")
	})
	calls, resp, err := c.Calls.List(t.Context(), &CallListOptions{
		ListOptions: ListOptions{Page: 3, PerPage: 20},
		From:        time.Unix(1584998000, 0), To: time.Unix(1584999000, 0), Order: "desc",
		FetchContact: true, FetchShortURLs: true, FetchCallTimeline: true, FetchAIVAConv: true,
	})
	require.NoError(t, err)
	require.Len(t, calls, 2)
	assert.Equal(t, CallInbound, calls[1].Direction)
	assert.Equal(t, 2, resp.Meta.NextPage())
}

func TestCallsService_List_sendsOnlyWhatIsSet(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("GET /v1/calls", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, nil)
		serveFixture(t, w, 200, "calls/list.json")
	})
	_, _, err := c.Calls.List(t.Context(), nil)
	require.NoError(t, err)
	_, _, err = c.Calls.List(t.Context(), &CallListOptions{})
	require.NoError(t, err)
}

func TestCallsService_List_pageLimit(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("GET /v1/calls", func(w http.ResponseWriter, r *http.Request) {
		serveFixture(t, w, 400, "errors/page_limit.json")
	})
	_, resp, err := c.Calls.List(t.Context(), &CallListOptions{ListOptions: ListOptions{Page: 201, PerPage: 50}})
	assert.ErrorIs(t, err, ErrPageLimitExceeded, "List surfaces the cap; only the iterators work around it")
	assert.ErrorIs(t, err, ErrBadRequest)
	assert.Equal(t, 400, resp.StatusCode)
}

func TestCallsService_Get(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("GET /v1/calls/812", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, http.MethodGet)
		testQuery(t, r, nil)
		serveFixture(t, w, 200, "calls/get.json")
	})
	call, _, err := c.Calls.Get(t.Context(), 812, nil)
	require.NoError(t, err)
	assert.EqualValues(t, 812, call.ID)
	require.Len(t, call.Participants, 3)
	assert.Equal(t, "Rafael Lopez", call.Participants[2].Name)

	_, _, err = c.Calls.Get(t.Context(), 812, &CallGetOptions{})
	require.NoError(t, err, "empty options send no query")

	assertErrors(t, "GET /v1/calls/812", func(t *testing.T, c *Client) (*Response, error) {
		_, resp, err := c.Calls.Get(t.Context(), 812, nil)
		return resp, err
	}, errorCase{404, "Call not found", ErrNotFound})
}

func TestCallsService_Get_fetchContact(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("GET /v1/calls/812", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, url.Values{"fetch_contact": {"true"}})
		serveFixture(t, w, 200, "calls/get.json")
	})
	_, _, err := c.Calls.Get(t.Context(), 812, &CallGetOptions{FetchContact: true})
	require.NoError(t, err)
}

func TestCallsService_Search(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("GET /v1/calls/search", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, url.Values{
			"from": {"1584998000"}, "order": {"asc"}, "direction": {"inbound"}, "user_id": {"456"},
			"phone_number": {"+1 800-123-4567"}, "tags[]": {"678", "679"}, "fetch_contact": {"true"}, "per_page": {"50"},
		})
		assert.Contains(t, r.URL.RawQuery, "phone_number=%2B1+800-123-4567", "the + is escaped")
		serveFixture(t, w, 200, "calls/search.json")
	})
	calls, resp, err := c.Calls.Search(t.Context(), &CallSearchOptions{
		ListOptions: ListOptions{PerPage: 50}, From: time.Unix(1584998000, 0), Order: "asc",
		Direction: string(CallInbound), UserID: 456, PhoneNumber: "+1 800-123-4567", Tags: []int64{678, 679}, FetchContact: true,
	})
	require.NoError(t, err)
	require.Len(t, calls, 2)
	assert.EqualValues(t, 813, calls[1].ID)
	assert.Equal(t, 2, resp.Meta.Total)
}

func TestCallsService_Search_sendsOnlyWhatIsSet(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("GET /v1/calls/search", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, nil)
		serveFixture(t, w, 200, "calls/search.json")
	})
	_, _, err := c.Calls.Search(t.Context(), nil)
	require.NoError(t, err)
	_, _, err = c.Calls.Search(t.Context(), &CallSearchOptions{})
	require.NoError(t, err)
}

// ucCallsServer serves n calls (ids 1..n, four started per second) on a
// listing endpoint the way the API does: page, per_page, from, to (started_at
// bounds, inclusive) and order, with the documented 400 past 10,000 items.
type ucCallsServer struct {
	n     int
	check func(*testing.T, url.Values) // asserts the filters every request must carry

	mu      sync.Mutex
	queries []url.Values
}

func (s *ucCallsServer) startedAt(id int) int64 { return 1_700_000_000 + int64((id-1)/4) }

func (s *ucCallsServer) handler(t *testing.T) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		s.mu.Lock()
		s.queries = append(s.queries, q)
		s.mu.Unlock()
		if s.check != nil {
			s.check(t, q)
		}
		page, _ := strconv.Atoi(q.Get("page"))
		per, _ := strconv.Atoi(q.Get("per_page"))
		if page < 1 || per < 1 {
			t.Errorf("page and per_page must be sent, got %v", q)
		}
		if page*per > ItemCap {
			serveFixture(t, w, 400, "errors/page_limit.json")
			return
		}
		from, _ := strconv.ParseInt(q.Get("from"), 10, 64)
		to, _ := strconv.ParseInt(q.Get("to"), 10, 64)
		var ids []int
		for id := 1; id <= s.n; id++ {
			at := s.startedAt(id)
			if (from != 0 && at < from) || (to != 0 && at > to) {
				continue
			}
			ids = append(ids, id)
		}
		if q.Get("order") == "desc" {
			slices.Reverse(ids)
		}
		start := min((page-1)*per, len(ids))
		end := min(start+per, len(ids))
		items := make([]string, 0, end-start)
		for _, id := range ids[start:end] {
			items = append(items, fmt.Sprintf(`{"id":%d,"direction":"inbound","status":"done","started_at":%d}`, id, s.startedAt(id)))
		}
		next := "null"
		if end < len(ids) {
			nq := url.Values{}
			for k, v := range q {
				nq[k] = v
			}
			nq.Set("page", strconv.Itoa(page+1))
			next = strconv.Quote("https://api.aircall.io" + r.URL.Path + "?" + nq.Encode())
		}
		writeJSON(w, 200, fmt.Sprintf(`{"calls":[%s],"meta":{"count":%d,"total":%d,"current_page":%d,"per_page":%d,"next_page_link":%s,"previous_page_link":null}}`,
			strings.Join(items, ","), len(items), len(ids), page, per, next))
	}
}

func ucCallIDs(calls []*Call) []int64 {
	out := make([]int64, len(calls))
	for i, c := range calls {
		out[i] = c.ID
	}
	return out
}

func ucSeq(from, to int64) []int64 {
	out := make([]int64, 0, to-from+1)
	for i := from; i <= to; i++ {
		out = append(out, i)
	}
	return out
}

func TestCallsService_ListIter_beyondTheCap(t *testing.T) {
	t.Parallel()
	const n = 10200
	for _, tc := range []struct {
		name      string
		order     string
		per       int
		wantOrder string
	}{
		{"default order is sent as asc", "", 0, "asc"},
		{"asc, restart on the documented 400", "asc", 30, "asc"},
		{"desc", "desc", 0, "desc"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mux := setup(t)
			s := &ucCallsServer{n: n, check: func(t *testing.T, q url.Values) {
				assert.Equal(t, tc.wantOrder, q.Get("order"), "order on every page")
				assert.Equal(t, "true", q.Get("fetch_short_urls"), "the caller's flags on every page")
			}}
			mux.HandleFunc("GET /v1/calls", s.handler(t))
			opts := &CallListOptions{Order: tc.order, ListOptions: ListOptions{PerPage: tc.per}, FetchShortURLs: true}
			got, err := Collect(c.Calls.ListIter(t.Context(), opts))
			require.NoError(t, err)
			want := ucSeq(1, n)
			if tc.order == "desc" {
				slices.Reverse(want)
			}
			require.Len(t, got, n, "every call")
			assert.Equal(t, want, ucCallIDs(got), "each exactly once, in order")
			assert.Equal(t, &CallListOptions{Order: tc.order, ListOptions: ListOptions{PerPage: tc.per}, FetchShortURLs: true}, opts,
				"the caller's options are unchanged")
			bound := "from"
			if tc.order == "desc" {
				bound = "to"
			}
			restarted := false
			for _, q := range s.queries {
				restarted = restarted || q.Get(bound) != ""
			}
			assert.True(t, restarted, "the listing restarted on a %s bound", bound)
		})
	}
}

func TestCallsService_SearchIter_beyondTheCap(t *testing.T) {
	t.Parallel()
	const n = 10200
	c, mux := setup(t)
	s := &ucCallsServer{n: n, check: func(t *testing.T, q url.Values) {
		assert.Equal(t, "asc", q.Get("order"))
		assert.Equal(t, []string{"545", "546"}, q["tags[]"])
		assert.Equal(t, "456", q.Get("user_id"))
		assert.Equal(t, "inbound", q.Get("direction"))
	}}
	mux.HandleFunc("GET /v1/calls/search", s.handler(t))
	opts := &CallSearchOptions{UserID: 456, Direction: "inbound", Tags: []int64{545, 546}}
	got, err := Collect(c.Calls.SearchIter(t.Context(), opts))
	require.NoError(t, err)
	require.Len(t, got, n)
	assert.Equal(t, ucSeq(1, n), ucCallIDs(got))
	assert.Equal(t, &CallSearchOptions{UserID: 456, Direction: "inbound", Tags: []int64{545, 546}}, opts)
	assert.Equal(t, "50", s.queries[0].Get("per_page"))
}

func TestCallsService_SearchIter_descWithBounds(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	s := &ucCallsServer{n: 400}
	mux.HandleFunc("GET /v1/calls/search", s.handler(t))
	from := time.Unix(1_700_000_010, 0) // calls 41..
	to := time.Unix(1_700_000_019, 0)   // ..80
	got, err := Collect(c.Calls.SearchIter(t.Context(), &CallSearchOptions{Order: "desc", From: from, To: to, ListOptions: ListOptions{PerPage: 25}}))
	require.NoError(t, err)
	want := ucSeq(41, 80)
	slices.Reverse(want)
	assert.Equal(t, want, ucCallIDs(got))
	assert.Equal(t, url.Values{"from": {"1700000010"}, "to": {"1700000019"}, "order": {"desc"}, "page": {"1"}, "per_page": {"25"}}, s.queries[0])
}

func TestCallsService_ListIter_errorsOnce(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("GET /v1/calls", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, 403, "Forbidden", "Invalid API key")
	})
	var errs []error
	for call, err := range c.Calls.ListIter(t.Context(), nil) {
		assert.Nil(t, call)
		errs = append(errs, err)
	}
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], ErrForbidden)
}

func TestCallsService_Transfer(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		req  *TransferCallRequest
		body string
	}{
		{"to a user (the reference's example)", &TransferCallRequest{UserID: 456}, `{ "user_id": 456 }`},
		{"to a team", &TransferCallRequest{TeamID: 678}, `{"team_id":678}`},
		{"to a team with a strategy", &TransferCallRequest{TeamID: 678, DispatchingStrategy: Ptr(DispatchLongestIdle)}, `{"team_id":678,"dispatching_strategy":"longest_idle"}`},
		{"to a number", &TransferCallRequest{Number: "+18001231234"}, `{"number":"+18001231234"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mux := setup(t)
			mux.HandleFunc("POST /v1/calls/812/transfers", func(w http.ResponseWriter, r *http.Request) {
				testJSONBody(t, r, tc.body)
				w.WriteHeader(http.StatusNoContent)
			})
			resp, err := c.Calls.Transfer(t.Context(), 812, tc.req)
			require.NoError(t, err)
			assert.Equal(t, http.StatusNoContent, resp.StatusCode)
		})
	}
	assertErrors(t, "POST /v1/calls/812/transfers", func(t *testing.T, c *Client) (*Response, error) {
		return c.Calls.Transfer(t.Context(), 812, &TransferCallRequest{TeamID: 678})
	},
		errorCase{400, "Call already ended.", ErrBadRequest},
		errorCase{400, "Call cannot be transferred to a team with more than 25 users.", ErrBadRequest},
		errorCase{400, "Invalid usage of dispatching strategy with user or external phone number.", ErrBadRequest},
		errorCase{404, "User or Call not found.", ErrNotFound},
	)
}

func TestCallsService_AddComment(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("POST /v1/calls/812/comments", func(w http.ResponseWriter, r *http.Request) {
		testJSONBody(t, r, `{ "content": "Please call back this customer!" }`)
		w.WriteHeader(http.StatusCreated)
	})
	resp, err := c.Calls.AddComment(t.Context(), 812, "Please call back this customer!")
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, resp.StatusCode)

	assertErrors(t, "POST /v1/calls/812/comments", func(t *testing.T, c *Client) (*Response, error) {
		return c.Calls.AddComment(t.Context(), 812, "sixth")
	}, errorCase{400, "Maximum of 5 notes can be added to a Call.", ErrBadRequest})
}

func TestCallsService_AddTags(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("POST /v1/calls/812/tags", func(w http.ResponseWriter, r *http.Request) {
		testJSONBody(t, r, `{ "tags": [545] }`)
		w.WriteHeader(http.StatusCreated)
	})
	resp, err := c.Calls.AddTags(t.Context(), 812, []int64{545})
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, resp.StatusCode)

	assertErrors(t, "POST /v1/calls/812/tags", func(t *testing.T, c *Client) (*Response, error) {
		return c.Calls.AddTags(t.Context(), 812, []int64{545, 546})
	}, errorCase{404, "Call not found", ErrNotFound})
}

func TestCallsService_ArchiveUnarchive(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("PUT /v1/calls/812/archive", func(w http.ResponseWriter, r *http.Request) {
		testHeader(t, r, "Content-Type", "application/json")
		testNoBody(t, r)
		serveFixture(t, w, 200, "calls/archive.json")
	})
	mux.HandleFunc("PUT /v1/calls/812/unarchive", func(w http.ResponseWriter, r *http.Request) {
		testNoBody(t, r)
		serveFixture(t, w, 200, "calls/unarchive.json")
	})
	call, _, err := c.Calls.Archive(t.Context(), 812)
	require.NoError(t, err)
	assert.EqualValues(t, 812, call.ID)
	assert.True(t, call.Archived)

	call, _, err = c.Calls.Unarchive(t.Context(), 812)
	require.NoError(t, err)
	assert.False(t, call.Archived)

	assertErrors(t, "PUT /v1/calls/9/archive", func(t *testing.T, c *Client) (*Response, error) {
		call, resp, err := c.Calls.Archive(t.Context(), 9)
		assert.Nil(t, call)
		return resp, err
	}, errorCase{404, "Call not found", ErrNotFound})
	assertErrors(t, "PUT /v1/calls/9/unarchive", func(t *testing.T, c *Client) (*Response, error) {
		call, resp, err := c.Calls.Unarchive(t.Context(), 9)
		assert.Nil(t, call)
		return resp, err
	}, errorCase{404, "Call not found", ErrNotFound})
}

func TestCallsService_Recording(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		path string
		call func(context.Context, *Client, int64) (*Response, error)
	}{
		{"pause", "/v1/calls/812/pause_recording", func(ctx context.Context, c *Client, id int64) (*Response, error) {
			return c.Calls.PauseRecording(ctx, id)
		}},
		{"resume", "/v1/calls/812/resume_recording", func(ctx context.Context, c *Client, id int64) (*Response, error) {
			return c.Calls.ResumeRecording(ctx, id)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mux := setup(t)
			mux.HandleFunc("POST "+tc.path, func(w http.ResponseWriter, r *http.Request) {
				testHeader(t, r, "Content-Type", "application/json")
				testNoBody(t, r)
				w.WriteHeader(http.StatusNoContent)
			})
			resp, err := tc.call(t.Context(), c, 812)
			require.NoError(t, err)
			assert.Equal(t, http.StatusNoContent, resp.StatusCode)

			assertErrors(t, "POST "+tc.path, func(t *testing.T, c *Client) (*Response, error) {
				return tc.call(t.Context(), c, 812)
			},
				errorCase{400, "Call has already ended.", ErrBadRequest},
				errorCase{404, "Call not found.", ErrNotFound},
				errorCase{405, "Recording is disabled on the Call's number.", ErrMethodNotAllowed},
			)
		})
	}
}

func TestCallsService_DeleteRecordingAndVoicemail(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		path string
		call func(context.Context, *Client, int64) (*Response, error)
	}{
		{"recording", "/v1/calls/812/recording", func(ctx context.Context, c *Client, id int64) (*Response, error) {
			return c.Calls.DeleteRecording(ctx, id)
		}},
		{"voicemail", "/v1/calls/812/voicemail", func(ctx context.Context, c *Client, id int64) (*Response, error) {
			return c.Calls.DeleteVoicemail(ctx, id)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mux := setup(t)
			mux.HandleFunc("DELETE "+tc.path, func(w http.ResponseWriter, r *http.Request) {
				testNoBody(t, r)
				w.WriteHeader(http.StatusOK) // documented: 200 OK with no body
			})
			resp, err := tc.call(t.Context(), c, 812)
			require.NoError(t, err)
			assert.Equal(t, http.StatusOK, resp.StatusCode)

			assertErrors(t, "DELETE "+tc.path, func(t *testing.T, c *Client) (*Response, error) {
				return tc.call(t.Context(), c, 812)
			}, errorCase{404, "Call not found", ErrNotFound})
		})
	}
}

func TestCallsService_AddInsightCard(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("POST /v1/calls/812/insight_cards", func(w http.ResponseWriter, r *http.Request) {
		testJSONBody(t, r, string(loadFixture(t, "calls/insight_card_request.json")))
		w.WriteHeader(http.StatusCreated)
	})
	resp, err := c.Calls.AddInsightCard(t.Context(), 812, &InsightCard{Contents: []InsightCardLine{
		{Type: InsightCardTitle, Text: "My Custom CRM", Link: "https://my-custom-crm.com"},
		{Type: InsightCardShortText, Label: "Account ID", Text: "6789", Link: "https://my-custom-crm.com/6789"},
		{Type: InsightCardShortText, Label: "Company name", Text: "Acme Inc."},
		{Type: InsightCardUser, Label: "Account Owner", UserID: 12345},
	}})
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, resp.StatusCode)

	assertErrors(t, "POST /v1/calls/812/insight_cards", func(t *testing.T, c *Client) (*Response, error) {
		return c.Calls.AddInsightCard(t.Context(), 812, &InsightCard{Contents: []InsightCardLine{{Type: InsightCardTitle, Text: "CRM"}}})
	},
		errorCase{400, "Payload malformed.", ErrBadRequest},
		errorCase{404, "Call not found.", ErrNotFound},
	)
}

func TestCallsService_invalidInput(t *testing.T) {
	t.Parallel()
	card := func(lines ...InsightCardLine) *InsightCard { return &InsightCard{Contents: lines} }
	cases := []struct {
		name string
		arg  string
		call func(context.Context, *Client) error
	}{
		{"list per_page", "PerPage", func(ctx context.Context, c *Client) error {
			_, _, err := c.Calls.List(ctx, &CallListOptions{ListOptions: ListOptions{PerPage: 51}})
			return err
		}},
		{"list page", "Page", func(ctx context.Context, c *Client) error {
			_, _, err := c.Calls.List(ctx, &CallListOptions{ListOptions: ListOptions{Page: -1}})
			return err
		}},
		{"list order", "Order", func(ctx context.Context, c *Client) error {
			_, _, err := c.Calls.List(ctx, &CallListOptions{Order: "latest first"})
			return err
		}},
		{"list bounds", "From", func(ctx context.Context, c *Client) error {
			_, _, err := c.Calls.List(ctx, &CallListOptions{From: time.Unix(20, 0), To: time.Unix(10, 0)})
			return err
		}},
		{"iter per_page", "PerPage", func(ctx context.Context, c *Client) error {
			_, err := Collect(c.Calls.ListIter(ctx, &CallListOptions{ListOptions: ListOptions{PerPage: 60}}))
			return err
		}},
		{"iter order", "Order", func(ctx context.Context, c *Client) error {
			_, err := Collect(c.Calls.ListIter(ctx, &CallListOptions{Order: "de sc"}))
			return err
		}},
		{"get id", "id", func(ctx context.Context, c *Client) error { _, _, err := c.Calls.Get(ctx, 0, nil); return err }},
		{"search direction", "Direction", func(ctx context.Context, c *Client) error {
			_, _, err := c.Calls.Search(ctx, &CallSearchOptions{Direction: "in bound"})
			return err
		}},
		{"search user", "UserID", func(ctx context.Context, c *Client) error {
			_, _, err := c.Calls.Search(ctx, &CallSearchOptions{UserID: -4})
			return err
		}},
		{"search tags", "Tags[1]", func(ctx context.Context, c *Client) error {
			_, _, err := c.Calls.Search(ctx, &CallSearchOptions{Tags: []int64{1, 0}})
			return err
		}},
		{"search per_page", "PerPage", func(ctx context.Context, c *Client) error {
			_, _, err := c.Calls.Search(ctx, &CallSearchOptions{ListOptions: ListOptions{PerPage: 51}})
			return err
		}},
		{"search iter direction", "Direction", func(ctx context.Context, c *Client) error {
			_, err := Collect(c.Calls.SearchIter(ctx, &CallSearchOptions{Direction: "in/bound"}))
			return err
		}},
		{"transfer id", "id", func(ctx context.Context, c *Client) error {
			_, err := c.Calls.Transfer(ctx, 0, &TransferCallRequest{UserID: 1})
			return err
		}},
		{"transfer nil", "req", func(ctx context.Context, c *Client) error { _, err := c.Calls.Transfer(ctx, 1, nil); return err }},
		{"transfer none", "req", func(ctx context.Context, c *Client) error {
			_, err := c.Calls.Transfer(ctx, 1, &TransferCallRequest{})
			return err
		}},
		{"transfer two", "req", func(ctx context.Context, c *Client) error {
			_, err := c.Calls.Transfer(ctx, 1, &TransferCallRequest{UserID: 1, TeamID: 2})
			return err
		}},
		{"transfer three", "req", func(ctx context.Context, c *Client) error {
			_, err := c.Calls.Transfer(ctx, 1, &TransferCallRequest{UserID: 1, TeamID: 2, Number: "+18001231234"})
			return err
		}},
		{"transfer negative user", "UserID", func(ctx context.Context, c *Client) error {
			_, err := c.Calls.Transfer(ctx, 1, &TransferCallRequest{UserID: -1})
			return err
		}},
		{"transfer negative team", "TeamID", func(ctx context.Context, c *Client) error {
			_, err := c.Calls.Transfer(ctx, 1, &TransferCallRequest{TeamID: -1})
			return err
		}},
		{"transfer number not E.164", "Number", func(ctx context.Context, c *Client) error {
			_, err := c.Calls.Transfer(ctx, 1, &TransferCallRequest{Number: "(800) 123-1234"})
			return err
		}},
		{"transfer strategy with user", "DispatchingStrategy", func(ctx context.Context, c *Client) error {
			_, err := c.Calls.Transfer(ctx, 1, &TransferCallRequest{UserID: 1, DispatchingStrategy: Ptr(DispatchRandom)})
			return err
		}},
		{"transfer strategy with number", "DispatchingStrategy", func(ctx context.Context, c *Client) error {
			_, err := c.Calls.Transfer(ctx, 1, &TransferCallRequest{Number: "+18001231234", DispatchingStrategy: Ptr(DispatchSimultaneous)})
			return err
		}},
		{"transfer strategy not a value", "DispatchingStrategy", func(ctx context.Context, c *Client) error {
			_, err := c.Calls.Transfer(ctx, 1, &TransferCallRequest{TeamID: 1, DispatchingStrategy: Ptr(DispatchingStrategy("round robin"))})
			return err
		}},
		{"comment id", "id", func(ctx context.Context, c *Client) error { _, err := c.Calls.AddComment(ctx, 0, "x"); return err }},
		{"comment empty", "content", func(ctx context.Context, c *Client) error { _, err := c.Calls.AddComment(ctx, 1, ""); return err }},
		{"comment blank", "content", func(ctx context.Context, c *Client) error { _, err := c.Calls.AddComment(ctx, 1, " \n"); return err }},
		{"tags id", "id", func(ctx context.Context, c *Client) error { _, err := c.Calls.AddTags(ctx, -1, []int64{1}); return err }},
		{"tags none", "tagIDs", func(ctx context.Context, c *Client) error { _, err := c.Calls.AddTags(ctx, 1, nil); return err }},
		{"tags zero", "tagIDs[0]", func(ctx context.Context, c *Client) error { _, err := c.Calls.AddTags(ctx, 1, []int64{0}); return err }},
		{"archive", "id", func(ctx context.Context, c *Client) error { _, _, err := c.Calls.Archive(ctx, 0); return err }},
		{"unarchive", "id", func(ctx context.Context, c *Client) error { _, _, err := c.Calls.Unarchive(ctx, 0); return err }},
		{"pause", "id", func(ctx context.Context, c *Client) error { _, err := c.Calls.PauseRecording(ctx, 0); return err }},
		{"resume", "id", func(ctx context.Context, c *Client) error { _, err := c.Calls.ResumeRecording(ctx, 0); return err }},
		{"delete recording", "id", func(ctx context.Context, c *Client) error { _, err := c.Calls.DeleteRecording(ctx, 0); return err }},
		{"delete voicemail", "id", func(ctx context.Context, c *Client) error { _, err := c.Calls.DeleteVoicemail(ctx, 0); return err }},
		{"card id", "id", func(ctx context.Context, c *Client) error {
			_, err := c.Calls.AddInsightCard(ctx, 0, card(InsightCardLine{Type: InsightCardTitle, Text: "x"}))
			return err
		}},
		{"card nil", "card", func(ctx context.Context, c *Client) error { _, err := c.Calls.AddInsightCard(ctx, 1, nil); return err }},
		{"card no lines", "Contents", func(ctx context.Context, c *Client) error {
			_, err := c.Calls.AddInsightCard(ctx, 1, card())
			return err
		}},
		{"card type", "Contents[1].Type", func(ctx context.Context, c *Client) error {
			_, err := c.Calls.AddInsightCard(ctx, 1, card(InsightCardLine{Type: InsightCardTitle, Text: "x"}, InsightCardLine{Type: "short text", Text: "y"}))
			return err
		}},
		{"card missing type", "Contents[0].Type", func(ctx context.Context, c *Client) error {
			_, err := c.Calls.AddInsightCard(ctx, 1, card(InsightCardLine{Text: "y"}))
			return err
		}},
		{"card title text", "Contents[0].Text", func(ctx context.Context, c *Client) error {
			_, err := c.Calls.AddInsightCard(ctx, 1, card(InsightCardLine{Type: InsightCardTitle, Link: "https://x.example"}))
			return err
		}},
		{"card short text", "Contents[0].Text", func(ctx context.Context, c *Client) error {
			_, err := c.Calls.AddInsightCard(ctx, 1, card(InsightCardLine{Type: InsightCardShortText, Label: "Account ID"}))
			return err
		}},
		{"card user label", "Contents[0].Label", func(ctx context.Context, c *Client) error {
			_, err := c.Calls.AddInsightCard(ctx, 1, card(InsightCardLine{Type: InsightCardUser, UserID: 5}))
			return err
		}},
		{"card user id", "Contents[2].UserID", func(ctx context.Context, c *Client) error {
			_, err := c.Calls.AddInsightCard(ctx, 1, card(
				InsightCardLine{Type: InsightCardTitle, Text: "x"},
				InsightCardLine{Type: InsightCardShortText, Text: "y"},
				InsightCardLine{Type: InsightCardUser, Label: "Owner"}))
			return err
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			assertRejected(t, tc.arg, tc.call)
		})
	}
}
