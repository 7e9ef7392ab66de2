// Tests for the core-to-core round trip: it measures something plausible where two
// CPUs can run it, and says why not where they cannot.

package main

import (
	"runtime"
	"testing"
	"time"
)

func TestCoreRoundTrip(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("one P: no round trip to measure (TestCoreRoundTripOneP checks what it says)")
	}
	d, err := coreRoundTrip()
	if err != nil {
		t.Fatalf("coreRoundTrip: %v", err)
	}
	// A round trip is two cache-line transfers: tens of nanoseconds on bare metal,
	// about a microsecond at worst on a busy VM; far beyond that, the loops are wrong.
	if d <= 0 || d > 100*time.Microsecond {
		t.Errorf("round trip %v, want between 0 and 100µs", d)
	}
	t.Logf("round trip %v", d)
}

func TestCoreRoundTripOneP(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	if got := CoreRoundTrip(); got != "unknown (GOMAXPROCS < 2: the two sides cannot run at once)" {
		t.Errorf("CoreRoundTrip with GOMAXPROCS 1 = %q", got)
	}
}
