// The benchmark suites: each workload under its key=value name, every configuration
// run for every implementation in the order given (native first, so that benchstat
// -col /impl takes it as the base column), with b.N messages per run.
//
// Invariants: names are Benchmark<Workload>/impl=<name>/<key>=<value>...; each run
// reports allocs/op and cpu-ns/msg (process CPU time, user + system, per message).

package workload

import (
	"fmt"
	"testing"
)

// Run times body over b.N messages, reporting allocations and the process CPU time
// per message as cpu-ns/msg (a spinning waiter costs CPU, a parked one does not).
func Run(b *testing.B, body Body) {
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := CPUNanos()
	err := body(b.N)
	cpu1 := CPUNanos()
	b.StopTimer()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(cpu1-cpu0)/float64(b.N), "cpu-ns/msg")
}

func each(b *testing.B, impls []Impl, suffix string, body func(Impl) Body) {
	for _, im := range impls {
		b.Run("impl="+im.Name+suffix, func(b *testing.B) { Run(b, body(im)) })
	}
}

// BenchSPSC runs one producer and one consumer at each capacity.
func BenchSPSC(b *testing.B, impls []Impl, caps ...int) {
	for _, c := range caps {
		each(b, impls, fmt.Sprintf("/cap=%d", c), func(im Impl) Body { return ProdCons(im, c, 1, 1) })
	}
}

// BenchSPSCBatch runs one producer and one consumer moving batch values per call.
func BenchSPSCBatch(b *testing.B, impls []Impl, capacity, batch int) {
	each(b, impls, fmt.Sprintf("/cap=%d/batch=%d", capacity, batch), func(im Impl) Body { return Batch(im, capacity, batch) })
}

// BenchProdCons runs producers x consumers goroutines on one channel at each capacity.
func BenchProdCons(b *testing.B, impls []Impl, producers, consumers int, caps ...int) {
	for _, c := range caps {
		each(b, impls, fmt.Sprintf("/procs=%dx%d/cap=%d", producers, consumers, c), func(im Impl) Body {
			return ProdCons(im, c, producers, consumers)
		})
	}
}

// BenchPingPong runs unbuffered round trips; ns/op is ns per round trip.
func BenchPingPong(b *testing.B, impls []Impl) {
	each(b, impls, "", PingPong)
}

// BenchPipeline runs a chain of stages channels; ns/op is ns per message end to end.
func BenchPipeline(b *testing.B, impls []Impl, stages, capacity int) {
	each(b, impls, fmt.Sprintf("/stages=%d/cap=%d", stages, capacity), func(im Impl) Body { return Pipeline(im, stages, capacity) })
}

// BenchTrySend runs failing non-blocking sends on a full channel.
func BenchTrySend(b *testing.B, impls []Impl, capacity int) {
	each(b, impls, fmt.Sprintf("/cap=%d", capacity), func(im Impl) Body { return TrySendFull(im, capacity) })
}

// BenchTryRecv runs failing non-blocking receives on an empty channel.
func BenchTryRecv(b *testing.B, impls []Impl, capacity int) {
	each(b, impls, fmt.Sprintf("/cap=%d", capacity), func(im Impl) Body { return TryRecvEmpty(im, capacity) })
}

// BenchSendRecv runs a send then a receive in one goroutine: the uncontended floor.
func BenchSendRecv(b *testing.B, impls []Impl, capacity int) {
	each(b, impls, fmt.Sprintf("/cap=%d", capacity), func(im Impl) Body { return SendRecv(im, capacity) })
}
