// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// attn.multi_head_attention: each projection is one product stored in
// [B, S, E] layout; the attention reads its heads through index maps and
// the output projection reads the attention's [B, H, N, Dv] result through
// the merge map, so no head-split or merged copy is stored. The per-head
// attention is the usual fused pipeline (key panels, score blocks), here
// with both passes since S=40 keys leave the 48-key block ragged.

// CHECK-LABEL: // attn-compile: function @mha
//   CHECK-NOT: _heads
//   CHECK-NOT: _merged
//       CHECK: produce s0_multi_head_attention_attention_state {
//       CHECK:   produce s0_multi_head_attention_attention_full_keyPanel {
//       CHECK:   produce s0_multi_head_attention_attention_full_score {
//       CHECK:   produce s0_multi_head_attention_attention_partial_keyPanel {
//       CHECK:   produce s0_multi_head_attention_attention_partial_score {
//       CHECK: allocate s0_multi_head_attention_k[float32 * 32 * 40 * 1]
//       CHECK: produce s0_multi_head_attention_k {
//       CHECK: allocate s0_multi_head_attention_q[float32 * 32 * 40 * 1]
//       CHECK: produce s0_multi_head_attention_q {
//       CHECK: allocate s0_multi_head_attention_v[float32 * 32 * 40 * 1]
//       CHECK: produce s0_multi_head_attention_v {
//       CHECK: allocate s0_multi_head_attention_attention[float32 * 16 * 40 * 2 * 1]
//       CHECK: produce s0_multi_head_attention_attention {
//       CHECK: produce s0_multi_head_attention_o {
//   CHECK-NOT: _heads
//   CHECK-NOT: _merged
func.func @mha(%x: tensor<1x40x32xf32> {attn.name = "x"}, %w: tensor<32x32xf32> {attn.name = "w"}, %b: tensor<32xf32> {attn.name = "b"}) -> (tensor<1x40x32xf32> {attn.name = "y"}) {
  %y = attn.multi_head_attention %x, %x, %x heads(2) q_proj(%w : tensor<32x32xf32> bias %b : tensor<32xf32>) k_proj(%w : tensor<32x32xf32>) v_proj(%w : tensor<32x32xf32>) o_proj(%w : tensor<32x32xf32> bias %b : tensor<32xf32>) : tensor<1x40x32xf32>, tensor<1x40x32xf32>, tensor<1x40x32xf32> -> tensor<1x40x32xf32>
  return %y : tensor<1x40x32xf32>
}
