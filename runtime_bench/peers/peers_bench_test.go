// The peer benchmarks: runtime_bench's workloads under the same names, with the peer
// queues as extra impl= columns after native (the base) and hoare.
//
// Invariants: names match runtime_bench's, so a row here is the same workload as the
// row of the same name there; configurations a queue cannot run (see doc.go) are left
// out rather than approximated, except capacity 0 in PingPong, run at capacity 1.

package peers

import (
	"testing"

	"github.com/hoare-go/hoare/internal/workload"
)

var (
	// all runs where every queue can: one producer and one consumer per queue.
	all = []workload.Impl{workload.Native, workload.Hoare, XsyncMPMC, XsyncSPSC, Workiva}
	// multi runs where producers or consumers share a queue: no xsync-spsc.
	multi = []workload.Impl{workload.Native, workload.Hoare, XsyncMPMC, Workiva}
	// one runs at capacity 1, where Workiva's ring livelocks: no workiva.
	one = []workload.Impl{workload.Native, workload.Hoare, XsyncMPMC, XsyncSPSC}
	// multiOne runs at capacity 1 with shared queues.
	multiOne = []workload.Impl{workload.Native, workload.Hoare, XsyncMPMC}
	// tryRecv runs where a non-blocking receive exists: no workiva.
	tryRecv = []workload.Impl{workload.Native, workload.Hoare, XsyncMPMC, XsyncSPSC}
)

func BenchmarkSPSC(b *testing.B) {
	workload.BenchSPSC(b, all, 1024, 64)
	workload.BenchSPSC(b, one, 1)
}

func BenchmarkMPSC(b *testing.B) { workload.BenchProdCons(b, multi, 4, 1, 1024, 64) }

func BenchmarkMPMC(b *testing.B) {
	workload.BenchProdCons(b, multi, 4, 4, 1024, 64)
	workload.BenchProdCons(b, multiOne, 4, 4, 1)
	workload.BenchProdCons(b, multi, 16, 16, 1024, 64)
	workload.BenchProdCons(b, multiOne, 16, 16, 1)
}

func BenchmarkPingPong(b *testing.B) { workload.BenchPingPong(b, all) }

func BenchmarkPipeline(b *testing.B) { workload.BenchPipeline(b, one, 4, 1) }

func BenchmarkTrySend(b *testing.B) { workload.BenchTrySend(b, all, 1024) }

func BenchmarkTryRecv(b *testing.B) { workload.BenchTryRecv(b, tryRecv, 1024) }

func BenchmarkSendRecv(b *testing.B) { workload.BenchSendRecv(b, all, 1024) }
