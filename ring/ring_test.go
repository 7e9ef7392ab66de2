package ring_test

import (
	"slices"
	"testing"

	"github.com/hoare-go/hoare/ring"
)

// queue is what both rings offer; the tests below run against each.
type queue interface {
	TryPush(int) bool
	TryPop() (int, bool)
	PushMany([]int) int
	PopMany([]int) int
	Len() int
	Cap() int
}

func rings(capacity int) map[string]queue {
	return map[string]queue{
		"mpmc": ring.NewMPMC[int](capacity),
		"spsc": ring.NewSPSC[int](capacity),
	}
}

// TestSequentialModel drives each ring with a deterministic mix of single
// and batch operations and compares every result with a slice-backed model.
func TestSequentialModel(t *testing.T) {
	for _, capacity := range []int{1, 2, 3, 5, 8, 100} {
		for name, q := range rings(capacity) {
			c := q.Cap()
			if name == "mpmc" && c != capacity {
				t.Fatalf("%s: Cap() = %d, want %d", name, c, capacity)
			}
			if c < capacity {
				t.Fatalf("%s: Cap() = %d < %d", name, c, capacity)
			}
			var model []int
			next, seed := 0, uint32(capacity)
			for step := range 5000 {
				seed = seed*1664525 + 1013904223
				switch (seed >> 24) % 4 {
				case 0:
					ok := q.TryPush(next)
					if want := len(model) < c; ok != want {
						t.Fatalf("%s cap %d step %d: TryPush = %v, want %v", name, capacity, step, ok, want)
					}
					if ok {
						model = append(model, next)
					}
					next++
				case 1:
					v, ok := q.TryPop()
					if want := len(model) > 0; ok != want {
						t.Fatalf("%s cap %d step %d: TryPop ok = %v, want %v", name, capacity, step, ok, want)
					}
					if ok {
						if v != model[0] {
							t.Fatalf("%s cap %d step %d: TryPop = %d, want %d", name, capacity, step, v, model[0])
						}
						model = model[1:]
					}
				case 2:
					vs := make([]int, int(seed>>8)%(c+2))
					for i := range vs {
						vs[i] = next + i
					}
					n := q.PushMany(vs)
					if want := min(len(vs), c-len(model)); n != want {
						t.Fatalf("%s cap %d step %d: PushMany(%d) = %d, want %d", name, capacity, step, len(vs), n, want)
					}
					model = append(model, vs[:n]...)
					next += len(vs)
				case 3:
					buf := make([]int, int(seed>>8)%(c+2))
					n := q.PopMany(buf)
					if want := min(len(buf), len(model)); n != want {
						t.Fatalf("%s cap %d step %d: PopMany(%d) = %d, want %d", name, capacity, step, len(buf), n, want)
					}
					if !slices.Equal(buf[:n], model[:n]) {
						t.Fatalf("%s cap %d step %d: PopMany = %v, want %v", name, capacity, step, buf[:n], model[:n])
					}
					model = model[n:]
				}
				if q.Len() != len(model) {
					t.Fatalf("%s cap %d step %d: Len() = %d, want %d", name, capacity, step, q.Len(), len(model))
				}
			}
		}
	}
}

func TestMPMCClose(t *testing.T) {
	r := ring.NewMPMC[int](4)
	r.TryPush(1)
	if !r.Close() || r.Close() {
		t.Fatal("Close: want true then false")
	}
	if !r.Closed() || r.TryPush(2) || r.PushMany([]int{3}) != 0 {
		t.Fatal("push after Close succeeded")
	}
	if v, ok := r.TryPop(); !ok || v != 1 {
		t.Fatalf("TryPop after Close = %d, %v; want 1, true", v, ok)
	}
	if _, ok := r.TryPop(); ok {
		t.Fatal("TryPop on drained closed ring succeeded")
	}
}

func TestZeroAllocs(t *testing.T) {
	for name, q := range rings(64) {
		buf := make([]int, 8)
		if n := testing.AllocsPerRun(1000, func() {
			q.TryPush(1)
			q.TryPop()
			q.PushMany(buf)
			q.PopMany(buf)
		}); n != 0 {
			t.Errorf("%s: %v allocations per run, want 0", name, n)
		}
	}
}

// TestMPMCFullEmpty checks the two-load checks Full and Empty (and the
// versions read with them) against Len at every fill level, and that a
// closed ring is neither (its callers must then look at Closed).
func TestMPMCFullEmpty(t *testing.T) {
	for _, capacity := range []int{1, 3, 4, 7} {
		r := ring.NewMPMC[int](capacity)
		for lap := range 3 { // across laps: positions wrap through the mark
			for n := range capacity + 1 {
				if got, want := r.Empty(), n == 0; got != want {
					t.Fatalf("cap %d lap %d len %d: Empty = %v, want %v", capacity, lap, n, got, want)
				}
				if got, want := r.Full(), n == capacity; got != want {
					t.Fatalf("cap %d lap %d len %d: Full = %v, want %v", capacity, lap, n, got, want)
				}
				ev, empty := r.EmptyVersion()
				fv, full := r.FullVersion()
				if empty != r.Empty() || full != r.Full() || ev != r.PushVersion() || fv != r.Version() {
					t.Fatalf("cap %d lap %d len %d: EmptyVersion = %d, %v and FullVersion = %d, %v disagree with Empty, Full, PushVersion %d, Version %d",
						capacity, lap, n, ev, empty, fv, full, r.PushVersion(), r.Version())
				}
				if n < capacity && !r.TryPush(n) {
					t.Fatalf("cap %d lap %d: push %d failed", capacity, lap, n)
				}
			}
			pv := r.PushVersion()
			for range capacity {
				r.TryPop()
			}
			if r.PushVersion() != pv {
				t.Fatalf("cap %d lap %d: pops moved PushVersion from %d to %d", capacity, lap, pv, r.PushVersion())
			}
		}
		pv := r.PushVersion()
		r.Close()
		if r.PushVersion() == pv {
			t.Fatalf("cap %d: Close left PushVersion at %d", capacity, pv)
		}
		if r.Empty() || r.Full() {
			t.Fatalf("cap %d: closed empty ring: Empty %v, Full %v, want both false", capacity, r.Empty(), r.Full())
		}
		r = ring.NewMPMC[int](capacity)
		for i := range capacity {
			r.TryPush(i)
		}
		r.Close()
		if r.Empty() || r.Full() {
			t.Fatalf("cap %d: closed full ring: Empty %v, Full %v, want both false", capacity, r.Empty(), r.Full())
		}
	}
}
