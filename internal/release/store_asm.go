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
