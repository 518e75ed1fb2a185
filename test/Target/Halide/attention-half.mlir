// RUN: attn-compile %s --emit=halide-stmt --target=x86-64-linux-avx2 -o - | FileCheck %s --check-prefix=CPU
// RUN: attn-compile %s --emit=gpu-source --target=opencl -o - | FileCheck %s --check-prefix=OPENCL

// f16 and bf16 storage: the pipeline's buffers hold raw 16-bit patterns;
// each load widens to f32 (f16 with the target's conversion on the CPU,
// bf16 with a shift), everything in between is f32, and the store rounds to
// nearest even with integer arithmetic into 16 bits.

// CPU-LABEL: function @attention_f16
//       CPU:   float32((float16)reinterpret(in_q[
//       CPU:   s0_attention{{(\$[0-9]+)?}}[ramp({{.+}})] = uint16x8(
// V widens once per call, into the packed value panels.
//       CPU:   s0_attention_valuePanel[{{.+}}] = float32x8((float16x8)reinterpret(in_v[
// CPU-LABEL: function @attention_bf16
//   CPU-NOT:   float16
//       CPU:   (float32)reinterpret(uint32(in_q[{{.+}}])*(uint32)65536)
//   CPU-NOT:   float16
//       CPU:   s0_attention{{(\$[0-9]+)?}}[ramp({{.+}})] = uint16x8(

// OpenCL has no half without cl_khr_fp16 (PoCL, NVIDIA): the kernel sees
// ushort buffers and converts with integer arithmetic.
// OPENCL-LABEL: function @attention_f16
//   OPENCL-NOT:   half
//       OPENCL:   const ushort *restrict _in_q,
//       OPENCL:   ushort *restrict _s0_{{(online_)?}}attention,
//   OPENCL-NOT:   half
//       OPENCL:   as_float(
//   OPENCL-NOT:   half
// OPENCL-LABEL: function @attention_bf16
//   OPENCL-NOT:   half
//       OPENCL:   const ushort *restrict _in_q,
//   OPENCL-NOT:   half

func.func @attention_f16(%q: tensor<1x2x33x40xf16> {attn.name = "q"},
    %k: tensor<1x1x47x40xf16> {attn.name = "k"},
    %v: tensor<1x1x47x24xf16> {attn.name = "v"})
    -> tensor<1x2x33x24xf16> {
  %o = attn.attention %q, %k, %v causal(top_left)
      : tensor<1x2x33x40xf16>, tensor<1x1x47x40xf16>, tensor<1x1x47x24xf16>
        -> tensor<1x2x33x24xf16>
  return %o : tensor<1x2x33x24xf16>
}

func.func @attention_bf16(%q: tensor<1x2x33x40xbf16> {attn.name = "q"},
    %k: tensor<1x1x47x40xbf16> {attn.name = "k"},
    %v: tensor<1x1x47x24xbf16> {attn.name = "v"})
    -> tensor<1x2x33x24xbf16> {
  %o = attn.attention %q, %k, %v
      : tensor<1x2x33x40xbf16>, tensor<1x1x47x40xbf16>, tensor<1x1x47x24xbf16>
        -> tensor<1x2x33x24xbf16>
  return %o : tensor<1x2x33x24xbf16>
}
