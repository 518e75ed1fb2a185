// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// causal(bottom_right) aligns the diagonal to the last key: key m is kept
// for query n when m <= n + (M - N). With N=16, M=64 the key ramp is shifted
// by -48 before the compare (compare attention-causal.mlir, same shapes).

// CHECK-LABEL: // attn-compile: function @causal_bottom_right
//       CHECK: consume s0_attention_dot {
//  CHECK-NEXT: let [[DOT:t[0-9]+]] = s0_attention_dot[ramp(0, 1, 8)]
//  CHECK-NEXT: s0_attention_score[ramp({{.+}}, 1, 8) aligned({{.+}})] = select((ramp((s0_attention_score.s0.mi.smo*16) + -48, 1, 8) <= x8([[ROW:t[0-9]+]])) && (x8({{.+}}) < [[DOT]]), [[DOT]]*x8(0.176777f), x8(-340282346638528859811704183484516925440.000000f))
//  CHECK-NEXT: let [[DOT2:t[0-9]+]] = s0_attention_dot[ramp(8, 1, 8)]
//  CHECK-NEXT: s0_attention_score[ramp({{.+}}, 1, 8) aligned({{.+}})] = select((ramp((s0_attention_score.s0.mi.smo*16) + -40, 1, 8) <= x8([[ROW]])) && (x8({{.+}}) < [[DOT2]]),
func.func @causal_bottom_right(%q: tensor<1x2x16x32xf32>, %k: tensor<1x2x64x32xf32>,
                               %v: tensor<1x2x64x32xf32>) -> tensor<1x2x16x32xf32> {
  %o = attn.attention %q, %k, %v causal(bottom_right) tiling <query_tile = 16, kv_tile = 64, kv_splits = 1>
      : tensor<1x2x16x32xf32>, tensor<1x2x64x32xf32>, tensor<1x2x64x32xf32> -> tensor<1x2x16x32xf32>
  return %o : tensor<1x2x16x32xf32>
}
