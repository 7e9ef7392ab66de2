// group: errgroup's Group, running its tasks on a Pool.
//
// Source: golang.org/x/sync/errgroup (WithContext, Go, Wait: the first error
// cancels the context and is the one Wait returns).
//
// Invariants:
//   - wg counts tasks accepted by Go and not yet finished or skipped.
//   - err is set once (under once), before cancel; Wait reads it after
//     wg.Wait, which the setter's wg.Done synchronizes before.

package pool

import (
	"context"
	"runtime/debug"
	"sync"
)

// Group is a set of tasks run on a Pool, like errgroup.Group: the first
// task to fail cancels the group's context, and Wait returns that error.
// Unlike errgroup, a task that has not started when the context is done is
// skipped, so one failure does not leave a queue of doomed work to run.
// Panics in tasks become *PanicError results, and a runtime.Goexit
// ErrGoexit (where errgroup reports nothing). Go allocates nothing per
// task: the pool queues the (group, function) pair itself. Make one with
// Pool.Group; a Group must not be reused after Wait.
type Group struct {
	p      *Pool
	ctx    context.Context
	done   <-chan struct{} // ctx.Done(), fetched once
	cancel context.CancelCauseFunc
	wg     sync.WaitGroup
	once   sync.Once
	err    error // the first error; set under once
}

// Group returns a new task group on p and its context, derived from ctx and
// cancelled when a task fails or Wait returns.
func (p *Pool) Group(ctx context.Context) (*Group, context.Context) {
	ctx, cancel := context.WithCancelCause(ctx)
	return &Group{p: p, ctx: ctx, done: ctx.Done(), cancel: cancel}, ctx
}

// Go runs f on the pool. It blocks while the queues are full; if the pool is
// closed the group fails with ErrClosed and f never runs.
func (g *Group) Go(f func() error) {
	if f == nil {
		g.fail(errNilTask)
		return
	}
	g.wg.Add(1)
	if err := g.p.submitJob(job{efn: f, g: g}, true); err != nil {
		g.fail(err)
		g.wg.Done()
	}
}

// TryGo is Go without blocking: it reports false, and does not run f, when
// the queues are full (or the pool is closed, which also fails the group).
func (g *Group) TryGo(f func() error) bool {
	if f == nil {
		g.fail(errNilTask)
		return false
	}
	g.wg.Add(1)
	err := g.p.submitJob(job{efn: f, g: g}, false)
	if err != nil {
		if err != ErrWouldBlock {
			g.fail(err)
		}
		g.wg.Done()
	}
	return err == nil
}

// run runs the group task f on a worker: skip it if the group is done,
// catch its panic, record its error. The pool queues (g, f) as a job, so Go
// allocates nothing per task.
func (g *Group) run(f func() error) {
	defer g.wg.Done()
	select {
	case <-g.done: // a non-blocking receive on an open channel takes no lock; ctx.Err() would
		g.fail(context.Cause(g.ctx)) // no-op if a task's error came first
		return
	default:
	}
	if err := g.call(f); err != nil {
		g.p.errs.Add(1) // Metrics.Errors
		g.fail(err)
	}
}

// call runs f, turning a panic into a *PanicError. A runtime.Goexit in f
// it records here as ErrGoexit: the Goexit unwinds on, past run's check.
func (g *Group) call(f func() error) (err error) {
	returned := false
	defer func() {
		if r := recover(); r != nil {
			err = &PanicError{Value: r, Stack: debug.Stack()}
		} else if !returned {
			g.fail(ErrGoexit) // counted in Metrics.Panics, as the worker it ends
		}
	}()
	err = f()
	returned = true
	return err
}

// fail records err as the group's error if it is the first, and cancels.
func (g *Group) fail(err error) {
	g.once.Do(func() {
		g.err = err
		g.cancel(err)
	})
}

// Wait blocks until every task given to Go has finished or been skipped,
// cancels the context, and returns the first error (nil if none): a task's
// error, ErrClosed, or the cause of the parent context if tasks were skipped
// because it was cancelled.
func (g *Group) Wait() error {
	g.wg.Wait()
	g.cancel(context.Canceled)
	return g.err
}
