// Package pad fixes, in one place, how hoare keeps hot words on cache lines of
// their own.
//
// The decision: 128 bytes. A cache line is 64 bytes on amd64, but Intel's
// adjacent-line prefetcher pulls lines in 128-byte pairs, so two words 64 bytes
// apart still ping-pong between cores; Apple's arm64 cores have 128-byte lines.
// 128 is what Go's runtime (internal/cpu.CacheLinePadSize on arm64) and
// crossbeam's CachePadded use for the same reason.
package pad

import "sync/atomic"

// Size is the distance kept between two independently written hot words.
const Size = 128

// Line is Size bytes of padding, placed between fields.
type Line [Size]byte

// Uint64 is an atomic.Uint64 alone on its cache line.
type Uint64 struct {
	atomic.Uint64
	_ [Size - 8]byte
}
