//go:build !(amd64 || arm64) || race

package release

import (
	"sync/atomic"
	"unsafe"
)

// Store atomically stores v into *p with release ordering: see the package
// comment for what that does and does not order. Here it is sync/atomic's
// sequentially consistent Store, stronger than needed: on other
// architectures, and under the race detector, which sees only sync/atomic.
func Store(p *atomic.Uint64, v uint64) { p.Store(v) }

// Store32 is Store for a 32-bit word.
func Store32(p *atomic.Uint32, v uint32) { p.Store(v) }

// StoreSeq stores v, v+1, ..., v+n-1 into the n words at p, p+stride,
// p+2*stride, ..., each a Store, in that order: one call for a run of
// slot hand-offs. It does nothing if n <= 0. The caller keeps the n words
// inside one live object.
func StoreSeq(p *atomic.Uint64, stride uintptr, n int, v uint64) {
	for i := range n {
		(*atomic.Uint64)(unsafe.Add(unsafe.Pointer(p), uintptr(i)*stride)).Store(v + uint64(i))
	}
}
