package mpmc

import "testing"

// Entries recycled while the spare slot is full go to the returned stack,
// and get hands every recycled entry out again, each once, before it
// allocates: the slot's first, then the stack's.
func TestRecycleReturnsEveryEntry(t *testing.T) {
	var l lock
	q := &waitq[int]{mu: &l.mutex}
	es := []*entry[int]{new(entry[int]), new(entry[int]), new(entry[int]), new(entry[int])}
	for _, e := range es {
		e.val = 7 // recycle clears it
		q.recycle(e)
	}
	seen := map[*entry[int]]bool{}
	q.mu.Lock()
	defer q.mu.Unlock()
	for i := range es {
		e := q.get()
		if seen[e] {
			t.Fatalf("get %d returned an entry twice", i)
		}
		seen[e] = true
		if e.val != 0 || e.next != nil {
			t.Fatalf("get %d: entry not cleared: val %d, next %p", i, e.val, e.next)
		}
	}
	if got := q.get(); got == nil || seen[got] {
		t.Fatalf("get after all recycled entries: %p, want a new entry", got)
	}
	for i, e := range es {
		if !seen[e] {
			t.Fatalf("entry %d was recycled but never handed out", i)
		}
	}
}
