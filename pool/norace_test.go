//go:build !race

// raceEnabled: whether the race detector is on (allocation tests skip).

package pool_test

const raceEnabled = false
