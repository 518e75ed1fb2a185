// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// An i1 mask is passed as a uint8 buffer (in_<name>); the score store loads
// 8 mask bytes as a vector and keeps the positions that are non-zero. The
// [N, M] mask broadcasts over batch and heads, so the task never reads a
// batch or head stride of the mask.

// CHECK-LABEL: // attn-compile: function @bool_mask
// CHECK-LABEL: external func s0_attention_par_for_s0_attention_s0_n_no_task_task (
//   CHECK-NOT: in_keep.stride.2
//       CHECK: consume s0_attention_dot {
//  CHECK-NEXT: let [[DOT:t[0-9]+]] = s0_attention_dot[ramp(0, 1, 8)]
//  CHECK-NEXT: s0_attention_score[{{.+}}] = select((x8({{.+}}) < [[DOT]]) && (in_keep[ramp({{.+}}, 1, 8){{.*}}] != x8((uint8)0)), [[DOT]]*x8(0.250000f), x8(-340282346638528859811704183484516925440.000000f))
// CHECK-LABEL: external_plus_metadata func s0_attention (in_arg0, in_arg1, in_arg2, in_keep, s0_attention) {
//       CHECK: assert(in_keep.type == (uint32)67585,
func.func @bool_mask(%q: tensor<2x2x32x16xf32>, %k: tensor<2x2x32x16xf32>,
                     %v: tensor<2x2x32x16xf32>,
                     %m: tensor<32x32xi1> {attn.name = "keep"}) -> tensor<2x2x32x16xf32> {
  %o = attn.attention %q, %k, %v mask(%m : tensor<32x32xi1>)
      : tensor<2x2x32x16xf32>, tensor<2x2x32x16xf32>, tensor<2x2x32x16xf32> -> tensor<2x2x32x16xf32>
  return %o : tensor<2x2x32x16xf32>
}
