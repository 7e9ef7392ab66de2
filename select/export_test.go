package alt

// Shuffle is the engine's random permutation, for TestShuffle.
var Shuffle = shuffle
