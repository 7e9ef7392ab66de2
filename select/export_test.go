package alt

// Shuffle is the engine's random permutation, for TestShuffle: from the
// runtime's generator (a plain call's) when wy is false, else from a
// wyrand (a Selector's).
func Shuffle(order []int, wy bool) {
	if !wy {
		shuffle(order, nil)
		return
	}
	shuffle(order, &testRand)
}

var testRand = newWyrand()
