// mix: core.async's mix, many channels into one with per-input attributes.
//
// Source: clojure.core.async/mix, admix, unmix, unmix-all, toggle,
// solo-mode. The rule for which inputs are read and which values are
// delivered is core.async's, ported expression by expression (readable and
// delivers below):
//
//	reads    = solos, if the solo mode is pause and some input is soloed;
//	           else every input that is not paused
//	delivers = the input is soloed, or no input is soloed and it is not muted
//
// So a muted input is read and its values dropped; a paused one is not read
// (its values stay in it for other readers); while any input is soloed the
// others are muted (solo mode mute, the default) or paused (solo mode
// pause).
//
// How. core.async runs one go block that alts over the readable inputs and
// a change channel. Here each input has a goroutine that receives from it
// with a context (its epoch) that is canceled when the input's readability
// or delivery changes, so an input that is paused, unmixed or excluded by a
// solo is left alone at once, with no value taken from it, and a value is
// delivered or dropped by the rule it was taken under; a goroutine whose
// input is not readable waits on that context. A change of attributes
// touches only the inputs whose rule it changes. Goroutines cost no CPU while they
// wait, and 2048 inputs (core.async's ASYNC-145) are 2048 small stacks. A
// RecvAsync callback per input would cost no goroutine, but a pending
// RecvAsync cannot be withdrawn, so pausing or unmixing an input would
// still take one value from it: that design was rejected.
//
// Invariants:
//   - Every value taken from an input is sent to out exactly once if the
//     input delivers in the epoch it was taken in, else dropped; it is never
//     taken from an input that is not readable in that epoch. (core.async
//     decides by the state computed before its alts, which a change
//     interrupts: the same rule.)
//   - inputs, attributes, solo mode and each input's epoch are guarded by mu;
//     an input's epoch context is canceled (and replaced) exactly when its
//     readability or delivery changes, or when it is unmixed.
//   - busy is an input's epoch while its goroutine receives under it; a
//     method that changed epochs waits (settle, on cond) until no changed
//     input receives under an old one before it returns, so no value is
//     taken under a rule older than the last change that returned.
//   - An input's goroutine ends when the input is closed and drained (it is
//     then unmixed), when it is unmixed, when out is found closed, or when
//     ctx is done.
package flow

import (
	"context"
	"fmt"
	"sync"

	"github.com/hoare-go/hoare/mpmc"
)

// Attrs are an input's attributes in a Mix: core.async's :mute, :pause and
// :solo.
type Attrs struct {
	Mute  bool // values are taken from the input and dropped
	Pause bool // values are not taken from the input
	Solo  bool // while any input is soloed, only soloed inputs are heard
}

// SoloMode says what a Mix does with the inputs that are not soloed while
// some input is.
type SoloMode int

const (
	// SoloMute mutes the other inputs: their values are taken and dropped.
	// It is the default, as in core.async.
	SoloMute SoloMode = iota
	// SoloPause pauses the other inputs: their values are not taken.
	SoloPause
)

// String returns the mode's name.
func (m SoloMode) String() string {
	switch m {
	case SoloMute:
		return "SoloMute"
	case SoloPause:
		return "SoloPause"
	}
	return fmt.Sprintf("SoloMode(%d)", int(m))
}

// A Mix sends the values of a changing set of input channels to one output
// channel, each input with attributes that mute, pause or solo it. Make one
// with NewMix.
type Mix[T any] struct {
	out    *mpmc.Chan[T]
	ctx    context.Context    // canceled when the Mix stops
	stop   context.CancelFunc // stops the Mix
	mu     sync.Mutex
	inputs map[*mpmc.Chan[T]]*mixIn // guarded by mu
	alive  map[*mpmc.Chan[T]]*mixIn // each input's goroutine until it commits to return, mixed or not (guarded by mu)
	mode   SoloMode                 // guarded by mu
	solos  int                      // inputs with Solo set (guarded by mu)
	moved  []*mixIn                 // inputs whose epoch changed, to settle (guarded by mu)
	cond   sync.Cond                // on mu: an input's receive ended while a method settles
	wait   int                      // methods waiting on cond (guarded by mu)
}

// mixIn is one input of a Mix.
type mixIn struct {
	attrs    Attrs
	readable bool               // as last computed by refreshLocked
	delivers bool               // as last computed by refreshLocked
	epoch    context.Context    // canceled when readable or delivers changes, or the input is unmixed
	cancel   context.CancelFunc // cancels epoch
	gone     bool               // unmixed
	busy     context.Context    // the epoch of the receive in progress, or nil (guarded by mu)
}

// NewMix returns a Mix whose inputs are sent to out. Add inputs with Admix
// or Toggle.
//
// Who closes what: the Mix never closes out, nor any input. An input that
// is closed and drained is unmixed. The Mix stops, and its goroutines end,
// when out is found closed or when ctx is done.
func NewMix[T any](ctx context.Context, out *mpmc.Chan[T]) *Mix[T] {
	mustChan("NewMix", "out", out)
	m := &Mix[T]{out: out, inputs: map[*mpmc.Chan[T]]*mixIn{}, alive: map[*mpmc.Chan[T]]*mixIn{}}
	m.ctx, m.stop = context.WithCancel(ctx)
	m.cond.L = &m.mu
	return m
}

// Admix adds in to the mix with no attributes set (it is heard). Adding an
// input already in the mix changes nothing.
//
// Who closes what: Admix closes nothing, and the Mix never closes in nor
// out. Once in is found closed and drained the Mix unmixes it, which only a
// read can find: a paused input, closed, stays in the mix until it is read
// again or unmixed.
func (m *Mix[T]) Admix(in *mpmc.Chan[T]) {
	mustChan("Mix.Admix", "in", in)
	m.mu.Lock()
	if m.inputs[in] == nil {
		m.refreshOneLocked(m.addLocked(in, Attrs{}), m.solos > 0)
	}
	m.settle()
}

// Toggle sets in's attributes, adding it to the mix first if it is not in
// it (as core.async's toggle does). The change holds for every value taken
// after Toggle returns: a value already taken is delivered or dropped by
// the attributes it was taken under.
//
// Who closes what: Toggle closes nothing, neither in nor out; pausing an
// input does not close it, and a closed input that Toggle pauses stays in
// the mix until it is unpaused (and found drained) or unmixed.
func (m *Mix[T]) Toggle(in *mpmc.Chan[T], a Attrs) {
	mustChan("Mix.Toggle", "in", in)
	m.mu.Lock()
	defer m.settle()
	soloed := m.solos > 0
	x := m.inputs[in]
	if x == nil {
		x = m.addLocked(in, a)
	} else {
		if x.attrs.Solo {
			m.solos--
		}
		x.attrs = a
		if a.Solo {
			m.solos++
		}
	}
	m.refreshOneLocked(x, soloed)
}

// Attrs returns in's attributes, and whether in is in the mix.
func (m *Mix[T]) Attrs(in *mpmc.Chan[T]) (Attrs, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if x := m.inputs[in]; x != nil {
		return x.attrs, true
	}
	return Attrs{}, false
}

// SoloMode sets what happens to inputs that are not soloed while some input
// is. It panics on a mode other than SoloMute and SoloPause.
//
// Who closes what: SoloMode closes nothing; the inputs it pauses are left
// open, with their values in them.
func (m *Mix[T]) SoloMode(mode SoloMode) {
	if mode != SoloMute && mode != SoloPause {
		panic(fmt.Sprintf("flow: Mix SoloMode %v: want SoloMute or SoloPause", mode))
	}
	m.mu.Lock()
	defer m.settle()
	m.mode = mode
	m.refreshLocked()
}

// Unmix removes in from the mix; no value is taken from it after Unmix
// returns (a value taken before is still delivered). It does not close in.
func (m *Mix[T]) Unmix(in *mpmc.Chan[T]) {
	m.mu.Lock()
	defer m.settle()
	if x := m.inputs[in]; x != nil {
		soloed := m.solos > 0
		m.removeLocked(in, x)
		m.refreshOneLocked(nil, soloed)
	}
}

// UnmixAll removes every input, closing none.
func (m *Mix[T]) UnmixAll() {
	m.mu.Lock()
	defer m.settle()
	for in, x := range m.inputs {
		m.removeLocked(in, x)
	}
}

// Len returns the number of inputs in the mix.
func (m *Mix[T]) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.inputs)
}

// addLocked adds in with attributes a and starts its goroutine. Called with
// mu held; the caller then calls refreshLocked.
//
// An input unmixed and admixed again before its goroutine returned gets
// that goroutine back: it may still be sending a value it took before the
// unmix, and a second goroutine could send the next value first (found by
// a review: TestMixReadmixKeepsOrder). One goroutine per input keeps its
// values in order, as core.async's one go block does.
func (m *Mix[T]) addLocked(in *mpmc.Chan[T], a Attrs) *mixIn {
	x, running := m.alive[in]
	if !running {
		x = &mixIn{}
		m.alive[in] = x
	}
	*x = mixIn{attrs: a} // readable and delivers false: the caller's refresh sets them
	x.epoch, x.cancel = context.WithCancel(m.ctx)
	if a.Solo {
		m.solos++
	}
	m.inputs[in] = x
	if !running {
		go m.run(in, x) // it reads x under mu, which the caller holds
	}
	return x
}

// removeLocked unmixes x. Called with mu held.
func (m *Mix[T]) removeLocked(in *mpmc.Chan[T], x *mixIn) {
	if x.attrs.Solo {
		m.solos--
	}
	x.gone = true
	x.cancel()
	m.moved = append(m.moved, x)
	delete(m.inputs, in)
}

// settle waits until every input whose epoch changed has finished the
// receive it may have started under its old epoch (canceled, so it ends at
// once), and unlocks mu: from then on, no value is taken under an old rule.
// Called with mu held.
func (m *Mix[T]) settle() {
	moved := m.moved
	m.moved = nil
	for _, x := range moved {
		for x.busy != nil && (x.gone || x.busy != x.epoch) {
			m.wait++
			m.cond.Wait()
			m.wait--
		}
	}
	m.mu.Unlock()
}

// refreshOneLocked refreshes x (if not nil) alone when whether any input is
// soloed is still what it was (soloed), and every input otherwise: the other
// inputs' rules depend on x only through that. Called with mu held.
func (m *Mix[T]) refreshOneLocked(x *mixIn, soloed bool) {
	if soloed != (m.solos > 0) {
		m.refreshLocked()
		return
	}
	if x != nil {
		m.refresh(x)
	}
}

// readable is core.async's reads set, for one input. Called with mu held.
func (m *Mix[T]) readable(x *mixIn) bool {
	if m.mode == SoloPause && m.solos > 0 {
		return x.attrs.Solo
	}
	return !x.attrs.Pause
}

// delivers is core.async's rule for putting a taken value to out. Called
// with mu held.
func (m *Mix[T]) delivers(x *mixIn) bool {
	return x.attrs.Solo || (m.solos == 0 && !x.attrs.Mute)
}

// refreshLocked gives every input whose readability or delivery changed a
// new epoch, canceling the old one: a goroutine receiving stops (taking
// nothing) and starts again under the new rule, one waiting starts. Called
// with mu held.
func (m *Mix[T]) refreshLocked() {
	for _, x := range m.inputs {
		m.refresh(x)
	}
}

// refresh gives x a new epoch if its rule changed. Called with mu held.
func (m *Mix[T]) refresh(x *mixIn) {
	if r, d := m.readable(x), m.delivers(x); r != x.readable || d != x.delivers {
		x.readable, x.delivers = r, d
		x.cancel()
		x.epoch, x.cancel = context.WithCancel(m.ctx)
		m.moved = append(m.moved, x)
	}
}

// run is input in's goroutine.
func (m *Mix[T]) run(in *mpmc.Chan[T], x *mixIn) {
	for {
		m.mu.Lock()
		gone, readable, deliver, epoch := x.gone, x.readable, x.delivers, x.epoch
		if gone || m.ctx.Err() != nil {
			delete(m.alive, in) // an Admix from now on starts a new goroutine
			m.mu.Unlock()
			return
		}
		if readable {
			x.busy = epoch // a receive under this epoch: see settle
		}
		m.mu.Unlock()
		if !readable {
			<-epoch.Done() // until it becomes readable, is unmixed, or the Mix stops
			continue
		}
		v, err := recvCtx(epoch, in)
		m.mu.Lock()
		x.busy = nil
		if m.wait > 0 {
			m.cond.Broadcast()
		}
		if err == mpmc.ErrClosed { // closed and drained: core.async drops it from the mix
			if m.inputs[in] == x { // not unmixed meanwhile
				soloed := m.solos > 0
				m.removeLocked(in, x)
				m.refreshOneLocked(nil, soloed)
			}
			delete(m.alive, in)
			m.settle()
			return
		}
		m.mu.Unlock()
		if err != nil {
			continue // the epoch ended: look again
		}
		// deliver is the rule of the epoch the value was taken in.
		if deliver && sendCtx(m.ctx, m.out, v) == mpmc.ErrClosed {
			m.stop() // out closed: the Mix ends, as core.async's does
			return
		}
	}
}
