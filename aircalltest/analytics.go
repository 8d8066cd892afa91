package aircalltest

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// export is an analytics report export.
type export struct {
	id         string
	createdAt  time.Time
	reportName string
	name       string
	from, to   time.Time // the report's date range: [from, to)
	failure    string    // set: the export fails with this message
}

var reportNames = []string{
	"CALLS_HISTORY", "USER_STATUS_HISTORY", "USER_ACTIVITY_AVAILABILITY_BREAKDOWN",
	"USER_ACTIVITY_AVERAGE_AFTER_CALL_WORK_TIME_PER_USER", "USER_ACTIVITY_AVERAGE_INBOUND_IN_CALL_TIME_PER_USER",
	"USER_ACTIVITY_AVERAGE_OUTBOUND_IN_CALL_TIME_PER_USER", "USER_ACTIVITY_CALL_VOLUME_AND_TIME",
	"USER_ACTIVITY_CALLS_HANDLED", "USER_ACTIVITY_PERCENTAGE_OF_TIME_IN_EACH_STATUS",
	"USER_ACTIVITY_RINGING_ATTEMPTS_PER_USER", "USER_ACTIVITY_WORK_TIME_AND_AVAILABILITY", "USER_ACTIVITY_RINGING_ATTEMPTS",
}

// FailNextExport makes the next analytics export FAILED, with message as its
// errorMessage, once its delay has passed.
func (s *Server) FailNextExport(message string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.db.nextExportFailure = message
}

// relativeRange returns the [from, to) bounds of a relative date filter at now.
func relativeRange(rel string, now time.Time) (time.Time, time.Time, bool) {
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
	week := day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7)) // Monday
	month := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, now.Location())
	switch rel {
	case "TODAY":
		return day, day.AddDate(0, 0, 1), true
	case "YESTERDAY":
		return day.AddDate(0, 0, -1), day, true
	case "THIS_WEEK":
		return week, week.AddDate(0, 0, 7), true
	case "LAST_WEEK":
		return week.AddDate(0, 0, -7), week, true
	case "THIS_MONTH":
		return month, month.AddDate(0, 1, 0), true
	case "LAST_MONTH":
		return month.AddDate(0, -1, 0), month, true
	}
	return time.Time{}, time.Time{}, false
}

// analyticsCreate serves POST /v1/analytics/report/export.
func (s *Server) analyticsCreate(x *exchange) {
	var req struct {
		Input *struct {
			ReportName string `json:"reportName"`
			Filter     struct {
				Timezone   string `json:"timezone"`
				DateFilter struct {
					Relative      string `json:"relative"`
					AbsoluteRange *struct {
						FromDate string `json:"fromDate"`
						ToDate   string `json:"toDate"`
					} `json:"absoluteRange"`
				} `json:"dateFilter"`
			} `json:"filter"`
			ExportOptions struct {
				Format     string `json:"format"`
				ExportName string `json:"exportName"`
			} `json:"exportOptions"`
		} `json:"input"`
	}
	if !x.decode(&req) {
		return
	}
	in := req.Input
	if in == nil {
		x.badRequest("input is a mandatory field")
		return
	}
	if !slices.Contains(reportNames, in.ReportName) {
		x.badRequest("input.reportName must be one of " + strings.Join(reportNames, ", "))
		return
	}
	if strings.TrimSpace(in.Filter.Timezone) == "" {
		x.badRequest("input.filter.timezone is a mandatory field")
		return
	}
	if f := in.ExportOptions.Format; f != "" && f != "CSV" {
		x.badRequest("input.exportOptions.format must be CSV")
		return
	}
	loc, err := time.LoadLocation(in.Filter.Timezone)
	if err != nil {
		loc = time.UTC // the fake cannot check every zone without tzdata; keep going in UTC
	}
	now := s.now()
	df := in.Filter.DateFilter
	var from, to time.Time
	switch {
	case (df.Relative != "") == (df.AbsoluteRange != nil):
		x.badRequest("input.filter.dateFilter needs exactly one of relative or absoluteRange")
		return
	case df.AbsoluteRange != nil:
		f, err1 := time.ParseInLocation(time.DateOnly, df.AbsoluteRange.FromDate, loc)
		t, err2 := time.ParseInLocation(time.DateOnly, df.AbsoluteRange.ToDate, loc)
		if err1 != nil || err2 != nil || t.Before(f) {
			x.badRequest("input.filter.dateFilter.absoluteRange needs fromDate and toDate as YYYY-MM-DD, fromDate first")
			return
		}
		from, to = f, t.AddDate(0, 0, 1)
	default:
		var ok bool
		if from, to, ok = relativeRange(df.Relative, now.In(loc)); !ok {
			x.badRequest("input.filter.dateFilter.relative must be LAST_MONTH, LAST_WEEK, THIS_MONTH, THIS_WEEK, TODAY or YESTERDAY")
			return
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	e := &export{id: newUUID(), createdAt: now, reportName: in.ReportName, name: in.ExportOptions.ExportName,
		from: from, to: to, failure: s.db.nextExportFailure}
	s.db.nextExportFailure = ""
	if e.name == "" {
		e.name = strings.ToLower(strings.ReplaceAll(in.ReportName, "_", "-")) + "-" + now.UTC().Format("2006-01-02")
	}
	s.db.exports[e.id] = e
	s.exportFinished(e)
	x.json(http.StatusOK, s.exportWire(e, true))
}

type wireExport struct {
	ExportID             string `json:"exportID"`
	CreatedAt            string `json:"createdAt"`
	Status               string `json:"status"`
	Format               string `json:"format,omitempty"`
	ExportName           string `json:"exportName,omitempty"`
	IsZipCompressed      *bool  `json:"isZipCompressed,omitempty"`
	DownloadURL          string `json:"downloadUrl,omitempty"`
	DownloadURLExpiresAt string `json:"downloadUrlExpiresAt,omitempty"`
	ErrorMessage         string `json:"errorMessage,omitempty"`
}

// exportWire encodes e: PENDING when created and until its delay has passed
// on the fake's clock, then COMPLETED (with a download URL valid one hour)
// or FAILED.
func (s *Server) exportWire(e *export, creating bool) wireExport {
	w := wireExport{ExportID: e.id, CreatedAt: isoTime(e.createdAt), Status: "PENDING"}
	ready := e.createdAt.Add(s.cfg.exportDelay)
	switch {
	case creating || s.now().Before(ready):
		return w
	case e.failure != "":
		w.Status, w.ErrorMessage = "FAILED", e.failure
		return w
	}
	no := false
	w.Status, w.Format, w.ExportName, w.IsZipCompressed = "COMPLETED", "CSV", e.name, &no
	w.DownloadURL = s.link("downloads/analytics/%s.csv", e.id)
	w.DownloadURLExpiresAt = isoTime(ready.Add(time.Hour))
	return w
}

// analyticsGet serves GET /v1/analytics/report/export/:export_id.
func (s *Server) analyticsGet(x *exchange) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e := s.db.exports[x.param("export_id")]
	if e == nil {
		x.notFound("Export")
		return
	}
	x.json(http.StatusOK, s.exportWire(e, false))
}

// analyticsDownload serves the CSV file behind a completed export's
// downloadUrl (no credentials: the URL is presigned).
func (s *Server) analyticsDownload(x *exchange) {
	id := strings.TrimSuffix(x.param("file"), ".csv")
	s.mu.Lock()
	defer s.mu.Unlock()
	e := s.db.exports[id]
	if e == nil || s.exportWire(e, false).Status != "COMPLETED" {
		x.notFound("Export")
		return
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	if e.reportName == "CALLS_HISTORY" {
		_ = w.Write([]string{"call_id", "direction", "started_at", "duration", "user_id", "number_id", "raw_digits", "missed_call_reason"})
		lo, hi := s.db.callsRange(listQuery{from: e.from, to: e.to.Add(-time.Second)})
		for _, c := range s.db.calls[lo:hi] {
			_ = w.Write([]string{itoa(c.id), c.direction, time.Unix(c.startedAt, 0).UTC().Format(time.RFC3339),
				strconv.Itoa(c.duration), itoa(c.userID), itoa(c.numberID), c.rawDigits, c.missedReason})
		}
	} else {
		_ = w.Write([]string{"user_id", "user_name", "email"})
		for _, u := range values(s.db.users, userKey) {
			_ = w.Write([]string{itoa(u.id), u.name(), u.email})
		}
	}
	w.Flush()
	x.w.Header().Set("Content-Type", "text/csv")
	x.w.Header().Set("Content-Length", strconv.Itoa(b.Len()))
	x.w.WriteHeader(http.StatusOK)
	_, _ = x.w.Write(b.Bytes())
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }
