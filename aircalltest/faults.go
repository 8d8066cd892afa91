package aircalltest

import (
	"fmt"
	"net/http"
	"path"
	"slices"
	"strconv"
	"time"
)

// Fault makes the fake misbehave on purpose, for resilience tests: answer
// an error instead of serving, wait before answering, or cut the connection
// in the middle of the body. Add one with Server.Inject.
//
// Every fault whose Method and Path match a request applies to it: their
// latencies add up, and the first one with a Status or DropConnection
// decides the answer. Injected answers skip credentials and rate limiting,
// like a failing proxy in front of the API would.
type Fault struct {
	// Method restricts the fault to one HTTP method; "" matches all.
	Method string
	// Path restricts the fault to request paths matching this path.Match
	// pattern, e.g. "/v1/calls" or "/v1/calls/*"; "" matches all.
	Path string
	// Times is how many matching requests the fault affects; 0 means every
	// matching request until it is removed.
	Times int
	// Status, if not 0, is answered instead of serving the request.
	Status int
	// Body is the body of the injected answer; nil means Aircall's error
	// body for Status ({"error": ..., "troubleshoot": ...}).
	Body []byte
	// Header is added to the injected answer (e.g. Retry-After).
	Header http.Header
	// Latency is waited before answering. The wait ends early, without an
	// answer, when the request's context ends; it runs on the fake's sleep
	// function (see WithSleep), so on the fake clock inside a synctest bubble.
	Latency time.Duration
	// DropConnection sends the status line, the headers and half of the
	// body, then cuts the connection (hijacked on the real listener; the
	// body fails with io.ErrUnexpectedEOF in memory). Without Status the
	// request is served first, so its effects happen: only the answer is lost.
	DropConnection bool
}

type faultEntry struct {
	f    Fault
	left int // remaining uses; -1 for unlimited
}

// Inject adds a fault and returns a function that removes it.
// It panics if the Path pattern is malformed.
func (s *Server) Inject(f Fault) (remove func()) {
	if _, err := path.Match(f.Path, ""); err != nil {
		panic(fmt.Sprintf("aircalltest: Fault.Path %q: %v", f.Path, err))
	}
	if f.Times < 0 {
		panic("aircalltest: Fault.Times must not be negative")
	}
	e := &faultEntry{f: f, left: f.Times}
	if f.Times == 0 {
		e.left = -1
	}
	s.mu.Lock()
	s.faults = append(s.faults, e)
	s.mu.Unlock()
	return func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.faults = slices.DeleteFunc(s.faults, func(x *faultEntry) bool { return x == e })
	}
}

// FailNext makes the next n requests (to any endpoint) answer status with
// Aircall's error body.
func (s *Server) FailNext(n, status int) {
	if n <= 0 {
		return
	}
	s.Inject(Fault{Times: n, Status: status})
}

// ClearFaults removes every injected fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
}

// takeFaults returns the faults matching r and uses them up. Callers hold s.mu.
func (s *Server) takeFaults(r *http.Request) []Fault {
	if len(s.faults) == 0 {
		return nil
	}
	var out []Fault
	kept := s.faults[:0]
	for _, e := range s.faults {
		if (e.f.Method == "" || e.f.Method == r.Method) && (e.f.Path == "" || matchPath(e.f.Path, r.URL.Path)) {
			out = append(out, e.f)
			if e.left > 0 {
				e.left--
			}
		}
		if e.left != 0 {
			kept = append(kept, e)
		}
	}
	clear(s.faults[len(kept):])
	s.faults = kept
	if len(out) > 0 {
		s.stats.Faults++
	}
	return out
}

func matchPath(pattern, p string) bool {
	ok, _ := path.Match(pattern, p)
	return ok
}

// serveFaulty applies the faults matching a request.
func (s *Server) serveFaulty(w http.ResponseWriter, r *http.Request, faults []Fault) {
	var latency time.Duration
	var act *Fault
	for i := range faults {
		latency += faults[i].Latency
		if act == nil && (faults[i].Status != 0 || faults[i].DropConnection) {
			act = &faults[i]
		}
	}
	if latency > 0 {
		if err := s.cfg.sleep(r.Context(), latency); err != nil {
			return // the client is gone
		}
	}
	if act == nil {
		s.serveAPI(w, r)
		return
	}
	status, header, body := act.Status, http.Header{}, act.Body
	if status != 0 && body == nil {
		body = errorBody(status, "Injected by aircalltest")
		header.Set("Content-Type", "application/json; charset=utf-8")
	}
	for k, v := range act.Header {
		header[k] = slices.Clone(v)
	}
	if status == 0 { // serve for real, then lose the answer
		rec := &memResponse{header: http.Header{}}
		s.serveAPI(rec, r)
		if !rec.wroteHeader {
			rec.WriteHeader(http.StatusOK)
		}
		status, header, body = rec.status, rec.snapshot, rec.body.Bytes()
	}
	if !act.DropConnection {
		for k, v := range header {
			w.Header()[k] = v
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(status)
		_, _ = w.Write(body)
		return
	}
	if len(body) == 0 { // nothing to cut in half: cut before the status line
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				_ = conn.Close()
				return
			}
		}
		panic(http.ErrAbortHandler)
	}
	if hijackDrop(w, status, header, body) {
		return
	}
	for k, v := range header {
		w.Header()[k] = v
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body[:len(body)/2])
	if f, ok := w.(http.Flusher); ok {
		f.Flush()
	}
	panic(http.ErrAbortHandler)
}
