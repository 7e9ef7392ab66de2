// export_test: the one route from the external tests to internals.

package pool

import "fmt"

// ParseCPUList exports parseCPUList.
var ParseCPUList = parseCPUList

// FormatCPUList exports formatCPUList.
var FormatCPUList = formatCPUList

// Ring wraps ring for tests.
type Ring struct{ r *ring }

func NewRing(n int) Ring { return Ring{newRing(n)} }

// Push reports "ok", "full" or "closed".
func (r Ring) Push(f func()) string {
	return [...]string{pushed: "ok", pushFull: "full", pushClose: "closed"}[r.r.push(job{fn: f})]
}
func (r Ring) Pop(buf []func()) int {
	jobs := make([]job, len(buf))
	n := r.r.pop(jobs, 1, nil)
	for i := range n {
		buf[i] = jobs[i].fn
	}
	return n
}
func (r Ring) Len() int      { return r.r.len() }
func (r Ring) Size() int     { return int(r.r.size) }
func (r Ring) Seal()         { r.r.seal() }
func (r Ring) Drained() bool { return r.r.drained() }

// SlotTask reports whether the slot of position pos still references a task.
func (r Ring) SlotTask(pos int) bool { return r.r.at(uint64(pos)).job.fn != nil }

// Spinning returns the pool's spinning count, for tests of the wake protocol.
func (p *Pool) Spinning() int32 { return p.spinning.Load() }

func (p *Pool) DebugState() string {
	s := fmt.Sprintf("live=%d target=%d idle=%d spinning=%d closed=%v\n", p.live.Load(), p.target.Load(), p.idle.Load(), p.spinning.Load(), p.closed.Load())
	for _, sh := range p.shards {
		h := sh.q.head.Load()
		t := sh.q.tail.Load()
		s += fmt.Sprintf("shard %d head=%d tail=%d sealed=%v seq[h]=%d\n", sh.idx, h, t&^sealed, t&sealed != 0, sh.q.at(h).seq.Load())
	}
	return s
}
