// Tests that every workload moves and checks exactly n messages on every built-in
// implementation, that a lost value fails the run, and that no goroutine outlives a
// workload.

package workload

import (
	"runtime"
	"strings"
	"testing"
	"time"
)

func settleGoroutines(t *testing.T, before int) {
	t.Helper()
	for i := 0; i < 200; i++ {
		if runtime.NumGoroutine() <= before {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("goroutine leak: %d goroutines, %d before", runtime.NumGoroutine(), before)
}

func bodies(im Impl) map[string]Body {
	return map[string]Body{
		"spsc/cap=1024": ProdCons(im, 1024, 1, 1),
		"spsc/cap=1":    ProdCons(im, 1, 1, 1),
		"spsc/cap=0":    ProdCons(im, 0, 1, 1),
		"mpsc/4x1":      ProdCons(im, 64, 4, 1),
		"mpmc/4x4/cap0": ProdCons(im, 0, 4, 4),
		"mpmc/16x16":    ProdCons(im, 64, 16, 16),
		"batch":         Batch(im, 1024, 64),
		"batch/odd":     Batch(im, 7, 3),
		"pingpong":      PingPong(im),
		"pipeline":      Pipeline(im, 4, 1),
		"trysend":       TrySendFull(im, 16),
		"tryrecv":       TryRecvEmpty(im, 16),
		"sendrecv":      SendRecv(im, 1024),
	}
}

func TestWorkloads(t *testing.T) {
	for _, im := range []Impl{Native, Hoare} {
		for name, body := range bodies(im) {
			t.Run(im.Name+"/"+name, func(t *testing.T) {
				before := runtime.NumGoroutine()
				// Several n per body: a body must be reusable (a benchmark calls its
				// function anew for each b.N, but a body should not depend on that).
				for _, n := range []int{1, 2, 1000, 4099} {
					if err := body(n); err != nil {
						t.Fatalf("n=%d: %v", n, err)
					}
				}
				settleGoroutines(t, before)
			})
		}
	}
}

func TestShareCoversRange(t *testing.T) {
	for _, n := range []int{0, 1, 5, 16, 17, 1001} {
		for _, parts := range []int{1, 3, 4, 16} {
			next := 0
			for i := range parts {
				from, cnt := Share(i, parts, n)
				if from != next || cnt < 0 {
					t.Fatalf("Share(%d, %d, %d) = %d, %d; want from %d", i, parts, n, from, cnt, next)
				}
				next = from + cnt
			}
			if next != n {
				t.Fatalf("share over %d parts of %d covers [0, %d)", parts, n, next)
			}
		}
	}
}

// lossy drops the first value it receives: the sum check must catch it.
type lossy struct{ nativeChan }

func (l lossy) RecvN(n int) int {
	if n == 0 {
		return 0
	}
	<-l.nativeChan
	return l.nativeChan.RecvN(n - 1) // the dropped value never reaches the sum
}

func TestLostValueFails(t *testing.T) {
	bad := Impl{Name: "lossy", New: func(c int) Chan { return lossy{make(chan int, c)} }}
	err := ProdCons(bad, 8, 2, 1)(100)
	if err == nil {
		t.Fatal("a workload on a channel that drops a value reported no error")
	}
	for _, want := range []string{"workload:", "impl=lossy", "lost or duplicated"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
}

// bottomless accepts every send: TrySendFull can never fill it.
type bottomless struct{ nativeChan }

func (bottomless) TrySendN(n int) int { return n }

func TestTrySendFullRejectsBottomless(t *testing.T) {
	defer func() {
		r := recover()
		if r == nil || !strings.Contains(r.(string), "workload: TrySendFull impl=bottomless") {
			t.Fatalf("recovered %v, want a panic naming the workload and impl", r)
		}
	}()
	TrySendFull(Impl{Name: "bottomless", New: func(c int) Chan { return bottomless{make(chan int, c)} }}, 4)
}

func TestBadConfigPanics(t *testing.T) {
	for name, f := range map[string]func(){
		"ProdCons needs at least one producer": func() { ProdCons(Native, 1, 0, 1) },
		"Batch needs batch >= 1, got 0":        func() { Batch(Native, 1, 0) },
		"Pipeline needs stages >= 1, got 0":    func() { Pipeline(Native, 0, 1) },
		"SendRecv needs a buffered channel":    func() { SendRecv(Native, 0) },
	} {
		func() {
			defer func() {
				if r := recover(); r == nil || !strings.Contains(r.(string), name) {
					t.Errorf("recovered %v, want a panic containing %q", r, name)
				}
			}()
			f()
		}()
	}
}

func TestCPUNanosAdvances(t *testing.T) {
	c0 := CPUNanos()
	for end := time.Now().Add(30 * time.Millisecond); time.Now().Before(end); {
	}
	if d := CPUNanos() - c0; d <= 0 && runtime.GOOS == "linux" {
		t.Fatalf("CPUNanos advanced by %d ns over 30ms of busy work", d)
	}
}
