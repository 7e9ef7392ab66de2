// The channel benchmarks: native chan against hoare's mpmc.Chan on every workload of
// issue 2 (see doc.go for the names and units).
//
// Invariants: impl=native is always run (and so listed) first, the base column of
// `benchstat -col /impl`; each configuration runs native then hoare back to back.

package runtime_bench

import (
	"testing"

	"github.com/hoare-go/hoare/internal/workload"
)

// impls are the implementations compared, base first.
var impls = []workload.Impl{workload.Native, workload.Hoare}

// BenchmarkSPSC is one producer and one consumer on one channel.
func BenchmarkSPSC(b *testing.B) { workload.BenchSPSC(b, impls, 1024, 64, 1, 0) }

// BenchmarkSPSCBatch is SPSC moving 64 values per call (hoare: SendMany/RecvMany).
func BenchmarkSPSCBatch(b *testing.B) { workload.BenchSPSCBatch(b, impls, 1024, 64) }

// BenchmarkMPSC is four producers and one consumer on one channel.
func BenchmarkMPSC(b *testing.B) { workload.BenchProdCons(b, impls, 4, 1, 1024, 64) }

// BenchmarkMPMC is 4x4 and 16x16 producers and consumers on one channel.
func BenchmarkMPMC(b *testing.B) {
	workload.BenchProdCons(b, impls, 4, 4, 1024, 64, 1, 0)
	workload.BenchProdCons(b, impls, 16, 16, 1024, 64, 1, 0)
}

// BenchmarkPingPong is an unbuffered round trip between two goroutines.
func BenchmarkPingPong(b *testing.B) { workload.BenchPingPong(b, impls) }

// BenchmarkPipeline is four channels of capacity 1 chained by relaying goroutines.
func BenchmarkPipeline(b *testing.B) { workload.BenchPipeline(b, impls, 4, 1) }

// BenchmarkTrySend is a failing non-blocking send on a full channel.
func BenchmarkTrySend(b *testing.B) { workload.BenchTrySend(b, impls, 1024) }

// BenchmarkTryRecv is a failing non-blocking receive on an empty channel.
func BenchmarkTryRecv(b *testing.B) { workload.BenchTryRecv(b, impls, 1024) }

// BenchmarkSendRecv is a send then a receive in one goroutine: the uncontended floor.
func BenchmarkSendRecv(b *testing.B) { workload.BenchSendRecv(b, impls, 1024) }
