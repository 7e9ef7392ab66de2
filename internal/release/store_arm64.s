//go:build !race

#include "textflag.h"

// func storeRel(p *uint64, v uint64)
// STLR: arm64's store-release.
TEXT ·storeRel(SB), NOSPLIT, $0-16
	MOVD	p+0(FP), R0
	MOVD	v+8(FP), R1
	STLR	R1, (R0)
	RET
