"""Sixteen-lane float32 vectors for the numba kernel: a numba type and a few intrinsics.

Why: the hot loop's accumulators belong in registers. Written as loops over arrays, LLVM's
loop vectoriser can only vectorise the innermost loop, over occupations, so every pass over
the dimensions loaded and stored its twelve accumulator rows and spilled its 48 broadcast
levels to the stack (~73 cycles per 16-lane step where the arithmetic needs ~25). With a
vector type the kernel keeps a 16-occupation block's accumulators in registers over every
dimension (docs/performance.md).

The operations are plain LLVM vector instructions with the kernel's own fast-math flag
(``contract`` only): :func:`vadd` and :func:`vmul` written as the scalar expression would be
are fused into the same multiply-adds as before, so the results are bitwise those of the
scalar code on the same machine. :func:`vmin` is ``h < l ? h : l`` (numba's ``min`` for the
non-NaN values the kernel passes). Loads and stores are unaligned and unchecked: the caller
keeps ``i … i + 15`` inside the array, as the kernel's loops do. On a CPU without 512-bit
vectors LLVM splits each operation in two (correct, with register spills).

Numba's on-disk cache is keyed on the source file of the cached function (``kernel.py``), not
on this one: after editing this file, clear ``scoring/__pycache__`` (or touch kernel.py).
"""

from __future__ import annotations

from typing import Any

from llvmlite import ir  # type: ignore[import-untyped]
from numba import types
from numba.core import cgutils
from numba.extending import intrinsic, models, register_model

#: Lanes per vector.
LANES = 16
_FLAGS = ("contract",)
_VEC = ir.VectorType(ir.FloatType(), LANES)


class F32x16(types.Type):
    """Sixteen float32 lanes (an LLVM ``<16 x float>``)."""

    def __init__(self) -> None:
        super().__init__(name="F32x16")


f32x16 = F32x16()


@register_model(F32x16)
class _F32x16Model(models.PrimitiveModel):
    def __init__(self, dmm: Any, fe_type: Any) -> None:
        super().__init__(dmm, fe_type, _VEC)  # type: ignore[no-untyped-call]


def _pointer(context: Any, builder: Any, aryty: Any, ary: Any, index: Any) -> Any:
    data = context.make_array(aryty)(context, builder, ary).data
    return builder.bitcast(builder.gep(data, [index]), _VEC.as_pointer())


def _vload(typingctx: Any, ary: Any, index: Any) -> Any:
    """ary[index : index + 16] of a 1-d float32 array."""
    if not (isinstance(ary, types.Array) and ary.dtype == types.float32 and ary.ndim == 1):
        return None

    def codegen(context: Any, builder: Any, sig: Any, args: Any) -> Any:
        idx = context.cast(builder, args[1], sig.args[1], types.intp)
        return builder.load(_pointer(context, builder, sig.args[0], args[0], idx), align=4)

    return f32x16(ary, index), codegen


def _vstore(typingctx: Any, ary: Any, index: Any, vec: Any) -> Any:
    """ary[index : index + 16] = vec, for a 1-d float32 array."""
    if not (isinstance(ary, types.Array) and ary.dtype == types.float32 and ary.ndim == 1):
        return None

    def codegen(context: Any, builder: Any, sig: Any, args: Any) -> Any:
        idx = context.cast(builder, args[1], sig.args[1], types.intp)
        builder.store(args[2], _pointer(context, builder, sig.args[0], args[0], idx), align=4)
        return context.get_dummy_value()

    return types.void(ary, index, vec), codegen


def _vsplat(typingctx: Any, x: Any) -> Any:
    """x (a float32) in every lane."""
    if x != types.float32:
        return None

    def codegen(context: Any, builder: Any, sig: Any, args: Any) -> Any:
        one = builder.insert_element(ir.Constant(_VEC, ir.Undefined), args[0], cgutils.int32_t(0))
        mask = ir.Constant(ir.VectorType(ir.IntType(32), LANES), [0] * LANES)
        return builder.shuffle_vector(one, ir.Constant(_VEC, ir.Undefined), mask)

    return f32x16(x), codegen


def _vzero(typingctx: Any) -> Any:
    """Sixteen zeros."""

    def codegen(context: Any, builder: Any, sig: Any, args: Any) -> Any:
        return ir.Constant(_VEC, [0.0] * LANES)

    return f32x16(), codegen


def _binary(op: str) -> Any:
    def typer(typingctx: Any, a: Any, b: Any) -> Any:
        if not (isinstance(a, F32x16) and isinstance(b, F32x16)):
            return None

        def codegen(context: Any, builder: Any, sig: Any, args: Any) -> Any:
            return getattr(builder, op)(args[0], args[1], flags=_FLAGS)

        return f32x16(a, b), codegen

    return typer


# Exported as Any: numba's stubs type an intrinsic's call like its typing function.
#: a + b, lane by lane (fast-math ``contract``).
vadd: Any = intrinsic(_binary("fadd"))
#: a · b, lane by lane (fast-math ``contract``: may fuse into an addition).
vmul: Any = intrinsic(_binary("fmul"))


def _vmin(typingctx: Any, a: Any, b: Any) -> Any:
    """a < b ? a : b, lane by lane."""
    if not (isinstance(a, F32x16) and isinstance(b, F32x16)):
        return None

    def codegen(context: Any, builder: Any, sig: Any, args: Any) -> Any:
        less = builder.fcmp_ordered("<", args[0], args[1])
        return builder.select(less, args[0], args[1])

    return f32x16(a, b), codegen


vload: Any = intrinsic(_vload)
vstore: Any = intrinsic(_vstore)
vsplat: Any = intrinsic(_vsplat)
vzero: Any = intrinsic(_vzero)
vmin: Any = intrinsic(_vmin)
