// Fuzzing selects against a model: the fuzzer's bytes are decoded into three
// channels (capacity 0, 1, 2 or 3) and a sequence of operations on one
// goroutine: TrySend, TryRecv, Close, SendAsync, RecvAsync, and selects of
// one to four send and receive cases (a plain call or a Selector, Priority
// or Fair, with or without a Default). The model says which cases are
// ready: a receive when a value is buffered, a SendAsync is pending on an
// unbuffered channel, or the channel is closed; a send when a RecvAsync is
// pending, there is room, or the channel is closed (and then the send
// panics, as a native select's does). Priority must choose the first ready
// case, Fair one of them, and both the Default only when none is; every
// value, ok flag, panic and callback is compared with the model. `go test`
// runs the seeds and the committed corpus (testdata/fuzz/FuzzSelect, the 24
// largest inputs of a two-minute search); `go test -run '^$' -fuzz
// FuzzSelect ./select` searches for more.
//
// Invariants of the model, per channel: pendingSend is non-empty only when
// the buffer is full (or it is unbuffered), pendingRecv only when the
// buffer is empty, never both, and neither once closed.
package alt_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/hoare-go/hoare/mpmc"
	alt "github.com/hoare-go/hoare/select"
)

// fired is one callback run: a SendAsync's (send, ok) or a RecvAsync's (v, ok).
type fired struct {
	send bool
	id   int
	v    int
	ok   bool
}

type selModel struct {
	cap         int
	buf         []int
	closed      bool
	pendingSend []fired // id and value of each waiting SendAsync
	pendingRecv []int   // id of each waiting RecvAsync
}

func (m *selModel) recvReady() bool {
	return len(m.buf) > 0 || len(m.pendingSend) > 0 || m.closed
}

func (m *selModel) sendReady() bool {
	return m.closed || len(m.pendingRecv) > 0 || len(m.buf) < m.cap
}

// recv takes a ready value (or the closed mark), completing a pending
// SendAsync whose value it takes or that moves into the freed slot.
func (m *selModel) recv(out *[]fired) (int, bool) {
	switch {
	case len(m.buf) > 0:
		v := m.buf[0]
		m.buf = m.buf[1:]
		if len(m.pendingSend) > 0 {
			s := m.pendingSend[0]
			m.pendingSend = m.pendingSend[1:]
			m.buf = append(m.buf, s.v)
			*out = append(*out, fired{send: true, id: s.id, ok: true})
		}
		return v, true
	case len(m.pendingSend) > 0: // unbuffered
		s := m.pendingSend[0]
		m.pendingSend = m.pendingSend[1:]
		*out = append(*out, fired{send: true, id: s.id, ok: true})
		return s.v, true
	}
	return 0, false // closed and drained
}

// send delivers v when sendReady and the channel is open.
func (m *selModel) send(v int, out *[]fired) {
	if len(m.pendingRecv) > 0 {
		id := m.pendingRecv[0]
		m.pendingRecv = m.pendingRecv[1:]
		*out = append(*out, fired{id: id, v: v, ok: true})
		return
	}
	m.buf = append(m.buf, v)
}

func (m *selModel) close(out *[]fired) {
	for _, s := range m.pendingSend {
		*out = append(*out, fired{send: true, id: s.id})
	}
	for _, id := range m.pendingRecv {
		*out = append(*out, fired{id: id})
	}
	m.pendingSend, m.pendingRecv, m.closed = nil, nil, true
}

// panicked runs f and reports whether it panicked.
func panicked(f func()) (p bool) {
	defer func() { p = recover() != nil }()
	f()
	return false
}

func sortFired(fs []fired) []fired {
	fs = slices.Clone(fs)
	slices.SortFunc(fs, func(a, b fired) int { return a.id - b.id })
	return fs
}

func FuzzSelect(f *testing.F) {
	f.Add([]byte{1, 2, 0, 0, 5, 0x10, 0x21, 0x02, 1, 1, 6, 0x33, 0x00, 0x12, 2, 0, 5, 0x08, 0x01, 3, 1, 9})
	f.Add([]byte{0, 1, 3, 3, 0, 7, 4, 0, 5, 0x19, 0x20, 0x00, 2, 1, 6, 0x27, 0x01, 0x11, 0x21, 0x00})
	f.Add([]byte{3, 2, 1, 3, 1, 4, 4, 1, 6, 0x02, 0x10, 0x11, 0, 2, 6, 5, 0x1f, 0x01, 0x02, 0x12, 0x22})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 3 {
			return
		}
		var (
			models [3]*selModel
			chans  [3]*mpmc.Chan[int]
			got    []fired // callbacks the channels ran during one operation
		)
		for i := range chans {
			models[i] = &selModel{cap: int(data[i] % 4)}
			chans[i] = mpmc.New[int](models[i].cap)
		}
		data = data[3:]
		next := func() byte {
			if len(data) == 0 {
				return 0
			}
			b := data[0]
			data = data[1:]
			return b
		}
		for op := 0; len(data) > 0 && op < 400; op++ {
			code, arg := next(), next()
			ci := int(arg % 3)
			c, m := chans[ci], models[ci]
			v := int(arg) + 1000*op
			var want []fired
			what := ""
			switch code % 7 {
			case 0:
				what = fmt.Sprintf("TrySend(c%d, %d)", ci, v)
				err := c.TrySend(v)
				wantErr := mpmc.ErrWouldBlock
				switch {
				case m.closed:
					wantErr = mpmc.ErrClosed
				case len(m.pendingRecv) > 0 || len(m.buf) < m.cap:
					m.send(v, &want)
					wantErr = nil
				}
				if err != wantErr {
					t.Fatalf("op %d %s: %v, want %v", op, what, err, wantErr)
				}
			case 1:
				what = fmt.Sprintf("TryRecv(c%d)", ci)
				x, err := c.TryRecv()
				var wantV int
				wantErr := mpmc.ErrWouldBlock
				if m.recvReady() {
					var ok bool
					if wantV, ok = m.recv(&want); ok {
						wantErr = nil
					} else {
						wantErr = mpmc.ErrClosed
					}
				}
				if x != wantV || err != wantErr {
					t.Fatalf("op %d %s: %d, %v; want %d, %v", op, what, x, err, wantV, wantErr)
				}
			case 2:
				what = fmt.Sprintf("Close(c%d)", ci)
				p := panicked(c.Close)
				if p != m.closed {
					t.Fatalf("op %d %s: panicked %v, want %v", op, what, p, m.closed)
				}
				if !p {
					m.close(&want)
				}
			case 3:
				if len(m.pendingSend) >= 1000 {
					continue
				}
				what = fmt.Sprintf("SendAsync(c%d, %d)", ci, v)
				c.SendAsync(v, func(ok bool) { got = append(got, fired{send: true, id: op, ok: ok}) })
				switch {
				case m.closed:
					want = append(want, fired{send: true, id: op})
				case m.sendReady():
					m.send(v, &want)
					want = append(want, fired{send: true, id: op, ok: true})
				default:
					m.pendingSend = append(m.pendingSend, fired{id: op, v: v})
				}
			case 4:
				if len(m.pendingRecv) >= 1000 {
					continue
				}
				what = fmt.Sprintf("RecvAsync(c%d)", ci)
				c.RecvAsync(func(x int, ok bool) { got = append(got, fired{id: op, v: x, ok: ok}) })
				if m.recvReady() {
					x, ok := m.recv(&want)
					want = append(want, fired{id: op, v: x, ok: ok})
				} else {
					m.pendingRecv = append(m.pendingRecv, op)
				}
			default: // a select; arg's bits: Fair, a Selector, a Default; then 1-4 cases
				fair, selector, withDefault := arg&8 != 0, arg&16 != 0, arg&32 != 0
				n := int(arg%4) + 1
				type sc struct {
					send bool
					ch   int
					v    int
				}
				var scs []sc
				var cases []alt.Case
				chosen, gotV, gotOK := -1, 0, false
				for i := range n {
					b := next()
					s := sc{send: b&1 != 0, ch: int(b>>1) % 3, v: int(b) + 1000*op + 100*i}
					scs = append(scs, s)
					if s.send {
						cases = append(cases, alt.Send(chans[s.ch], s.v, func() { chosen = i }))
					} else {
						cases = append(cases, alt.Recv(chans[s.ch], func(x int, ok bool) { chosen, gotV, gotOK = i, x, ok }))
					}
				}
				var ready []int
				for i, s := range scs {
					if s.send && models[s.ch].sendReady() || !s.send && models[s.ch].recvReady() {
						ready = append(ready, i)
					}
				}
				if len(ready) == 0 && !withDefault {
					continue // it would block for ever
				}
				if withDefault {
					cases = append(cases, alt.Default(func() { chosen = n }))
				}
				what = fmt.Sprintf("select(fair %v, selector %v, %+v, default %v)", fair, selector, scs, withDefault)
				var idx int
				p := panicked(func() {
					switch {
					case selector && fair:
						idx = alt.NewSelector(cases...).Fair()
					case selector:
						idx = alt.NewSelector(cases...).Priority()
					case fair:
						idx = alt.Fair(cases...)
					default:
						idx = alt.Priority(cases...)
					}
				})
				sendOnClosed := func(i int) bool { return scs[i].send && models[scs[i].ch].closed }
				if p {
					if !slices.ContainsFunc(ready, sendOnClosed) || (!fair && !sendOnClosed(ready[0])) {
						t.Fatalf("op %d %s: panicked; ready %v", op, what, ready)
					}
					break // a send on a closed channel: nothing changed
				}
				switch {
				case len(ready) == 0:
					if idx != n || chosen != n {
						t.Fatalf("op %d %s: chose %d (ran %d), want the Default %d: nothing ready", op, what, idx, chosen, n)
					}
				case !slices.Contains(ready, idx) || (!fair && idx != ready[0]):
					t.Fatalf("op %d %s: chose %d, ready %v", op, what, idx, ready)
				case chosen != idx:
					t.Fatalf("op %d %s: chose %d but ran case %d's func", op, what, idx, chosen)
				case sendOnClosed(idx):
					t.Fatalf("op %d %s: chose a send on a closed channel without panicking", op, what)
				}
				if len(ready) == 0 {
					break
				}
				s, sm := scs[idx], models[scs[idx].ch]
				if s.send {
					sm.send(s.v, &want)
					break
				}
				wv, wok := sm.recv(&want)
				if gotV != wv || gotOK != wok {
					t.Fatalf("op %d %s: case %d received %d, %v; want %d, %v", op, what, idx, gotV, gotOK, wv, wok)
				}
			}
			if g, w := sortFired(got), sortFired(want); !slices.Equal(g, w) {
				t.Fatalf("op %d %s: callbacks %+v, want %+v", op, what, g, w)
			}
			got = got[:0]
			for i, m := range models {
				if l := chans[i].Len(); l != len(m.buf) {
					t.Fatalf("op %d %s: c%d Len %d, model %d", op, what, i, l, len(m.buf))
				}
			}
		}
	})
}
