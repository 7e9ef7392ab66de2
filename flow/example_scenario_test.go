package flow_test

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/hoare-go/hoare/flow"
	"github.com/hoare-go/hoare/mpmc"
	alt "github.com/hoare-go/hoare/select"
)

// A replica answers a query after its delay, unless ctx ends first.
func replica(name string, delay time.Duration) func(ctx context.Context, q string) (string, bool) {
	return func(ctx context.Context, q string) (string, bool) {
		select {
		case <-time.After(delay):
			return fmt.Sprintf("%s result for %q", name, q), true
		case <-ctx.Done():
			return "", false
		}
	}
}

// first asks every replica and keeps the first answer: a promise's first
// delivery wins, the later ones are dropped.
func first(ctx context.Context, q string, replicas ...func(context.Context, string) (string, bool)) *flow.Promise[string] {
	p := flow.NewPromise[string]()
	for _, r := range replicas {
		go func() {
			if v, ok := r(ctx, q); ok {
				p.Deliver(v)
			}
		}()
	}
	return p
}

// The search of Rob Pike's "Go Concurrency Patterns" (Google Search 3.0),
// after Hoare's and the core.async talks: each kind of search goes to two
// replicas and takes the first answer; the whole search takes what has
// arrived when a 500ms timeout closes. The video replicas are too slow:
// they would answer in an hour, and are canceled when the search returns.
// (They once answered in a second, and a test run on a loaded machine,
// which held this goroutine off its CPU for as long, printed them.)
func Example_replicatedSearch() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel() // stops the replicas still working
	kinds := []struct {
		kind     string
		replicas []func(context.Context, string) (string, bool)
	}{
		{"web", []func(context.Context, string) (string, bool){replica("web1", 2*time.Millisecond), replica("web2", time.Hour)}},
		{"image", []func(context.Context, string) (string, bool){replica("image1", time.Hour), replica("image2", 4*time.Millisecond)}},
		{"video", []func(context.Context, string) (string, bool){replica("video1", time.Hour), replica("video2", time.Hour)}},
	}
	results := mpmc.New[string](len(kinds))
	for _, k := range kinds {
		p := first(ctx, "csp", k.replicas...)
		p.RecvAsync(func(v string, ok bool) { // no goroutine waits for the promise
			if ok {
				results.Send(k.kind + ": " + v) // never blocks: room for one per kind
			}
		})
	}
	timeout := flow.Timeout(500 * time.Millisecond)
	var got []string
	for done := false; !done && len(got) < len(kinds); {
		alt.Priority(
			alt.Recv(results, func(v string, _ bool) { got = append(got, v) }),
			alt.Recv(timeout, func(struct{}, bool) { done = true }),
		)
	}
	slices.Sort(got)
	for _, r := range got {
		fmt.Println(r)
	}
	fmt.Println(len(kinds)-len(got), "kind timed out")
	// Output:
	// image: image2 result for "csp"
	// web: web1 result for "csp"
	// 1 kind timed out
}

// The prime sieve of Hoare's CSP paper and of Go's first tutorials, as chained
// processes: a generator of 2, 3, 4, ... and, for each prime found, one more
// filter process (a Pipeline of one worker, emitting 0 or 1 value per input) in
// front of the chain. Canceling the context stops every process.
func Example_primeSieve() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	naturals := func(yield func(int) bool) {
		for i := 2; yield(i); i++ {
		}
	}
	ch := flow.FromSeq(ctx, naturals, 0)
	for range 10 {
		p, _ := ch.Recv()
		fmt.Print(p, " ")
		next := mpmc.New[int](0)
		flow.Pipeline(ctx, 1, next, func(v int, emit func(int)) error {
			if v%p != 0 {
				emit(v)
			}
			return nil
		}, ch, true, nil)
		ch = next
	}
	fmt.Println()
	// Output:
	// 2 3 5 7 11 13 17 19 23 29
}
