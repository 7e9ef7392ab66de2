package alt_test

// A Selector's plan is read once in NewSelector; Fair shuffles its own
// permutation of the plan's order in place, and quiet answers a Fair
// Selector with a Default over channel cases alone. These tests hold both
// to a native select's rules.

import (
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/hoare-go/hoare/mpmc"
	alt "github.com/hoare-go/hoare/select"
)

// Without a Default, Fair runs and Priority runs of one Selector
// interleave: Priority always chooses the first case when every case is
// ready, however Fair shuffled before it, and Fair still spreads its wins.
func TestSelectorPriorityAfterFairNoDefault(t *testing.T) {
	defer noLeak(t)()
	chans := []*mpmc.Chan[int]{mpmc.New[int](2), mpmc.New[int](2), mpmc.New[int](2), mpmc.New[int](2)}
	cases := make([]alt.Case, len(chans))
	for i, c := range chans {
		cases[i] = alt.Recv(c, nil)
	}
	s := alt.NewSelector(cases...)
	var wins [4]int
	for trial := range 4000 {
		for _, c := range chans {
			for c.Len() < 2 {
				c.TrySend(trial)
			}
		}
		wins[s.Fair()]++
		for _, c := range chans {
			for c.Len() < 2 {
				c.TrySend(trial)
			}
		}
		if i := s.Priority(); i != 0 {
			t.Fatalf("trial %d: Priority chose %d with every case ready", trial, i)
		}
	}
	for i, w := range wins {
		if w < 700 {
			t.Fatalf("Fair wins %v: case %d starved", wins, i)
		}
	}
}

// A Fair Selector with a Default over channel cases (the quiet path) takes
// a case that is ready because its channel is closed: buffered or not,
// empty or drained, and never the Default.
func TestQuietClosedRecv(t *testing.T) {
	defer noLeak(t)()
	for _, capacity := range []int{0, 1, 4} {
		idle := mpmc.New[int](capacity)
		closed := mpmc.New[int](capacity)
		closed.Close()
		gotOK := true
		s := alt.NewSelector(alt.Recv(idle, nil), alt.Recv(closed, func(_ int, ok bool) { gotOK = ok }), alt.Default(func() { t.Error("default ran") }))
		for trial := range 100 {
			if i := s.Fair(); i != 1 || gotOK {
				t.Fatalf("cap %d, trial %d: Fair chose %d (ok %v), want the closed channel's receive", capacity, trial, i, gotOK)
			}
			if i := s.Priority(); i != 1 {
				t.Fatalf("cap %d, trial %d: Priority chose %d, want the closed channel's receive", capacity, trial, i)
			}
		}
	}
}

// A send case on a closed channel is ready, to panic, in the quiet path too.
func TestQuietClosedSendPanics(t *testing.T) {
	defer noLeak(t)()
	for _, capacity := range []int{0, 1} {
		idle := mpmc.New[int](1)
		idle.Send(1) // full: its send case is not ready
		closed := mpmc.New[int](capacity)
		closed.Close()
		s := alt.NewSelector(alt.Send(idle, 2, nil), alt.Send(closed, 1, nil), alt.Default(nil))
		msg, panicked := panicOf(func() { s.Fair() })
		if !panicked || !strings.Contains(msg, "closed") {
			t.Fatalf("cap %d: Fair with a send on a closed channel: panicked %v, %q", capacity, panicked, msg)
		}
	}
}

// Send cases on full channels and receive cases on empty ones are not
// ready: the quiet path chooses the Default. A send on an unbuffered
// channel with a parked receiver is ready: it is taken, not the Default.
func TestQuietFullAndUnbuffered(t *testing.T) {
	defer noLeak(t)()
	full := mpmc.New[int](2)
	full.Send(1)
	full.Send(2)
	empty := mpmc.New[int](3)
	s := alt.NewSelector(alt.Send(full, 3, nil), alt.Recv(empty, nil), alt.Default(nil))
	for range 100 {
		if i := s.Fair(); i != 2 {
			t.Fatalf("nothing ready: Fair chose %d", i)
		}
	}
	if full.Len() != 2 || empty.Len() != 0 {
		t.Fatalf("a Default run moved values: %d, %d", full.Len(), empty.Len())
	}
	synctest.Test(t, func(t *testing.T) {
		u := mpmc.New[int](0)
		idle := mpmc.New[int](0)
		s := alt.NewSelector(alt.Recv(idle, nil), alt.Send(u, 7, nil), alt.Default(nil))
		if i := s.Fair(); i != 2 {
			t.Fatalf("no receiver: Fair chose %d, want the Default", i)
		}
		got := make(chan int, 1)
		go func() { v, _ := u.Recv(); got <- v }()
		synctest.Wait()
		if i := s.Fair(); i != 1 {
			t.Fatalf("a receiver is parked: Fair chose %d, want the send", i)
		}
		if v := <-got; v != 7 {
			t.Fatalf("receiver got %d", v)
		}
		go func() { idle.Send(9) }()
		synctest.Wait()
		if i := s.Fair(); i != 0 {
			t.Fatalf("a sender is parked: Fair chose %d, want the receive", i)
		}
	})
}

// Selectors with no channel case: only a Default (and nil-channel cases)
// choose the Default, both ways, run after run.
func TestSelectorNoChannelCases(t *testing.T) {
	defer noLeak(t)()
	var nilc *mpmc.Chan[int]
	for name, cases := range map[string][]alt.Case{
		"default":            {alt.Default(nil)},
		"nil cases, default": {alt.Recv(nilc, nil), alt.Default(nil), alt.Send(nilc, 1, nil)},
		"zero case, default": {{}, alt.Default(nil)},
	} {
		def := -1
		for i := range cases {
			if i == 1 || name == "default" {
				def = i
				break
			}
		}
		s := alt.NewSelector(cases...)
		for range 10 {
			if i := s.Fair(); i != def {
				t.Fatalf("%s: Fair chose %d, want %d", name, i, def)
			}
			if i := s.Priority(); i != def {
				t.Fatalf("%s: Priority chose %d, want %d", name, i, def)
			}
		}
	}
	// A Selector over no cases at all, with an After: the After fires.
	synctest.Test(t, func(t *testing.T) {
		s := alt.NewSelector(alt.After(time.Second, nil))
		if i := s.Fair(); i != 0 {
			t.Fatalf("After only: chose %d", i)
		}
	})
}

// Two Defaults: a Selector panics, naming package alt, as a plain call does
// (now at NewSelector rather than at its first run).
func TestSelectorTwoDefaults(t *testing.T) {
	idle := mpmc.New[int](1)
	msg, panicked := panicOf(func() { alt.NewSelector(alt.Default(nil), alt.Recv(idle, nil), alt.Default(nil)).Fair() })
	if !panicked || !strings.Contains(msg, "alt") {
		t.Fatalf("two Defaults: panicked %v, %q", panicked, msg)
	}
}

// The quiet path keeps "nothing ready at one instant": two tokens go
// round two cap-2 channels a and b, moved by a mover that empties one
// channel into the other, token by token, and then the other way; the
// selector puts back at once what it receives. At every instant while the
// selector runs, the channels hold at least one token (two, less at most
// one in the mover's hand), so a Fair Selector (or plain Fair) with a
// Default over Recv(a), idle receives and Recv(b) must never choose the
// Default. The idle cases widen the window between the looks at a and b.
func TestQuietLinearizable(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("needs two Ps")
	}
	defer noLeak(t)()
	defer watchdog(t, 60*time.Second)()
	for _, selector := range []bool{true, false} {
		a, b := mpmc.New[int](2), mpmc.New[int](2)
		a.Send(1)
		b.Send(2)
		var stop atomic.Bool
		var wg sync.WaitGroup
		wg.Go(func() {
			from, to := a, b
			for !stop.Load() {
				v, err := from.TryRecv()
				if err != nil { // from is empty: go the other way
					from, to = to, from
					continue
				}
				for to.TrySend(v) != nil && from.TrySend(v) != nil {
					runtime.Gosched()
				}
			}
		})
		var held int
		took := func(v int, ok bool) { held = v }
		cases := []alt.Case{alt.Recv(a, took)}
		for range 6 {
			cases = append(cases, alt.Recv(mpmc.New[int](1), nil))
		}
		cases = append(cases, alt.Recv(b, took), alt.Default(nil))
		def := len(cases) - 1
		s := alt.NewSelector(cases...)
		rounds := 100000
		if testing.Short() {
			rounds = 50000
		}
		defaults := 0
		for range rounds {
			var i int
			if selector {
				i = s.Fair()
			} else {
				i = alt.Fair(cases...)
			}
			if i == def {
				defaults++
				continue
			}
			for a.TrySend(held) != nil && b.TrySend(held) != nil {
				runtime.Gosched()
			}
		}
		stop.Store(true)
		wg.Wait()
		if defaults != 0 {
			t.Errorf("selector %v: the Default was chosen %d times of %d with a token always in a channel", selector, defaults, rounds)
		}
	}
}
