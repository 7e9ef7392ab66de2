//go:build (amd64 || arm64) && !race

package release

import "sync/atomic"

// Store and Store32 are assembly (store_amd64.s, store_arm64.s), called
// directly: a Go wrapper around an assembly body is inlined only where
// the compiler sees the wrapper's package, which a generic instantiation
// in another package (ring's, compiled for a user's element type) does
// not, and there it cost a second call per store. An atomic.Uint64
// (Uint32) is one word behind zero-size fields, so its address is the
// word's; TestLayout pins that.

// Store atomically stores v into *p with release ordering: see the package
// comment for what that does and does not order.
//
//go:noescape
func Store(p *atomic.Uint64, v uint64)

// Store32 is Store for a 32-bit word.
//
//go:noescape
func Store32(p *atomic.Uint32, v uint32)

// StoreSeq stores v, v+1, ..., v+n-1 into the n words at p, p+stride,
// p+2*stride, ..., each a Store, in that order: one call for a run of
// slot hand-offs. It does nothing if n <= 0. The caller keeps the n words
// inside one live object.
//
//go:noescape
func StoreSeq(p *atomic.Uint64, stride uintptr, n int, v uint64)
