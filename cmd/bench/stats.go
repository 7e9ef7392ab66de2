// Reading `go test -bench` output into one row per configuration, with the
// implementations (the impl= key) side by side, summarised the way benchstat does.
//
// Source: golang.org/x/perf's benchfmt (the reader benchstat uses) and benchmath's
// AssumeNothing (benchstat's default: median, with a distribution-free confidence
// interval at 95%). Nothing of benchstat is re-implemented here; the table that people
// read is benchstat's own, this is what the charts and the README's summary need.
//
// Invariants: rows, implementations and units keep the order of first appearance in
// the input (so native, run first, is the base); a row is the benchmark name minus its
// impl= part and its -GOMAXPROCS suffix, plus that GOMAXPROCS; values are kept in the
// units the benchmark printed (ns/op, cpu-ns/msg, B/op, allocs/op).

package main

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/perf/benchfmt"
	"golang.org/x/perf/benchmath"
)

// Confidence is the level of the intervals drawn, benchstat's default.
const Confidence = 0.95

// Table is parsed benchmark output.
type Table struct {
	Rows  []*Row   // in order of first appearance
	Impls []string // values of the impl= key, in order of first appearance
	Procs []int    // distinct GOMAXPROCS values, ascending
}

// Row is one configuration, e.g. MPMC/procs=4x4/cap=1024 at GOMAXPROCS 2.
type Row struct {
	Workload string   // the name without impl= and without the -N suffix
	Procs    int      // GOMAXPROCS (1 when the name has no -N suffix)
	Impls    []string // the implementations this row has, in order of first appearance
	// Cells maps impl, then unit, to the values of the rounds.
	Cells map[string]map[string]*Cell
}

// Cell holds one implementation's values in one unit for one row.
type Cell struct {
	Values []float64
}

// Summary is benchstat's summary of a cell: the median and its 95% confidence
// interval; where too few rounds make that interval infinite, the min and max.
type Summary struct {
	Center, Lo, Hi float64
	MinMax         bool // Lo and Hi are the min and max, not a confidence interval
}

// Summary summarises c.
func (c *Cell) Summary() Summary {
	if c == nil || len(c.Values) == 0 {
		return Summary{Center: math.NaN(), Lo: math.NaN(), Hi: math.NaN()}
	}
	s := benchmath.AssumeNothing.Summary(benchmath.NewSample(c.Values, &benchmath.DefaultThresholds), Confidence)
	if math.IsInf(s.Lo, 0) || math.IsInf(s.Hi, 0) {
		return Summary{Center: s.Center, Lo: slices.Min(c.Values), Hi: slices.Max(c.Values), MinMax: true}
	}
	return Summary{Center: s.Center, Lo: s.Lo, Hi: s.Hi}
}

// Label names the row for a chart or a table: the workload, and the GOMAXPROCS when
// the table has more than one.
func (t *Table) Label(r *Row) string {
	if len(t.Procs) > 1 {
		return fmt.Sprintf("%s (P=%d)", r.Workload, r.Procs)
	}
	return r.Workload
}

// Base is the implementation the others in r are compared with: native when r has
// it, else r's first (a pool benchmark's base is its plain-goroutines column).
func (r *Row) Base() string {
	if slices.Contains(r.Impls, "native") {
		return "native"
	}
	if len(r.Impls) > 0 {
		return r.Impls[0]
	}
	return ""
}

// Groups splits t into tables of rows that share a base, in order of first
// appearance; a group's Impls are those its rows have.
func (t *Table) Groups() []*Table {
	var gs []*Table
	byBase := map[string]*Table{}
	for _, r := range t.Rows {
		g := byBase[r.Base()]
		if g == nil {
			g = &Table{Procs: t.Procs}
			byBase[r.Base()] = g
			gs = append(gs, g)
		}
		g.Rows = append(g.Rows, r)
		for _, im := range r.Impls {
			if !slices.Contains(g.Impls, im) {
				g.Impls = append(g.Impls, im)
			}
		}
	}
	return gs
}

// Base is the implementation the others are compared with: native when present,
// else the first seen. It is every row's base in a table made by Groups.
func (t *Table) Base() string {
	if slices.Contains(t.Impls, "native") {
		return "native"
	}
	if len(t.Impls) > 0 {
		return t.Impls[0]
	}
	return ""
}

// Others are the implementations compared with Base, in order.
func (t *Table) Others() []string {
	var o []string
	for _, im := range t.Impls {
		if im != t.Base() {
			o = append(o, im)
		}
	}
	return o
}

// Ratio is the ratio of the medians of impl and r's base in unit for row r, NaN
// where either is missing.
func (t *Table) Ratio(r *Row, impl, unit string) float64 {
	b := r.Cell(r.Base(), unit).Summary().Center
	v := r.Cell(impl, unit).Summary().Center
	if b == 0 || math.IsNaN(b) || math.IsNaN(v) {
		return math.NaN()
	}
	return v / b
}

// cpuUnits are the names CPU time per operation goes by, the first preferred: this
// package's benchmarks report cpu-ns/msg, the pool benchmarks cpu-sec/op.
var cpuUnits = []string{unitCPU, "cpu-sec/op", "cpu-ns/op"}

// Cell is impl's cell of r in unit, nil when absent; asked for unitCPU, it takes the
// first of cpuUnits the row has.
func (r *Row) Cell(impl, unit string) *Cell {
	if unit == unitCPU {
		for _, u := range cpuUnits {
			if c := r.Cells[impl][u]; c != nil {
				return c
			}
		}
		return nil
	}
	return r.Cells[impl][unit]
}

// Parse reads benchmark output. Lines that are not benchmark results are skipped, as
// benchstat skips them; a benchmark without an impl= key is kept under impl "".
func Parse(r io.Reader, fileName string) (*Table, error) {
	t := &Table{}
	rows := map[string]*Row{}
	rd := benchfmt.NewReader(r, fileName)
	for rd.Scan() {
		res, ok := rd.Result().(*benchfmt.Result)
		if !ok {
			continue // unit metadata or a syntax error: benchstat reports those itself
		}
		workload, impl, procs, err := splitName(res.Name)
		if err != nil {
			return nil, err
		}
		key := workload + "\x00" + strconv.Itoa(procs)
		row := rows[key]
		if row == nil {
			row = &Row{Workload: workload, Procs: procs, Cells: map[string]map[string]*Cell{}}
			rows[key] = row
			t.Rows = append(t.Rows, row)
		}
		if !slices.Contains(t.Impls, impl) {
			t.Impls = append(t.Impls, impl)
		}
		if !slices.Contains(row.Impls, impl) {
			row.Impls = append(row.Impls, impl)
		}
		if !slices.Contains(t.Procs, procs) {
			t.Procs = append(t.Procs, procs)
		}
		units := row.Cells[impl]
		if units == nil {
			units = map[string]*Cell{}
			row.Cells[impl] = units
		}
		for _, v := range res.Values {
			unit, val := v.Unit, v.Value
			if v.OrigUnit != "" {
				unit, val = v.OrigUnit, v.OrigValue
			}
			c := units[unit]
			if c == nil {
				c = &Cell{}
				units[unit] = c
			}
			c.Values = append(c.Values, val)
		}
	}
	if err := rd.Err(); err != nil {
		return nil, fmt.Errorf("reading %s: %w", fileName, err)
	}
	slices.Sort(t.Procs)
	return t, nil
}

// splitName splits BenchmarkMPMC/impl=hoare/procs=4x4/cap=1024-2 into the workload
// MPMC/procs=4x4/cap=1024, the impl hoare and the GOMAXPROCS 2.
func splitName(n benchfmt.Name) (workload, impl string, procs int, err error) {
	base, parts := n.Parts()
	var b strings.Builder
	b.Write(bytes.TrimPrefix(base, []byte("Benchmark")))
	procs = 1 // `go test` leaves the suffix off at GOMAXPROCS 1
	for _, p := range parts {
		switch {
		case p[0] == '-':
			if procs, err = strconv.Atoi(string(p[1:])); err != nil {
				return "", "", 0, fmt.Errorf("benchmark %s: bad GOMAXPROCS suffix %q", n, p)
			}
		case bytes.HasPrefix(p, []byte("/impl=")):
			impl = string(p[len("/impl="):])
		default:
			b.Write(p)
		}
	}
	return b.String(), impl, procs, nil
}
