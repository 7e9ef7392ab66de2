package ring

// ForceSpread makes the rings made from now on spread their slots or not,
// whatever this machine's vendor, so that the tests run both layouts
// everywhere. Call restore when done; tests that call it do not run in
// parallel.
func ForceSpread(on bool) (restore func()) {
	old := spreadOn
	spreadOn = func() bool { return on }
	return func() { spreadOn = old }
}
