package mpmc_test

// Fuzzing mpmc.Chan against a model and a native channel: the fuzzer's bytes
// are decoded into a configuration (capacity 0, 1, 2, 3, 7 or 64; blocking,
// dropping or sliding) and a sequence of operations (TrySend, TryRecv, Send
// and Recv when they cannot block, SendContext and RecvContext with an
// already-canceled context, SendAsync, RecvAsync, SendMany, TrySendMany,
// RecvMany, Len,
// Close), run on one goroutine. Every result, every panic and every callback
// is compared with chanModel below, and, while the sequence uses only what
// native channels have (the blocking policy, no async operation), with a
// native chan driven the same way. `go test` runs the committed seed corpus
// (testdata/fuzz/FuzzChan); `go test -run '^$' -fuzz FuzzChan ./mpmc`
// searches for more.

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/hoare-go/hoare/mpmc"
)

// event is one callback run: a SendAsync's done(ok) or a RecvAsync's done(v, ok).
type event struct {
	send bool
	id   int // the operation index that made the async call
	v    int
	ok   bool
}

// chanModel is the sequential meaning of a Chan, async operations included.
//
// Invariants: pendingSend is non-empty only when the buffer is full (or the
// channel is unbuffered); pendingRecv only when the buffer is empty; never
// both; neither after Close.
type chanModel struct {
	cap         int
	policy      int // 0 block, 1 dropping, 2 sliding
	buf         []int
	closed      bool
	pendingSend []event // SendAsync waiting: id and value
	pendingRecv []event // RecvAsync waiting: id
	fired       []event // callbacks run by the current operation
}

var errPanicked = errors.New("panicked")

// offer gives v to a waiting RecvAsync, if any.
func (m *chanModel) offer(v int) bool {
	if len(m.pendingRecv) == 0 {
		return false
	}
	r := m.pendingRecv[0]
	m.pendingRecv = m.pendingRecv[1:]
	m.fired = append(m.fired, event{id: r.id, v: v, ok: true})
	return true
}

// refill moves waiting SendAsync values into freed room.
func (m *chanModel) refill() {
	for len(m.pendingSend) > 0 && len(m.buf) < m.cap {
		s := m.pendingSend[0]
		m.pendingSend = m.pendingSend[1:]
		m.buf = append(m.buf, s.v)
		m.fired = append(m.fired, event{send: true, id: s.id, ok: true})
	}
}

// send is TrySend's meaning: nil, ErrWouldBlock or ErrClosed.
func (m *chanModel) send(v int) error {
	switch {
	case m.closed:
		return mpmc.ErrClosed
	case m.offer(v):
		return nil
	case m.cap == 0:
		return mpmc.ErrWouldBlock
	case len(m.buf) < m.cap:
		m.buf = append(m.buf, v)
		return nil
	case m.policy == 1:
		return nil // dropped
	case m.policy == 2:
		m.buf = append(m.buf[1:], v) // the oldest slides out
		return nil
	}
	return mpmc.ErrWouldBlock
}

// recv is TryRecv's meaning.
func (m *chanModel) recv() (int, error) {
	if m.cap == 0 {
		if len(m.pendingSend) > 0 {
			s := m.pendingSend[0]
			m.pendingSend = m.pendingSend[1:]
			m.fired = append(m.fired, event{send: true, id: s.id, ok: true})
			return s.v, nil
		}
	} else if len(m.buf) > 0 {
		v := m.buf[0]
		m.buf = m.buf[1:]
		m.refill()
		return v, nil
	}
	if m.closed {
		return 0, mpmc.ErrClosed
	}
	return 0, mpmc.ErrWouldBlock
}

func (m *chanModel) sendAsync(id, v int) error {
	if !m.closed && len(m.pendingSend) == 0 {
		if err := m.send(v); err == nil {
			m.fired = append(m.fired, event{send: true, id: id, ok: true})
			return nil
		}
	}
	if m.closed {
		m.fired = append(m.fired, event{send: true, id: id, ok: false})
		return nil
	}
	if len(m.pendingSend) == 1024 {
		return errPanicked
	}
	m.pendingSend = append(m.pendingSend, event{send: true, id: id, v: v})
	return nil
}

func (m *chanModel) recvAsync(id int) error {
	if len(m.pendingRecv) == 0 {
		v, err := m.recv()
		if err != mpmc.ErrWouldBlock {
			m.fired = append(m.fired, event{id: id, v: v, ok: err == nil})
			return nil
		}
	}
	if len(m.pendingRecv) == 1024 {
		return errPanicked
	}
	m.pendingRecv = append(m.pendingRecv, event{id: id})
	return nil
}

func (m *chanModel) close() error {
	if m.closed {
		return errPanicked
	}
	m.closed = true
	for _, r := range m.pendingRecv {
		m.fired = append(m.fired, event{id: r.id})
	}
	for _, s := range m.pendingSend {
		m.fired = append(m.fired, event{send: true, id: s.id})
	}
	m.pendingRecv, m.pendingSend = nil, nil
	return nil
}

// sendWouldBlock and recvWouldBlock say whether the blocking forms would
// wait, so the single goroutine only calls them when they cannot.
func (m *chanModel) sendWouldBlock() bool {
	return !m.closed && len(m.pendingRecv) == 0 && (m.cap == 0 || len(m.buf) == m.cap && m.policy == 0)
}

func (m *chanModel) recvWouldBlock() bool {
	return !m.closed && len(m.buf) == 0 && len(m.pendingSend) == 0
}

// native mirrors the operations native channels have, on a chan int.
type native struct {
	ch     chan int
	closed bool
}

func (n *native) trySend(v int) error {
	if n.closed {
		return mpmc.ErrClosed // a native send would panic; mpmc's TrySend says so instead
	}
	select {
	case n.ch <- v:
		return nil
	default:
		return mpmc.ErrWouldBlock
	}
}

func (n *native) tryRecv() (int, error) {
	select {
	case v, ok := <-n.ch:
		if !ok {
			return 0, mpmc.ErrClosed
		}
		return v, nil
	default:
		return 0, mpmc.ErrWouldBlock
	}
}

// catch runs f and reports whether it panicked.
func catch(f func()) (panicked bool) {
	defer func() {
		if recover() != nil {
			panicked = true
		}
	}()
	f()
	return false
}

// chanSeeds are hand-written seeds, beside the files in testdata/fuzz.
var chanSeeds = [][]byte{
	{1, 0, 0, 1, 1, 11},                      // cap 1: try send twice, try recv twice, close
	{0, 6, 6, 0, 7, 7, 11, 6, 7},             // unbuffered: async pairs, close with a pending recv
	{7, 0, 0, 0, 6, 6, 1, 1, 1, 1, 11, 7},    // cap 1 dropping: overflow, async send, close
	{13, 0, 0, 0, 1, 0, 4, 5, 11, 5},         // cap 1 sliding
	{3, 8, 9, 0, 2, 3, 4, 5, 10, 11, 10, 12}, // cap 3: batches, ctx ops, Len, Close twice
	{5, 6, 6, 6, 6, 6, 6, 6, 6, 6, 1, 7, 9, 20, 11},
}

// runChan decodes data and runs it; see FuzzChan.
func runChan(t *testing.T, data []byte) {
	if len(data) == 0 {
		return
	}
	caps := []int{0, 1, 2, 3, 7, 64}
	m := &chanModel{cap: caps[data[0]%6], policy: int(data[0]/6) % 3}
	if m.cap == 0 {
		m.policy = 0
	}
	var opts []mpmc.Option
	switch m.policy {
	case 1:
		opts = append(opts, mpmc.Dropping())
	case 2:
		opts = append(opts, mpmc.Sliding())
	}
	c := mpmc.New[int](m.cap, opts...)
	var nat *native
	if m.policy == 0 {
		nat = &native{ch: make(chan int, m.cap)}
	}
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	var fired []event // callbacks run by mpmc during the current operation
	data = data[1:]
	for i := 0; i < len(data); i++ {
		op, arg, try := data[i]%13, 0, false
		if (op == 8 || op == 9) && i+1 < len(data) {
			i++
			arg, try = int(data[i])%9, data[i] >= 128
		}
		v := i + 1 // values are unique and non-zero
		where := fmt.Sprintf("cap %d policy %d, byte %d (op %d)", m.cap, m.policy, i+1, op)
		m.fired, fired = nil, nil
		sendDone := func(id int) func(bool) {
			return func(ok bool) { fired = append(fired, event{send: true, id: id, ok: ok}) }
		}
		recvDone := func(id int) func(int, bool) {
			return func(v int, ok bool) { fired = append(fired, event{id: id, v: v, ok: ok}) }
		}
		// want compares mpmc's result with the model's, and the native
		// channel's when it has one.
		want := func(name string, got, model, nativ any) {
			t.Helper()
			if got != model {
				t.Fatalf("%s: %s = %v, model says %v (buf %v closed %v pending send %d recv %d)",
					where, name, got, model, m.buf, m.closed, len(m.pendingSend), len(m.pendingRecv))
			}
			if nat != nil && nativ != nil && nativ != model {
				t.Fatalf("%s: %s: native chan gives %v, model %v: the model is wrong", where, name, nativ, model)
			}
		}
		switch op {
		case 0: // TrySend
			var n any
			if nat != nil {
				n = nat.trySend(v)
			}
			want("TrySend", c.TrySend(v), m.send(v), n)
		case 1: // TryRecv
			got, err := c.TryRecv()
			mv, merr := m.recv()
			var n any
			if nat != nil {
				nv, nerr := nat.tryRecv()
				n = fmt.Sprint(nv, nerr)
			}
			want("TryRecv", fmt.Sprint(got, err), fmt.Sprint(mv, merr), n)
		case 2: // Send, when it cannot block
			if m.sendWouldBlock() {
				continue
			}
			panicked := catch(func() { c.Send(v) })
			merr := m.send(v)
			var n any
			if nat != nil {
				n = catch(func() { nat.ch <- v })
			}
			want("Send panicked", panicked, merr == mpmc.ErrClosed, n)
		case 3: // Recv, when it cannot block
			if m.recvWouldBlock() {
				continue
			}
			got, ok := c.Recv()
			mv, merr := m.recv()
			var n any
			if nat != nil {
				nv, nok := <-nat.ch
				n = fmt.Sprint(nv, nok)
			}
			want("Recv", fmt.Sprint(got, ok), fmt.Sprint(mv, merr == nil), n)
		case 4: // SendContext, canceled: completes if it can at once
			merr := m.send(v)
			if merr == mpmc.ErrWouldBlock {
				merr = context.Canceled
			}
			var n any
			if nat != nil {
				n = nat.trySend(v)
				if n == mpmc.ErrWouldBlock {
					n = context.Canceled
				}
			}
			want("SendContext", c.SendContext(canceled, v), merr, n)
		case 5: // RecvContext, canceled
			got, err := c.RecvContext(canceled)
			mv, merr := m.recv()
			if merr == mpmc.ErrWouldBlock {
				merr = context.Canceled
			}
			var n any
			if nat != nil {
				nv, nerr := nat.tryRecv()
				if nerr == mpmc.ErrWouldBlock {
					nerr = context.Canceled
				}
				n = fmt.Sprint(nv, nerr)
			}
			want("RecvContext", fmt.Sprint(got, err), fmt.Sprint(mv, merr), n)
		case 6: // SendAsync
			nat = nil // native channels have no async operations
			panicked := catch(func() { c.SendAsync(v, sendDone(v)) })
			want("SendAsync panicked", panicked, m.sendAsync(v, v) == errPanicked, nil)
		case 7: // RecvAsync
			nat = nil
			panicked := catch(func() { c.RecvAsync(recvDone(v)) })
			want("RecvAsync panicked", panicked, m.recvAsync(v) == errPanicked, nil)
		case 8: // SendMany of arg values, when it cannot block; or TrySendMany
			vs := make([]int, arg)
			for j := range vs {
				vs[j] = v*100 + j + 1
			}
			if try { // a loop of TrySend that stops at its first error
				got, err := c.TrySendMany(vs)
				mn, merr := 0, error(nil)
				for _, w := range vs {
					if merr = m.send(w); merr != nil {
						break
					}
					mn++
				}
				var n any
				if nat != nil {
					nn, nerr := 0, error(nil)
					for _, w := range vs {
						if nerr = nat.trySend(w); nerr != nil {
							break
						}
						nn++
					}
					n = fmt.Sprint(nn, nerr)
				}
				want("TrySendMany", fmt.Sprint(got, err), fmt.Sprint(mn, merr), n)
				break
			}
			mc := *m // dry run on a copy: would any of them block?
			mc.buf, mc.pendingRecv, mc.pendingSend = slices.Clone(m.buf), slices.Clone(m.pendingRecv), slices.Clone(m.pendingSend)
			blocks := false
			for _, w := range vs {
				if mc.sendWouldBlock() {
					blocks = true
					break
				}
				mc.send(w)
			}
			if blocks {
				continue
			}
			panicked := catch(func() { c.SendMany(vs) })
			mpanic := false
			for _, w := range vs {
				if m.send(w) == mpmc.ErrClosed {
					mpanic = true
					break
				}
			}
			var n any
			if nat != nil {
				n = catch(func() {
					for _, w := range vs {
						nat.ch <- w
					}
				})
			}
			want("SendMany panicked", panicked, mpanic, n)
		case 9: // RecvMany into a buffer of arg, when it cannot block
			if arg > 0 && m.recvWouldBlock() {
				continue
			}
			buf := make([]int, arg)
			got := buf[:c.RecvMany(buf)]
			var mv []int
			if arg > 0 {
				if m.cap == 0 {
					if w, err := m.recv(); err == nil {
						mv = append(mv, w)
					}
				} else {
					k := min(arg, len(m.buf))
					mv = slices.Clone(m.buf[:k])
					m.buf = m.buf[k:]
					m.refill()
				}
			}
			want("RecvMany", fmt.Sprint(got), fmt.Sprint(mv), nil)
			if nat != nil {
				for _, w := range mv {
					if nv := <-nat.ch; nv != w {
						t.Fatalf("%s: RecvMany: native chan gives %d, model %d", where, nv, w)
					}
				}
			}
		case 10: // Len and Cap
			var n any
			if nat != nil {
				n = fmt.Sprint(len(nat.ch), cap(nat.ch))
			}
			want("Len, Cap", fmt.Sprint(c.Len(), c.Cap()), fmt.Sprint(len(m.buf), m.cap), n)
		case 11, 12: // Close
			panicked := catch(c.Close)
			var n any
			if nat != nil {
				n = catch(func() { close(nat.ch) })
				nat.closed = true
			}
			want("Close panicked", panicked, m.close() == errPanicked, n)
		}
		sortEvents := func(es []event) string {
			slices.SortFunc(es, func(a, b event) int { return a.id - b.id })
			return fmt.Sprint(es)
		}
		if g, w := sortEvents(fired), sortEvents(m.fired); g != w {
			t.Fatalf("%s: callbacks run: %s, model says %s", where, g, w)
		}
	}
}

// FuzzChan: data[0] chooses the capacity and policy, each further byte an
// operation (SendMany and RecvMany take the next byte as a length; a length
// byte of 128 or more makes the SendMany a TrySendMany).
func FuzzChan(f *testing.F) {
	for _, s := range chanSeeds {
		f.Add(s)
	}
	f.Fuzz(runChan)
}
