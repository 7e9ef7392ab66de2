// The inlining test: the submit fast path stays inlined.

package pool_test

import (
	"os/exec"
	"runtime"
	"strings"
	"testing"
)

// The submit fast path stays inlined: a change that pushes one of these
// over the inliner's budget fails here, not silently in benchmarks.
func TestInlining(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the compiler")
	}
	out, err := exec.Command(runtime.GOROOT()+"/bin/go", "build", "-gcflags=-m", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build -gcflags=-m: %v\n%s", err, out)
	}
	for _, fn := range []string{"(*Pool).mayNeedWake", "(*ring).at", "(*ring).len", "(*Pool).queued", "(*Pool).drained"} {
		if !strings.Contains(string(out)+"\n", "can inline "+fn+"\n") {
			t.Errorf("%s is no longer inlinable", fn)
		}
	}
}
