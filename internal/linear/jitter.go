// Jitter: making the goroutines of a small history actually overlap.
//
// A goroutine runs 40 ring operations in about a microsecond, less than it
// takes the scheduler to start the next goroutine; left alone, a "concurrent"
// history comes out sequential and checks nothing. So the goroutines meet at
// a spinning start line, and between operations each spins a random few
// hundred nanoseconds and now and then yields, which on two cores gives
// histories where most operations overlap one of another goroutine.
//
// Invariants:
//   - Start returns in every goroutine only once all n have arrived.
//   - Jitter only delays; it never changes what an operation does.
package linear

import (
	"math/rand/v2"
	"runtime"
	"sync/atomic"
)

// StartLine lets n goroutines start a history together.
type StartLine struct {
	arrived atomic.Int32 // goroutines at the line; they go when it reaches n
	n       int32
}

// NewStartLine returns a start line for n goroutines.
func NewStartLine(n int) *StartLine { return &StartLine{n: int32(n)} }

// Wait arrives at the line and spins (yielding) until all n have arrived.
func (s *StartLine) Wait() {
	s.arrived.Add(1)             // announce ourselves; the last arrival releases everyone
	for s.arrived.Load() < s.n { // read-only spin until everybody is here
		runtime.Gosched()
	}
}

// sink keeps Jitter's spin from being optimised away.
var sink atomic.Uint64

// Jitter delays the caller a random short while: usually a busy spin of up to
// a few hundred nanoseconds, sometimes a yield.
func Jitter(rng *rand.Rand) {
	switch k := rng.IntN(32); {
	case k == 0:
		runtime.Gosched()
	case k < 16:
		x := uint64(0)
		for i := range rng.IntN(40) {
			x += uint64(i)
		}
		if x == 1 { // never: keeps the loop
			sink.Store(x) // a store nobody reads, only to keep the loop alive
		}
	}
}
