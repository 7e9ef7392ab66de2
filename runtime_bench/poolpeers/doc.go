// Package poolpeers runs runtime_bench's pool workloads (PoolTiny, PoolWork,
// PoolGroup) on the worker pools Go programmers use, panjf2000/ants/v2 and
// alitto/pond/v2, as impl=ants and impl=pond. It is a module of its own so
// that the hoare module's go.mod names neither. The workload code is
// runtime_bench's own, from internal/workload (pool.go), which this module
// may import: its path lies under github.com/hoare-go/hoare.
//
// Each peer is set up as its README suggests for a bounded pool of
// GOMAXPROCS workers: ants.NewPool(GOMAXPROCS) (blocking Submit, panics
// recovered), pond.NewPool(GOMAXPROCS) (its default unbounded queue; Go for
// tasks, NewGroupContext for groups).
package poolpeers
