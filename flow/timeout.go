// timeout: core.async's timeout, a channel that closes after a duration,
// shared with the other timeouts due within the same few milliseconds.
//
// Source: clojure.core.async/timeout and clojure.core.async.impl.timers.
// core.async keeps its timeout channels in a skip list by deadline and, for
// a deadline t, hands out the channel with the smallest deadline >= t if
// that deadline is < t + TIMEOUT_RESOLUTION_MS (10 ms); else it makes a new
// one. Here the list is a slice sorted by deadline, searched by bisection,
// and each channel is closed by one time.AfterFunc: many timeouts due
// within one window cost one timer and one channel.
//
// Invariants:
//   - timers.list is sorted by deadline, deadlines distinct; an entry is
//     removed, under the lock, by the timer that closes its channel.
//   - A Timeout(d) channel closes no earlier than d after the call, and at
//     most resolution later (plus the timer's own lateness).
//   - Nobody but its timer closes or sends on a timeout channel.
//   - Only timeouts made on a clock with a monotonic reading are shared.
//     A testing/synctest bubble's fake clock has none, and each bubble has
//     its own clock and timers, so timeouts made in a bubble are never
//     shared (with other bubbles or with the real clock).
package flow

import (
	"cmp"
	"slices"
	"sync"
	"time"

	"github.com/hoare-go/hoare/mpmc"
)

// resolution is the window within which timeouts share a channel:
// core.async's TIMEOUT_RESOLUTION_MS.
const resolution = 10 * time.Millisecond

var timers struct {
	sync.Mutex
	list []timer // sorted by deadline
}

type timer struct {
	deadline int64 // monotonic nanoseconds since epoch (see since)
	ch       *mpmc.Chan[struct{}]
}

// epoch anchors deadlines to the monotonic clock.
var epoch = time.Now()

// Timeout returns a channel that is closed (and carries no value) once d
// has passed, within about 10ms more: a timeout whose deadline is up to
// 10ms before that of an existing one shares its channel, as in core.async.
// A d <= 0 gives a channel already closed.
//
// Who closes what: Timeout closes the channel; the caller must neither
// close it nor send on it, since it may be shared.
func Timeout(d time.Duration) *mpmc.Chan[struct{}] {
	if d <= 0 {
		c := mpmc.New[struct{}](0)
		c.Close()
		return c
	}
	now := time.Now()
	if now == now.Round(0) { // no monotonic reading: a testing/synctest bubble's fake clock
		return unshared(d)
	}
	deadline := int64(now.Sub(epoch) + d)
	timers.Lock()
	defer timers.Unlock()
	i, _ := slices.BinarySearchFunc(timers.list, deadline, func(t timer, d int64) int {
		return cmp.Compare(t.deadline, d)
	})
	if i < len(timers.list) && timers.list[i].deadline < deadline+int64(resolution) {
		return timers.list[i].ch // the ceiling entry is within the window
	}
	c := mpmc.New[struct{}](0)
	timers.list = slices.Insert(timers.list, i, timer{deadline, c})
	time.AfterFunc(d, func() {
		timers.Lock()
		j, found := slices.BinarySearchFunc(timers.list, deadline, func(t timer, d int64) int {
			return cmp.Compare(t.deadline, d)
		})
		if found {
			timers.list = slices.Delete(timers.list, j, j+1)
		}
		timers.Unlock()
		c.Close()
	})
	return c
}

// unshared returns a channel of its own that closes once d has passed.
// Timeouts made inside a testing/synctest bubble take it: their channel and
// timer belong to the bubble, and the bubbles' fake clocks all start at the
// same instant, so a channel shared by deadline would be shared between
// bubbles, and one bubble would wait on another's timer.
func unshared(d time.Duration) *mpmc.Chan[struct{}] {
	c := mpmc.New[struct{}](0)
	time.AfterFunc(d, c.Close)
	return c
}

// pendingTimers returns the number of timeout channels not yet closed (for
// tests).
func pendingTimers() int {
	timers.Lock()
	defer timers.Unlock()
	return len(timers.list)
}
