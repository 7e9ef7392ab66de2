package release

import (
	"runtime"
	"sync/atomic"
	"testing"
	"unsafe"
)

// TestLayout pins what the assembly path assumes: an atomic.Uint64 is
// exactly its word.
func TestLayout(t *testing.T) {
	var x atomic.Uint64
	if s := unsafe.Sizeof(x); s != 8 {
		t.Fatalf("unsafe.Sizeof(atomic.Uint64{}) = %d, want 8", s)
	}
	for _, v := range []uint64{0, 1, 1 << 32, ^uint64(0)} {
		Store(&x, v)
		if got := x.Load(); got != v {
			t.Fatalf("after Store(%#x), Load = %#x", v, got)
		}
	}
	var y struct {
		a, b atomic.Uint32 // b's neighbour must not be touched
		c    atomic.Int32
	}
	if s := unsafe.Sizeof(y.a); s != 4 {
		t.Fatalf("unsafe.Sizeof(atomic.Uint32{}) = %d, want 4", s)
	}
	for _, v := range []uint32{1, 1 << 31, ^uint32(0), 0} {
		Store32(&y.b, v)
		StoreInt32(&y.c, int32(v))
		if got, cgot := y.b.Load(), y.c.Load(); got != v || cgot != int32(v) || y.a.Load() != 0 {
			t.Fatalf("after Store32(%#x): %#x, StoreInt32: %#x, neighbour %#x", v, got, cgot, y.a.Load())
		}
	}
}

// TestMessagePassing is the litmus test a release store exists for: a
// consumer that sees the flag must see the data written before it. The
// cells go round a ring: the producer fills a cell whose flag is 0 and
// publishes it with Store; the consumer checks the data and gives the cell
// back by storing 0. A reordering would show as stale data.
func TestMessagePassing(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("needs two Ps to run the two sides at once")
	}
	rounds := 200000
	if testing.Short() {
		rounds = 20000
	}
	type cell struct {
		data uint64 // plain: published by flag
		flag atomic.Uint64
		_    [48]byte
	}
	cells := make([]cell, 16)
	go func() {
		for r := 1; r <= rounds; r++ {
			c := &cells[r%len(cells)]
			for c.flag.Load() != 0 {
				runtime.Gosched()
			}
			c.data = uint64(r)
			Store(&c.flag, uint64(r))
		}
	}()
	for r := 1; r <= rounds; r++ {
		c := &cells[r%len(cells)]
		for c.flag.Load() != uint64(r) {
			runtime.Gosched()
		}
		if d := c.data; d != uint64(r) {
			t.Fatalf("round %d: saw the flag but data %d", r, d)
		}
		c.data = 0
		c.flag.Store(0) // give the cell back
	}
}
