package alt_test

import (
	"sync"
	"testing"
	"time"

	"github.com/hoare-go/hoare/mpmc"
	alt "github.com/hoare-go/hoare/select"
)

func TestPriorityFirstReadyWins(t *testing.T) {
	a, b := mpmc.New[int](1), mpmc.New[string](1)
	for range 1000 {
		a.Send(1)
		b.Send("x")
		if i := alt.Priority(alt.Recv(a, nil), alt.Recv(b, nil)); i != 0 {
			t.Fatalf("Priority chose %d with both ready", i)
		}
		b.Recv()
	}
}

// One Selector run both ways: Fair's shuffles never leak into the order
// Priority polls in, and Fair stays fair between Priority runs. With a
// Default, a case made ready between runs is taken, not the Default.
func TestSelectorPriorityAfterFair(t *testing.T) {
	a, b, c := mpmc.New[int](1), mpmc.New[int](1), mpmc.New[int](1)
	s := alt.NewSelector(alt.Recv(a, nil), alt.Recv(b, nil), alt.Recv(c, nil), alt.Default(nil))
	var wins [4]int
	for i := range 3000 {
		a.TrySend(1)
		b.TrySend(1)
		c.TrySend(1)
		wins[s.Fair()]++
		if got := s.Priority(); got != 0 && a.Len() == 1 {
			t.Fatalf("round %d: Priority chose %d with case 0 ready", i, got)
		}
		for _, ch := range []*mpmc.Chan[int]{a, b, c} {
			ch.TryRecv()
		}
		if got := s.Fair(); got != 3 {
			t.Fatalf("round %d: Fair chose %d with nothing ready, want the Default", i, got)
		}
	}
	if wins[0] < 800 || wins[1] < 800 || wins[2] < 800 {
		t.Fatalf("Fair wins %v: not even", wins)
	}
}

func TestFairBoth(t *testing.T) {
	a, b := mpmc.New[int](1), mpmc.New[int](1)
	var wins [2]int
	for range 2000 {
		a.TrySend(1)
		b.TrySend(1)
		wins[alt.Fair(alt.Recv(a, nil), alt.Recv(b, nil))]++
	}
	if wins[0] < 800 || wins[1] < 800 {
		t.Fatalf("Fair wins %v: not even", wins)
	}
}

func TestBlockingStress(t *testing.T) {
	for _, capacity := range []int{0, 1, 16} {
		const P, N = 4, 2000
		chans := []*mpmc.Chan[int]{mpmc.New[int](capacity), mpmc.New[int](capacity)}
		var wg sync.WaitGroup
		for p := range P {
			wg.Go(func() {
				for i := range N {
					v := p*N + i
					alt.Fair(alt.Send(chans[0], v, nil), alt.Send(chans[1], v, nil))
				}
			})
		}
		seen := make([]bool, P*N)
		var mu sync.Mutex
		var rg sync.WaitGroup
		total := 0
		for range 3 {
			rg.Go(func() {
				for {
					var v int
					var ok bool
					alt.Priority(alt.Recv(chans[0], func(x int, o bool) { v, ok = x, o }),
						alt.Recv(chans[1], func(x int, o bool) { v, ok = x, o }))
					if !ok {
						return
					}
					mu.Lock()
					if seen[v] {
						t.Errorf("cap %d: %d twice", capacity, v)
					}
					seen[v] = true
					total++
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		// Drain then close: receivers exit on the first closed channel.
		for {
			mu.Lock()
			d := total
			mu.Unlock()
			if d == P*N {
				break
			}
			time.Sleep(time.Millisecond)
		}
		chans[0].Close()
		chans[1].Close()
		rg.Wait()
	}
}

func TestAfterAndDefault(t *testing.T) {
	c := mpmc.New[int](0)
	if i := alt.Priority(alt.Recv(c, nil), alt.Default(nil)); i != 1 {
		t.Fatalf("got %d, want default", i)
	}
	if i := alt.Priority(alt.Recv(c, nil), alt.After(5*time.Millisecond, nil)); i != 1 {
		t.Fatalf("got %d, want after", i)
	}
}

func TestSelectorZeroAlloc(t *testing.T) {
	c := mpmc.New[int](16)
	var v int
	s := alt.NewSelector(alt.SendFrom(c, &v, nil), alt.Recv(c, func(int, bool) {}))
	if n := testing.AllocsPerRun(1000, func() { v++; s.Priority(); s.Priority() }); n != 0 {
		t.Fatalf("%v allocs per run", n)
	}
}
