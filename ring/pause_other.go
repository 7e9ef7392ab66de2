//go:build !linux

// pause, off Linux: a yield, as backoff did before it slept
// (pause_linux.go says why it sleeps, and why not with time.Sleep).

package ring

import (
	"runtime"
	"time"
)

// pause yields the processor; d is unused.
func pause(time.Duration) { runtime.Gosched() }
