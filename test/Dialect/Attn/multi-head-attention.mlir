// RUN: attn-opt %s --split-input-file | attn-opt --split-input-file | FileCheck %s
// RUN: attn-opt %s --split-input-file --mlir-print-op-generic | attn-opt --split-input-file | FileCheck %s

// Round trip of attn.multi_head_attention and each optional part of its
// assembly: biases, key/value heads, mask, scale, causal, tiling.

// CHECK-LABEL: func.func @self_attention_biases
//  CHECK-SAME:   (%[[X:[^:]+]]: tensor<2x16x64xf32>, %[[W:[^:]+]]: tensor<64x64xf32>, %[[B:[^:]+]]: tensor<64xf32>)
//       CHECK:   %[[Y:.+]] = attn.multi_head_attention %[[X]], %[[X]], %[[X]] heads(4) q_proj(%[[W]] : tensor<64x64xf32> bias %[[B]] : tensor<64xf32>) k_proj(%[[W]] : tensor<64x64xf32> bias %[[B]] : tensor<64xf32>) v_proj(%[[W]] : tensor<64x64xf32> bias %[[B]] : tensor<64xf32>) o_proj(%[[W]] : tensor<64x64xf32> bias %[[B]] : tensor<64xf32>) : tensor<2x16x64xf32>, tensor<2x16x64xf32>, tensor<2x16x64xf32> -> tensor<2x16x64xf32>
//       CHECK:   return %[[Y]]
func.func @self_attention_biases(%x: tensor<2x16x64xf32>, %w: tensor<64x64xf32>, %b: tensor<64xf32>) -> tensor<2x16x64xf32> {
  %y = attn.multi_head_attention %x, %x, %x heads(4)
      q_proj(%w : tensor<64x64xf32> bias %b : tensor<64xf32>)
      k_proj(%w : tensor<64x64xf32> bias %b : tensor<64xf32>)
      v_proj(%w : tensor<64x64xf32> bias %b : tensor<64xf32>)
      o_proj(%w : tensor<64x64xf32> bias %b : tensor<64xf32>)
      : tensor<2x16x64xf32>, tensor<2x16x64xf32>, tensor<2x16x64xf32> -> tensor<2x16x64xf32>
  return %y : tensor<2x16x64xf32>
}

// -----

// Cross-attention with grouped key/value heads, a bias on one projection
// only, a mask, a scale, bottom-right causal and a tiling.
// CHECK-LABEL: func.func @cross_attention_everything
//       CHECK:   attn.multi_head_attention %{{.+}}, %{{.+}}, %{{.+}} heads(4, 2) q_proj(%{{.+}} : tensor<32x24xf32>) k_proj(%{{.+}} : tensor<16x40xf32> bias %{{.+}} : tensor<16xf32>) v_proj(%{{.+}} : tensor<10x12xf32>) o_proj(%{{.+}} : tensor<8x20xf32>) mask(%{{.+}} : tensor<1x4x3x9xi1>) scale(5.000000e-01) causal(bottom_right) tiling <query_tile = 2, kv_tile = 16, kv_splits = 1> : tensor<1x3x24xf32>, tensor<1x9x40xf32>, tensor<1x9x12xf32> -> tensor<1x3x8xf32>
func.func @cross_attention_everything(%q: tensor<1x3x24xf32>, %k: tensor<1x9x40xf32>, %v: tensor<1x9x12xf32>, %wq: tensor<32x24xf32>, %wk: tensor<16x40xf32>, %bk: tensor<16xf32>, %wv: tensor<10x12xf32>, %wo: tensor<8x20xf32>, %m: tensor<1x4x3x9xi1>) -> tensor<1x3x8xf32> {
  %y = attn.multi_head_attention %q, %k, %v heads(4, 2)
      q_proj(%wq : tensor<32x24xf32>)
      k_proj(%wk : tensor<16x40xf32> bias %bk : tensor<16xf32>)
      v_proj(%wv : tensor<10x12xf32>)
      o_proj(%wo : tensor<8x20xf32>)
      mask(%m : tensor<1x4x3x9xi1>) scale(0.5) causal(bottom_right)
      tiling <query_tile = 2, kv_tile = 16, kv_splits = 1>
      : tensor<1x3x24xf32>, tensor<1x9x40xf32>, tensor<1x9x12xf32> -> tensor<1x3x8xf32>
  return %y : tensor<1x3x8xf32>
}
