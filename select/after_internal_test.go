// After's deadline, tested from inside the package: a fake channel case
// drives the engine through the retry path that real channels reach only
// in a rare race, so that the test is deterministic (synctest's fake time).
package alt

import (
	"testing"
	"testing/synctest"
	"time"

	"github.com/hoare-go/hoare/internal/park"
)

// retrier is a channel case that is never ready and wakes its select every
// 10 minutes of fake time with a buffer's "retry" (Finish reports false),
// for its first wakes registrations: the rare race in which a woken select
// finds the value or room taken by another goroutine, made certain.
type retrier struct{ wakes int }

func (r *retrier) Poll(val, fn any) bool               { return false }
func (r *retrier) Version() uint64                     { return 0 }
func (r *retrier) Peek() (uint64, bool)                { return 0, false }
func (r *retrier) Waiter() *park.Waiter                { return new(park.Waiter) }
func (r *retrier) Return(w *park.Waiter)               {}
func (r *retrier) Finish(_ any, _ bool, _, _ any) bool { return false }

func (r *retrier) Register(w *park.Waiter, idx int, val any) (any, bool) {
	if r.wakes > 0 {
		r.wakes--
		go func() {
			time.Sleep(10 * time.Minute)
			if w.TrySelect(idx) {
				w.Wake()
			}
		}()
	}
	return nil, false
}

// After's d counts from when the select first waits, not from each retry:
// a select woken every 10 minutes to retry (12 times) must still take its
// After(1h) at 1h of fake time; a timer restarted on each retry would fire
// at 3h, 1h after the last retry.
func TestAfterNotRestartedByRetries(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		for _, selector := range []bool{false, true} { // a plain call's timer, and a Selector's
			start := time.Now()
			cases := []Case{{kind: sendCase, op: &retrier{wakes: 12}}, After(time.Hour, nil)}
			var k *keep
			p := makePlan(cases, nil)
			if selector {
				k = &keep{w: new(park.Waiter), plan: p}
			}
			if i := run(cases, false, newScratch(len(cases)), k, p.order, p.def, p.after, p.done, false); i != 1 {
				t.Fatalf("chose %d, want After", i)
			}
			if d := time.Since(start); d != time.Hour {
				t.Fatalf("keep %v: After(1h) fired after %v of fake time", k != nil, d)
			}
			time.Sleep(time.Hour) // the retriers' goroutines end
		}
	})
}
