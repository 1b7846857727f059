#include "textflag.h"

// SSE2 is part of every amd64 processor: no feature check is needed.
//
// Both functions compare sixteen bytes at a time with '"' and '\\' (and stringSpecial also
// finds the bytes below 0x20: x minus 0x1f, saturated at zero, is zero), and the lowest
// byte found in the mask is the answer. The last fifteen bytes or fewer are read one by one,
// never past the end of b.

// SETUP loads b into SI and DX (base and length) and i into AX, and fills X1 with '"' and
// X2 with '\\', sixteen times over.
#define SETUP \
	MOVQ b_base+0(FP), SI; \
	MOVQ b_len+8(FP), DX; \
	MOVQ i+24(FP), AX; \
	MOVQ $0x2222222222222222, BX; \
	MOVQ BX, X1; \
	PUNPCKLQDQ X1, X1; \
	MOVQ $0x5c5c5c5c5c5c5c5c, BX; \
	MOVQ BX, X2; \
	PUNPCKLQDQ X2, X2

// FOUND returns AX plus the index of the lowest bit set in BX.
#define FOUND \
	BSFL BX, BX; \
	ADDQ BX, AX; \
	MOVQ AX, ret+32(FP); \
	RET

// func quoteOrBackslash(b []byte, i int) int
TEXT ·quoteOrBackslash(SB), NOSPLIT, $0-40
	SETUP

qbLoop:
	LEAQ 16(AX), CX
	CMPQ CX, DX
	JHI qbTail
	MOVOU (SI)(AX*1), X0
	MOVOU X0, X5
	PCMPEQB X1, X5
	PCMPEQB X2, X0
	POR X0, X5
	PMOVMSKB X5, BX
	TESTL BX, BX
	JNZ qbFound
	MOVQ CX, AX
	JMP qbLoop

qbFound:
	FOUND

qbTail:
	CMPQ AX, DX
	JAE qbDone
	MOVBLZX (SI)(AX*1), BX
	CMPB BX, $0x22
	JEQ qbDone
	CMPB BX, $0x5c
	JEQ qbDone
	INCQ AX
	JMP qbTail

qbDone:
	MOVQ AX, ret+32(FP)
	RET

// func stringSpecial(b []byte, i int) int
TEXT ·stringSpecial(SB), NOSPLIT, $0-40
	SETUP
	MOVQ $0x1f1f1f1f1f1f1f1f, BX
	MOVQ BX, X3
	PUNPCKLQDQ X3, X3
	PXOR X4, X4

ssLoop:
	LEAQ 16(AX), CX
	CMPQ CX, DX
	JHI ssTail
	MOVOU (SI)(AX*1), X0
	MOVOU X0, X5
	PCMPEQB X1, X5
	MOVOU X0, X6
	PCMPEQB X2, X6
	POR X6, X5
	PSUBUSB X3, X0
	PCMPEQB X4, X0
	POR X0, X5
	PMOVMSKB X5, BX
	TESTL BX, BX
	JNZ ssFound
	MOVQ CX, AX
	JMP ssLoop

ssFound:
	FOUND

ssTail:
	CMPQ AX, DX
	JAE ssDone
	MOVBLZX (SI)(AX*1), BX
	CMPB BX, $0x22
	JEQ ssDone
	CMPB BX, $0x5c
	JEQ ssDone
	CMPB BX, $0x20
	JCS ssDone
	INCQ AX
	JMP ssTail

ssDone:
	MOVQ AX, ret+32(FP)
	RET
