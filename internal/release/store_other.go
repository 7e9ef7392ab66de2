//go:build !(amd64 || arm64) || race

package release

import "sync/atomic"

// Store atomically stores v into *p with release ordering: see the package
// comment for what that does and does not order. Here it is sync/atomic's
// sequentially consistent Store, stronger than needed: on other
// architectures, and under the race detector, which sees only sync/atomic.
func Store(p *atomic.Uint64, v uint64) { p.Store(v) }

// Store32 is Store for a 32-bit word.
func Store32(p *atomic.Uint32, v uint32) { p.Store(v) }
