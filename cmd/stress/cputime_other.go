//go:build !unix

// cputime (other): no portable process CPU clock here; the idle check is
// skipped and the summary says so.
package main

import "time"

// processCPU reports that the process CPU time is not available.
func processCPU() (time.Duration, bool) { return 0, false }
