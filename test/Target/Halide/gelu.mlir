// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// attn.gelu approximate(tanh) as x / (1 + e^(-2u)): one vectorized loop over
// each row (37 = 4·8 + an overlapping last vector), e^z from the inlined
// polynomial of fast_exp on z clamped to [-80, 80] — no call to a scalar
// tanhf / expf. approximate(none) likewise: x·Φ(x), the erfc polynomial
// times e^(-a²) (a = |x|/√2) as 2^(-a²·log2 e) (expViaExp2: rounded
// exponent clamped to -126, a polynomial), no call to erff / expf.

// CHECK-LABEL: // attn-compile: function @gelu_tanh
//       CHECK: for (s0_gelu.s0.i1.i1, 0, 4) {
//  CHECK-NEXT:  let [[X:t[0-9]+]] = in_x[ramp({{.+}}, 1, 8)]
//  CHECK-NEXT:  let {{t[0-9]+}} = (float32x8)floor_f32(max(min({{.+}}[[X]]*[[X]]){{.+}}*x8(0.044715f)) + [[X]])*x8(-1.595769f), x8(80.000000f)), x8(-80.000000f))*x8(1.442695f))
//       CHECK:  s0_gelu[ramp({{.+}}, 1, 8)] = [[X]]/(((float32x8)reinterpret(
//   CHECK-NOT: tanh_f32
//   CHECK-NOT: exp_f32
//       CHECK: // attn-compile: function @gelu_none
//       CHECK: for (s0_gelu$1.s0.i1.i1, 0, 4) {
//  CHECK-NEXT:  let [[X:t[0-9]+]] = in_x[ramp({{.+}}, 1, 8)]
//  CHECK-NEXT:  let [[A:t[0-9]+]] = (float32x8)abs([[X]])
//  CHECK-NEXT:  let {{t[0-9]+}} = (float32x8)round_f32(max(([[A]]*[[A]])*x8(-0.721347f), x8(-126.000000f)))
//       CHECK:  s0_gelu$1[ramp({{.+}}, 1, 8)] = select([[X]] < x8(0.000000f), {{.+}})*[[X]]
//   CHECK-NOT: erf_f32
//   CHECK-NOT: exp_f32
func.func @gelu_tanh(%x: tensor<4x37xf32> {attn.name = "x"}) -> tensor<4x37xf32> {
  %0 = attn.gelu %x approximate(tanh) : tensor<4x37xf32>
  return %0 : tensor<4x37xf32>
}

func.func @gelu_none(%x: tensor<4x37xf32> {attn.name = "x"}) -> tensor<4x37xf32> {
  %0 = attn.gelu %x approximate(none) : tensor<4x37xf32>
  return %0 : tensor<4x37xf32>
}
