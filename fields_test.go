package aircall

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Fields real traffic carries beyond the API reference (recorded live
// answers, webhook deliveries and connector records) are kept.
func TestModels_fieldsSeenInRealTraffic(t *testing.T) {
	t.Parallel()
	t.Run("call in a webhook event", func(t *testing.T) {
		t.Parallel()
		payload := `{"resource":"call","event":"call.tagged","timestamp":1585001000,"token":"tok","data":{
			"id":812,"hangup_cause":"NORMAL_CLEARING",
			"tags":[{"id":5,"name":"Lead","tagged_at":1585000999,"tagged_by":{"id":3,"name":"Ada"}}],
			"number":{"id":9,"priority":"1"},
			"user":{"id":3,"state":"in_call","extension":101,"substatus":"out_for_lunch"}}}`
		ev, err := ParseWebhookPayload([]byte(payload), "tok")
		require.NoError(t, err)
		call, err := ev.Call()
		require.NoError(t, err)
		assert.Equal(t, "NORMAL_CLEARING", call.HangupCause)
		require.Len(t, call.Tags, 1)
		assert.True(t, call.Tags[0].CreatedAt.IsZero())
		assert.Equal(t, time.Unix(1585000999, 0).UTC(), call.Tags[0].TaggedAt.UTC())
		assert.Equal(t, time.Unix(1585000999, 0).UTC(), call.Tags[0].Time().UTC(), "Time falls back on TaggedAt")
		require.NotNil(t, call.Number.Priority)
		assert.Equal(t, 1, *call.Number.Priority, `"1" decodes: the whole Call no longer fails`)
		assert.Equal(t, "in_call", call.User.State)
		assert.Equal(t, "101", call.User.Extension)
		assert.Equal(t, UserV2SubstatusOutForLunch, call.User.Substatus)
	})
	t.Run("team users and integration user", func(t *testing.T) {
		t.Parallel()
		var team Team
		require.NoError(t, json.Unmarshal([]byte(`{"id":1,"users":[{"id":3,"state":"available","extension":"204","substatus":"on_a_break"}]}`), &team))
		require.Len(t, team.Users, 1)
		assert.Equal(t, User{ID: 3, State: "available", Extension: "204", Substatus: UserV2SubstatusOnABreak}, *team.Users[0])
		var in Integration
		require.NoError(t, json.Unmarshal([]byte(`{"id":7,"user":{"id":4,"state":"offline","extension":"300"}}`), &in))
		assert.Equal(t, "offline", in.User.State)
		assert.Equal(t, "300", in.User.Extension)
	})
	t.Run("v2 user", func(t *testing.T) {
		t.Parallel()
		var u UserV2
		require.NoError(t, json.Unmarshal([]byte(`{"id":3,"state":"after_call_work","extension":1001,"default_number_id":"42"}`), &u))
		assert.Equal(t, "after_call_work", u.State)
		assert.Equal(t, "1001", u.Extension)
		assert.EqualValues(t, 42, u.DefaultNumberID)
		require.NoError(t, json.Unmarshal([]byte(`{"id":3,"default_number_id":"n/a"}`), &u), "an odd id never fails the User")
	})
}

func TestNumber_priorityDecodesTolerantly(t *testing.T) {
	t.Parallel()
	for raw, want := range map[string]*int{
		`1`: Ptr(1), `0`: Ptr(0), `"1"`: Ptr(1), `"0"`: Ptr(0), `null`: nil, `""`: nil, `"high"`: nil, `true`: nil, `1.5`: nil,
	} {
		var n Number
		require.NoError(t, json.Unmarshal([]byte(`{"id":9,"name":"Paris","priority":`+raw+`}`), &n), raw)
		assert.Equal(t, want, n.Priority, raw)
		assert.Equal(t, "Paris", n.Name, raw)
	}
	var n Number
	require.NoError(t, json.Unmarshal([]byte(`{"id":9}`), &n))
	assert.Nil(t, n.Priority, "absent")
}

func TestUsersV2_writesSendTheFieldsSeenInTraffic(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	bodies := make(chan map[string]any, 2)
	handler := func(w http.ResponseWriter, r *http.Request) {
		var body map[string]any
		assert.NoError(t, json.NewDecoder(r.Body).Decode(&body))
		bodies <- body
		writeJSON(w, 200, `{"user":{"id":3}}`)
	}
	mux.HandleFunc("POST /v2/users", handler)
	mux.HandleFunc("PUT /v2/users/3", handler)

	_, _, err := c.UsersV2.Create(t.Context(), &CreateUserV2Request{Email: "ada@example.com", FirstName: "Ada", LastName: "L",
		TimeZone: Ptr("Europe/Paris"), Language: Ptr("fr-FR"), Extension: Ptr("101"), DefaultNumberID: Ptr(int64(42))})
	require.NoError(t, err)
	got := <-bodies
	assert.Equal(t, "Europe/Paris", got["time_zone"])
	assert.Equal(t, "fr-FR", got["language"])
	assert.Equal(t, "101", got["extension"])
	assert.EqualValues(t, 42, got["default_number_id"])

	_, _, err = c.UsersV2.Update(t.Context(), 3, &UpdateUserV2Request{TimeZone: Ptr("Asia/Tokyo"), Language: Ptr("ja-JP"), Extension: Ptr("7"), DefaultNumberID: Ptr(int64(43))})
	require.NoError(t, err)
	got = <-bodies
	assert.Equal(t, map[string]any{"time_zone": "Asia/Tokyo", "language": "ja-JP", "extension": "7", "default_number_id": float64(43)}, got)

	for arg, req := range map[string]*UpdateUserV2Request{
		"TimeZone": {TimeZone: Ptr(" ")}, "Language": {Language: Ptr("")}, "Extension": {Extension: Ptr("")}, "DefaultNumberID": {DefaultNumberID: Ptr(int64(0))},
	} {
		_, _, err := c.UsersV2.Update(t.Context(), 3, req)
		assertArgError(t, err, arg)
	}
}
