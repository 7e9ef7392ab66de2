// Package runtime_bench compares hoare's channels with Go's native chan. It holds
// benchmarks only; `go run ./cmd/bench` runs them in interleaved rounds and compares
// them with `go tool benchstat -col /impl`.
//
// Naming. Every benchmark is Benchmark<Workload>/impl=<name>/<key>=<value>..., with
// impl=native always first (benchstat's base column) and impl=hoare next, so that
// `benchstat -col /impl` puts the implementations side by side on one row per
// configuration. The keys:
//
//	cap=N      the channel's capacity (0: unbuffered)
//	procs=PxC  P producer and C consumer goroutines on one channel
//	batch=B    values per SendMany/RecvMany call (native sends one by one)
//	stages=S   channels in a pipeline, a relaying goroutine between each two
//
// Units. Every run moves b.N messages, so ns/op is ns per message (per round trip for
// PingPong, per message end to end for Pipeline). cpu-ns/msg is the process CPU time,
// user plus system over all threads, per message: a waiter that spins shows up there,
// a parked one does not. allocs/op should be 0 everywhere.
//
// The workloads, and the benchmark of Go's runtime/chan_test.go nearest to each:
//
//	SPSC        1 producer, 1 consumer; cap 1024, 64, 1, 0 (BenchmarkChanProdCons*)
//	SPSCBatch   as SPSC at cap 1024, 64 values per call
//	MPSC        procs=4x1; cap 1024, 64
//	MPMC        procs=4x4 and 16x16; cap 1024, 64, 1, 0 (BenchmarkChanContended-ish)
//	PingPong    unbuffered round trip between two goroutines (BenchmarkChanSync)
//	Pipeline    4 channels of cap 1 chained by relaying goroutines
//	TrySend     failing non-blocking send on a full channel (BenchmarkChanNonblocking)
//	TryRecv     failing non-blocking receive on an empty one (BenchmarkChanNonblocking)
//	SendRecv    send then receive in one goroutine, cap 1024 (BenchmarkChanUncontended)
//
// Those are chan_bench_test.go's. try_bench_test.go adds TryProdCons: MPMC 4x4 at
// cap 1024 with the producers on TrySend (op=send) or the consumers on TryRecv
// (op=recv), yielding when it fails, the loop as a whole timed. The package also holds the other packages'
// benchmarks under the same naming (select_bench_test.go, flow_bench_test.go,
// pool_bench_test.go); where a workload has no native column (the pool's, whose base
// is plain goroutines), cmd/bench compares it with its own first column.
//
// The channel workloads themselves live in internal/workload, written once over an adapter
// whose methods are whole loops, so no interface call sits between two channel
// operations; the nested module runtime_bench/peers runs the same workloads on other
// Go queues.
package runtime_bench
