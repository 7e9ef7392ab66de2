package ring_test

// Fuzzing the rings against a slice: the fuzzer's bytes are decoded into a
// capacity and a sequence of operations (TryPush, TryPop, PushMany, PopMany,
// Len, Close), run on one goroutine on the ring and on a slice-backed model,
// and every result is compared. `go test` runs the committed seed corpus
// (testdata/fuzz/FuzzXxx); `go test -run '^$' -fuzz FuzzMPMC ./ring`
// searches for more.

import (
	"fmt"
	"slices"
	"testing"

	"github.com/hoare-go/hoare/ring"
)

// fuzzRing is what both rings offer; closer is MPMC's extra.
type fuzzRing interface {
	TryPush(int) bool
	TryPop() (int, bool)
	PushMany([]int) int
	PopMany([]int) int
	Len() int
	Cap() int
}

type closer interface {
	Close() bool
	Closed() bool
}

// ringSeeds are the hand-written seeds, beside the files in testdata/fuzz.
var ringSeeds = [][]byte{
	{0, 0, 0, 1, 1, 1},                   // cap 1: push, push (full), pop, pop (empty)
	{2, 0, 0, 0, 0, 2, 9, 3, 9, 4},       // cap 3: fill, batch past full, batch pop
	{6, 0, 0, 5, 0, 1, 1, 1, 2, 3, 3, 2}, // close with values in: drain, pushes fail
	{15, 2, 40, 3, 7, 2, 12, 3, 40, 4, 1},
}

// runRing decodes data into operations on r and checks each against the model.
func runRing(t *testing.T, r fuzzRing, data []byte) {
	capacity := r.Cap()
	var model []int
	closed := false
	next := 0
	for i := 0; i < len(data); i++ {
		op := data[i] % 6
		arg := 0
		if i+1 < len(data) && (op == 2 || op == 3) {
			i++
			arg = int(data[i]) % (capacity + 3)
		}
		where := fmt.Sprintf("cap %d, op %d (%d)", capacity, i, op)
		switch op {
		case 0:
			ok := r.TryPush(next)
			if want := !closed && len(model) < capacity; ok != want {
				t.Fatalf("%s: TryPush(%d) = %v, want %v (model %v, closed %v)", where, next, ok, want, model, closed)
			}
			if ok {
				model = append(model, next)
			}
			next++
		case 1:
			v, ok := r.TryPop()
			if want := len(model) > 0; ok != want || ok && v != model[0] {
				t.Fatalf("%s: TryPop = %d, %v, want ok %v (model %v)", where, v, ok, want, model)
			}
			if ok {
				model = model[1:]
			}
		case 2:
			vs := make([]int, arg)
			for j := range vs {
				vs[j] = next + j
			}
			next += arg
			n := r.PushMany(vs)
			want := min(arg, capacity-len(model))
			if closed {
				want = 0
			}
			if n != want {
				t.Fatalf("%s: PushMany(%d values) = %d, want %d (model %v, closed %v)", where, arg, n, want, model, closed)
			}
			model = append(model, vs[:n]...)
		case 3:
			buf := make([]int, arg)
			n := r.PopMany(buf)
			if want := min(arg, len(model)); n != want || !slices.Equal(buf[:n], model[:n]) {
				t.Fatalf("%s: PopMany(%d) = %v, want %v", where, arg, buf[:n], model[:want])
			}
			model = model[n:]
			if slices.ContainsFunc(buf[n:], func(v int) bool { return v != 0 }) {
				t.Fatalf("%s: PopMany wrote past the %d values it returned: %v", where, n, buf)
			}
		case 4:
			if n := r.Len(); n != len(model) {
				t.Fatalf("%s: Len() = %d, want %d", where, n, len(model))
			}
		case 5:
			c, ok := r.(closer)
			if !ok {
				continue
			}
			if got := c.Close(); got == closed {
				t.Fatalf("%s: Close() = %v, want %v", where, got, !closed)
			}
			closed = true
			if !c.Closed() {
				t.Fatalf("%s: Closed() = false after Close", where)
			}
		}
	}
	for len(model) > 0 { // drain: everything pushed and not popped is still there, in order
		v, ok := r.TryPop()
		if !ok || v != model[0] {
			t.Fatalf("cap %d: drain: TryPop = %d, %v, want %d", capacity, v, ok, model[0])
		}
		model = model[1:]
	}
	if v, ok := r.TryPop(); ok {
		t.Fatalf("cap %d: drain: TryPop = %d after the model was empty", capacity, v)
	}
}

// FuzzMPMC: data[0] chooses the capacity (1..64), the rest the operations.
func FuzzMPMC(f *testing.F) {
	for _, s := range ringSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		runRing(t, ring.NewMPMC[int](1+int(data[0])%64), data[1:])
	})
}

// FuzzSPSC: the same on the single-producer ring (no Close; its capacity may
// be rounded up, and the model uses Cap()).
func FuzzSPSC(f *testing.F) {
	for _, s := range ringSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		runRing(t, ring.NewSPSC[int](1+int(data[0])%64), data[1:])
	})
}
