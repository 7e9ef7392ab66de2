package ring

import (
	"fmt"
	"testing"
	"unsafe"

	"github.com/hoare-go/hoare/internal/cpuvendor"
	"github.com/hoare-go/hoare/internal/pad"
)

// The layout maps every index of every ring to its own slot, inside the
// slice; a spread ring puts neighbouring indexes a pad.Size block apart.
// Both layouts are checked whatever this machine's vendor.
func TestLayout(t *testing.T) {
	caps := []int{1, 2, 3, 63, 64, spreadMin - 1, spreadMin, spreadMin + 1, 4097}
	for _, on := range []bool{true, false} {
		defer ForceSpread(on)()
		t.Run(fmt.Sprintf("spread=%v", on), func(t *testing.T) {
			t.Run("T=struct{}", func(t *testing.T) { checkLayout[struct{}](t, on, caps) })
			t.Run("T=int", func(t *testing.T) { checkLayout[int](t, on, caps) })
			t.Run("T=[3]int", func(t *testing.T) { checkLayout[[3]int](t, on, caps) })
			t.Run("T=[7]int", func(t *testing.T) { checkLayout[[7]int](t, on, caps) })
			t.Run("T=[16]int", func(t *testing.T) { checkLayout[[16]int](t, on, caps) })
		})
	}
}

func checkLayout[T any](t *testing.T, on bool, caps []int) {
	size := unsafe.Sizeof(slot[T]{})
	for _, c := range caps {
		t.Run(fmt.Sprintf("cap=%d", c), func(t *testing.T) {
			r := NewMPMC[T](c)
			if len(r.slots) < c || len(r.slots) > c+int(r.kMask) {
				t.Fatalf("%d slots for capacity %d (k = %d)", len(r.slots), c, r.kMask+1)
			}
			spread := on && c >= spreadMin && size <= pad.Size/2
			if got := r.kMask != 0; got != spread {
				t.Fatalf("spread = %v for capacity %d and %d-byte slots, want %v", got, c, size, spread)
			}
			seen := make(map[*slot[T]]uint64, c)
			var prev uintptr
			for i := range uint64(c) {
				s := r.slot(i)
				if j, dup := seen[s]; dup {
					t.Fatalf("indexes %d and %d share a slot", j, i)
				}
				seen[s] = i
				addr := uintptr(unsafe.Pointer(s))
				if spread && i > 0 && i%(r.kMask+1) != 0 && addr-prev < pad.Size {
					t.Fatalf("indexes %d and %d are %d bytes apart, want at least %d", i-1, i, addr-prev, pad.Size)
				}
				prev = addr
				// The next lap's position of the index has the same slot.
				if r.slot(i+r.oneLap) != s {
					t.Fatalf("index %d: a lap later, another slot", i)
				}
			}
		})
	}
}

// Rings spread their slots on AMD only: the vendor the measurements found
// spread faster on (see the file comment).
func TestSpreadOnAMDOnly(t *testing.T) {
	if got, want := spreadOn(), cpuvendor.Get() == cpuvendor.AMD; got != want {
		t.Fatalf("spreadOn() = %v on vendor %q, want %v", got, cpuvendor.Get(), want)
	}
}
