package ring

// The batch walk (count, put, take, run, advance): every stamp is checked
// against the position it should hold after every operation, in both
// layouts, at capacities around lap ends.

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
)

var reviewCaps = []int{1, 2, 3, 4, 5, 7, 8, 9, 63, 1000, 1023, 1024, 1025, 1500, 2048}

// checkStamps checks every slot's stamp against head and tail: the positions
// in [head, tail) hold a value (stamp pos+1), the others are free for the
// position that will next reach them (stamp pos).
func checkStamps[T comparable](t *testing.T, r *MPMC[T], where string, zero T) {
	t.Helper()
	head, tail := r.head.Load(), r.tail.Load()&^r.mark
	// Walk the positions from head on for one lap.
	pos := head
	for range r.cap {
		s := r.slot(pos)
		full := pos != tail && lapLess(r, pos, tail)
		want := pos
		if full {
			want = pos + 1
		}
		if got := s.stamp.Load(); got != want {
			t.Fatalf("%s: position %#x (index %d): stamp %#x, want %#x (head %#x, tail %#x)", where, pos, pos&(r.mark-1), got, want, head, tail)
		}
		if !full && s.val != zero {
			t.Fatalf("%s: free slot at index %d still holds %v", where, pos&(r.mark-1), s.val)
		}
		pos = r.next(pos)
	}
}

// lapLess reports a < b for positions at most one lap apart.
func lapLess[T any](r *MPMC[T], a, b uint64) bool {
	la, lb := a/r.oneLap, b/r.oneLap
	if la != lb {
		return la < lb
	}
	return a&(r.mark-1) < b&(r.mark-1)
}

// TestBatchModel runs random single and batch operations, with batch
// sizes from 0 to 2*cap+2 and so across lap ends, on one goroutine against a
// slice, in both layouts, and checks every stamp after every operation.
func TestBatchModel(t *testing.T) {
	for _, spread := range []bool{false, true} {
		for _, c := range reviewCaps {
			t.Run(fmt.Sprintf("spread=%v/cap=%d", spread, c), func(t *testing.T) {
				defer ForceSpread(spread)()
				r := NewMPMC[int](c)
				rng := rand.New(rand.NewPCG(uint64(c), 7))
				var model []int
				next := 1
				ops := 400
				if c >= 1000 {
					ops = 120
				}
				for op := range ops {
					where := fmt.Sprintf("op %d", op)
					switch rng.IntN(4) {
					case 0: // batch push
						n := rng.IntN(2*c + 3)
						vs := make([]int, n)
						for i := range vs {
							vs[i] = next + i
						}
						got := r.PushMany(vs)
						want := min(n, c-len(model))
						if got != want {
							t.Fatalf("%s: PushMany(%d) = %d, want %d (len %d)", where, n, got, want, len(model))
						}
						model = append(model, vs[:got]...)
						next += n
					case 1: // batch pop
						n := rng.IntN(2*c + 3)
						buf := make([]int, n)
						got := r.PopMany(buf)
						want := min(n, len(model))
						if got != want {
							t.Fatalf("%s: PopMany(%d) = %d, want %d", where, n, got, want)
						}
						for i := range got {
							if buf[i] != model[i] {
								t.Fatalf("%s: PopMany value %d = %d, want %d", where, i, buf[i], model[i])
							}
						}
						model = model[got:]
					case 2:
						ok := r.TryPush(next)
						if ok != (len(model) < c) {
							t.Fatalf("%s: TryPush = %v with len %d", where, ok, len(model))
						}
						if ok {
							model = append(model, next)
						}
						next++
					case 3:
						v, ok := r.TryPop()
						if ok != (len(model) > 0) || ok && v != model[0] {
							t.Fatalf("%s: TryPop = %d, %v; model %v", where, v, ok, model)
						}
						if ok {
							model = model[1:]
						}
					}
					if r.Len() != len(model) {
						t.Fatalf("%s: Len %d, model %d", where, r.Len(), len(model))
					}
					checkStamps(t, r, where, 0)
				}
			})
		}
	}
}

// TestBatchExactLapEnd pushes and pops batches that start at every
// index and end exactly at the end of the lap, one short of it, one past it,
// and that are larger than the capacity, then closes the ring: a batch after
// Close appends nothing, and the drain returns everything in order.
func TestBatchExactLapEnd(t *testing.T) {
	for _, spread := range []bool{false, true} {
		for _, c := range []int{1, 2, 3, 5, 8, 1024, 1025} {
			t.Run(fmt.Sprintf("spread=%v/cap=%d", spread, c), func(t *testing.T) {
				defer ForceSpread(spread)()
				starts := []int{0, 1, c / 2, c - 2, c - 1}
				for _, start := range starts {
					if start < 0 {
						continue
					}
					for _, extra := range []int{-1, 0, 1, c, c + 1} {
						r := NewMPMC[int](c)
						// Move head and tail to index start, on lap 0 or 1.
						for range start + c {
							r.TryPush(-1)
							r.TryPop()
						}
						n := c - (start+c)%c + extra // reach the lap end, then extra
						if n <= 0 {
							continue
						}
						vs := make([]int, n)
						for i := range vs {
							vs[i] = i + 1
						}
						got := r.PushMany(vs)
						if want := min(n, c); got != want {
							t.Fatalf("start %d, n %d: PushMany = %d, want %d", start, n, got, want)
						}
						checkStamps(t, r, fmt.Sprintf("start %d, n %d, after push", start, n), 0)
						r.Close()
						if r.PushMany(vs) != 0 || r.TryPush(1) {
							t.Fatalf("start %d: pushed after Close", start)
						}
						buf := make([]int, n+c)
						m := r.PopMany(buf)
						if m != got {
							t.Fatalf("start %d, n %d: PopMany = %d, want %d", start, n, m, got)
						}
						for i := range m {
							if buf[i] != i+1 {
								t.Fatalf("start %d, n %d: value %d = %d", start, n, i, buf[i])
							}
						}
						if r.PopMany(buf) != 0 || r.Len() != 0 {
							t.Fatalf("start %d: not empty after drain", start)
						}
					}
				}
			})
		}
	}
}

// TestBatchConcurrent runs 2 producers and 2 consumers with batch sizes
// up to twice the capacity, so that batches cross lap ends all the time, in
// both layouts and with values that carry a pointer (what a torn hand-off
// would show): every value is popped once, each producer's in order.
func TestBatchConcurrent(t *testing.T) {
	type msg struct {
		p, i int
		chk  *int // points at i's copy: the hand-off must publish it too
	}
	for _, spread := range []bool{false, true} {
		for _, c := range []int{1, 2, 3, 5, 1024, 1025} {
			t.Run(fmt.Sprintf("spread=%v/cap=%d", spread, c), func(t *testing.T) {
				restore := ForceSpread(spread)
				r := NewMPMC[msg](c)
				restore()
				const P, C = 2, 2
				each := 20000
				if testing.Short() {
					each = 4000
				}
				var remaining atomic.Int64
				remaining.Store(P * int64(each))
				var wg sync.WaitGroup
				for p := range P {
					wg.Go(func() {
						rng := rand.New(rand.NewPCG(uint64(p), 1))
						for i := 0; i < each; {
							n := min(1+rng.IntN(2*c+1), each-i)
							vs := make([]msg, n)
							for j := range vs {
								x := i + j
								vs[j] = msg{p, x, &x}
							}
							for off := 0; off < n; {
								k := r.PushMany(vs[off:])
								if k == 0 {
									runtime.Gosched()
								}
								off += k
							}
							i += n
						}
					})
				}
				outs := make([][]msg, C)
				for ci := range C {
					wg.Go(func() {
						rng := rand.New(rand.NewPCG(uint64(ci), 2))
						for remaining.Load() > 0 {
							buf := make([]msg, 1+rng.IntN(2*c+1))
							n := r.PopMany(buf)
							if n == 0 {
								runtime.Gosched()
								continue
							}
							outs[ci] = append(outs[ci], buf[:n]...)
							remaining.Add(-int64(n))
						}
					})
				}
				wg.Wait()
				seen := make([][]bool, P)
				for p := range seen {
					seen[p] = make([]bool, each)
				}
				for ci, out := range outs {
					last := []int{-1, -1}
					for _, m := range out {
						if m.chk == nil || *m.chk != m.i {
							t.Fatalf("consumer %d: torn value %+v", ci, m)
						}
						if seen[m.p][m.i] {
							t.Fatalf("value %d/%d popped twice", m.p, m.i)
						}
						seen[m.p][m.i] = true
						if m.i <= last[m.p] {
							t.Fatalf("consumer %d: producer %d's %d after %d", ci, m.p, m.i, last[m.p])
						}
						last[m.p] = m.i
					}
				}
				for p := range seen {
					for i, ok := range seen[p] {
						if !ok {
							t.Fatalf("value %d/%d lost", p, i)
						}
					}
				}
			})
		}
	}
}
