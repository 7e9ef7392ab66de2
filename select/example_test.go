// example_test: runnable examples of package alt, one per way in: Priority,
// Fair, Default, After, Done and a reusable Selector.
//
// Source: API.md's select section.
//
// Invariants: every example's output is deterministic (where Fair chooses
// at random, the example prints only what does not depend on the choice).
package alt_test

import (
	"context"
	"fmt"
	"time"

	"github.com/hoare-go/hoare/mpmc"
	alt "github.com/hoare-go/hoare/select"
)

// Priority serves urgent work before normal work whenever both are
// waiting, which Go's select statement cannot express.
func ExamplePriority() {
	urgent := mpmc.New[string](4)
	normal := mpmc.New[string](4)
	normal.Send("tidy up")
	normal.Send("write docs")
	urgent.Send("fix outage")

	for range 3 {
		alt.Priority(
			alt.Recv(urgent, func(job string, ok bool) { fmt.Println("urgent:", job) }),
			alt.Recv(normal, func(job string, ok bool) { fmt.Println("normal:", job) }),
		)
	}
	// Output:
	// urgent: fix outage
	// normal: tidy up
	// normal: write docs
}

// Fair chooses among the ready cases at random, as Go's select statement
// does; cases may mix element types.
func ExampleFair() {
	numbers := mpmc.New[int](8)
	words := mpmc.New[string](8)
	for i := range 4 {
		numbers.Send(i)
		words.Send(fmt.Sprint("w", i))
	}
	n, w := 0, 0
	for range 8 {
		alt.Fair(
			alt.Recv(numbers, func(int, bool) { n++ }),
			alt.Recv(words, func(string, bool) { w++ }),
		)
	}
	fmt.Println(n, "numbers and", w, "words, in some order")
	// Output: 4 numbers and 4 words, in some order
}

// Default makes a select that never blocks: here, a send that drops the
// value when the channel is full.
func ExampleDefault() {
	log := mpmc.New[string](2)
	for _, line := range []string{"a", "b", "c"} {
		alt.Priority(
			alt.Send(log, line, nil),
			alt.Default(func() { fmt.Println("dropped", line) }),
		)
	}
	fmt.Println(log.Len(), "buffered")
	// Output:
	// dropped c
	// 2 buffered
}

// After gives up waiting once its duration has passed; its timer is
// stopped if another case wins first.
func ExampleAfter() {
	replies := mpmc.New[string](0) // nobody answers
	switch alt.Priority(
		alt.Recv(replies, func(r string, ok bool) { fmt.Println("reply:", r) }),
		alt.After(10*time.Millisecond, nil),
	) {
	case 1:
		fmt.Println("timed out")
	}
	// Output: timed out
}

// Done stops a wait when a context is cancelled, as case <-ctx.Done().
func ExampleDone() {
	jobs := mpmc.New[int](0)
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		time.Sleep(time.Millisecond)
		cancel()
	}()
	alt.Priority(
		alt.Recv(jobs, func(j int, ok bool) { fmt.Println("job", j) }),
		alt.Done(ctx, func() { fmt.Println("stopped:", ctx.Err()) }),
	)
	// Output: stopped: context canceled
}

// A Selector is built once and run in a hot loop without allocating: a
// SendFrom case sends whatever its variable holds at each run. Here a
// relay moves values from in to out until in is closed and drained.
func ExampleSelector() {
	in := mpmc.New[int](4)
	out := mpmc.New[int](4)
	for i := 1; i <= 3; i++ {
		in.Send(i * 10)
	}
	in.Close()

	var v int
	open := true
	take := alt.NewSelector(alt.Recv(in, func(x int, ok bool) { v, open = x, ok }))
	give := alt.NewSelector(alt.SendFrom(out, &v, nil))
	for {
		take.Priority()
		if !open {
			break
		}
		v++ // transform
		give.Priority()
	}
	out.Close()
	for x := range out.All() {
		fmt.Println(x)
	}
	// Output:
	// 11
	// 21
	// 31
}
