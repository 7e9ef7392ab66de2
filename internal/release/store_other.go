//go:build !(amd64 || arm64) || race

package release

import "sync/atomic"

// store is sync/atomic's sequentially consistent Store: on other
// architectures, and under the race detector, which sees only sync/atomic.
func store(p *atomic.Uint64, v uint64)   { p.Store(v) }
func store32(p *atomic.Uint32, v uint32) { p.Store(v) }
