package aircall_test

import (
	"net/http"
	"testing"
	"testing/synctest"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
)

type traceRT struct {
	rt http.RoundTripper
	t  *testing.T
	t0 time.Time
}

func (r *traceRT) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := r.rt.RoundTrip(req)
	if err == nil {
		r.t.Logf("%8.3f %d R=%s reset=%s", time.Since(r.t0).Seconds(), resp.StatusCode, resp.Header.Get("X-AircallApi-Remaining"), resp.Header.Get("X-AircallApi-Reset"))
	}
	return resp, err
}

func TestDbgSim(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := budgetSpec{perWindow: 60, window: 10 * time.Second}
		m := meterMode{headersOnly: true, unit: aircalltest.ResetSecondsFromNow}
		s := newSimServer(t, 12000, b, m)
		c, _ := simClient(s, false, b, m)
		_ = c
		tr := &traceRT{rt: s.HTTPClient().Transport, t: t, t0: time.Now()}
		c2 := s.Client(withHC(tr))
		n := 0
		for _, err := range c2.Calls.ListIter(t.Context(), nil) {
			if err != nil {
				t.Fatal(err)
			}
			n++
		}
		for _, w := range s.Stats().Windows {
			t.Log(w.Start.Format("15:04:05"), w.Allowed, w.Rejected)
		}
	})
}

func withHC(rt http.RoundTripper) aircall.Option { return aircall.WithHTTPClient(&http.Client{Transport: rt}) }
