"""f16 and bf16 arrays for attn functions.

f16 tensors are numpy float16 arrays. numpy has no bfloat16, so bf16 tensors
are uint16 arrays of raw bits: the upper 16 bits of an IEEE float32.

    bits = attn.dtypes.to_bf16(x)        # round float32(x) to nearest even
    x32 = attn.dtypes.from_bf16(bits)    # exact: float32
"""

import numpy as np

__all__ = ["to_bf16", "from_bf16", "round_bf16", "storage_array"]


def to_bf16(x):
    """Raw bfloat16 bits (uint16) of float32(x), rounded to nearest even.

    float64 input is rounded to float32 first. NaN stays NaN (quiet)."""
    u = np.asarray(x, dtype=np.float32).view(np.uint32).astype(np.uint64)
    rounded = (u + 0x7FFF + ((u >> 16) & 1)) >> 16
    nan = (u & 0x7FFFFFFF) > 0x7F800000
    bits = np.where(nan, (u >> 16) | 0x40, rounded)
    return bits.astype(np.uint16)


def from_bf16(bits):
    """float32 values of raw bfloat16 bits (exact)."""
    bits = np.asarray(bits)
    if bits.dtype != np.uint16:
        raise ValueError("bfloat16 bits must be uint16, got %s" % bits.dtype)
    return (bits.astype(np.uint32) << 16).view(np.float32)


def round_bf16(x):
    """float32(x) rounded to the nearest bfloat16, as float32."""
    return from_bf16(to_bf16(x))


def storage_array(x, dtype):
    """x as the array an attn argument of element type ``dtype`` takes:
    float32 ("f32"), float16 ("f16") or bf16 bits in uint16 ("bf16")."""
    if dtype == "f32":
        return np.asarray(x, dtype=np.float32)
    if dtype == "f16":
        return np.asarray(x, dtype=np.float16)
    if dtype == "bf16":
        return to_bf16(x)
    raise ValueError("not a float storage type: %r" % (dtype,))
