// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// causal(top_left) keeps key m for query n when m <= n. The test lives only
// in the partial pass (blocks the diagonal crosses, kind 1), fused into the
// vectorized score store: a vector of 8 key indices (a ramp) is compared
// with the broadcast query row, with no offset (compare
// attention-causal-bottom-right.mlir, same shapes). The full pass (kind 2)
// stores the scaled dot products as they are. With one KV block there is no
// block loop: each pass's stages sit inside its visit test, the block's kind
// and block 0 within the tile's range of that kind (blockRange.0/.1 for full
// blocks, .2/.3 for partial ones).

// CHECK-LABEL: // attn-compile: function @causal_top_left
//       CHECK: produce s0_attention_full_score {
//  CHECK-NEXT: consume s0_attention_full_keyPanel {
//  CHECK-NEXT: if (((0 <= s0_attention_blockRange.1[0]) && (s0_attention_blockKind[0] == (uint8)2)) && (s0_attention_blockRange.0[0] <= 0)) {
//   CHECK-NOT: select(
//       CHECK: consume s0_attention_full_dot {
//  CHECK-NEXT: s0_attention_full_score[ramp({{.+}}, 1, 8) aligned({{.+}})] = s0_attention_full_dot[ramp(0, 1, 8)]*x8(0.176777f)
//  CHECK-NEXT: s0_attention_full_score[ramp({{.+}}, 1, 8) aligned({{.+}})] = s0_attention_full_dot[ramp(8, 1, 8)]*x8(0.176777f)
//   CHECK-NOT: select(
//       CHECK: produce s0_attention_full_blockmax {
//       CHECK: produce s0_attention_partial_score {
//  CHECK-NEXT: consume s0_attention_partial_keyPanel {
//  CHECK-NEXT: if (((0 <= s0_attention_blockRange.3[0]) && (s0_attention_blockKind[0] == (uint8)1)) && (s0_attention_blockRange.2[0] <= 0)) {
//       CHECK: consume s0_attention_partial_dot {
//  CHECK-NEXT: let [[DOT:t[0-9]+]] = s0_attention_partial_dot[ramp(0, 1, 8)]
//  CHECK-NEXT: s0_attention_partial_score[ramp({{.+}}, 1, 8) aligned({{.+}})] = select((ramp(s0_attention_partial_score.s0.mi.smo*16, 1, 8) <= x8([[ROW:t[0-9]+]])) && (x8({{.+}}) < [[DOT]]), [[DOT]]*x8(0.176777f), x8(-340282346638528859811704183484516925440.000000f))
//  CHECK-NEXT: let [[DOT2:t[0-9]+]] = s0_attention_partial_dot[ramp(8, 1, 8)]
//  CHECK-NEXT: s0_attention_partial_score[ramp({{.+}}, 1, 8) aligned({{.+}})] = select((ramp((s0_attention_partial_score.s0.mi.smo*16) + 8, 1, 8) <= x8([[ROW]])) && (x8({{.+}}) < [[DOT2]]),
func.func @causal_top_left(%q: tensor<1x2x16x32xf32>, %k: tensor<1x2x64x32xf32>,
                           %v: tensor<1x2x64x32xf32>) -> tensor<1x2x16x32xf32> {
  %o = attn.attention %q, %k, %v causal(top_left) tiling <query_tile = 16, kv_tile = 64, kv_splits = 1>
      : tensor<1x2x16x32xf32>, tensor<1x2x64x32xf32>, tensor<1x2x64x32xf32> -> tensor<1x2x16x32xf32>
  return %o : tensor<1x2x16x32xf32>
}
