// The charts: SVG pictures of a results folder, drawn with gonum.org/v1/plot.
//
//	ns-per-msg.svg   median ns per message of every implementation, per workload, on a
//	                 log axis, with benchstat's 95% interval (min-max where too few
//	                 rounds for one)
//	ratio.svg        each implementation's median time over native's, per workload
//	cpu-ratio.svg    the same for CPU time per message (cpu-ns/msg)
//	scaling.svg      with -cpu 1,2,4...: ns per message against GOMAXPROCS, one small
//	                 panel per workload, a line per implementation
//
// Peers' charts carry the prefix "peers-".
//
// Invariants: rows are drawn top-down in the order the benchmarks ran; colours follow
// the implementations' order (native first) in every chart; a chart with nothing to
// draw is not written.

package main

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

const (
	unitTime = "ns/op"
	unitCPU  = "cpu-ns/msg"
	rowH     = vg.Length(18) // height of one workload row, in points
)

func init() {
	sans := font.Font{Typeface: "Liberation", Variant: "Sans"}
	plot.DefaultFont = sans
	plotter.DefaultFont = sans
}

// implColor is impl's colour in table t: the base always red, hoare always green,
// the others the next colours in their order in t, so a name keeps its colour across
// the charts of one group.
func implColor(t *Table, impl string) color.Color {
	i := 0
	switch {
	case impl == t.Base():
		i = 0
	case impl == "hoare":
		i = 1
	default:
		i = 2
		for _, im := range t.Impls {
			if im == impl {
				break
			}
			if im != t.Base() && im != "hoare" {
				i++
			}
		}
	}
	return plotutil.DarkColors[i%len(plotutil.DarkColors)]
}

// groupTitle names what a group's charts compare, e.g. "hoare vs native".
func groupTitle(t *Table) string {
	if len(t.Others()) == 0 {
		return t.Base()
	}
	return strings.Join(t.Others(), ", ") + " vs " + t.Base()
}

// DrawCharts writes every chart t has data for into dir, each file name starting with
// prefix, and returns the names written; title (may be "") heads each chart's title. Rows are charted in groups that share a
// base implementation (groups other than native's get "vs-<base>-" in their names).
func DrawCharts(t *Table, dir, prefix, title string) ([]string, error) {
	var written []string
	for _, g := range t.Groups() {
		gt := groupTitle(g)
		if title != "" {
			gt = title + ": " + gt
		}
		w, err := drawGroup(g, dir, groupPrefix(prefix, g), gt)
		written = append(written, w...)
		if err != nil {
			return written, err
		}
	}
	return written, nil
}

// groupPrefix is the file prefix of a group's charts.
func groupPrefix(prefix string, g *Table) string {
	if g.Base() == "native" {
		return prefix
	}
	return prefix + "vs-" + sanitize(g.Base()) + "-"
}

func drawGroup(t *Table, dir, prefix, title string) ([]string, error) {
	var written []string
	save := func(name string, p *plot.Plot, w, h vg.Length) error {
		if p == nil {
			return nil
		}
		c := vgsvg.New(w, h)
		p.Draw(draw.New(c))
		if err := writeSVG(c, filepath.Join(dir, prefix+name)); err != nil {
			return fmt.Errorf("chart %s: %w", prefix+name, err)
		}
		written = append(written, prefix+name)
		return nil
	}
	h := rowH*vg.Length(len(t.Rows)) + 2.2*vg.Inch
	if err := save("ns-per-msg.svg", dotChart(t, unitTime, title+": ns per op (per message for channels)", "ns per op, log scale; bar: 95% CI of the median (min-max below 6 rounds)"), 9*vg.Inch, h); err != nil {
		return written, err
	}
	if err := save("ratio.svg", ratioChart(t, unitTime, title+": time / "+t.Base()+"'s"), 9*vg.Inch, h); err != nil {
		return written, err
	}
	if err := save("cpu-ratio.svg", ratioChart(t, unitCPU, title+": CPU time / "+t.Base()+"'s"), 9*vg.Inch, h); err != nil {
		return written, err
	}
	if len(t.Procs) > 1 {
		name := prefix + "scaling.svg"
		ok, err := scalingChart(t, title+": ns per message against GOMAXPROCS", filepath.Join(dir, name))
		if err != nil {
			return written, fmt.Errorf("chart %s: %w", name, err)
		}
		if ok {
			written = append(written, name)
		}
	}
	return written, nil
}

// rowY is the y of row i of n: the first row on top.
func rowY(i, n int) float64 { return float64(n - 1 - i) }

// slot is the vertical offset, in rows, of implementation k of m within a row.
func slot(k, m int) float64 { return -(float64(k) - float64(m-1)/2) * 0.7 / float64(m) }

func labels(t *Table) []string {
	ls := make([]string, len(t.Rows))
	for i, r := range t.Rows {
		ls[len(t.Rows)-1-i] = t.Label(r)
	}
	return ls
}

// dotChart draws each implementation's median in unit as a dot with its interval as
// a horizontal bar, one row per workload, on a log axis. It returns nil when there is
// no positive value to draw.
func dotChart(t *Table, unit, title, xlabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = xlabel
	p.X.Scale = plot.LogScale{}
	p.X.Tick.Marker = plot.LogTicks{Prec: -1}
	grid := plotter.NewGrid()
	grid.Horizontal.Color = nil
	p.Add(grid)
	n, drawn := len(t.Rows), false
	for k, im := range t.Impls {
		var xys plotter.XYs
		var errs plotter.XErrors
		for i, r := range t.Rows {
			s := r.Cell(im, unit).Summary()
			if math.IsNaN(s.Center) || s.Center <= 0 {
				continue
			}
			xys = append(xys, plotter.XY{X: s.Center, Y: rowY(i, n) + slot(k, len(t.Impls))})
			errs = append(errs, struct{ Low, High float64 }{s.Center - max(s.Lo, s.Center/1e3), s.Hi - s.Center})
		}
		if len(xys) == 0 {
			continue
		}
		drawn = true
		sc, err := plotter.NewScatter(xys)
		if err != nil {
			continue
		}
		sc.GlyphStyle.Color = implColor(t, im)
		sc.GlyphStyle.Shape = draw.CircleGlyph{}
		sc.GlyphStyle.Radius = vg.Points(3)
		eb := &plotter.XErrorBars{XYs: xys, XErrors: errs, LineStyle: plotter.DefaultLineStyle, CapWidth: vg.Points(5)}
		eb.LineStyle.Color = implColor(t, im)
		p.Add(eb, sc)
		p.Legend.Add(implName(im), sc)
	}
	if !drawn {
		return nil
	}
	p.NominalY(labels(t)...)
	p.Y.Min, p.Y.Max = -0.6, float64(n)-0.4
	p.Legend.Top = true
	p.Legend.XOffs = -vg.Points(6)
	return p
}

// ratioChart draws, for each implementation but the base, its median in unit over the
// base's as a bar from 1 on a log axis (left: less than the base, right: more),
// labelled with the ratio. It returns nil when no ratio can be computed.
func ratioChart(t *Table, unit, title string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	per := "op"
	if t.Base() == "native" {
		per = "message"
	}
	what := map[string]string{unitTime: "time per ", unitCPU: "CPU time per "}[unit] + per
	p.X.Label.Text = fmt.Sprintf("median %s over %s's, log scale (left of 1: less than %s)", what, t.Base(), t.Base())
	p.X.Scale = plot.LogScale{}
	p.X.Tick.Marker = ratioTicks{}
	grid := plotter.NewGrid()
	grid.Horizontal.Color = nil
	p.Add(grid)
	others := t.Others()
	n, lo, hi, drawn := len(t.Rows), 1.0, 1.0, false
	half := 0.7 / float64(max(len(others), 1)) / 2 * 0.85 // half a bar's height, in rows
	for k, im := range others {
		var left, right plotter.XYLabels
		var legend *plotter.Polygon
		for i, r := range t.Rows {
			q := t.Ratio(r, im, unit)
			if math.IsNaN(q) || math.IsInf(q, 0) || q <= 0 {
				continue
			}
			y := rowY(i, n) + slot(k, len(others))
			bar, err := plotter.NewPolygon(plotter.XYs{{X: 1, Y: y - half}, {X: q, Y: y - half}, {X: q, Y: y + half}, {X: 1, Y: y + half}})
			if err != nil {
				continue
			}
			bar.Color = implColor(t, im)
			bar.LineStyle.Width = 0
			p.Add(bar)
			legend = bar
			side := &right
			if q < 1 {
				side = &left
			}
			side.XYs = append(side.XYs, plotter.XY{X: q, Y: y})
			side.Labels = append(side.Labels, strconv.FormatFloat(q, 'f', 2, 64))
			lo, hi = min(lo, q), max(hi, q)
		}
		if legend == nil {
			continue
		}
		drawn = true
		for _, side := range []struct {
			l     plotter.XYLabels
			align draw.XAlignment
			dx    vg.Length
		}{{left, draw.XRight, -3}, {right, draw.XLeft, 3}} {
			if len(side.l.XYs) == 0 {
				continue
			}
			if lab, err := plotter.NewLabels(side.l); err == nil {
				for i := range lab.TextStyle {
					lab.TextStyle[i].Font.Size = vg.Points(8)
					lab.TextStyle[i].YAlign = draw.YCenter
					lab.TextStyle[i].XAlign = side.align
				}
				lab.Offset = vg.Point{X: side.dx}
				p.Add(lab)
			}
		}
		p.Legend.Add(implName(im), legend)
	}
	if !drawn {
		return nil
	}
	one, err := plotter.NewLine(plotter.XYs{{X: 1, Y: -0.6}, {X: 1, Y: float64(n) - 0.4}})
	if err == nil {
		one.LineStyle.Color = implColor(t, t.Base())
		p.Add(one)
	}
	p.NominalY(labels(t)...)
	p.Y.Min, p.Y.Max = -0.6, float64(n)-0.4
	p.X.Min, p.X.Max = lo/1.6, hi*1.6 // room for the labels
	p.Legend.Top = true
	p.Legend.XOffs = -vg.Points(6)
	return p
}

// ratioTicks labels a log axis of ratios at 1, 2 and 5 times the powers of ten.
type ratioTicks struct{}

func (ratioTicks) Ticks(lo, hi float64) []plot.Tick {
	var ticks []plot.Tick
	for e := math.Floor(math.Log10(lo)); math.Pow(10, e) <= hi; e++ {
		for _, m := range []float64{1, 2, 5} {
			v := m * math.Pow(10, e)
			if v >= lo && v <= hi {
				ticks = append(ticks, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'g', -1, 64)})
			}
		}
	}
	return ticks
}

// scalingChart draws one small panel per workload: ns per message against GOMAXPROCS,
// a line per implementation. It reports false when no workload ran at two GOMAXPROCS.
func scalingChart(t *Table, title, path string) (bool, error) {
	type panel struct {
		name string
		rows map[int]*Row
	}
	var panels []*panel
	byName := map[string]*panel{}
	for _, r := range t.Rows {
		pn := byName[r.Workload]
		if pn == nil {
			pn = &panel{name: r.Workload, rows: map[int]*Row{}}
			byName[r.Workload] = pn
			panels = append(panels, pn)
		}
		pn.rows[r.Procs] = r
	}
	const cols = 4
	nrows := (len(panels) + cols - 1) / cols
	if nrows == 0 {
		return false, nil
	}
	grid := make([][]*plot.Plot, nrows)
	for i := range grid {
		grid[i] = make([]*plot.Plot, cols)
	}
	drawn := false
	for i, pn := range panels {
		p := plot.New()
		p.Title.Text = pn.name
		p.Title.TextStyle.Font.Size = vg.Points(9)
		p.X.Label.Text = "GOMAXPROCS"
		p.Y.Label.Text = "ns/msg"
		p.X.Min, p.Y.Min = 0, 0
		var ticks []plot.Tick
		for _, pr := range t.Procs {
			ticks = append(ticks, plot.Tick{Value: float64(pr), Label: strconv.Itoa(pr)})
		}
		p.X.Tick.Marker = plot.ConstantTicks(ticks)
		for _, im := range t.Impls {
			var xys plotter.XYs
			for _, pr := range t.Procs {
				if r := pn.rows[pr]; r != nil {
					if s := r.Cell(im, unitTime).Summary(); !math.IsNaN(s.Center) {
						xys = append(xys, plotter.XY{X: float64(pr), Y: s.Center})
					}
				}
			}
			if len(xys) < 2 {
				continue
			}
			drawn = true
			l, pts, err := plotter.NewLinePoints(xys)
			if err != nil {
				continue
			}
			l.LineStyle.Color, pts.GlyphStyle.Color = implColor(t, im), implColor(t, im)
			p.Add(l, pts)
			if i == 0 {
				p.Legend.Add(implName(im), l, pts)
			}
		}
		p.Legend.Top, p.Legend.Left = true, true
		p.Legend.TextStyle.Font.Size = vg.Points(9)
		grid[i/cols][i%cols] = p
	}
	if !drawn {
		return false, nil
	}
	for i := range grid { // Align needs a plot in every tile
		for j := range grid[i] {
			if grid[i][j] == nil {
				grid[i][j] = plot.New()
				grid[i][j].HideAxes()
			}
		}
	}
	w, h := 12*vg.Inch, vg.Length(nrows)*2.4*vg.Inch+0.5*vg.Inch
	c := vgsvg.New(w, h)
	dc := draw.New(c)
	head := plot.New()
	head.Title.Text = title
	head.HideAxes()
	head.Draw(draw.Crop(dc, 0, 0, h-0.5*vg.Inch, 0))
	body := draw.Crop(dc, 0, 0, 0, -0.5*vg.Inch)
	tiles := draw.Tiles{Rows: nrows, Cols: cols, PadX: vg.Points(8), PadY: vg.Points(8), PadTop: vg.Points(4), PadBottom: vg.Points(4), PadLeft: vg.Points(4), PadRight: vg.Points(8)}
	canvases := plot.Align(grid, tiles, body)
	for i := range grid {
		for j := range grid[i] {
			grid[i][j].Draw(canvases[i][j])
		}
	}
	return true, writeSVG(c, path)
}

// writeSVG writes c to path, naming fallbacks for the font: gonum measures text with
// Liberation Sans, which few viewers have; Arial and Helvetica have the same metrics,
// so labels keep the width they were laid out for.
func writeSVG(c *vgsvg.Canvas, path string) error {
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return err
	}
	out := bytes.ReplaceAll(buf.Bytes(), []byte("font-family:Liberation Sans;"), []byte("font-family:Liberation Sans,Arial,Helvetica,sans-serif;"))
	return os.WriteFile(path, out, 0o644)
}

// implName is how an implementation is named in a legend.
func implName(im string) string {
	if im == "" {
		return "(no impl= key)"
	}
	return im
}
