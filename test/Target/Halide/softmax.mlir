// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// attn.softmax along the last axis is four root stages: the row max, the
// exponentials (_exp, the full tensor; 2^(x·log2 e), the exponent clamped
// to -126), the row sum and the
// normalisation, each parallel over batch and heads fused (2 * 4 = 8 tasks).
// A row whose sum is 0 (all masked) yields zeros.

// CHECK-LABEL: // attn-compile: function @softmax
//       CHECK: external func s0_softmax_par_for_s0_softmax_max_s1_i1_i0 (__user_context, s0_softmax_max.s1.i1.i0,
//       CHECK: for (s0_softmax_max.s1.s0_softmax_r$x, 0, 24) {
//  CHECK-NEXT: s0_softmax_max[ramp([[M:.+]], 1, 8){{.*}}] = max(s0_softmax_max[ramp([[M]], 1, 8){{.*}}], in_s[
//       CHECK: external func s0_softmax_par_for_s0_softmax_exp_s0_i1_i0 (__user_context, s0_softmax_exp.s0.i1.i0,
//       CHECK: for (s0_softmax_exp.s0.i2, 0, 16) {
//       CHECK: for (s0_softmax_exp.s0.i3.i3, 0, 3) {
//       CHECK: round_f32(max({{.+}}*x8(1.442695f), x8(-126.000000f)))
//       CHECK: s0_softmax_exp[ramp({{.+}}, 1, 8){{.*}}] = select(x8(-1000000015047466219876688855040.000000f) < {{t[0-9]+}},
//       CHECK: external func s0_softmax_par_for_s0_softmax_sum_s1_i1_i0 (__user_context, s0_softmax_sum.s1.i1.i0,
//       CHECK: for (s0_softmax_sum.s1.s0_softmax_r$x, 0, 24) {
//       CHECK: external func s0_softmax_par_for_s0_softmax_s0_i1_i0 (__user_context, s0_softmax.s0.i1.i0,
//       CHECK: for (s0_softmax.s0.i2, 0, 16) {
//       CHECK: for (s0_softmax.s0.i3.i3, 0, 3) {
//       CHECK: s0_softmax[ramp({{.+}}, 1, 8)] = select(0.000000f < [[SUM:t[0-9]+]], s0_softmax_exp[ramp({{.+}}, 1, 8){{.*}}]/x8([[SUM]]), x8(0.000000f))
// CHECK-LABEL: external_plus_metadata func s0_softmax (in_s, s0_softmax) {
//       CHECK: allocate s0_softmax_max[float32 * 16 * 4 * 2]
//       CHECK: halide_do_par_for((void *)::s0_softmax_par_for_s0_softmax_max_s1_i1_i0, 0, 8,
//       CHECK: allocate s0_softmax_exp[float32 * 24 * 16 * 4 * 2]
//       CHECK: halide_do_par_for((void *)::s0_softmax_par_for_s0_softmax_exp_s0_i1_i0, 0, 8,
//       CHECK: allocate s0_softmax_sum[float32 * 16 * 4 * 2]
//       CHECK: halide_do_par_for((void *)::s0_softmax_par_for_s0_softmax_sum_s1_i1_i0, 0, 8,
//       CHECK: produce s0_softmax {
//       CHECK: halide_do_par_for((void *)::s0_softmax_par_for_s0_softmax_s0_i1_i0, 0, 8,
func.func @softmax(%s: tensor<2x4x16x24xf32> {attn.name = "s"}) -> tensor<2x4x16x24xf32> {
  %0 = attn.softmax %s axis(3) : tensor<2x4x16x24xf32>
  return %0 : tensor<2x4x16x24xf32>
}
