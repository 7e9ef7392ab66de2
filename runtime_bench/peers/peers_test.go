// Tests that the peer adapters move every value exactly once through every workload
// they are benchmarked on, so a fast peer column is never a broken adapter.

package peers

import (
	"strings"
	"testing"

	"github.com/hoare-go/hoare/internal/workload"
)

func TestPeerWorkloads(t *testing.T) {
	for _, im := range []workload.Impl{XsyncMPMC, XsyncSPSC, Workiva} {
		bodies := map[string]workload.Body{
			"spsc/cap=64":   workload.ProdCons(im, 64, 1, 1),
			"pingpong":      workload.PingPong(im),
			"trysend":       workload.TrySendFull(im, 16),
			"sendrecv":      workload.SendRecv(im, 1024),
			"batch(serial)": workload.Batch(im, 64, 8),
		}
		if im.Name != "xsync-spsc" {
			bodies["mpmc/4x4"] = workload.ProdCons(im, 64, 4, 4)
			bodies["mpmc/16x16/cap=2"] = workload.ProdCons(im, 2, 16, 16)
		}
		if im.Name != "workiva" { // see workiva.go: no TryRecv, livelock at capacity 1
			bodies["tryrecv"] = workload.TryRecvEmpty(im, 16)
			bodies["spsc/cap=1"] = workload.ProdCons(im, 1, 1, 1)
			bodies["pipeline/cap=1"] = workload.Pipeline(im, 4, 1)
		}
		if im.Name == "xsync-mpmc" {
			bodies["mpmc/16x16/cap=1"] = workload.ProdCons(im, 1, 16, 16)
		}
		for name, body := range bodies {
			t.Run(im.Name+"/"+name, func(t *testing.T) {
				for _, n := range []int{1, 1000, 3001} {
					if err := body(n); err != nil {
						t.Fatalf("n=%d: %v", n, err)
					}
				}
			})
		}
	}
}

func TestWorkivaRefusalsSayWhy(t *testing.T) {
	for want, f := range map[string]func(){
		"no non-blocking receive": func() { Workiva.New(4).TryRecvN(1) },
		"livelocks at capacity 1": func() { Workiva.New(1) },
	} {
		func() {
			defer func() {
				if r, _ := recover().(string); !strings.Contains(r, want) {
					t.Errorf("recovered %q, want it to say %q", r, want)
				}
			}()
			f()
		}()
	}
}
