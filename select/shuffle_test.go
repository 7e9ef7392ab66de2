package alt_test

import (
	"fmt"
	"testing"

	alt "github.com/hoare-go/hoare/select"
)

// TestShuffle: Fair's poll order is a uniform random permutation. For 4
// cases every one of the 24 permutations is equally likely; for 13 (13! >
// 2^32, so the shuffle draws a second random number) every case is equally
// likely at the first, the middle and the last position.
func TestShuffle(t *testing.T) {
	for _, wy := range []bool{false, true} {
		t.Run(fmt.Sprintf("wyrand=%v", wy), func(t *testing.T) { testShuffle(t, wy) })
	}
}

func testShuffle(t *testing.T, wy bool) {
	trials := 240000
	if testing.Short() {
		trials = 24000
	}
	counts := map[string]int{}
	order := make([]int, 4)
	for range trials {
		for i := range order {
			order[i] = i
		}
		alt.Shuffle(order, wy)
		counts[fmt.Sprint(order)]++
	}
	if len(counts) != 24 {
		t.Fatalf("%d distinct permutations of 4 in %d shuffles, want 24", len(counts), trials)
	}
	perms := make([]int, 0, 24)
	for _, c := range counts {
		perms = append(perms, c)
	}
	if stat, p := chiSquareP(perms); p < pFail {
		t.Errorf("permutations of 4: chi-square %.1f, p = %.2g: not uniform (%v)", stat, p, counts)
	}

	const n = 13
	var at [3][n]int // value counts at positions 0, n/2, n-1
	order = make([]int, n)
	for range trials {
		for i := range order {
			order[i] = i
		}
		alt.Shuffle(order, wy)
		seen := 0
		for _, v := range order {
			seen |= 1 << v
		}
		if seen != 1<<n-1 {
			t.Fatalf("shuffle of %d is not a permutation: %v", n, order)
		}
		at[0][order[0]]++
		at[1][order[n/2]]++
		at[2][order[n-1]]++
	}
	for k, pos := range []int{0, n / 2, n - 1} {
		if stat, p := chiSquareP(at[k][:]); p < pFail {
			t.Errorf("shuffle of %d, position %d: chi-square %.1f, p = %.2g: not uniform (%v)", n, pos, stat, p, at[k])
		}
	}
}
