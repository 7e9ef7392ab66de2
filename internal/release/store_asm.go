//go:build (amd64 || arm64) && !race

package release

import (
	"sync/atomic"
	"unsafe"
)

// store and store32 are the assembly store-releases (store_amd64.s,
// store_arm64.s). An atomic.Uint64 (Uint32, Int32) is one word behind
// zero-size fields, so its address is the word's; TestLayout pins that.
func store(p *atomic.Uint64, v uint64)   { storeRel((*uint64)(unsafe.Pointer(p)), v) }
func store32(p *atomic.Uint32, v uint32) { storeRel32((*uint32)(unsafe.Pointer(p)), v) }

// storeRel stores v into *p with release ordering.
//
//go:noescape
func storeRel(p *uint64, v uint64)

// storeRel32 stores v into *p with release ordering.
//
//go:noescape
func storeRel32(p *uint32, v uint32)
