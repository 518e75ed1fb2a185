//===- NarrowFloat.cpp - f16 and bf16 storage around f32 kernels ----------===//
//
// Pipelines see f16 and bf16 buffers as their raw 16 bits (UInt(16)) and
// convert with the integer arithmetic below, so that no half or bfloat type
// reaches a GPU backend: LLVM 14's NVPTX backend aborts on Halide's bf16
// casts, and OpenCL's `half` needs cl_khr_fp16, which many devices (PoCL,
// NVIDIA) lack. Only the f16 load may use the target's own conversion
// (F16C, cvt.f32.f16), where it exists and costs one instruction.
//
//===----------------------------------------------------------------------===//

#include "attn/Target/Halide/Kernels.h"

using namespace Halide;

namespace attn::halide {

namespace {
Expr u32(uint32_t v) { return Expr(v); }

Expr halfBitsToFloat(Expr bits) {
  Expr h = cast<uint32_t>(bits);
  Expr sign = (h & u32(0x8000)) << 16;
  Expr exponent = (h >> 10) & u32(0x1f);
  Expr mantissa = h & u32(0x3ff);
  // Normal: rebias the exponent (15 -> 127); inf / NaN: exponent all ones.
  Expr normal = ((exponent + u32(112)) << 23) | (mantissa << 13);
  Expr special = u32(0x7f800000) | (mantissa << 13);
  // Subnormal: m·2^-24, exact in f32 without f32 subnormals (which GPUs may
  // flush).
  Expr subnormal =
      reinterpret<uint32_t>(cast<float>(mantissa) * Expr(1.0f / 16777216.0f));
  Expr magnitude = select(exponent == u32(0), subnormal,
                          select(exponent == u32(0x1f), special, normal));
  return reinterpret<float>(magnitude | sign);
}

Expr floatToHalfBits(Expr x) {
  Expr u = reinterpret<uint32_t>(x);
  Expr sign = (u >> 16) & u32(0x8000);
  Expr a = u & u32(0x7fffffff);
  // Round to nearest, ties to even, on the 13 dropped bits; a carry into the
  // exponent is the right result.
  Expr rounded =
      (a + u32(0xfff) + ((a >> 13) & u32(1)) - u32(0x38000000)) >> 13;
  // Below 2^-14: a multiple of 2^-24 (Halide's round() is to nearest even).
  Expr subnormal =
      cast<uint32_t>(round(reinterpret<float>(a) * Expr(16777216.0f)));
  Expr h = select(a > u32(0x7f800000), u32(0x7e00),  // NaN
                  a >= u32(0x477ff000), u32(0x7c00), // rounds past 65504
                  a >= u32(0x38800000), rounded, subnormal);
  return cast<uint16_t>(h | sign);
}

Expr bfloatBitsToFloat(Expr bits) {
  return reinterpret<float>(cast<uint32_t>(bits) << 16);
}

Expr floatToBfloatBits(Expr x) {
  Expr u = reinterpret<uint32_t>(x);
  Expr nan = (u & u32(0x7fffffff)) > u32(0x7f800000);
  // Ties to even; an overflow carries into inf.
  Expr rounded = (u + u32(0x7fff) + ((u >> 16) & u32(1))) >> 16;
  return cast<uint16_t>(select(nan, (u >> 16) | u32(0x40), rounded));
}
} // namespace

bool nativeHalfLoads(const Target &target) {
  return !target.has_feature(Target::OpenCL);
}

Expr widenStorage(Expr bits, Storage storage, bool nativeHalf) {
  switch (storage) {
  case Storage::F16:
    return nativeHalf ? cast<float>(reinterpret(Float(16), bits))
                      : halfBitsToFloat(bits);
  case Storage::BF16:
    return bfloatBitsToFloat(bits);
  case Storage::F32:
    break;
  }
  return bits;
}

Expr narrowStorage(Expr x, Storage storage) {
  switch (storage) {
  case Storage::F16:
    return floatToHalfBits(x);
  case Storage::BF16:
    return floatToBfloatBits(x);
  case Storage::F32:
    break;
  }
  return x;
}

} // namespace attn::halide
