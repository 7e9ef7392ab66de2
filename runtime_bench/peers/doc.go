// Package peers runs runtime_bench's workloads on other Go queues, in a module of its
// own so that hoare's go.mod stays small (as zap and xxhash keep their competitors in
// a nested module). The workloads are the same code (internal/workload); only the
// adapters differ. Run it with `go run ./cmd/bench -peers`, or directly:
//
//	cd runtime_bench/peers && go test -run '^$' -bench . -benchtime 100ms
//
// The implementations, as the impl= key names them:
//
//	native      Go's chan (the base column)
//	hoare       github.com/hoare-go/hoare/mpmc
//	xsync-mpmc  github.com/puzpuzpuz/xsync/v4 MPMCQueue
//	xsync-spsc  github.com/puzpuzpuz/xsync/v4 SPSCQueue (one producer, one consumer only)
//	workiva     github.com/Workiva/go-datastructures/queue RingBuffer
//
// Waiting. The queues never park: xsync's try operations are retried with
// runtime.Gosched() between attempts, the back-off its README advises; Workiva's Put
// and Get spin with runtime.Gosched() themselves. A waiting consumer therefore burns
// CPU, which cpu-ns/msg shows.
//
// Gaps, stated rather than hidden:
//   - a queue has no rendezvous, so capacity 0 (PingPong) runs the queues at
//     capacity 1, and the cap=0 rows of SPSC and MPMC are left out;
//   - the queues have no batch API, so SPSCBatch is not run here;
//   - Workiva's RingBuffer has no non-blocking receive, so it sits out TryRecv; it
//     livelocks with a single slot, so it sits out every cap=1 row (and runs PingPong at
//     capacity 2); it stores interface{} values, so its ints are boxed (allocs/op
//     shows it);
//   - github.com/alphadose/ZenQ is not here: it links against runtime internals that
//     Go 1.23+ no longer lets it reach (its issue #18), so it does not build.
package peers
