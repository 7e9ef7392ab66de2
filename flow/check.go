// check: the argument checks of the exported functions.
//
// A nil channel or function given to a combinator would otherwise be met
// only by one of the combinator's goroutines, where a nil dereference kills
// the program and no caller can recover it. So every exported function
// that starts a process, or blocks, checks its channels and functions
// first and panics at the call with a message that names the function and
// the argument, as mpmc.New names a bad capacity.
package flow

import (
	"fmt"
	"math"

	"github.com/hoare-go/hoare/mpmc"
)

// maxSize is the largest buffer or ring a combinator makes: mpmc's limit on
// a channel's capacity (or, where int has 32 bits, half the largest int, so
// that twice it still fits), so that a size past it is refused with a
// message rather than met by an overflow or a failed allocation.
const maxSize = min(1<<40, math.MaxInt/2)

// mustChan panics if c, the argument arg of fn, is nil.
func mustChan[T any](fn, arg string, c *mpmc.Chan[T]) {
	if c == nil {
		panic(fmt.Sprintf("flow: %s %s is nil", fn, arg))
	}
}

// mustChans panics if any channel of cs, the argument arg of fn, is nil.
func mustChans[T any](fn, arg string, cs []*mpmc.Chan[T]) {
	for i, c := range cs {
		if c == nil {
			panic(fmt.Sprintf("flow: %s %s[%d] is nil", fn, arg, i))
		}
	}
}

// mustSize panics if n, the capacity argument arg of fn, is negative or
// above maxSize: mpmc.New would panic too, but naming neither fn nor arg.
func mustSize(fn, arg string, n int) {
	if n < 0 || n > maxSize {
		panic(fmt.Sprintf("flow: %s %s %d: must be at least 0 and at most %d", fn, arg, n, maxSize))
	}
}

// mustFunc panics if the function argument arg of fn is nil (isNil).
func mustFunc(fn, arg string, isNil bool) {
	if isNil {
		panic(fmt.Sprintf("flow: %s %s is nil", fn, arg))
	}
}
