package aircall

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNumberFixtures(t *testing.T) {
	t.Parallel()
	list, meta := testFixture[[]*Number](t, "numbers/list.json", "numbers")
	require.Len(t, list, 2)
	assert.Equal(t, 3, meta.Count)
	for _, rel := range []string{"numbers/get.json", "numbers/update.json", "numbers/update_messages.json"} {
		n, _ := testFixture[*Number](t, rel, "number")
		assert.EqualValues(t, 1234, n.ID, rel)
	}
}

func TestNumbersService_List(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("GET /v1/numbers", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, url.Values{
			"page": {"2"}, "per_page": {"10"}, "from": {"1577836800"}, "to": {"1580515200"}, "order": {"desc"},
		})
		serveFixture(t, w, 200, "numbers/list.json")
	})
	numbers, resp, err := c.Numbers.List(t.Context(), &NumberListOptions{
		ListOptions: ListOptions{Page: 2, PerPage: 10},
		From:        time.Unix(1577836800, 0), To: time.Unix(1580515200, 0), Order: "desc",
	})
	require.NoError(t, err)
	require.Len(t, numbers, 2)
	fr, uk := numbers[0], numbers[1]
	assert.EqualValues(t, 1234, fr.ID)
	assert.Equal(t, "https://api.aircall.io/v1/numbers/1234", fr.DirectLink)
	assert.Equal(t, "French Office", fr.Name)
	assert.Equal(t, "+33 1 76 11 11 11", fr.Digits)
	assert.Equal(t, time.Date(2020, 1, 2, 11, 41, 1, 0, time.UTC), fr.CreatedAt.Time)
	assert.Equal(t, "FR", fr.Country)
	assert.Equal(t, "Europe/Paris", fr.TimeZone)
	assert.True(t, fr.Open)
	assert.Equal(t, NumberAvailabilityCustom, fr.AvailabilityStatus)
	assert.True(t, fr.IsIVR)
	assert.True(t, fr.LiveRecordingActivated)
	assert.Nil(t, fr.Priority, "priority null")
	assert.Nil(t, fr.Users, "list answers carry no users")
	require.NotNil(t, fr.Messages)
	assert.Equal(t, "https://example.com/welcome.mp3", fr.Messages.Welcome)
	assert.EqualValues(t, 2345, uk.ID)
	assert.Equal(t, "GB", uk.Country)
	assert.False(t, uk.LiveRecordingActivated)
	require.NotNil(t, resp.Meta)
	assert.Equal(t, Meta{Count: 3, Total: 2, CurrentPage: 1, PerPage: 20}, *resp.Meta)
}

func TestNumbersService_List_sendsOnlyWhatIsSet(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("GET /v1/numbers", func(w http.ResponseWriter, r *http.Request) {
		assert.Empty(t, r.URL.RawQuery)
		serveFixture(t, w, 200, "numbers/list.json")
	})
	_, _, err := c.Numbers.List(t.Context(), nil)
	require.NoError(t, err)
	_, _, err = c.Numbers.List(t.Context(), &NumberListOptions{})
	require.NoError(t, err)
}

func TestNumbersService_List_invalidOptions(t *testing.T) {
	t.Parallel()
	c := setupRejecting(t)
	for arg, opts := range map[string]*NumberListOptions{
		"PerPage": {ListOptions: ListOptions{PerPage: 51}},
		"Page":    {ListOptions: ListOptions{Page: -1}},
		"Order":   {Order: "newest first"},
	} {
		_, _, err := c.Numbers.List(t.Context(), opts)
		assertArgError(t, err, arg)
		_, err = Collect(c.Numbers.ListIter(t.Context(), opts))
		assertArgError(t, err, arg)
	}
}

func TestNumbersService_ListIter(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	var pages []string
	mux.HandleFunc("GET /v1/numbers", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		pages = append(pages, q.Get("page"))
		assert.Equal(t, "50", q.Get("per_page"))
		assert.Equal(t, "desc", q.Get("order"))
		page, _ := strconv.Atoi(q.Get("page"))
		next := "null"
		if page == 1 {
			next = `"https://api.aircall.io/v1/numbers?page=2&per_page=50&order=desc"`
		}
		writeJSON(w, 200, fmt.Sprintf(`{"numbers":[{"id":%d},{"id":%d}],"meta":{"current_page":%d,"next_page_link":%s}}`, page*10+1, page*10+2, page, next))
	})
	opts := &NumberListOptions{Order: "desc"}
	got, err := Collect(c.Numbers.ListIter(t.Context(), opts))
	require.NoError(t, err)
	var idList []int64
	for _, n := range got {
		idList = append(idList, n.ID)
	}
	assert.Equal(t, []int64{11, 12, 21, 22}, idList)
	assert.Equal(t, []string{"1", "2"}, pages)
	assert.Equal(t, &NumberListOptions{Order: "desc"}, opts, "the caller's options are unchanged")
}

func TestNumbersService_Get(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("GET /v1/numbers/1234", func(w http.ResponseWriter, r *http.Request) {
		testNoBody(t, r)
		testQuery(t, r, nil)
		serveFixture(t, w, 200, "numbers/get.json")
	})
	n, resp, err := c.Numbers.Get(t.Context(), 1234)
	require.NoError(t, err)
	assert.Equal(t, 200, resp.StatusCode)
	assert.EqualValues(t, 1234, n.ID)
	assert.Equal(t, &NumberMessages{
		Welcome:        "https://example.com/welcome.mp3",
		Waiting:        "https://example.com/waiting_music.mp3",
		RingingTone:    "https://example.com/waiting_music.mp3",
		UnansweredCall: "https://example.com/unanswered_call.mp3",
		AfterHours:     "https://example.com/closed_message.mp3",
		IVR:            "https://example.com/ivr_message.mp3",
		Voicemail:      "https://example.com/voicemail.mp3",
		Closed:         "https://example.com/closed_message.mp3",
		CallbackLater:  "https://example.com/callback_later.mp3",
	}, n.Messages)
	require.Len(t, n.Users, 1)
	assert.EqualValues(t, 456, n.Users[0].ID)
	assert.Equal(t, "John Doe", n.Users[0].Name)
	assert.Equal(t, "john.doe@aircall.io", n.Users[0].Email)
}

func TestNumbersService_Get_errors(t *testing.T) {
	t.Parallel()
	assertStatusSentinels(t, "GET /v1/numbers/{id}", map[int]error{404: ErrNotFound, 403: ErrForbidden}, func(ctx context.Context, c *Client) (*Response, error) {
		_, resp, err := c.Numbers.Get(ctx, 99)
		return resp, err
	})
	c := setupRejecting(t)
	for _, id := range []int64{0, -1} {
		_, _, err := c.Numbers.Get(t.Context(), id)
		assertArgError(t, err, "id")
	}
}

func TestNumbersService_Update(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("PUT /v1/numbers/1234", func(w http.ResponseWriter, r *http.Request) {
		testJSONBody(t, r, `{ "name": "French Office UPDATED" }`)
		serveFixture(t, w, 200, "numbers/update.json")
	})
	n, _, err := c.Numbers.Update(t.Context(), 1234, &UpdateNumberRequest{Name: Ptr("French Office UPDATED")})
	require.NoError(t, err)
	assert.Equal(t, "French Office UPDATED", n.Name)
	require.Len(t, n.Users, 1)
	assert.EqualValues(t, 3456, n.Users[0].ID)
}

func TestNumbersService_Update_musicAndMessages(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("PUT /v1/numbers/1234", func(w http.ResponseWriter, r *http.Request) {
		testJSONBody(t, r, `{ "messages": { "welcome": "https://example.com/welcome_NEW.mp3" } }`)
		serveFixture(t, w, 200, "numbers/update_messages.json")
	})
	n, _, err := c.Numbers.Update(t.Context(), 1234, &UpdateNumberRequest{
		Messages: &UpdateNumberMessagesRequest{Welcome: Ptr("https://example.com/welcome_NEW.mp3")},
	})
	require.NoError(t, err)
	assert.Equal(t, "https://example.com/welcome.mp3", n.Messages.Welcome, "as the documented answer says")
	assert.Empty(t, n.Users)
}

func TestNumbersService_Update_everyField(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("PUT /v1/numbers/7", func(w http.ResponseWriter, r *http.Request) {
		testJSONBody(t, r, `{"name":"Support","availability_status":"closed","is_ivr":false,"live_recording_activated":false,"priority":0,
			"messages":{"welcome":"https://a.example.com/1.mp3","waiting":"https://a.example.com/2.mp3","ringing_tone":"https://a.example.com/3.mp3",
			"unanswered_call":"https://a.example.com/4.mp3","after_hours":"https://a.example.com/5.mp3","ivr":"https://a.example.com/6.mp3",
			"voicemail":"https://a.example.com/7.mp3","closed":"https://a.example.com/8.mp3","callback_later":"http://a.example.com/9.mp3"}}`)
		serveFixture(t, w, 200, "numbers/update.json")
	})
	_, _, err := c.Numbers.Update(t.Context(), 7, &UpdateNumberRequest{
		Name:                   Ptr("Support"),
		AvailabilityStatus:     Ptr(NumberAvailabilityClosed),
		IsIVR:                  Ptr(false),
		LiveRecordingActivated: Ptr(false),
		Priority:               Ptr(NumberPriorityNone),
		Messages: &UpdateNumberMessagesRequest{
			Welcome: Ptr("https://a.example.com/1.mp3"), Waiting: Ptr("https://a.example.com/2.mp3"),
			RingingTone: Ptr("https://a.example.com/3.mp3"), UnansweredCall: Ptr("https://a.example.com/4.mp3"),
			AfterHours: Ptr("https://a.example.com/5.mp3"), IVR: Ptr("https://a.example.com/6.mp3"),
			Voicemail: Ptr("https://a.example.com/7.mp3"), Closed: Ptr("https://a.example.com/8.mp3"),
			CallbackLater: Ptr("http://a.example.com/9.mp3"),
		},
	})
	require.NoError(t, err)
}

func TestNumbersService_Update_priority(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		req  UpdateNumberRequest
		body string
	}{
		{"top", UpdateNumberRequest{Priority: Ptr(NumberPriorityTop)}, `{"priority":1}`},
		{"none", UpdateNumberRequest{Priority: Ptr(NumberPriorityNone)}, `{"priority":0}`},
		{"reset to null", UpdateNumberRequest{ResetPriority: true}, `{"priority":null}`},
		{"reset with a name", UpdateNumberRequest{ResetPriority: true, Name: Ptr("x")}, `{"name":"x","priority":null}`},
		{"unchanged", UpdateNumberRequest{Name: Ptr("x")}, `{"name":"x"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mux := setup(t)
			mux.HandleFunc("PUT /v1/numbers/1234", func(w http.ResponseWriter, r *http.Request) {
				testJSONBody(t, r, tc.body)
				serveFixture(t, w, 200, "numbers/update.json")
			})
			_, _, err := c.Numbers.Update(t.Context(), 1234, &tc.req)
			require.NoError(t, err)
		})
	}
}

func TestUpdateNumberRequest_MarshalJSON(t *testing.T) {
	t.Parallel()
	b, err := json.Marshal(&UpdateNumberRequest{ResetPriority: true})
	require.NoError(t, err)
	assert.JSONEq(t, `{"priority":null}`, string(b), "a pointer marshals the same")
	b, err = json.Marshal(UpdateNumberRequest{})
	require.NoError(t, err)
	assert.JSONEq(t, `{}`, string(b))
}

func TestNumbersService_Update_invalid(t *testing.T) {
	t.Parallel()
	c := setupRejecting(t)
	for _, tc := range []struct {
		arg string
		id  int64
		req *UpdateNumberRequest
	}{
		{"id", 0, &UpdateNumberRequest{Name: Ptr("x")}},
		{"req", 1, nil},
		{"req", 1, &UpdateNumberRequest{}},
		{"Name", 1, &UpdateNumberRequest{Name: Ptr(" ")}},
		{"AvailabilityStatus", 1, &UpdateNumberRequest{AvailabilityStatus: Ptr(NumberAvailabilityStatus("bu sy"))}},
		{"Priority", 1, &UpdateNumberRequest{Priority: Ptr(2)}},
		{"Priority", 1, &UpdateNumberRequest{Priority: Ptr(-1)}},
		{"Priority", 1, &UpdateNumberRequest{Priority: Ptr(1), ResetPriority: true}},
		{"Messages", 1, &UpdateNumberRequest{Messages: &UpdateNumberMessagesRequest{}}},
		{"Messages.Welcome", 1, &UpdateNumberRequest{Messages: &UpdateNumberMessagesRequest{Welcome: Ptr("welcome.mp3")}}},
		{"Messages.Waiting", 1, &UpdateNumberRequest{Messages: &UpdateNumberMessagesRequest{Waiting: Ptr("https://localhost/w.mp3")}}},
		{"Messages.IVR", 1, &UpdateNumberRequest{Messages: &UpdateNumberMessagesRequest{IVR: Ptr("https://192.168.1.10/ivr.mp3")}}},
		{"Messages.CallbackLater", 1, &UpdateNumberRequest{Messages: &UpdateNumberMessagesRequest{CallbackLater: Ptr("ftp://example.com/c.mp3")}}},
		{"Messages.RingingTone", 1, &UpdateNumberRequest{Messages: &UpdateNumberMessagesRequest{RingingTone: Ptr("")}}},
	} {
		_, _, err := c.Numbers.Update(t.Context(), tc.id, tc.req)
		assertArgError(t, err, tc.arg)
	}
}

func TestNumbersService_GetRegistrationStatus(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("GET /v1/numbers/1234/registration_status", func(w http.ResponseWriter, r *http.Request) {
		testNoBody(t, r)
		writeJSON(w, 200, `{"status":"approved","details":{"provider":"tcr","checked_at":"2024-05-01T10:00:00Z","steps":[1,2]}}`)
	})
	st, resp, err := c.Numbers.GetRegistrationStatus(t.Context(), 1234)
	require.NoError(t, err)
	assert.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, "approved", st.Status)
	assert.Equal(t, map[string]any{"provider": "tcr", "checked_at": "2024-05-01T10:00:00Z", "steps": []any{1.0, 2.0}}, st.Details)

	assertStatusSentinels(t, "GET /v1/numbers/{id}/registration_status", map[int]error{404: ErrNotFound}, func(ctx context.Context, c *Client) (*Response, error) {
		_, resp, err := c.Numbers.GetRegistrationStatus(ctx, 1)
		return resp, err
	})
	_, _, err = setupRejecting(t).Numbers.GetRegistrationStatus(t.Context(), 0)
	assertArgError(t, err, "id")
}
