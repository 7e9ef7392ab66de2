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

func BenchmarkSPSC(b *testing.B) { workload.BenchSPSC(b, impls, 1024, 64, 1, 0) }

func BenchmarkSPSCBatch(b *testing.B) { workload.BenchSPSCBatch(b, impls, 1024, 64) }

func BenchmarkMPSC(b *testing.B) { workload.BenchProdCons(b, impls, 4, 1, 1024, 64) }

func BenchmarkMPMC(b *testing.B) {
	workload.BenchProdCons(b, impls, 4, 4, 1024, 64, 1, 0)
	workload.BenchProdCons(b, impls, 16, 16, 1024, 64, 1, 0)
}

func BenchmarkPingPong(b *testing.B) { workload.BenchPingPong(b, impls) }

func BenchmarkPipeline(b *testing.B) { workload.BenchPipeline(b, impls, 4, 1) }

func BenchmarkTrySend(b *testing.B) { workload.BenchTrySend(b, impls, 1024) }

func BenchmarkTryRecv(b *testing.B) { workload.BenchTryRecv(b, impls, 1024) }

func BenchmarkSendRecv(b *testing.B) { workload.BenchSendRecv(b, impls, 1024) }
