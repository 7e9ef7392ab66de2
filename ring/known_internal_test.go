package ring

// KnownEmpty and KnownFull against a model: whatever their hints hold, a
// true answer is the truth (empty, or full, and open); and right after a
// TryPop (TryPush) that found the ring empty (full), they answer true,
// which is what lets TryRecv and TrySend fail inline. The hints' words
// sit pad.Size bytes from the other side's.

import (
	"math/rand/v2"
	"testing"
	"unsafe"

	"github.com/hoare-go/hoare/internal/pad"
)

func TestKnownEmptyFull(t *testing.T) {
	for _, capacity := range []int{1, 2, 3, 4, 7, 8, 1024} {
		for _, spread := range []bool{false, true} {
			restore := ForceSpread(spread)
			r := NewMPMC[int](capacity)
			restore()
			rng := rand.New(rand.NewPCG(uint64(capacity), 1))
			n, closed := 0, false // the model: values held, and Close
			check := func(step int, what string) {
				t.Helper()
				if r.KnownEmpty() && (n != 0 || closed) {
					t.Fatalf("cap %d spread %v step %d (%s): KnownEmpty with %d values, closed %v", capacity, spread, step, what, n, closed)
				}
				if r.KnownFull() && (n != capacity || closed) {
					t.Fatalf("cap %d spread %v step %d (%s): KnownFull with %d values, closed %v", capacity, spread, step, what, n, closed)
				}
			}
			for step := range 20000 {
				var what string
				switch op := rng.IntN(100); {
				case op < 45:
					what = "push"
					if ok := r.TryPush(step); ok != (n < capacity && !closed) {
						t.Fatalf("cap %d step %d: TryPush = %v with %d values, closed %v", capacity, step, ok, n, closed)
					} else if ok {
						n++
					} else if !closed && !r.KnownFull() {
						t.Fatalf("cap %d spread %v step %d: a push found the ring full, then KnownFull = false", capacity, spread, step)
					}
				case op < 90:
					what = "pop"
					if _, ok := r.TryPop(); ok != (n > 0) {
						t.Fatalf("cap %d step %d: TryPop = %v with %d values", capacity, step, ok, n)
					} else if ok {
						n--
					} else if !closed && !r.KnownEmpty() {
						t.Fatalf("cap %d spread %v step %d: a pop found the ring empty, then KnownEmpty = false", capacity, spread, step)
					}
				case op < 99 || step < 15000:
					// Wrong hints, most of them ones that pass the looks'
					// first test, so that the answers come from head and
					// tail alone: they must stay true ones.
					what = "wrong hints"
					head, tail := r.head.Load(), r.tail.Load()
					near := []uint64{head, tail, tail &^ r.mark, tail | r.mark, head + r.oneLap, tail - r.oneLap, rng.Uint64()}
					r.emptyAt.Store(near[rng.IntN(len(near))])
					r.fullAt.Store(near[rng.IntN(len(near))])
				default: // near the end only: a closed ring drains
					what = "close"
					if !closed {
						r.Close()
						closed = true
					}
				}
				check(step, what)
				if closed && n == 0 {
					break
				}
			}
		}
	}
}

// Each end's words (head and emptyAt, tail and fullAt) are at least
// pad.Size bytes from the other end's and from the read-mostly fields
// after them, whatever the ring's address.
func TestKnownHintsLayout(t *testing.T) {
	var r MPMC[int]
	for _, gap := range []struct {
		what     string
		from, to uintptr
	}{
		{"head to tail", unsafe.Offsetof(r.head), unsafe.Offsetof(r.tail)},
		{"emptyAt to tail", unsafe.Offsetof(r.emptyAt), unsafe.Offsetof(r.tail)},
		{"fullAt to slots", unsafe.Offsetof(r.fullAt), unsafe.Offsetof(r.slots)},
	} {
		if gap.to-gap.from < pad.Size {
			t.Errorf("%s: %d bytes, want at least %d", gap.what, gap.to-gap.from, pad.Size)
		}
	}
}
