package alt

// Priority blocks until one of the cases is ready, performs exactly that
// one operation, runs its function, and returns its index. When several
// cases are ready, the first in argument order wins: this is the select
// Go's select statement cannot express (crossbeam's select_biased!,
// core.async's alts! with :priority true, occam's PRI ALT). With a Default
// case it does not block: Default is chosen only if, at one instant of the
// call, no other case was ready.
//
// A plain call allocates when it must wait (its Waiter's entries are taken
// from the channels, its timer, if an After case fires late, is made
// anew), and the closures and send values in its cases may escape to the
// heap. For a hot loop build a Selector once.
func Priority(cases ...Case) int { return plain(cases, false) }

// Fair is Priority with every ready case equally likely to win, as in Go's
// select statement: the cases are polled in a fresh random order each call.
func Fair(cases ...Case) int { return plain(cases, true) }

// plain runs a select with its working memory on plain's stack frame when
// there are at most inline cases.
func plain(cases []Case, fair bool) int {
	var order [inline]int
	var tokens [inline]any
	var versions [inline]uint64
	s := scratch{order: order[:], tokens: tokens[:], versions: versions[:]}
	if len(cases) > inline {
		s = newScratch(len(cases))
	}
	po, def, after, done := readPlan(cases, s.order) // po: the poll order, in s.order
	polled := def < 0                                // see run
	if polled {
		if fair {
			shuffle(po, nil)
		}
		if i := take(cases, po); i >= 0 {
			return i
		}
	}
	return run(cases, fair, s, nil, po, def, after, done, polled)
}

func newScratch(n int) scratch {
	return scratch{order: make([]int, n), tokens: make([]any, n), versions: make([]uint64, n)}
}
