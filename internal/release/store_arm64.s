//go:build !race

#include "textflag.h"

// func storeRel(p *uint64, v uint64)
// STLR: arm64's store-release.
TEXT ·storeRel(SB), NOSPLIT, $0-16
	MOVD	p+0(FP), R0
	MOVD	v+8(FP), R1
	STLR	R1, (R0)
	RET

// func storeRel32(p *uint32, v uint32)
TEXT ·storeRel32(SB), NOSPLIT, $0-12
	MOVD	p+0(FP), R0
	MOVWU	v+8(FP), R1
	STLRW	R1, (R0)
	RET
