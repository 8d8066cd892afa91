package aircallotel_test

import (
	"context"
	"testing"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	aircallotel "github.com/aircall-go/aircall/otel"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

// BenchmarkPing measures one Ping against the in-memory fake without an
// observer and with this module's, recording into the OpenTelemetry SDK.
func BenchmarkPing(b *testing.B) {
	tp := sdktrace.NewTracerProvider() // spans recorded, then dropped
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(sdkmetric.NewManualReader()))
	obs, err := aircallotel.NewObserver(aircallotel.WithTracerProvider(tp), aircallotel.WithMeterProvider(mp))
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		opts []aircall.Option
	}{{"none", nil}, {"otel", []aircall.Option{aircall.WithObserver(obs)}}} {
		b.Run(bc.name, func(b *testing.B) {
			s := aircalltest.NewServer(aircalltest.InMemory(), aircalltest.WithoutRateLimit())
			defer s.Close()
			c := s.Client(bc.opts...)
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.Ping(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
