// Package leakcheck finds goroutines still running code of this module
// after a test is done with it. Call Check from a test that does not run in
// parallel: it then runs while every parallel test is paused, so any SDK
// goroutine alive afterwards is a leak.
package leakcheck

import (
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aircall-go/aircall/internal/fixture"
)

// sdkFrame matches a stack frame in a non-test source file of the root
// package, aircalltest or redislimit.
var sdkFrame = sync.OnceValue(func() *regexp.Regexp {
	root, err := fixture.Root()
	if err != nil {
		panic(err)
	}
	return regexp.MustCompile(regexp.QuoteMeta(root) + `/(aircalltest/|redislimit/)?[a-z0-9_]+\.go:\d+`)
})

// Goroutines returns the stacks of goroutines running code of the SDK
// itself (not its tests).
func Goroutines() []string {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	var out []string
	for _, g := range strings.Split(string(buf), "\n\n") {
		for _, line := range strings.Split(g, "\n") {
			if m := sdkFrame().FindString(line); m != "" && !strings.Contains(m, "_test.go") {
				out = append(out, g)
				break
			}
		}
	}
	return out
}

// Check fails the test if SDK goroutines are still running once the work
// is done; they get two seconds to wind down.
func Check(tb testing.TB) {
	tb.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for {
		left := Goroutines()
		if len(left) == 0 {
			return
		}
		if time.Now().After(deadline) {
			tb.Fatalf("%d SDK goroutine(s) left running:\n%s", len(left), strings.Join(left, "\n\n"))
		}
		time.Sleep(10 * time.Millisecond)
	}
}
