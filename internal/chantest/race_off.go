//go:build !race

// RaceEnabled tells cases that cannot run on native chan under the race
// detector to skip there. Go's race detector treats a close concurrent with
// a (blocked) send on a native chan as a data race (runtime/chan.go:
// racereadpc in chansend, racewritepc in closechan), though the language
// defines the outcome (the sender panics); such cases are proven on native
// chan in a build without -race.
package chantest

// RaceEnabled reports whether the race detector is on.
const RaceEnabled = false
