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
// with a context that is canceled when the input stops being readable, so
// an input that is paused, unmixed or excluded by a solo is left alone at
// once, with no value taken from it; a goroutine whose input is not
// readable waits on that context. A change of attributes touches only the
// inputs whose readability it changes. Goroutines cost no CPU while they
// wait, and 2048 inputs (core.async's ASYNC-145) are 2048 small stacks. A
// RecvAsync callback per input would cost no goroutine, but a pending
// RecvAsync cannot be withdrawn, so pausing or unmixing an input would
// still take one value from it: that design was rejected.
//
// Invariants:
//   - Every value taken from an input is sent to out exactly once if it
//     delivers at the moment it was taken, else dropped; it is never taken
//     from an input that is not readable at the moment the receive starts.
//   - inputs, attributes, solo mode and each input's epoch are guarded by mu;
//     an input's epoch context is canceled (and replaced) exactly when its
//     readability changes, or when it is unmixed.
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
	mode   SoloMode                 // guarded by mu
	solos  int                      // inputs with Solo set (guarded by mu)
}

// mixIn is one input of a Mix.
type mixIn struct {
	attrs    Attrs
	readable bool               // as last computed by refreshLocked
	epoch    context.Context    // canceled when readable changes or the input is unmixed
	cancel   context.CancelFunc // cancels epoch
	gone     bool               // unmixed
}

// NewMix returns a Mix whose inputs are sent to out. Add inputs with Admix
// or Toggle.
//
// Who closes what: the Mix never closes out, nor any input. An input that
// is closed and drained is unmixed. The Mix stops, and its goroutines end,
// when out is found closed or when ctx is done.
func NewMix[T any](ctx context.Context, out *mpmc.Chan[T]) *Mix[T] {
	m := &Mix[T]{out: out, inputs: map[*mpmc.Chan[T]]*mixIn{}}
	m.ctx, m.stop = context.WithCancel(ctx)
	return m
}

// Admix adds in to the mix with no attributes set (it is heard). Adding an
// input already in the mix changes nothing.
func (m *Mix[T]) Admix(in *mpmc.Chan[T]) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.inputs[in] == nil {
		m.addLocked(in, Attrs{})
		m.refreshLocked()
	}
}

// Toggle sets in's attributes, adding it to the mix first if it is not in
// it (as core.async's toggle does). The change holds from the next value
// taken: a value already taken is delivered or dropped by the attributes
// it was taken under.
func (m *Mix[T]) Toggle(in *mpmc.Chan[T], a Attrs) {
	m.mu.Lock()
	defer m.mu.Unlock()
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
	m.refreshLocked()
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
func (m *Mix[T]) SoloMode(mode SoloMode) {
	if mode != SoloMute && mode != SoloPause {
		panic(fmt.Sprintf("flow: Mix SoloMode %v: want SoloMute or SoloPause", mode))
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.mode = mode
	m.refreshLocked()
}

// Unmix removes in from the mix; no value is taken from it after Unmix
// returns (a value taken before is still delivered). It does not close in.
func (m *Mix[T]) Unmix(in *mpmc.Chan[T]) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if x := m.inputs[in]; x != nil {
		m.removeLocked(in, x)
		m.refreshLocked()
	}
}

// UnmixAll removes every input, closing none.
func (m *Mix[T]) UnmixAll() {
	m.mu.Lock()
	defer m.mu.Unlock()
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
func (m *Mix[T]) addLocked(in *mpmc.Chan[T], a Attrs) *mixIn {
	x := &mixIn{attrs: a}
	x.epoch, x.cancel = context.WithCancel(m.ctx)
	if a.Solo {
		m.solos++
	}
	m.inputs[in] = x
	go m.run(in, x)
	return x
}

// removeLocked unmixes x. Called with mu held.
func (m *Mix[T]) removeLocked(in *mpmc.Chan[T], x *mixIn) {
	if x.attrs.Solo {
		m.solos--
	}
	x.gone = true
	x.cancel()
	delete(m.inputs, in)
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

// refreshLocked gives every input whose readability changed a new epoch,
// canceling the old one: a goroutine receiving stops, one waiting starts.
// Called with mu held.
func (m *Mix[T]) refreshLocked() {
	for _, x := range m.inputs {
		if r := m.readable(x); r != x.readable {
			x.readable = r
			x.cancel()
			x.epoch, x.cancel = context.WithCancel(m.ctx)
		}
	}
}

// run is input in's goroutine.
func (m *Mix[T]) run(in *mpmc.Chan[T], x *mixIn) {
	for {
		m.mu.Lock()
		gone, readable, epoch := x.gone, x.readable, x.epoch
		m.mu.Unlock()
		if gone || m.ctx.Err() != nil {
			return
		}
		if !readable {
			<-epoch.Done() // until it becomes readable, is unmixed, or the Mix stops
			continue
		}
		v, err := in.RecvContext(epoch)
		if err == mpmc.ErrClosed { // closed and drained: core.async drops it from the mix
			m.mu.Lock()
			if m.inputs[in] == x { // not unmixed (and perhaps admixed again) meanwhile
				m.removeLocked(in, x)
				m.refreshLocked()
			}
			m.mu.Unlock()
			return
		}
		if err != nil {
			continue // the epoch ended: look again
		}
		m.mu.Lock()
		deliver := m.delivers(x)
		m.mu.Unlock()
		if deliver && m.out.SendContext(m.ctx, v) == mpmc.ErrClosed {
			m.stop() // out closed: the Mix ends, as core.async's does
			return
		}
	}
}
