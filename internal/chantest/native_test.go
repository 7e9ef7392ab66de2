// The suite proven against Go's own channels: every case must pass on the
// native adapter before it may be demanded of any other implementation.
package chantest_test

import (
	"testing"

	"github.com/hoare-go/hoare/internal/chantest"
)

func TestNative(t *testing.T) {
	chantest.Run(t, func(n int) chantest.Chan { return chantest.NewNative[int](n) })
}
