// The workloads: who sends what to whom. Each constructor makes its channels (the
// setup, not timed) and returns a body that moves n messages and checks them.
//
// Source: Go's runtime/chan_test.go benchmarks for the shapes; the key=value names are
// in bench.go.
//
// Invariants: a body moves exactly n messages (n round trips for PingPong); it starts
// its goroutines itself and returns only when all of them have returned, so no
// goroutine outlives a benchmark; it returns an error naming the workload when the sum
// received differs from the sum sent.

package workload

import (
	"fmt"
	"sync"
)

// Body moves n messages through channels made beforehand and checks them.
type Body func(n int) error

// want is the sum of 1..n, which every workload must receive. The values start at 1
// so that losing any of them, the first included, changes the sum. (A sum is a
// checksum, not a proof: two errors can cancel; the conformance tests prove
// exactly-once, this only keeps a broken benchmark from reporting a number.)
func want(n int) int { return n * (n + 1) / 2 }

// Share splits [0, n) into parts contiguous ranges and returns the i-th.
func Share(i, parts, n int) (from, count int) {
	q, r := n/parts, n%parts
	from = i*q + min(i, r)
	count = q
	if i < r {
		count++
	}
	return from, count
}

// check returns nil when got is the sum of 1..n, and otherwise an error built by
// what (a func, so that the message costs nothing on the benchmarks' path).
func check(what func() string, impl Impl, got, n int) error {
	if w := want(n); got != w {
		return fmt.Errorf("workload: %s impl=%s: received sum %d for n=%d, want %d (a value was lost or duplicated)", what(), impl.Name, got, n, w)
	}
	return nil
}

func named(s string) func() string { return func() string { return s } }

// ProdCons is producers goroutines sending n values in all on one channel of the given
// capacity to consumers goroutines, each consumer receiving its fixed share (no close
// is needed, and the count of values each side moves is known in advance). With 1x1
// it is the SPSC workload; Go's BenchmarkChanProdCons is its closest runtime twin.
func ProdCons(impl Impl, capacity, producers, consumers int) Body {
	if producers < 1 || consumers < 1 {
		panic(fmt.Sprintf("workload: ProdCons needs at least one producer and one consumer, got %dx%d", producers, consumers))
	}
	c := impl.New(capacity)
	return func(n int) error {
		var wg sync.WaitGroup
		sums := make([]int, consumers)
		for p := range producers {
			wg.Go(func() { from, cnt := Share(p, producers, n); c.SendN(from+1, cnt) })
		}
		for k := range consumers - 1 {
			wg.Go(func() { _, cnt := Share(k, consumers, n); sums[k] = c.RecvN(cnt) })
		}
		_, cnt := Share(consumers-1, consumers, n)
		sums[consumers-1] = c.RecvN(cnt)
		wg.Wait()
		total := 0
		for _, s := range sums {
			total += s
		}
		return check(func() string { return fmt.Sprintf("ProdCons %dx%d cap=%d", producers, consumers, capacity) }, impl, total, n)
	}
}

// Batch is one producer and one consumer moving n values in calls of batch values,
// where the implementation has a batch API (one by one where it has not).
func Batch(impl Impl, capacity, batch int) Body {
	if batch < 1 {
		panic(fmt.Sprintf("workload: Batch needs batch >= 1, got %d", batch))
	}
	c := impl.New(capacity)
	return func(n int) error {
		var wg sync.WaitGroup
		wg.Go(func() { c.SendBatchN(1, n, batch) })
		got := c.RecvBatchN(n, batch)
		wg.Wait()
		return check(func() string { return fmt.Sprintf("Batch cap=%d batch=%d", capacity, batch) }, impl, got, n)
	}
}

// PingPong is two goroutines bouncing a value over two unbuffered channels: n round
// trips (Go's BenchmarkChanSync measures the same hand-off one way).
func PingPong(impl Impl) Body {
	ping, pong := impl.New(0), impl.New(0)
	return func(n int) error {
		var wg sync.WaitGroup
		var echoed int
		wg.Go(func() { echoed = ping.RelayN(pong, n) })
		got := ping.AskN(pong, n)
		wg.Wait()
		if err := check(named("PingPong echo"), impl, echoed, n); err != nil {
			return err
		}
		return check(named("PingPong"), impl, got, n)
	}
}

// Pipeline is a chain of stages channels of the given capacity: a producer feeds the
// first, a goroutine per link relays each channel into the next, and a consumer drains
// the last. A message crosses stages channels (and stages-1 relaying goroutines).
func Pipeline(impl Impl, stages, capacity int) Body {
	if stages < 1 {
		panic(fmt.Sprintf("workload: Pipeline needs stages >= 1, got %d", stages))
	}
	cs := make([]Chan, stages)
	for i := range cs {
		cs[i] = impl.New(capacity)
	}
	return func(n int) error {
		var wg sync.WaitGroup
		relayed := make([]int, stages-1)
		wg.Go(func() { cs[0].SendN(1, n) })
		for i := range stages - 1 {
			wg.Go(func() { relayed[i] = cs[i].RelayN(cs[i+1], n) })
		}
		got := cs[stages-1].RecvN(n)
		wg.Wait()
		for i, s := range relayed {
			if err := check(func() string { return fmt.Sprintf("Pipeline stage %d", i+1) }, impl, s, n); err != nil {
				return err
			}
		}
		return check(func() string { return fmt.Sprintf("Pipeline stages=%d cap=%d", stages, capacity) }, impl, got, n)
	}
}

// TrySendFull is n non-blocking sends on a channel of the given capacity filled up
// beforehand: every one must fail (the failing half of Go's BenchmarkChanNonblocking).
func TrySendFull(impl Impl, capacity int) Body {
	c := impl.New(capacity)
	filled := 0
	for c.TrySendN(1) == 1 {
		if filled++; filled > capacity {
			panic(fmt.Sprintf("workload: TrySendFull impl=%s: a channel of capacity %d took %d values", impl.Name, capacity, filled))
		}
	}
	return func(n int) error {
		if ok := c.TrySendN(n); ok != 0 {
			return fmt.Errorf("workload: TrySendFull impl=%s cap=%d: %d of %d sends on a full channel succeeded", impl.Name, capacity, ok, n)
		}
		return nil
	}
}

// TryRecvEmpty is n non-blocking receives on an empty channel: every one must fail
// (Go's BenchmarkChanNonblocking).
func TryRecvEmpty(impl Impl, capacity int) Body {
	c := impl.New(capacity)
	return func(n int) error {
		if ok := c.TryRecvN(n); ok != 0 {
			return fmt.Errorf("workload: TryRecvEmpty impl=%s cap=%d: %d of %d receives on an empty channel succeeded", impl.Name, capacity, ok, n)
		}
		return nil
	}
}

// SendRecv is one goroutine sending a value and receiving it back, n times, on a
// buffered channel: the uncontended floor (Go's BenchmarkChanUncontended).
func SendRecv(impl Impl, capacity int) Body {
	if capacity < 1 {
		panic(fmt.Sprintf("workload: SendRecv needs a buffered channel, got capacity %d", capacity))
	}
	c := impl.New(capacity)
	return func(n int) error {
		return check(func() string { return fmt.Sprintf("SendRecv cap=%d", capacity) }, impl, c.SendRecvN(n), n)
	}
}
