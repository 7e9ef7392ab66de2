// Helpers for flow's tests: goroutine-leak checks, bounded waits, and
// draining a channel into a slice.
//
// Invariants: no test in this package runs in parallel with another (the
// leak check counts every goroutine of the process); every wait is bounded,
// so a lost value or a stuck process fails the test instead of hanging it.
package flow

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hoare-go/hoare/mpmc"
)

// wait is the bound on any single wait in these tests.
const wait = 10 * time.Second

// noLeaks fails t if, after a settle period, more goroutines are alive than
// when it was called.
func noLeaks(t testing.TB) {
	t.Helper()
	before := runtime.NumGoroutine()
	t.Cleanup(func() {
		deadline := time.Now().Add(5 * time.Second)
		for runtime.NumGoroutine() > before {
			if time.Now().After(deadline) {
				buf := make([]byte, 1<<20)
				buf = buf[:runtime.Stack(buf, true)]
				t.Errorf("goroutine leak: %d before, %d after\n%s", before, runtime.NumGoroutine(), flowStacks(string(buf)))
				return
			}
			time.Sleep(2 * time.Millisecond)
		}
	})
}

// flowStacks keeps the goroutine dumps that mention this package.
func flowStacks(s string) string {
	var keep []string
	for g := range strings.SplitSeq(s, "\n\n") {
		if strings.Contains(g, "hoare/flow.") {
			keep = append(keep, g)
		}
	}
	return strings.Join(keep, "\n\n")
}

// testCtx is a context that ends the test's waits after wait.
func testCtx(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	t.Cleanup(cancel)
	return ctx
}

// recv receives one value or fails the test after wait.
func recv[T any](t testing.TB, c *mpmc.Chan[T]) (T, bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	v, err := c.RecvContext(ctx)
	if err != nil && err != mpmc.ErrClosed {
		t.Fatalf("recv: %v", err)
	}
	return v, err == nil
}

// drain receives until c is closed and returns what it got, failing the test
// if c is not closed within wait.
func drain[T any](t testing.TB, c *mpmc.Chan[T]) []T {
	t.Helper()
	vs, err := Into(testCtx(t), []T(nil), c)
	if err != nil {
		t.Fatalf("drain: %v after %d values %v", err, len(vs), vs)
	}
	return vs
}

// blocked reports whether c stays empty and open for d: a check that can
// only pass wrongly on a machine too slow to have sent yet.
func blocked[T any](c *mpmc.Chan[T], d time.Duration) bool {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	_, err := c.RecvContext(ctx)
	return err == context.DeadlineExceeded
}

func seqN(n int) []int {
	vs := make([]int, n)
	for i := range vs {
		vs[i] = i
	}
	return vs
}

func eq[T comparable](t testing.TB, what string, got, want []T) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Fatalf("%s: got %v, want %v", what, got, want)
	}
}

// counts returns how many times each value occurs.
func counts[T comparable](vs []T) map[T]int {
	m := map[T]int{}
	for _, v := range vs {
		m[v]++
	}
	return m
}

func must(err error) {
	if err != nil {
		panic(fmt.Sprint("flow test: ", err))
	}
}
