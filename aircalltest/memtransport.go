package aircalltest

import (
	"bufio"
	"bytes"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
)

// HandlerClient returns an HTTP client whose requests are served by h in
// memory: no socket, no goroutine, the handler runs in the calling goroutine
// and the answer is a complete *http.Response (status, headers, body).
//
// It is what a server started with InMemory uses, and it is handy as
// WithDeliveryClient(HandlerClient(yourWebhookHandler)) to deliver webhook
// events straight into your handler, inside a testing/synctest bubble too.
// A handler that aborts with http.ErrAbortHandler after writing part of its
// body gives a response whose body fails with io.ErrUnexpectedEOF there, as
// a dropped connection would.
func HandlerClient(h http.Handler) *http.Client {
	if h == nil {
		panic("aircalltest: HandlerClient(nil)")
	}
	return &http.Client{Transport: &handlerTransport{h: h}}
}

// handlerTransport is the in-memory http.RoundTripper behind HandlerClient.
type handlerTransport struct{ h http.Handler }

// RoundTrip serves req with the handler and returns its answer.
func (t *handlerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		b, err := io.ReadAll(req.Body)
		_ = req.Body.Close()
		if err != nil {
			return nil, fmt.Errorf("aircalltest: reading request body: %w", err)
		}
		body = b
	}
	ctx := req.Context()
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	// Build the request as a server would see it.
	sreq := req.Clone(ctx)
	sreq.Body = io.NopCloser(bytes.NewReader(body))
	sreq.ContentLength = int64(len(body))
	sreq.GetBody = nil
	sreq.Host = req.Host
	if sreq.Host == "" {
		sreq.Host = req.URL.Host
	}
	sreq.RequestURI = req.URL.RequestURI()
	sreq.URL = &url.URL{Path: req.URL.Path, RawPath: req.URL.RawPath, RawQuery: req.URL.RawQuery}
	sreq.RemoteAddr = "192.0.2.1:49152"
	sreq.Proto, sreq.ProtoMajor, sreq.ProtoMinor = "HTTP/1.1", 1, 1
	if req.URL.Scheme == "https" {
		sreq.TLS = &tls.ConnectionState{HandshakeComplete: true, ServerName: req.URL.Hostname()}
	}

	rec := &memResponse{header: http.Header{}}
	aborted := serveRecovering(t.h, rec, sreq)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if aborted && !rec.wroteHeader {
		return nil, fmt.Errorf("aircalltest: connection dropped before the answer: %w", io.ErrUnexpectedEOF)
	}
	if !rec.wroteHeader {
		rec.WriteHeader(http.StatusOK)
	}
	resp := &http.Response{
		Status:        strconv.Itoa(rec.status) + " " + http.StatusText(rec.status),
		StatusCode:    rec.status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        rec.snapshot,
		ContentLength: int64(rec.body.Len()),
		Request:       req,
	}
	if cl := resp.Header.Get("Content-Length"); cl != "" {
		if n, err := strconv.ParseInt(cl, 10, 64); err == nil {
			resp.ContentLength = n
		}
	}
	var rd io.Reader = bytes.NewReader(rec.body.Bytes())
	if aborted {
		rd = io.MultiReader(rd, errReader{io.ErrUnexpectedEOF})
	}
	if req.Method == http.MethodHead {
		rd = bytes.NewReader(nil)
	}
	resp.Body = io.NopCloser(rd)
	return resp, nil
}

// serveRecovering runs h and reports whether it aborted with
// http.ErrAbortHandler; any other panic propagates.
func serveRecovering(h http.Handler, w http.ResponseWriter, r *http.Request) (aborted bool) {
	defer func() {
		if v := recover(); v != nil {
			if err, ok := v.(error); ok && errors.Is(err, http.ErrAbortHandler) {
				aborted = true
				return
			}
			panic(v)
		}
	}()
	h.ServeHTTP(w, r)
	return false
}

type errReader struct{ err error }

// Read fails with the reader's error, to cut a body mid-way.
func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// memResponse records what a handler writes. Like a real server, it freezes
// the headers at WriteHeader.
type memResponse struct {
	header      http.Header
	snapshot    http.Header
	status      int
	wroteHeader bool
	body        bytes.Buffer
}

// Header returns the header map of the answer being built.
func (m *memResponse) Header() http.Header { return m.header }

// WriteHeader records the status of the answer, once.
func (m *memResponse) WriteHeader(status int) {
	if m.wroteHeader {
		return
	}
	m.wroteHeader = true
	m.status = status
	m.snapshot = m.header.Clone()
}

// Write appends to the body of the answer.
func (m *memResponse) Write(p []byte) (int, error) {
	if !m.wroteHeader {
		m.WriteHeader(http.StatusOK)
	}
	return m.body.Write(p)
}

// Flush is a no-op: the whole answer is handed over when the handler returns.
func (m *memResponse) Flush() {}

// hijackDrop answers on a hijacked connection: the status line, headers and
// the first part of body, then closes the connection mid-body.
func hijackDrop(w http.ResponseWriter, status int, header http.Header, body []byte) bool {
	hj, ok := w.(http.Hijacker)
	if !ok {
		return false
	}
	conn, buf, err := hj.Hijack()
	if err != nil {
		return false
	}
	defer conn.Close()
	writeRawResponse(buf.Writer, status, header, body)
	_ = buf.Flush()
	return true
}

// writeRawResponse writes an HTTP/1.1 answer announcing len(body) bytes but
// carrying only the first half of them.
func writeRawResponse(w *bufio.Writer, status int, header http.Header, body []byte) {
	fmt.Fprintf(w, "HTTP/1.1 %d %s\r\n", status, http.StatusText(status))
	h := header.Clone()
	h.Set("Content-Length", strconv.Itoa(len(body)))
	h.Set("Connection", "close")
	_ = h.Write(w)
	_, _ = w.WriteString("\r\n")
	_, _ = w.Write(body[:len(body)/2])
}
