package release

import (
	"runtime"
	"sync/atomic"
	"testing"
	"unsafe"
)

// TestStoreSeqStrides checks StoreSeq at the strides the ring uses
// (slot sizes 8 to 136 bytes), with large and wrapping values, and that it
// writes neither before the first word nor after the last, nor between
// them; a count of 0 or less stores nothing.
func TestStoreSeqStrides(t *testing.T) {
	for _, words := range []int{1, 2, 3, 9, 17} { // stride = 8*words
		stride := uintptr(8 * words)
		for _, n := range []int{-1, 0, 1, 2, 3, 64, 1025} {
			for _, v := range []uint64{0, 1 << 40, ^uint64(0) - 1} {
				mem := make([]atomic.Uint64, (max(n, 0)+2)*words)
				p := &mem[words]
				StoreSeq(p, stride, n, v)
				for w := range mem {
					want := uint64(0)
					if w%words == 0 && w >= words && w < (n+1)*words {
						want = v + uint64(w/words-1)
					}
					if got := mem[w].Load(); got != want {
						t.Fatalf("stride %d, n %d, v %#x: word %d = %#x, want %#x", stride, n, v, w, got, want)
					}
				}
			}
		}
	}
}

// TestStoreSeqOrder is the message-passing litmus test for a run: the
// writer fills a run's data words with plain stores and then publishes the
// run with StoreSeq. A reader that sees the stamp of the LAST cell must see
// every earlier cell's stamp (stamps in address order) and every cell's data
// (values before stamps).
func TestStoreSeqOrder(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("needs two Ps")
	}
	rounds := 20000
	if testing.Short() {
		rounds = 4000
	}
	const n = 8
	type cell struct {
		stamp atomic.Uint64
		data  uint64 // plain: published by stamp
	}
	cells := make([]cell, n)
	var ack atomic.Uint64
	go func() {
		for r := 1; r <= rounds; r++ {
			for ack.Load() != uint64(r-1) {
				runtime.Gosched()
			}
			base := uint64(r) * n
			for i := range cells {
				cells[i].data = base + uint64(i)
			}
			StoreSeq(&cells[0].stamp, unsafe.Sizeof(cells[0]), n, base)
		}
	}()
	for r := 1; r <= rounds; r++ {
		base := uint64(r) * n
		for cells[n-1].stamp.Load() != base+n-1 {
			runtime.Gosched()
		}
		for i := range cells {
			if s := cells[i].stamp.Load(); s != base+uint64(i) {
				t.Fatalf("round %d: last stamp seen but cell %d's is %d, want %d", r, i, s, base+uint64(i))
			}
			if d := cells[i].data; d != base+uint64(i) {
				t.Fatalf("round %d: cell %d data %d, want %d", r, i, d, base+uint64(i))
			}
		}
		ack.Store(uint64(r))
	}
}
