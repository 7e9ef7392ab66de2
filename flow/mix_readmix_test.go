// An input unmixed and admixed again keeps its values' order (mix.go's
// addLocked). Found by a review: a second goroutine for the input could
// send its first value before the old one sent its last.

package flow

import (
	"context"
	"runtime"
	"testing"

	"github.com/hoare-go/hoare/internal/chantest"
	"github.com/hoare-go/hoare/mpmc"
)

// An input is unmixed and admixed again as fast as the test can, while its
// values flow to out: they reach out in the order they were sent, as in
// core.async, where one go block takes and puts each value before the
// next. It failed in most runs of 40 rounds before the fix, so the race
// detector's slower build, which runs fewer, guards the algorithm less
// than the plain one.
func TestMixReadmixKeepsOrder(t *testing.T) {
	noLeaks(t)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(8)) // more Ps than CPUs: preemption inside the window
	rounds := 40
	if chantest.RaceEnabled {
		rounds = 4
	}
	for round := range rounds {
		ctx, cancel := context.WithCancel(context.Background())
		const n = 20000
		in := mpmc.New[int](n)
		for i := range n {
			in.Send(i)
		}
		in.Close()
		out := mpmc.New[int](n)
		m := NewMix(ctx, out)
		m.Admix(in)
		for out.Len() < n-100 {
			m.Unmix(in)
			m.Admix(in)
		}
		last := -1
		for out.Len() > 0 || m.Len() > 0 {
			v, err := out.RecvContext(testCtx(t))
			if err != nil {
				t.Fatal(err)
			}
			if v < last {
				cancel()
				t.Fatalf("round %d: value %d reached out after %d", round, v, last)
			}
			last = v
		}
		cancel()
	}
}
