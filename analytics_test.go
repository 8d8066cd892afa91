package aircall

import (
	"context"
	"net/http"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/aircall-go/aircall/internal/fixture"
)

const testAnalyticsExportID = "9d3f2a1e-2b6c-4f0a-9c3e-1a2b3c4d5e6f"

func TestAnalyticsFixtures(t *testing.T) {
	t.Parallel()
	created := Timestamp{time.Date(2026, 5, 20, 9, 35, 12, 0, time.UTC)}
	t.Run("pending", func(t *testing.T) {
		t.Parallel()
		e, _ := testFixture[*AnalyticsExport](t, "analytics/export_pending.json", "")
		assert.Equal(t, &AnalyticsExport{ExportID: testAnalyticsExportID, CreatedAt: created, Status: AnalyticsExportPending}, e)
	})
	t.Run("completed", func(t *testing.T) {
		t.Parallel()
		e, _ := testFixture[*AnalyticsExport](t, "analytics/export_completed.json", "")
		assert.Equal(t, &AnalyticsExport{
			ExportID: testAnalyticsExportID, CreatedAt: created, Status: AnalyticsExportCompleted, Format: AnalyticsFormatCSV,
			ExportName: "calls-history-may-2026", DownloadURL: "https://aircall-analytics-exports.s3.amazonaws.com/x.csv",
			DownloadURLExpiresAt: Timestamp{time.Date(2026, 5, 20, 10, 35, 12, 0, time.UTC)},
		}, e)
	})
	t.Run("failed", func(t *testing.T) {
		t.Parallel()
		e, _ := testFixture[*AnalyticsExport](t, "analytics/export_failed.json", "")
		assert.Equal(t, AnalyticsExportFailed, e.Status)
		assert.Equal(t, "Report generation failed: too many rows", e.ErrorMessage)
	})
}

func TestAnalytics_CreateExportRelative(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("POST /v1/analytics/report/export", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, nil)
		// The request quoted in the research (peers §6), with its elided values filled.
		testJSONBody(t, r, `{"input":{"reportName":"CALLS_HISTORY",
			"filter":{"dateFilter":{"relative":"LAST_WEEK"},"timezone":"Europe/Paris","userIDs":[1],"teamIDs":[2]},
			"options":{"dateBreakdown":"DAILY"},"exportOptions":{"format":"CSV","exportName":"calls-history"}}}`)
		serveFixture(t, w, http.StatusOK, "analytics/export_pending.json")
	})
	exp, resp, err := client.Analytics.CreateExport(t.Context(), &CreateAnalyticsExportRequest{
		ReportName: AnalyticsReportCallsHistory,
		Filter: AnalyticsFilter{
			Timezone:   "Europe/Paris",
			DateFilter: AnalyticsDateFilter{Relative: AnalyticsLastWeek},
			UserIDs:    []int64{1},
			TeamIDs:    []int64{2},
		},
		Options:       &AnalyticsReportOptions{DateBreakdown: Ptr(AnalyticsBreakdownDaily)},
		ExportOptions: &AnalyticsExportOptions{Format: Ptr(AnalyticsFormatCSV), ExportName: Ptr("calls-history")},
	})
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, testAnalyticsExportID, exp.ExportID)
	assert.Equal(t, AnalyticsExportPending, exp.Status)
}

func TestAnalytics_CreateExportAbsoluteWithEveryFilter(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("POST /v1/analytics/report/export", func(w http.ResponseWriter, r *http.Request) {
		testJSONBody(t, r, `{"input":{"reportName":"USER_STATUS_HISTORY","filter":{
			"timezone":"America/New_York",
			"dateFilter":{"absoluteRange":{"fromDate":"2026-05-01","toDate":"2026-05-31"}},
			"userIDs":[1,2],"teamIDs":[4242],"teamFilterOption":"ANY","hours":[9,10],"callIDs":[812],"lineIDs":[1234],
			"customerNumbers":["+18001231234"],"tagIDs":[7],"callTypes":["inbound"],"duration":{"min":30},
			"minConnectedDuration":10,"ivrBranches":["Sales"],"virtualVoiceAgentIDs":["agent-abc123"],
			"withAiIntervention":false,"withVoicemail":true,"ringAttemptOrigin":"queue",
			"userStatuses":["available"],"nextUserStatuses":["offline"]},
			"options":{"slaTimeToAnswerInSeconds":20,"slaIncludedCallUnansweredReasons":["abandoned_in_ivr"]}}}`)
		serveFixture(t, w, http.StatusOK, "analytics/export_pending.json")
	})
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		ny = time.FixedZone("EST", -5*3600)
	}
	_, _, err = client.Analytics.CreateExport(t.Context(), &CreateAnalyticsExportRequest{
		ReportName: AnalyticsReportUserStatusHistory,
		Filter: AnalyticsFilter{
			Timezone: "America/New_York",
			DateFilter: AnalyticsDateFilter{AbsoluteRange: NewAnalyticsDateRange(
				time.Date(2026, 5, 1, 0, 0, 0, 0, ny), time.Date(2026, 5, 31, 23, 0, 0, 0, ny))},
			UserIDs: []int64{1, 2}, TeamIDs: []int64{4242}, TeamFilterOption: Ptr("ANY"), Hours: []int{9, 10},
			CallIDs: []int64{812}, LineIDs: []int64{1234}, CustomerNumbers: []string{"+18001231234"}, TagIDs: []int64{7},
			CallTypes: []string{"inbound"}, Duration: map[string]int{"min": 30}, MinConnectedDuration: 10,
			IVRBranches: []string{"Sales"}, VirtualVoiceAgentIDs: []string{"agent-abc123"},
			WithAIIntervention: Ptr(false), WithVoicemail: Ptr(true), RingAttemptOrigin: "queue",
			UserStatuses: []string{"available"}, NextUserStatuses: []string{"offline"},
		},
		Options: &AnalyticsReportOptions{SLATimeToAnswerInSeconds: Ptr(20), SLAIncludedCallUnansweredReasons: []string{"abandoned_in_ivr"}},
	})
	require.NoError(t, err)
}

func TestAnalytics_forbiddenWithoutAnalyticsPlus(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("/v1/analytics/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusForbidden, "Forbidden", "Analytics+ is required")
	})
	_, _, err := client.Analytics.CreateExport(t.Context(), &CreateAnalyticsExportRequest{
		ReportName: AnalyticsReportCallsHistory,
		Filter:     AnalyticsFilter{Timezone: "UTC", DateFilter: AnalyticsDateFilter{Relative: AnalyticsToday}},
	})
	assert.ErrorIs(t, err, ErrForbidden)
	_, _, err = client.Analytics.GetExport(t.Context(), testAnalyticsExportID)
	assert.ErrorIs(t, err, ErrForbidden)
	_, err = client.Analytics.WaitForExport(t.Context(), testAnalyticsExportID, 0)
	assert.ErrorIs(t, err, ErrForbidden)
}

func TestAnalytics_GetExport(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("GET /v1/analytics/report/export/{id}", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, nil)
		testNoBody(t, r)
		if r.PathValue("id") != testAnalyticsExportID {
			writeError(w, http.StatusNotFound, "Not Found", "Export not found")
			return
		}
		serveFixture(t, w, http.StatusOK, "analytics/export_completed.json")
	})
	exp, _, err := client.Analytics.GetExport(t.Context(), testAnalyticsExportID)
	require.NoError(t, err)
	assert.Equal(t, "https://aircall-analytics-exports.s3.amazonaws.com/x.csv", exp.DownloadURL)
	assert.False(t, exp.IsZipCompressed)

	_, _, err = client.Analytics.GetExport(t.Context(), "unknown")
	assert.ErrorIs(t, err, ErrNotFound)
}

func TestAnalytics_invalidInput(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("/", failHandler(t))
	valid := func() *CreateAnalyticsExportRequest {
		return &CreateAnalyticsExportRequest{
			ReportName: AnalyticsReportCallsHistory,
			Filter:     AnalyticsFilter{Timezone: "Europe/Paris", DateFilter: AnalyticsDateFilter{Relative: AnalyticsThisMonth}},
		}
	}
	for _, tc := range []struct {
		name, arg string
		edit      func(r *CreateAnalyticsExportRequest)
	}{
		{"no report", "ReportName", func(r *CreateAnalyticsExportRequest) { r.ReportName = "" }},
		{"no timezone", "Filter.Timezone", func(r *CreateAnalyticsExportRequest) { r.Filter.Timezone = " " }},
		{"no date filter", "Filter.DateFilter", func(r *CreateAnalyticsExportRequest) { r.Filter.DateFilter = AnalyticsDateFilter{} }},
		{"both date filters", "Filter.DateFilter", func(r *CreateAnalyticsExportRequest) {
			r.Filter.DateFilter.AbsoluteRange = &AnalyticsDateRange{FromDate: "2026-05-01", ToDate: "2026-05-02"}
		}},
		{"blank relative", "Filter.DateFilter.Relative", func(r *CreateAnalyticsExportRequest) { r.Filter.DateFilter.Relative = " " }},
		{"bad from", "Filter.DateFilter.AbsoluteRange.FromDate", func(r *CreateAnalyticsExportRequest) {
			r.Filter.DateFilter = AnalyticsDateFilter{AbsoluteRange: &AnalyticsDateRange{FromDate: "01/05/2026", ToDate: "2026-05-02"}}
		}},
		{"bad to", "Filter.DateFilter.AbsoluteRange.ToDate", func(r *CreateAnalyticsExportRequest) {
			r.Filter.DateFilter = AnalyticsDateFilter{AbsoluteRange: &AnalyticsDateRange{FromDate: "2026-05-01", ToDate: "2026-02-30"}}
		}},
		{"to before from", "Filter.DateFilter.AbsoluteRange.ToDate", func(r *CreateAnalyticsExportRequest) {
			r.Filter.DateFilter = AnalyticsDateFilter{AbsoluteRange: &AnalyticsDateRange{FromDate: "2026-05-02", ToDate: "2026-05-01"}}
		}},
		{"negative sla", "Options.SLATimeToAnswerInSeconds", func(r *CreateAnalyticsExportRequest) {
			r.Options = &AnalyticsReportOptions{SLATimeToAnswerInSeconds: Ptr(-1)}
		}},
		{"blank export name", "ExportOptions.ExportName", func(r *CreateAnalyticsExportRequest) {
			r.ExportOptions = &AnalyticsExportOptions{ExportName: Ptr("")}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := valid()
			tc.edit(r)
			_, resp, err := client.Analytics.CreateExport(t.Context(), r)
			assertArgError(t, err, tc.arg)
			assert.Nil(t, resp)
		})
	}
	t.Run("nil request", func(t *testing.T) {
		t.Parallel()
		_, _, err := client.Analytics.CreateExport(t.Context(), nil)
		assertArgError(t, err, "req")
	})
	t.Run("get blank id", func(t *testing.T) {
		t.Parallel()
		_, _, err := client.Analytics.GetExport(t.Context(), "")
		assertArgError(t, err, "exportID")
	})
	t.Run("get id with slash", func(t *testing.T) {
		t.Parallel()
		_, _, err := client.Analytics.GetExport(t.Context(), "a/b")
		assertArgError(t, err, "exportID")
	})
	t.Run("wait blank id", func(t *testing.T) {
		t.Parallel()
		_, err := client.Analytics.WaitForExport(t.Context(), " ", 0)
		assertArgError(t, err, "exportID")
	})
	for _, d := range []time.Duration{-time.Second, time.Nanosecond, 999 * time.Millisecond} {
		t.Run("interval "+d.String(), func(t *testing.T) {
			t.Parallel()
			_, err := client.Analytics.WaitForExport(t.Context(), testAnalyticsExportID, d)
			assertArgError(t, err, "interval")
		})
	}
}

func TestNewAnalyticsDateRange(t *testing.T) {
	t.Parallel()
	paris := time.FixedZone("CEST", 2*3600)
	// 23:30 UTC on April 30 is already May 1 in Paris: each date is taken in its own location.
	r := NewAnalyticsDateRange(time.Date(2026, 4, 30, 23, 30, 0, 0, time.UTC).In(paris), time.Date(2026, 5, 31, 12, 0, 0, 0, time.UTC))
	assert.Equal(t, &AnalyticsDateRange{FromDate: "2026-05-01", ToDate: "2026-05-31"}, r)
}

// analyticsExportServer answers GET .../export/:id with the fixtures named by
// statuses, one per poll (the last one repeats), in a synctest bubble.
func analyticsExportServer(t *testing.T, statuses ...string) *bubbleServer {
	bodies := make([]string, len(statuses))
	for i, s := range statuses {
		bodies[i] = string(fixture.Load(t, "analytics/export_"+s+".json"))
	}
	return &bubbleServer{answer: func(n int, r *http.Request) *http.Response {
		assert.Equal(t, http.MethodGet, r.Method)
		assert.Equal(t, "/v1/analytics/report/export/"+testAnalyticsExportID, r.URL.Path)
		return response(r, http.StatusOK, bodies[min(n, len(bodies))-1])
	}}
}

func TestAnalytics_WaitForExport(t *testing.T) {
	t.Parallel()
	t.Run("pending, pending, completed at the default interval", func(t *testing.T) {
		t.Parallel()
		synctest.Test(t, func(t *testing.T) {
			srv := analyticsExportServer(t, "pending", "pending", "completed")
			c := newTestClient(t, srv.roundTrip)
			start := time.Now()
			exp, err := c.Analytics.WaitForExport(t.Context(), testAnalyticsExportID, 0)
			require.NoError(t, err)
			assert.Equal(t, AnalyticsExportCompleted, exp.Status)
			assert.Equal(t, "https://aircall-analytics-exports.s3.amazonaws.com/x.csv", exp.DownloadURL)
			sent := srv.sent()
			require.Len(t, sent, 3)
			assert.Equal(t, start, sent[0], "the first poll goes out at once")
			assert.Equal(t, time.Minute, sent[1].Sub(sent[0]))
			assert.Equal(t, time.Minute, sent[2].Sub(sent[1]))
			assert.Equal(t, 2*time.Minute, time.Since(start), "returns as soon as it is completed")
		})
	})
	t.Run("a shorter interval, and statuses it does not know", func(t *testing.T) {
		t.Parallel()
		synctest.Test(t, func(t *testing.T) {
			bodies := []string{
				`{"exportID":"` + testAnalyticsExportID + `","status":"PENDING"}`,
				`{"exportID":"` + testAnalyticsExportID + `","status":"IN_PROGRESS"}`,
				`{"exportID":"` + testAnalyticsExportID + `","status":"COMPLETED","downloadUrl":"https://example.com/x.csv"}`,
			}
			srv := &bubbleServer{answer: func(n int, r *http.Request) *http.Response { return response(r, 200, bodies[n-1]) }}
			c := newTestClient(t, srv.roundTrip, WithoutRateLimit())
			start := time.Now()
			exp, err := c.Analytics.WaitForExport(t.Context(), testAnalyticsExportID, 5*time.Second)
			require.NoError(t, err)
			assert.Equal(t, "https://example.com/x.csv", exp.DownloadURL)
			assert.Len(t, srv.sent(), 3)
			assert.Equal(t, 10*time.Second, time.Since(start))
		})
	})
	t.Run("failed", func(t *testing.T) {
		t.Parallel()
		synctest.Test(t, func(t *testing.T) {
			srv := analyticsExportServer(t, "pending", "failed")
			c := newTestClient(t, srv.roundTrip)
			exp, err := c.Analytics.WaitForExport(t.Context(), testAnalyticsExportID, time.Second)
			require.Error(t, err)
			assert.ErrorIs(t, err, ErrAnalyticsExportFailed)
			var ee *AnalyticsExportError
			require.ErrorAs(t, err, &ee)
			assert.Equal(t, "Report generation failed: too many rows", ee.Message)
			assert.Equal(t, testAnalyticsExportID, ee.ExportID)
			assert.Same(t, exp, ee.Export)
			assert.Contains(t, err.Error(), "too many rows")
			require.NotNil(t, exp, "the failed export comes back")
			assert.Equal(t, AnalyticsExportFailed, exp.Status)
			assert.Len(t, srv.sent(), 2)
		})
	})
	t.Run("ctx cancelled mid-wait", func(t *testing.T) {
		t.Parallel()
		synctest.Test(t, func(t *testing.T) {
			srv := analyticsExportServer(t, "pending")
			c := newTestClient(t, srv.roundTrip)
			ctx, cancel := context.WithCancel(t.Context())
			type result struct {
				exp *AnalyticsExport
				err error
			}
			done := make(chan result, 1)
			start := time.Now()
			go func() {
				exp, err := c.Analytics.WaitForExport(ctx, testAnalyticsExportID, 0)
				done <- result{exp, err}
			}()
			time.Sleep(90 * time.Second) // two polls, then waiting for the third
			synctest.Wait()
			cancel()
			res := <-done
			assert.ErrorIs(t, res.err, context.Canceled)
			assert.Equal(t, 90*time.Second, time.Since(start), "returned as soon as ctx was cancelled")
			require.NotNil(t, res.exp, "the export as last read comes back")
			assert.Equal(t, AnalyticsExportPending, res.exp.Status)
			assert.Len(t, srv.sent(), 2)
		})
	})
	t.Run("deadline before the next poll", func(t *testing.T) {
		t.Parallel()
		synctest.Test(t, func(t *testing.T) {
			srv := analyticsExportServer(t, "pending")
			c := newTestClient(t, srv.roundTrip)
			start := time.Now()
			exp, err := c.Analytics.WaitForExport(ctxTimeout(t, 30*time.Second), testAnalyticsExportID, 0)
			assert.ErrorIs(t, err, context.DeadlineExceeded)
			assert.Equal(t, start, time.Now(), "no time spent waiting for a poll past the deadline")
			assert.NotNil(t, exp)
			assert.Len(t, srv.sent(), 1)
		})
	})
	t.Run("an error while polling ends the wait", func(t *testing.T) {
		t.Parallel()
		synctest.Test(t, func(t *testing.T) {
			srv := &bubbleServer{answer: func(n int, r *http.Request) *http.Response {
				if n == 1 {
					return response(r, 200, `{"exportID":"`+testAnalyticsExportID+`","status":"PENDING"}`)
				}
				return response(r, 404, `{"error":"Not Found","troubleshoot":"Export expired"}`)
			}}
			c := newTestClient(t, srv.roundTrip)
			exp, err := c.Analytics.WaitForExport(t.Context(), testAnalyticsExportID, time.Second)
			assert.ErrorIs(t, err, ErrNotFound)
			require.NotNil(t, exp)
			assert.Equal(t, AnalyticsExportPending, exp.Status)
			assert.Len(t, srv.sent(), 2)
		})
	})
}
