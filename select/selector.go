// selector: a select built once and run many times, for hot loops.
package alt

import "github.com/hoare-go/hoare/internal/park"

// A Selector is a select built once and run many times. Its working memory,
// its Waiter and its timer are kept between runs, so that in the steady
// state a run allocates nothing (with SendFrom for send cases, and case
// functions that do not allocate themselves).
//
// A Selector is for one goroutine at a time.
type Selector struct {
	cases []Case
	s     scratch
	k     keep
}

// NewSelector returns a Selector over a copy of cases.
func NewSelector(cases ...Case) *Selector {
	sel := &Selector{cases: append([]Case(nil), cases...), s: newScratch(len(cases))}
	sel.k.w = new(park.Waiter)
	sel.k.rand = newWyrand()
	p := makePlan(sel.cases, make([]int, 0, len(cases)))
	if p.def >= 0 && p.after < 0 && p.done < 0 && len(p.order) > 0 {
		for _, i := range p.order {
			p.ops = append(p.ops, sel.cases[i].op)
		}
	}
	sel.k.plan = p
	copy(sel.s.order, p.order) // Fair's order: see Fair
	return sel
}

// Priority runs the select as the function Priority does. Without a
// Default, its first pass is a poll of every case, made here ahead of
// run's longer set-up; run then starts at pass 2 (polled, see run). Fair
// does the same.
func (sel *Selector) Priority() int {
	p := &sel.k.plan
	polled := p.def < 0
	if polled {
		if i := take(sel.cases, p.order); i >= 0 {
			return i
		}
	}
	return run(sel.cases, false, sel.s, &sel.k, p.order, p.def, p.after, p.done, polled)
}

// Fair runs the select as the function Fair does.
func (sel *Selector) Fair() int {
	p := &sel.k.plan
	order := p.order // in argument order, for Priority and quiet
	polled := p.def < 0
	if polled {
		// s.order holds a permutation of p.order (NewSelector's copy, or
		// what an earlier run left: every writer leaves one). Shuffled in
		// place, it is as uniformly random as a shuffled copy of p.order,
		// without the copy: SelectRecv2 4% faster.
		order = sel.s.order[:len(order)]
		shuffle(order, &sel.k.rand)
		if i := take(sel.cases, order); i >= 0 {
			return i
		}
	}
	return run(sel.cases, true, sel.s, &sel.k, order, p.def, p.after, p.done, polled)
}
