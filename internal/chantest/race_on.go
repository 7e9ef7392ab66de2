//go:build race

// RaceEnabled in a -race build: see race_off.go.
package chantest

// RaceEnabled reports whether the race detector is on.
const RaceEnabled = true
