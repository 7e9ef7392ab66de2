// errors: the values the pool returns, and the error a caught panic becomes.
//
// Invariants:
//   - ErrClosed and ErrWouldBlock are the pool's own values, distinct from
//     mpmc.ErrClosed and mpmc.ErrWouldBlock (pool does not import mpmc); test
//     for them with errors.Is.

package pool

import (
	"errors"
	"fmt"
)

// ErrClosed is returned by Submit, TrySubmit, Resize and a second Close once
// the pool is closed, and by Group.Wait and Future.Wait for tasks that could
// not be submitted because of it. It is the pool's own value, not
// mpmc.ErrClosed.
var ErrClosed = errors.New("pool: closed")

// ErrWouldBlock is returned by TrySubmit when every queue is full. It is the
// pool's own value, not mpmc.ErrWouldBlock.
var ErrWouldBlock = errors.New("pool: queue full, would block")

// errNilTask is returned for a nil task, which would otherwise panic on a
// worker, far from the mistake.
var errNilTask = errors.New("pool: task is nil")

// ErrGoexit is the error of a Group or Future task that called
// runtime.Goexit: it ended without returning a result. The pool replaces
// the worker, as for a panic.
var ErrGoexit = errors.New("pool: task called runtime.Goexit")

// PanicError is the error a Group or Future task's panic becomes.
type PanicError struct {
	Value any    // what the task panicked with
	Stack []byte // the panicking goroutine's stack, from runtime/debug.Stack
}

// Error reports the panic value.
func (e *PanicError) Error() string { return fmt.Sprintf("pool: task panicked: %v", e.Value) }

// Unwrap returns the panic value if it is an error.
func (e *PanicError) Unwrap() error {
	err, _ := e.Value.(error)
	return err
}
