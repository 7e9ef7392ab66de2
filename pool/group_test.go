// Tests of Group (first error, cancellation mid-group, panics, closed pool,
// no allocation per task) and of Future.

package pool_test

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hoare-go/hoare/pool"
)

func TestGroupFirstErrorCancels(t *testing.T) {
	checkLeaks(t)
	p := newPool(t, pool.Options{Workers: 1, QueueSize: 256})
	defer p.Close()
	boom := errors.New("boom")
	release := make(chan struct{})
	g, ctx := p.Group(context.Background())
	var ran atomic.Int32
	started := make(chan struct{})
	g.Go(func() error { close(started); <-release; return boom }) // the one worker is busy with this
	<-started
	for range 100 {
		g.Go(func() error { ran.Add(1); return nil })
	}
	close(release)
	if err := g.Wait(); !errors.Is(err, boom) {
		t.Fatalf("Wait = %v; want boom", err)
	}
	if ctx.Err() == nil || !errors.Is(context.Cause(ctx), boom) {
		t.Errorf("group context not cancelled with boom: %v, %v", ctx.Err(), context.Cause(ctx))
	}
	if n := ran.Load(); n != 0 {
		t.Errorf("%d tasks ran after the group failed; queued tasks are skipped", n)
	}
	if m := p.Metrics(); m.Errors != 1 {
		t.Errorf("Metrics.Errors %d; want 1", m.Errors)
	}
}

func TestGroupParentCancelledMidway(t *testing.T) {
	checkLeaks(t)
	p := newPool(t, pool.Options{Workers: 2, QueueSize: 1024})
	defer p.Close()
	parent, cancel := context.WithCancel(context.Background())
	defer cancel()
	g, ctx := p.Group(parent)
	var ran atomic.Int32
	for i := range 500 {
		g.Go(func() error {
			if i == 10 {
				cancel()
			}
			select {
			case <-ctx.Done():
				return nil
			default:
			}
			ran.Add(1)
			time.Sleep(10 * time.Microsecond)
			return nil
		})
	}
	if err := g.Wait(); !errors.Is(err, context.Canceled) {
		t.Fatalf("Wait = %v; want context.Canceled", err)
	}
	if n := ran.Load(); n == 0 || n >= 500 {
		t.Errorf("%d of 500 tasks ran; want some, not all", n)
	}
}

func TestGroupAllSucceed(t *testing.T) {
	checkLeaks(t)
	p := newPool(t, pool.Options{})
	defer p.Close()
	g, _ := p.Group(context.Background())
	var n atomic.Int32
	for range 1000 {
		g.Go(func() error { n.Add(1); return nil })
	}
	if err := g.Wait(); err != nil || n.Load() != 1000 {
		t.Fatalf("Wait = %v with %d of 1000 run", err, n.Load())
	}
}

func TestGroupPanicIsError(t *testing.T) {
	checkLeaks(t)
	p := newPool(t, pool.Options{Workers: 2})
	defer p.Close()
	g, _ := p.Group(context.Background())
	g.Go(func() error { panic("group boom") })
	err := g.Wait()
	var pe *pool.PanicError
	if !errors.As(err, &pe) || pe.Value != "group boom" || len(pe.Stack) == 0 {
		t.Fatalf("Wait = %v; want a *PanicError with the value and a stack", err)
	}
}

// A Future or Group task that calls runtime.Goexit returns no result: its
// error is ErrGoexit. The Future completed as a success, (0, nil), and the
// Group's Wait returned nil (found by a review).
func TestGoexitIsAnError(t *testing.T) {
	p := newPool(t, pool.Options{Workers: 1})
	defer p.Close()
	f := pool.Go(p, func() (int, error) { runtime.Goexit(); return 1, nil })
	if v, err := f.Wait(); !errors.Is(err, pool.ErrGoexit) {
		t.Errorf("Future of a Goexit task: (%v, %v), want ErrGoexit", v, err)
	}
	g, _ := p.Group(context.Background())
	g.Go(func() error { runtime.Goexit(); return nil })
	if err := g.Wait(); !errors.Is(err, pool.ErrGoexit) {
		t.Errorf("Group.Wait after a Goexit task: %v, want ErrGoexit", err)
	}
	// Each ended its worker and is counted once, as a panic, by the worker's
	// exit, which follows the task's completion.
	m := p.Metrics()
	for deadline := time.Now().Add(5 * time.Second); m.Panics < 2 && time.Now().Before(deadline); m = p.Metrics() {
		time.Sleep(time.Millisecond)
	}
	if m.Panics != 2 || m.Errors != 0 {
		t.Errorf("Metrics after two Goexit tasks: Panics %d, Errors %d; want 2 and 0", m.Panics, m.Errors)
	}
}

// WaitContext returns a ready result even when its ctx is done too: a
// plain select chose at random between the two (found by a review).
func TestFutureWaitContextPrefersResult(t *testing.T) {
	p := newPool(t, pool.Options{Workers: 1})
	defer p.Close()
	f := pool.Go(p, func() (int, error) { return 7, nil })
	f.Wait()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for range 100 {
		if v, err := f.WaitContext(ctx); v != 7 || err != nil {
			t.Fatalf("WaitContext with the result ready and ctx done = (%d, %v), want (7, nil)", v, err)
		}
	}
}

func TestGroupOnClosedPool(t *testing.T) {
	p := newPool(t, pool.Options{Workers: 1})
	p.Close()
	g, _ := p.Group(context.Background())
	g.Go(func() error { t.Error("ran on a closed pool"); return nil })
	if err := g.Wait(); !errors.Is(err, pool.ErrClosed) {
		t.Fatalf("Wait = %v; want ErrClosed", err)
	}
	g2, _ := p.Group(context.Background())
	if g2.TryGo(func() error { return nil }) {
		t.Error("TryGo on a closed pool succeeded")
	}
	if err := g2.Wait(); !errors.Is(err, pool.ErrClosed) {
		t.Fatalf("Wait = %v; want ErrClosed", err)
	}
}

func TestFuture(t *testing.T) {
	checkLeaks(t)
	p := newPool(t, pool.Options{})
	futs := make([]*pool.Future[int], 100)
	for i := range futs {
		futs[i] = pool.Go(p, func() (int, error) { return i * i, nil })
	}
	for i, f := range futs {
		if v, err := f.Wait(); err != nil || v != i*i {
			t.Fatalf("future %d = %d, %v", i, v, err)
		}
	}
	bad := errors.New("bad")
	if _, err := pool.Go(p, func() (string, error) { return "", bad }).Wait(); !errors.Is(err, bad) {
		t.Errorf("error future = %v", err)
	}
	var pe *pool.PanicError
	if _, err := pool.Go(p, func() (int, error) { panic(bad) }).Wait(); !errors.As(err, &pe) || !errors.Is(err, bad) {
		t.Errorf("panicking future = %v; want a *PanicError wrapping bad", err)
	}
	block := make(chan struct{})
	f := pool.Go(p, func() (int, error) { <-block; return 1, nil })
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Millisecond)
	defer cancel()
	if _, err := f.WaitContext(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("WaitContext = %v; want DeadlineExceeded", err)
	}
	close(block)
	<-f.Done()
	p.Close()
	if _, err := pool.Go(p, func() (int, error) { return 0, nil }).Wait(); !errors.Is(err, pool.ErrClosed) {
		t.Errorf("future on a closed pool = %v; want ErrClosed", err)
	}
}

func TestGroupNilTask(t *testing.T) {
	p := newPool(t, pool.Options{Workers: 1})
	defer p.Close()
	g, _ := p.Group(context.Background())
	g.Go(nil)
	if err := g.Wait(); err == nil || !strings.Contains(err.Error(), "nil") {
		t.Fatalf("Wait after Go(nil) = %v; want an error saying the task is nil", err)
	}
}

// Group.Go queues the (group, function) pair itself: no allocation per task.
func TestGroupGoAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("allocations are counted without -race")
	}
	p := newPool(t, pool.Options{QueueSize: 1 << 16})
	defer p.Close()
	g, _ := p.Group(context.Background())
	f := func() error { return nil }
	if a := testing.AllocsPerRun(1000, func() { g.Go(f) }); a != 0 {
		t.Errorf("Group.Go allocates %v per call", a)
	}
	g.Wait()
}
