package aircall_test

// Memory and throughput of a long export (issue 8). Run with
//
//	go test -run '^$' -bench ExportCalls -benchtime 3x .
//
// Both sizes export from the same in-memory store of 100,000 calls, so the
// fake's own data weighs the same in both: what differs is only what the
// iterator keeps.

import (
	"fmt"
	"runtime"
	"runtime/metrics"
	"testing"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
)

const exportStore = 100_000

func BenchmarkExportCalls(b *testing.B) {
	for _, n := range []int{10_000, exportStore} {
		b.Run(fmt.Sprintf("calls=%d", n), func(b *testing.B) {
			s := aircalltest.NewServer(aircalltest.InMemory(), aircalltest.WithoutRateLimit())
			defer s.Close()
			first := time.Now().Add(-exportStore * time.Minute)
			s.AddCalls(exportStore, func(i int) aircall.Call {
				return aircall.Call{StartedAt: aircall.Timestamp{Time: first.Add(time.Duration(i) * time.Minute)},
					Direction: aircall.CallOutbound, Status: aircall.CallStatusDone, Duration: 42, RawDigits: "+1 800-123-4567"}
			})
			c := s.Client()
			// The live heap as the GC last measured it, and the heap size the
			// GC lets the program reach before collecting: read without
			// stopping the world, after every 5 pages.
			samples := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/gc/heap/goal:bytes"}}
			var peakLive, peakGoal, retained uint64
			var elapsed time.Duration
			for b.Loop() {
				runtime.GC()
				metrics.Read(samples)
				base := samples[0].Value.Uint64()
				start := time.Now()
				count := 0
				for _, err := range c.Calls.ListIter(b.Context(), nil) {
					if err != nil {
						b.Fatal(err)
					}
					if count++; count%250 == 0 {
						metrics.Read(samples)
						peakLive = max(peakLive, samples[0].Value.Uint64())
						peakGoal = max(peakGoal, samples[1].Value.Uint64())
					}
					if count == n {
						break
					}
				}
				elapsed += time.Since(start)
				if count != n {
					b.Fatalf("exported %d calls, want %d", count, n)
				}
				runtime.GC()
				metrics.Read(samples)
				retained = max(retained, samples[0].Value.Uint64()-min(samples[0].Value.Uint64(), base))
			}
			b.ReportMetric(float64(peakLive)/(1<<20), "peak-live-heap-MiB")
			b.ReportMetric(float64(peakGoal)/(1<<20), "peak-heap-goal-MiB")
			b.ReportMetric(float64(retained)/(1<<10), "retained-KiB")
			b.ReportMetric(float64(n)*float64(b.N)/elapsed.Seconds(), "calls/s")
		})
	}
}
