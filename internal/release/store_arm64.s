//go:build !race

#include "textflag.h"

// func Store(p *atomic.Uint64, v uint64)
// STLR: arm64's store-release.
TEXT ·Store(SB), NOSPLIT, $0-16
	MOVD	p+0(FP), R0
	MOVD	v+8(FP), R1
	STLR	R1, (R0)
	RET

// func Store32(p *atomic.Uint32, v uint32)
TEXT ·Store32(SB), NOSPLIT, $0-12
	MOVD	p+0(FP), R0
	MOVWU	v+8(FP), R1
	STLRW	R1, (R0)
	RET

// func StoreSeq(p *atomic.Uint64, stride uintptr, n int, v uint64)
// A loop of STLRs, in address order.
TEXT ·StoreSeq(SB), NOSPLIT, $0-32
	MOVD	p+0(FP), R0
	MOVD	stride+8(FP), R1
	MOVD	n+16(FP), R2
	MOVD	v+24(FP), R3
	CMP	$0, R2
	BLE	done
loop:
	STLR	R3, (R0)
	ADD	R1, R0
	ADD	$1, R3
	SUB	$1, R2
	CBNZ	R2, loop
done:
	RET
