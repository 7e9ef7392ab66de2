//go:build (amd64 || arm64) && !race

package release

import (
	"sync/atomic"
	"unsafe"
)

// store is the assembly store-release (store_amd64.s, store_arm64.s). An
// atomic.Uint64 is one uint64 behind zero-size fields, so its address is
// the word's; TestLayout pins that.
func store(p *atomic.Uint64, v uint64) { storeRel((*uint64)(unsafe.Pointer(p)), v) }

// storeRel stores v into *p with release ordering.
//
//go:noescape
func storeRel(p *uint64, v uint64)
