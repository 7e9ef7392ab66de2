// pubsub: core.async's pub and sub, values routed to subscribers by topic.
//
// Source: clojure.core.async/pub, sub, unsub, unsub-all. core.async makes,
// for each topic, a channel buffered by buf-fn and a mult over it; here each
// topic is a fanout (fanout.go) with that buffer, which is the same thing
// without the goroutine: the Pub's one goroutine hands a value to its
// topic's fanout, waiting only while that topic's buffer is full, and the
// fanout delivers it to the topic's subscribers.
//
// Invariants:
//   - Every value is offered to the subscribers of its topic only, each
//     topic's values in the order the Pub took them; topics do not wait for
//     one another beyond a full buffer.
//   - A value whose topic has no fanout (never subscribed, or unsubscribed
//     with UnsubAll) is dropped; one whose topic has a fanout with no
//     subscribers is dropped by the fanout.
//   - With a ctx that can be done, the Pub takes one value at a time, so
//     that it holds none when ctx ends; with one that cannot, it takes
//     runs (routeRuns). A run's first pass hands each topic of one
//     subscriber its values at once, and never waits; its second pass
//     routes the rest in the run's order, and may wait, but only once
//     every value ahead of the one it waits with is routed. The Pub holds
//     no fanout (fanout.putRun) past the end of a run or while it waits.
//   - view is an immutable copy of topics, replaced under mu, read by the
//     Pub's goroutine without a lock.
package flow

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/hoare-go/hoare/mpmc"
)

// A Pub routes each value of a source channel to the subscribers of its
// topic. Make one with NewPub; subscribe with Sub.
type Pub[T any, K comparable] struct {
	topic  func(T) K
	buf    func(K) int
	mu     sync.Mutex
	topics map[K]*fanout[T]                 // guarded by mu
	view   atomic.Pointer[map[K]*fanout[T]] // snapshot of topics for the Pub's goroutine
	done   bool                             // the source closed or ctx is done (guarded by mu)
	ctxErr bool                             // it was ctx (guarded by mu)
}

// NewPub starts taking values from in and routing each to the subscribers
// of topic(v). buf gives each topic's buffer when its first subscriber
// comes (nil: 0, unbuffered): a topic whose subscribers lag holds up to
// that many values before the Pub waits for it, and while it waits no
// other topic gets a value. Each subscriber of a topic accepts a value
// before the topic offers the next, as a Mult's taps do. topic runs on the
// Pub's goroutine, buf in Sub, on its caller's.
//
// When ctx can never be done, the Pub takes values in runs (what in holds
// at the moment, up to 64), as Pipe does: while it waits for a topic, it
// may hold the rest of such a run, where core.async's pub holds one value.
// A topic with one subscriber gets its values of a run together, before
// the Pub routes the rest of the run value by value: a value may so reach
// its topic ahead of a value of another topic taken before it in the same
// run, even one the Pub then waits with. Each topic's values keep their
// order. (A run costs one reservation and one wake-up of in's senders
// instead of one per value, and one send and one wake-up per topic:
// FlowPubSub ~18%, then ~9% faster, with 14% less CPU.)
//
// Who closes what: when in is closed and drained, the Pub closes the
// subscriptions made with close == true, once each has accepted its
// topic's values; when ctx is done it closes them at once. It never closes
// in.
func NewPub[T any, K comparable](ctx context.Context, in *mpmc.Chan[T], topic func(T) K, buf func(K) int) *Pub[T, K] {
	mustChan("NewPub", "in", in)
	mustFunc("NewPub", "topic", topic == nil)
	p := &Pub[T, K]{topic: topic, buf: buf, topics: map[K]*fanout[T]{}}
	p.view.Store(&map[K]*fanout[T]{})
	go func() {
		if ctx.Done() == nil {
			p.routeRuns(in)
		} else {
			for {
				v, err := recvCtx(ctx, in)
				if err != nil || !p.route(ctx, v) {
					break
				}
			}
		}
		p.mu.Lock()
		p.done, p.ctxErr = true, ctx.Err() != nil
		for _, f := range p.topics {
			f.stop(true, p.ctxErr)
		}
		p.mu.Unlock()
	}()
	return p
}

// route hands v to its topic's fanout, or drops it when its topic has
// none. It reports false when ctx is done.
func (p *Pub[T, K]) route(ctx context.Context, v T) bool {
	f := (*p.view.Load())[p.topic(v)]
	if f == nil {
		return true // nobody subscribed to the topic: dropped
	}
	err := f.put(ctx, v)
	return err == nil || err == errStopped // errStopped: the topic was dropped meanwhile
}

// routeRuns routes every value of in, taking them in runs (routeRun): for
// a ctx that is never done, as relayRuns.
func (p *Pub[T, K]) routeRuns(in *mpmc.Chan[T]) {
	var r pubRun[T, K]
	for {
		n := in.RecvMany(r.vals[:])
		if n == 0 {
			return
		}
		p.routeRun(&r, n)
	}
}

// pubRun is routeRuns' scratch space for one run.
type pubRun[T any, K comparable] struct {
	vals  [runLen]T
	keys  [runLen]K    // each value's topic
	sent  [runLen]bool // routed by the first pass
	seen  [runLen]bool // grouped by the first pass
	group [runLen]T
	held  [2 * runLen]*fanout[T] // the fanouts this run may hold, listed once per hold: one per topic in the first pass, one per value in the second
}

// routeRun routes r.vals[:n] in two passes. The first gives each topic with
// one subscriber the run's values of that topic with one TrySendMany, as
// many as it takes now; it never waits. The second routes what is left
// value by value, in the run's order, and may wait: by then every value
// ahead of the one it waits with has been routed, so a topic is never held
// up by a value that came after one it waits for. Each topic's fanout is
// looked up when its values are routed, as route does, so that a Sub or an
// Unsub made meanwhile (by a callback the Pub runs, or while it waits)
// applies to every value routed after it. Within the run, a topic whose
// subscribers take each value at once stays held (fanout.putRun) until the
// run ends, or until the Pub must wait.
func (p *Pub[T, K]) routeRun(r *pubRun[T, K], n int) {
	for i, v := range r.vals[:n] {
		r.keys[i] = p.topic(v)
		r.sent[i], r.seen[i] = false, false
	}
	h := 0
	for i := range n {
		if r.seen[i] {
			continue
		}
		k, m := r.keys[i], 0
		for j := i; j < n; j++ {
			if r.keys[j] == k {
				r.group[m], m = r.vals[j], m+1
				r.seen[j] = true
			}
		}
		f := (*p.view.Load())[k]
		if f == nil {
			continue // the second pass drops them, unless a Sub comes first
		}
		wasHeld := f.held
		sent := f.putRunMany(r.group[:m])
		if f.held && !wasHeld {
			r.held[h], h = f, h+1
		}
		for j := i; sent > 0; j++ {
			if r.keys[j] == k {
				r.sent[j], sent = true, sent-1
			}
		}
	}
	clear(r.group[:])
	ctx := context.Background()
	for i, v := range r.vals[:n] {
		if r.sent[i] {
			continue
		}
		f := (*p.view.Load())[r.keys[i]]
		if f == nil {
			continue // nobody subscribed to the topic: dropped
		}
		wasHeld := f.held
		if f.putRun(v) {
			if f.held && !wasHeld {
				r.held[h], h = f, h+1
			}
			continue
		}
		h = releaseAll(r.held[:h]) // put may wait: hold nothing meanwhile
		f.put(ctx, v)              // nil, or errStopped: the topic was dropped meanwhile
	}
	releaseAll(r.held[:h])
	clear(r.vals[:n])
	clear(r.keys[:n])
}

// releaseAll releases every fanout of held and returns 0, the new count.
func releaseAll[T any](held []*fanout[T]) int {
	for i, f := range held {
		f.release()
		held[i] = nil
	}
	return 0
}

// Sub subscribes ch to topic and returns ch: from the next value the topic
// delivers, ch gets each, including values the Pub routed to the topic
// before and the topic still holds in its buffer (as a core.async tap of
// the topic's mult sees what the mult has not yet taken). With close true the Pub closes ch when
// the source closes, once the topic has delivered the values it took
// before (ch gets those it still holds in its buffer, as a core.async tap
// added to a mult whose channel is closed but not drained), and at once if
// that is over already. Sub panics if ch is nil, or if buf returns for a
// new topic a size below 0 or above 1<<40 (half the largest int where int
// has 32 bits).
func (p *Pub[T, K]) Sub(topic K, ch *mpmc.Chan[T], close bool) *mpmc.Chan[T] {
	mustChan("Pub.Sub", "ch", ch)
	p.mu.Lock()
	defer p.mu.Unlock()
	f := p.topics[topic]
	if f == nil {
		n := 0
		if p.buf != nil {
			n = p.buf(topic)
		}
		if n < 0 || n > maxSize {
			panic(fmt.Sprintf("flow: Pub buffer for topic %v is %d: must be at least 0 and at most %d", topic, n, maxSize))
		}
		f = newFanout[T](n)
		if p.done {
			f.stop(true, true) // the source has closed: a new subscription is closed at once
		}
		p.topics[topic] = f
		p.publishLocked()
	}
	f.add(ch, close)
	return ch
}

// Unsub removes ch from topic's subscribers, without closing it. As with
// Mult.Untap, a value offered to ch before the call must still be accepted
// by it (received, or ch closed) before the topic offers the next.
func (p *Pub[T, K]) Unsub(topic K, ch *mpmc.Chan[T]) {
	p.mu.Lock()
	f := p.topics[topic]
	p.mu.Unlock()
	if f != nil {
		f.remove(ch, nil)
	}
}

// UnsubAll removes every subscription of every topic, closing none. Values
// a topic had buffered are still delivered to its former subscribers.
func (p *Pub[T, K]) UnsubAll() {
	p.mu.Lock()
	for k, f := range p.topics {
		f.stop(false, false)
		delete(p.topics, k)
	}
	p.publishLocked()
	p.mu.Unlock()
}

// UnsubTopic removes every subscription of topic, closing none (core.async's
// unsub-all with a topic).
func (p *Pub[T, K]) UnsubTopic(topic K) {
	p.mu.Lock()
	if f := p.topics[topic]; f != nil {
		f.stop(false, false)
		delete(p.topics, topic)
		p.publishLocked()
	}
	p.mu.Unlock()
}

// publishLocked replaces the goroutine's snapshot of topics. Called with mu
// held.
func (p *Pub[T, K]) publishLocked() {
	m := make(map[K]*fanout[T], len(p.topics))
	for k, f := range p.topics {
		m[k] = f
	}
	p.view.Store(&m) // release: the Pub's goroutine loads it without mu
}
