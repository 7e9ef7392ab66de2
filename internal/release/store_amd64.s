//go:build !race

#include "textflag.h"

// func Store(p *atomic.Uint64, v uint64)
// A plain MOV: on x86-TSO every store is a release.
TEXT ·Store(SB), NOSPLIT, $0-16
	MOVQ	p+0(FP), AX
	MOVQ	v+8(FP), BX
	MOVQ	BX, 0(AX)
	RET

// func Store32(p *atomic.Uint32, v uint32)
TEXT ·Store32(SB), NOSPLIT, $0-12
	MOVQ	p+0(FP), AX
	MOVL	v+8(FP), BX
	MOVL	BX, 0(AX)
	RET

// func StoreSeq(p *atomic.Uint64, stride uintptr, n int, v uint64)
// A loop of plain MOVs, in address order.
TEXT ·StoreSeq(SB), NOSPLIT, $0-32
	MOVQ	p+0(FP), AX
	MOVQ	stride+8(FP), BX
	MOVQ	n+16(FP), CX
	MOVQ	v+24(FP), DX
	TESTQ	CX, CX
	JLE	done
loop:
	MOVQ	DX, 0(AX)
	ADDQ	BX, AX
	INCQ	DX
	DECQ	CX
	JNZ	loop
done:
	RET
