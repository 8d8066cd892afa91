package aircall

// Overhead benchmarks (issue 8). Run them with
//
//	go test -run '^$' -bench . -benchmem -count 10 . | tee bench.txt
//	benchstat bench.txt
//
// They are not run by `go test` without -bench.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"
	"testing"

	"github.com/aircall-go/aircall/internal/fixture"
)

// callsPage50 is a documented 50-call page: the first Call of the
// reference's "List all Calls" example repeated with distinct ids.
var callsPage50 = sync.OnceValue(func() []byte {
	var list struct {
		Calls []json.RawMessage `json:"calls"`
	}
	if err := json.Unmarshal(fixture.MustLoad("calls/list.json"), &list); err != nil {
		panic(err)
	}
	var buf bytes.Buffer
	buf.WriteString(`{"meta":{"count":50,"total":2234,"current_page":1,"per_page":50,` +
		`"next_page_link":"https://api.aircall.io/v1/calls?page=2&per_page=50","previous_page_link":null},"calls":[`)
	for i := range 50 {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.Write(bytes.Replace(list.Calls[0], []byte(`"id": 812`), fmt.Appendf(nil, `"id": %d`, 1000+i), 1))
	}
	buf.WriteString("]}")
	return buf.Bytes()
})

// pageTransport answers every request with body, in memory.
type pageTransport struct{ body []byte }

func (p pageTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	return &http.Response{
		StatusCode: 200, Status: "200 OK", Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header:        http.Header{"Content-Type": {"application/json"}},
		Body:          io.NopCloser(bytes.NewReader(p.body)),
		ContentLength: int64(len(p.body)), Request: r,
	}, nil
}

// BenchmarkCallsList_SDK measures one Calls.List of a 50-call page through
// the whole pipeline (options, request, auth, limiter hook, retry loop,
// decoding), with the network replaced by memory.
func BenchmarkCallsList_SDK(b *testing.B) {
	c, err := NewClient(WithHTTPClient(&http.Client{Transport: pageTransport{callsPage50()}}),
		WithBasicAuth("id", "token"), WithoutRateLimit())
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	opts := &CallListOptions{ListOptions: ListOptions{PerPage: 50}}
	b.SetBytes(int64(len(callsPage50())))
	b.ReportAllocs()
	for b.Loop() {
		calls, _, err := c.Calls.List(ctx, opts)
		if err != nil || len(calls) != 50 {
			b.Fatal(err, len(calls))
		}
	}
}

// BenchmarkCallsList_Baseline is the same request written by hand with
// net/http and encoding/json, decoding into the same models.
func BenchmarkCallsList_Baseline(b *testing.B) {
	hc := &http.Client{Transport: pageTransport{callsPage50()}}
	ctx := context.Background()
	b.SetBytes(int64(len(callsPage50())))
	b.ReportAllocs()
	for b.Loop() {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, "https://api.aircall.io/v1/calls?per_page=50", nil)
		if err != nil {
			b.Fatal(err)
		}
		req.SetBasicAuth("id", "token")
		req.Header.Set("Accept", "application/json")
		resp, err := hc.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		var page struct {
			Calls []*Call `json:"calls"`
			Meta  *Meta   `json:"meta"`
		}
		err = json.NewDecoder(resp.Body).Decode(&page)
		_ = resp.Body.Close()
		if err != nil || len(page.Calls) != 50 {
			b.Fatal(err, len(page.Calls))
		}
	}
}

// BenchmarkDecodeCallsPage_Typed decodes a 50-call page into the SDK's models.
func BenchmarkDecodeCallsPage_Typed(b *testing.B) {
	data := callsPage50()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		env := newEnvelope[[]*Call]("calls")
		if err := json.Unmarshal(data, env.Interface()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeCallsPage_Map decodes the same page into map[string]any,
// what untyped clients do.
func BenchmarkDecodeCallsPage_Map(b *testing.B) {
	data := callsPage50()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		var m map[string]any
		if err := json.Unmarshal(data, &m); err != nil {
			b.Fatal(err)
		}
	}
}

// TestCallsPage50 keeps the benchmark's input honest: it decodes strictly.
func TestCallsPage50(t *testing.T) {
	t.Parallel()
	env := newEnvelope[[]*Call]("calls")
	if err := fixture.DecodeStrict(callsPage50(), env.Interface()); err != nil {
		t.Fatal(err)
	}
	calls := envelopeItem[[]*Call](env)
	if len(calls) != 50 || calls[49].ID != 1049 {
		t.Fatalf("got %d calls", len(calls))
	}
}
