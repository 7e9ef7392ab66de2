// Package release is a store-release: the one place hoare steps outside
// sync/atomic's sequentially consistent operations. It serves the ring's
// slot hand-offs (one at a time with Store, a batch's run of them with
// StoreSeq), a wait-queue entry's hand-back to its owner (mpmc's
// waitq.unlink clears the entry's linked flag with it, last, and the owner
// may then recycle the entry without the lock), a pool worker's batch
// span (pool/batch.go: published after its jobs, and marked filling before
// the CAS that claims them), stores that a later lock
// or locked RMW orders anyway
// (park.Waiter's Reset and Claim, the count that mpmc's waitq.unlink
// moves, and that waitq.link moves on an unbuffered channel's queues), and a Multicast tap's moves of its
// position, whose one Dekker-style use is covered otherwise
// (flow/multicast.go: a sequentially consistent store before the tap
// rings, and the writer's recheck).
//
// Why. sync/atomic's Store is sequentially consistent; on amd64 Go compiles it
// to XCHG, a locked instruction that drains the store buffer and costs as much
// as a CAS (about 6 ns on the machines hoare is measured on, as much as the
// rest of a push). A ring's slot hand-off needs less: only that the writes
// before it (the value) are visible before it (the stamp), which is what a
// store-release orders and what Vyukov's queue and crossbeam's array channel
// use. Go's runtime has it (internal/runtime/atomic.StoreRel) but does not
// export it, so this package gives one in a few lines of assembly:
//
//	amd64  a plain MOV: x86-TSO never reorders a store with earlier loads or
//	       stores, so every store is a release at the hardware level.
//	arm64  STLR, the architecture's store-release.
//	other  sync/atomic's Store (stronger than needed, never weaker).
//
// The call into assembly is also the compiler barrier: the Go compiler does
// not move memory operations across a call to a function it cannot see into.
//
// Under the race detector Store is sync/atomic's, because the detector models
// only sync/atomic's operations as synchronising; the tests then check the
// algorithm with the stronger store, and the default build's tests (CI runs
// them without -race too) check it with this one.
//
// Invariants (what a caller may and may not rely on):
//   - Every load and store before Store in program order is visible to any
//     goroutine that observes the stored value with an atomic Load (acquire).
//   - Store is not a full fence: a later Load of another word may be
//     satisfied before the store is visible to other cores. A Dekker-style
//     "store mine, then load yours" must put a sequentially consistent RMW
//     (a CAS, an Add) between the two, as the ring's CAS of head and tail
//     does for the waiter counts the channels load after a push or a pop,
//     or else bound what a load that passed the store can cost, as the
//     Multicast's writer does by reading the positions again.
package release

import (
	"sync/atomic"
	"unsafe"
)

// StoreInt32 is Store32 for a signed word.
func StoreInt32(p *atomic.Int32, v int32) { Store32((*atomic.Uint32)(unsafe.Pointer(p)), uint32(v)) }
