// Package workload holds the channel benchmarks' workloads, written once over a tiny
// adapter so that every implementation (native chan, hoare's mpmc.Chan, and the peer
// queues of the nested module runtime_bench/peers) runs exactly the same code.
//
// Source: the shapes of Go's runtime/chan_test.go benchmarks (BenchmarkChanProdCons,
// BenchmarkChanSync, BenchmarkChanNonblocking, BenchmarkChanUncontended), the key=value
// naming of STYLE.md, and the adapter idea of crossbeam-channel's benches.
//
// The adapter ([Chan]) is deliberately coarse: its methods are whole loops (send n
// values, receive n values, relay n values) rather than single operations. An
// interface call costs about 1.4 ns on the machines here, which is a third of a failing
// native TrySend; with the loop inside the adapter no indirect call sits between two
// channel operations, so the benchmarks measure the channel and not the adapter.
// A workload (who sends what to whom, how many goroutines, how the result is checked)
// is then written once, in this package, over those loops.
//
// Invariants:
//   - every workload moves exactly n messages for a benchmark's b.N = n, so ns/op is
//     ns per message (per round trip for PingPong, per message through all stages for
//     Pipeline);
//   - every received value is summed and the sum compared with the sum sent, so the
//     compiler cannot delete the work and a lost or duplicated value fails the run;
//   - values are the ints 1..n, split into contiguous ranges between producers, so
//     every workload's expected sum is n(n+1)/2 and losing any value changes it.
package workload
