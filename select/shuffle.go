// shuffle: Fair's poll order, a uniformly random permutation per select.
//
// Invariants:
//   - Every permutation of the cases is equally likely, up to 2^-32 (see
//     shuffle), so every ready case is equally likely to be polled first.
//   - A plain call draws from the runtime's generator (math/rand/v2); a
//     Selector from its own wyrand, seeded from it, which costs a multiply
//     instead of a call and is not shared between goroutines.
package alt

import (
	"math/bits"
	"math/rand/v2"
)

// shuffle permutes order uniformly at random: Fisher-Yates, with every
// index drawn from one 64-bit random number rather than one draw per index.
// Read x as a fraction u in [0, 1): the high word of x*(i+1) is the next
// digit of u in base i+1 (uniform in [0, i]) and the low word the rest of
// u, so the digits are independent and uniform up to the 64 bits' grain.
// A fresh x is drawn once the digits taken need more than 32 bits of it,
// which keeps every permutation's probability within 2^-32 of 1/n!.
// r == nil draws from the runtime's generator.
func shuffle(order []int, r *wyrand) {
	x, used := r.next(), uint64(1)
	for i := len(order) - 1; i > 0; i-- {
		n := uint64(i + 1)
		if used *= n; used > 1<<32 {
			x, used = r.next(), n
		}
		var j uint64
		j, x = bits.Mul64(x, n)
		order[i], order[j] = order[j], order[i]
	}
}

// wyrand is Wang Yi's wyrand generator: a Weyl sequence mixed by one
// 64x64->128 multiply. It passes BigCrush and PractRand, is what Go's
// runtime used for fastrand before ChaCha8, and is plenty for choosing
// among ready cases (nothing here needs to be unpredictable).
type wyrand struct{ s uint64 }

func newWyrand() wyrand { return wyrand{rand.Uint64()} }

// next returns the next random number; on a nil r, the runtime's.
func (r *wyrand) next() uint64 {
	if r == nil {
		return rand.Uint64()
	}
	r.s += 0xa0761d6478bd642f
	hi, lo := bits.Mul64(r.s, r.s^0xe7037ed1a0b428db)
	return hi ^ lo
}
