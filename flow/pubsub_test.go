package flow

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hoare-go/hoare/mpmc"
)

func kind(v any) string {
	if _, ok := v.(string); ok {
		return "string"
	}
	return "int"
}

// core.async async_test.clj, ops-tests "pub-sub": two subscribers per topic, topics by
// type; each gets its topic's values in order and is closed with the source.
func TestPubSub(t *testing.T) {
	noLeaks(t)
	aInts, aStrs, bInts, bStrs := mpmc.New[any](5), mpmc.New[any](5), mpmc.New[any](5), mpmc.New[any](5)
	src := mpmc.New[any](0)
	p := NewPub(context.Background(), src, kind, nil)
	p.Sub("string", aStrs, true)
	p.Sub("string", bStrs, true)
	p.Sub("int", aInts, true)
	p.Sub("int", bInts, true)
	Pipe(context.Background(), FromSlice([]any{1, "a", 2, "b", 3, "c"}), src, true)
	eq(t, "a-ints", drain(t, aInts), []any{1, 2, 3})
	eq(t, "b-ints", drain(t, bInts), []any{1, 2, 3})
	eq(t, "a-strs", drain(t, aStrs), []any{"a", "b", "c"})
	eq(t, "b-strs", drain(t, bStrs), []any{"a", "b", "c"})
}

// core.async pub docstring: "Items received when there are no matching subs get
// dropped"; and the buf-fn gives a topic a buffer, so a lagging topic holds up to
// that many values before the Pub waits for it (and with none, waits at once).
func TestPubTopicBuffer(t *testing.T) {
	for _, tc := range []struct {
		buf          int
		bGetsThrough bool
	}{{0, false}, {2, true}} {
		t.Run("", func(t *testing.T) {
			noLeaks(t)
			src := mpmc.New[string](0)
			p := NewPub(context.Background(), src, func(s string) byte { return s[0] },
				func(byte) int { return tc.buf })
			a := p.Sub('a', mpmc.New[string](0), true) // nobody reads yet
			b := p.Sub('b', mpmc.New[string](4), true)
			src.Send("c1") // no subscribers: dropped
			src.Send("a1") // taken for delivery to a
			go func() {
				for _, v := range []string{"a2", "a3", "b1"} {
					src.Send(v)
				}
				src.Close()
			}()
			if got := !blocked(b, 30*time.Millisecond); got != tc.bGetsThrough {
				t.Fatalf("buf %d: b got a value past a lagging a: %v, want %v", tc.buf, got, tc.bGetsThrough)
			}
			eq(t, "a", drain(t, a), []string{"a1", "a2", "a3"})
			got := drain(t, b)
			if tc.bGetsThrough {
				got = append([]string{"b1"}, got...)
			}
			eq(t, "b", got, []string{"b1"})
		})
	}
}

// Unsub removes one subscription; UnsubTopic and UnsubAll drop topics, so their
// values are dropped until someone subscribes again. None closes a channel.
func TestPubUnsub(t *testing.T) {
	noLeaks(t)
	src := mpmc.New[int](0)
	p := NewPub(context.Background(), src, func(v int) int { return v % 2 }, nil)
	e1, e2, o := mpmc.New[int](8), mpmc.New[int](8), mpmc.New[int](8)
	p.Sub(0, e1, true)
	p.Sub(0, e2, true)
	p.Sub(1, o, true)
	src.Send(0)
	if v, _ := recv(t, e2); v != 0 {
		t.Fatalf("e2 got %d", v)
	}
	p.Unsub(0, e2)
	src.Send(2)
	p.UnsubTopic(1)
	src.Send(3) // dropped
	p.UnsubAll()
	src.Send(4) // dropped
	src.Send(5) // taken only once the Pub is done with 4
	e3 := p.Sub(0, mpmc.New[int](8), true)
	src.Send(6)
	src.Close()
	eq(t, "e3", drain(t, e3), []int{6})
	for name, c := range map[string]*mpmc.Chan[int]{"e1": e1, "e2": e2, "o": o} {
		if c.Len() > 0 {
			got := []int{}
			for c.Len() > 0 {
				v, _ := c.Recv()
				got = append(got, v)
			}
			if name == "e1" {
				eq(t, name, got, []int{0, 2})
			} else {
				eq(t, name, got, nil)
			}
		}
		if !blocked(c, 5*time.Millisecond) {
			t.Fatalf("%s was closed after an unsubscribe", name)
		}
	}
}

// Every value reaches every subscriber of its topic, exactly once and in order, with
// 8 topics of 1 or 2 subscribers, read concurrently; with a ctx that is never done (the
// Pub takes runs) and with one that can be (it takes one value at a time).
func TestPubAccounting(t *testing.T) {
	for _, cancelable := range []bool{false, true} {
		t.Run(fmt.Sprintf("cancelable=%v", cancelable), func(t *testing.T) { testPubAccounting(t, cancelable) })
	}
}

func testPubAccounting(t *testing.T, cancelable bool) {
	noLeaks(t)
	ctx := context.Background()
	if cancelable {
		var cancel context.CancelFunc
		ctx, cancel = context.WithCancel(ctx)
		defer cancel()
	}
	const topics, n = 8, 16000
	src := mpmc.New[int](64)
	p := NewPub(ctx, src, func(v int) int { return v % topics }, func(k int) int { return k })
	var wg sync.WaitGroup
	for k := range topics { // one subscriber (the Pub hands it runs) or two, of buffers 0 and 16
		for s := range 1 + k%2 {
			c := p.Sub(k, mpmc.New[int]((s+k/2)%2*16), true)
			wg.Go(func() {
				want := k
				for v := range c.All() {
					if v != want {
						t.Errorf("topic %d: got %d, want %d", k, v, want)
						return
					}
					want += topics
				}
				if want != n+k {
					t.Errorf("topic %d: ended at %d, want %d", k, want, n+k)
				}
			})
		}
	}
	go func() {
		for i := range n {
			src.Send(i)
		}
		src.Close()
	}()
	wg.Wait()
}

// ctx ends a Pub at once, closing its close=true subscriptions; a Sub after the
// end is closed at once.
func TestPubCancel(t *testing.T) {
	noLeaks(t)
	ctx, cancel := context.WithCancel(context.Background())
	src := mpmc.New[int](0)
	p := NewPub(ctx, src, func(v int) int { return v }, nil)
	a := p.Sub(1, mpmc.New[int](0), true)
	src.Send(1) // pending on a
	cancel()
	drain(t, a)
	drain(t, p.Sub(2, mpmc.New[int](0), true))
}

func TestPubNegativeBufferPanics(t *testing.T) {
	noLeaks(t)
	src := mpmc.New[int](0)
	defer src.Close()
	p := NewPub(context.Background(), src, func(v int) int { return v }, func(int) int { return -3 })
	defer func() {
		r := recover()
		if r == nil || !strings.Contains(r.(string), "flow: Pub buffer for topic 7 is -3") {
			t.Fatalf("panic %v", r)
		}
	}()
	p.Sub(7, mpmc.New[int](0), true)
}

// Subscriptions come and go while values flow: each sees its topic's values in order,
// none twice; the long-lived subscribers see every value of their topic.
func TestPubSubUnsubWhileFlowing(t *testing.T) {
	noLeaks(t)
	const topics, n = 4, 20000
	src := mpmc.New[int](16)
	p := NewPub(context.Background(), src, func(v int) int { return v % topics }, func(int) int { return 2 })
	var wg sync.WaitGroup
	for k := range topics {
		c := p.Sub(k, mpmc.New[int](4), true)
		wg.Go(func() {
			want := k
			for v := range c.All() {
				if v != want {
					t.Errorf("topic %d: got %d, want %d", k, v, want)
					return
				}
				want += topics
			}
			if want != n+k {
				t.Errorf("topic %d: ended at %d", k, want)
			}
		})
	}
	go func() {
		for i := range n {
			src.Send(i)
		}
		src.Close()
	}()
	for round := 0; ; round++ {
		k := round % topics
		c := p.Sub(k, mpmc.New[int](round%2), false)
		last, got := -1, 0
		for range 30 {
			ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
			v, err := c.RecvContext(ctx)
			cancel()
			if err != nil {
				break
			}
			if v%topics != k || (last >= 0 && v != last+topics) {
				t.Fatalf("round %d topic %d: %d after %d", round, k, v, last)
			}
			last, got = v, got+1
		}
		p.Unsub(k, c)
		for { // what was offered before the Untap must still be accepted
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
			v, err := c.RecvContext(ctx)
			cancel()
			if err != nil {
				break
			}
			if last >= 0 && v != last+topics {
				t.Fatalf("round %d topic %d: %d after %d", round, k, v, last)
			}
			last = v
		}
		if got == 0 {
			break
		}
	}
	wg.Wait()
}

// Topics are dropped (UnsubTopic, UnsubAll) and subscribed again while the Pub
// routes runs, so that a topic it holds between two values of a run (fanout.putRun)
// is stopped under it: every subscription sees a gapless stretch of its topic's values
// in order; with UnsubTopic, the topic never dropped sees all of its values and is
// closed at the end; nothing hangs or leaks.
func TestPubUnsubWhileRouting(t *testing.T) {
	for _, all := range []bool{false, true} {
		t.Run(fmt.Sprintf("all=%v", all), func(t *testing.T) { testPubUnsubWhileRouting(t, all) })
	}
}

func testPubUnsubWhileRouting(t *testing.T, unsubAll bool) {
	noLeaks(t)
	const topics, n = 4, 60000
	src := mpmc.New[int](64)
	p := NewPub(context.Background(), src, func(v int) int { return v % topics }, nil)
	var wg sync.WaitGroup
	stretch := func(k int, c *mpmc.Chan[int], whole bool) {
		last := -1
		for v := range c.All() {
			if v%topics != k || (last >= 0 && v != last+topics) || (whole && last < 0 && v != k) {
				t.Errorf("topic %d: %d after %d", k, v, last)
				return
			}
			last = v
		}
		if whole && last != n-topics+k {
			t.Errorf("topic %d: ended at %d, want %d", k, last, n-topics+k)
		}
	}
	if !unsubAll {
		keep := p.Sub(0, mpmc.New[int](64), true)
		wg.Go(func() { stretch(0, keep, true) })
	}
	produced := make(chan struct{})
	go func() {
		for i := range n {
			src.Send(i)
		}
		src.Close()
		close(produced)
	}()
	for round := 0; ; round++ {
		select {
		case <-produced:
			wg.Wait()
			return
		default:
		}
		k := 1 + round%(topics-1)
		if unsubAll {
			k = round % topics
		}
		c := p.Sub(k, mpmc.New[int](64), false)
		wg.Go(func() { stretch(k, c, false) })
		time.Sleep(50 * time.Microsecond)
		if unsubAll {
			p.UnsubAll()
		} else {
			p.UnsubTopic(k)
		}
		c.Close() // its stretch ends with what its buffer holds
	}
}

// A topic dropped in the middle of a run gets none of the run's later values.
// With two subscribers the run goes value by value, and the Pub holds the topic's
// fanout from value 1 on (fanout.putRun); c1's RecvAsync callback, which the Pub
// runs when it offers 1, stops the topic there. The Pub must then drop 2 and 3,
// not offer them on its hold. (It finds the topic gone when it looks it up for 2;
// a stop that comes between that look-up and the offer is TestFanoutStopUnderHold's.)
func TestPubUnsubTopicMidRun(t *testing.T) {
	noLeaks(t)
	src := mpmc.New[int](8)
	q := newPauser()
	p := NewPub(context.Background(), src, func(v int) int {
		if v == 0 || v == 1 {
			q.pause(v)
		}
		return 0
	}, nil)
	c1, c2 := p.Sub(0, mpmc.New[int](8), false), p.Sub(0, mpmc.New[int](8), false)
	end := p.Sub(1, mpmc.New[int](0), true) // closed once the Pub has routed everything
	src.Send(0)
	q.at() // the Pub is inside its first run, at value 0
	for v := 1; v <= 3; v++ {
		src.Send(v) // taken together as the next run
	}
	q.resume()
	q.at() // inside the second run, at value 1: 0 is delivered
	for _, c := range []*mpmc.Chan[int]{c1, c2} {
		if v, _ := c.Recv(); v != 0 {
			t.Fatalf("got %d, want 0", v)
		}
	}
	async := make(chan int, 1)
	c1.RecvAsync(func(v int, ok bool) {
		async <- v
		q.pause(v)
	})
	q.resume()
	if v := q.at(); v != 1 { // the Pub, offering 1 to c1, runs the callback
		t.Fatalf("callback got %d, want 1", v)
	}
	p.UnsubTopic(0)
	q.resume()
	src.Close()
	drain(t, end)
	c1.Close()
	c2.Close()
	eq(t, "c1", drain(t, c1), nil)
	eq(t, "c2", drain(t, c2), []int{1}) // 1 was in delivery when the topic stopped
}

// A Pub that must wait for a topic has first routed every value taken ahead of the
// one it waits with: in the run [10, 1, 2, 3], topic 1 (two subscribers, so the
// run goes to it value by value) gets 10 although topic 0's one subscriber takes
// only 1 now and the Pub waits with 3.
func TestPubWaitsAfterEarlierValues(t *testing.T) {
	noLeaks(t)
	p, src, runOf := runPub()
	a := p.Sub(0, mpmc.New[int](1), true)
	b1, b2 := p.Sub(1, mpmc.New[int](4), true), p.Sub(1, mpmc.New[int](4), true)
	runOf(10, 1, 2, 3)
	for _, b := range []*mpmc.Chan[int]{b1, b2} {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		v, err := b.RecvContext(ctx)
		cancel()
		if v != 10 || err != nil {
			t.Fatalf("topic 1 got %d, %v while topic 0 waited: want 10", v, err)
		}
	}
	src.Close()
	eq(t, "a", drain(t, a), []int{1, 2, 3})
	eq(t, "b1", drain(t, b1), nil)
}

// Sub's "from the next value of that topic the Pub routes" holds inside a run:
// a RecvAsync callback that the Pub runs while it delivers 1, the first value of
// the run [1, 10], subscribes b to topic 1, and b gets 10. (Looking every
// fanout up at the start of the run dropped 10.)
func TestPubSubFromCallbackMidRun(t *testing.T) {
	noLeaks(t)
	p, src, runOf := runPub()
	a := p.Sub(0, mpmc.New[int](4), true)
	b := mpmc.New[int](4)
	got := make(chan int, 1)
	a.RecvAsync(func(v int, ok bool) {
		p.Sub(1, b, true) // runs on the Pub's goroutine, inside the delivery of 1
		got <- v
	})
	runOf(1, 10)
	select {
	case v := <-got:
		if v != 1 {
			t.Fatalf("callback got %d, want 1", v)
		}
	case <-time.After(wait):
		t.Fatal("the callback never ran")
	}
	src.Close()
	eq(t, "a", drain(t, a), nil)
	eq(t, "b (subscribed before the Pub routed 10)", drain(t, b), []int{10})
}

// The same across a wait: the Pub takes the run [1, 2, 10], offers 1 to topic
// 0's unbuffered subscriber and waits with 2 (topic buffer 0); meanwhile topic 1
// gets its first subscriber, b, which gets 10, routed after the wait.
func TestPubSubWhileWaitingMidRun(t *testing.T) {
	noLeaks(t)
	p, src, runOf := runPub()
	a := p.Sub(0, mpmc.New[int](0), true)
	runOf(1, 2, 10)
	p.mu.Lock()
	f0 := p.topics[0]
	p.mu.Unlock()
	deadline := time.Now().Add(wait)
	for f0.state.Load()&stSlow == 0 { // the Pub waits in put(2)
		if time.Now().After(deadline) {
			t.Fatal("the Pub never waited for topic 0")
		}
		time.Sleep(time.Millisecond)
	}
	b := p.Sub(1, mpmc.New[int](4), true)
	for want := 1; want <= 2; want++ {
		if v, _ := recv(t, a); v != want {
			t.Fatalf("a got %d, want %d", v, want)
		}
	}
	src.Close()
	eq(t, "a", drain(t, a), nil)
	eq(t, "b (subscribed while the Pub waited, before it routed 10)", drain(t, b), []int{10})
}

// runPub starts a Pub over a new source of capacity 8, with topic v/10. runOf
// makes the given values one run of the Pub: it sends 20 (topic 2, nobody's),
// whose topic() call keeps the Pub inside its current run until the values are
// queued behind it, and returns once the Pub goes on.
func runPub() (p *Pub[int, int], src *mpmc.Chan[int], runOf func(vs ...int)) {
	src = mpmc.New[int](8)
	q := newPauser()
	p = NewPub(context.Background(), src, func(v int) int {
		if v == 20 {
			q.pause(v)
		}
		return v / 10
	}, nil)
	return p, src, func(vs ...int) {
		src.Send(20)
		q.at()
		for _, v := range vs {
			src.Send(v)
		}
		q.resume()
	}
}

// A pauser stops a goroutine at chosen points until the test lets it go on:
// pause, called there, reports its argument to the test and waits; the test
// receives it with at and lets it go with resume.
type pauser struct {
	entered chan int
	gate    chan struct{}
}

func newPauser() *pauser { return &pauser{make(chan int), make(chan struct{})} }

func (q *pauser) pause(v int) { q.entered <- v; <-q.gate }
func (q *pauser) at() int     { return <-q.entered }
func (q *pauser) resume()     { q.gate <- struct{}{} }
