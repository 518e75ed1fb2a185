// RUN: attn-opt %s --split-input-file --attn-fuse | FileCheck %s

// The whole chain, with a scale on the query and one on the scores, and a
// boolean mask: one attn.attention with the product of the scales.
// CHECK-LABEL: func.func @fuse_sdpa_bool_mask
//  CHECK-SAME:   %[[Q:[^:]+]]: tensor<2x8x16x64xf32>, %[[K:[^:]+]]: tensor<2x8x32x64xf32>, %[[V:[^:]+]]: tensor<2x8x32x48xf32>, %[[M:[^:]+]]: tensor<16x32xi1>
//       CHECK:   %[[O:.+]] = attn.attention %[[Q]], %[[K]], %[[V]] mask(%[[M]] : tensor<16x32xi1>) scale(6.250000e-02)
//   CHECK-NOT:   attn.matmul
//   CHECK-NOT:   attn.softmax
//       CHECK:   return %[[O]]
func.func @fuse_sdpa_bool_mask(%q: tensor<2x8x16x64xf32>, %k: tensor<2x8x32x64xf32>, %v: tensor<2x8x32x48xf32>, %m: tensor<16x32xi1>) -> tensor<2x8x16x48xf32> {
  %qs = attn.scale %q by 0.5 : tensor<2x8x16x64xf32>
  %s = attn.matmul %qs, %k transpose_rhs : tensor<2x8x16x64xf32>, tensor<2x8x32x64xf32> -> tensor<2x8x16x32xf32>
  %t = attn.scale %s by 0.125 : tensor<2x8x16x32xf32>
  %u = attn.mask %t, %m : tensor<2x8x16x32xf32>, tensor<16x32xi1>
  %p = attn.softmax %u axis(3) : tensor<2x8x16x32xf32>
  %o = attn.matmul %p, %v : tensor<2x8x16x32xf32>, tensor<2x8x32x48xf32> -> tensor<2x8x16x48xf32>
  return %o : tensor<2x8x16x48xf32>
}

// -----

// An additive mask followed by a scale is scaled too; softmax axis(-1).
// CHECK-LABEL: func.func @fuse_additive_mask_then_scale
//  CHECK-SAME:   %[[Q:[^:]+]]: tensor<1x4x8x16xf32>, %[[K:[^:]+]]: tensor<1x4x8x16xf32>, %[[V:[^:]+]]: tensor<1x4x8x16xf32>, %[[B:[^:]+]]: tensor<1x1x8x8xf32>
//       CHECK:   %[[SB:.+]] = attn.scale %[[B]] by 2.500000e-01 : tensor<1x1x8x8xf32>
//       CHECK:   attn.attention %[[Q]], %[[K]], %[[V]] mask(%[[SB]] : tensor<1x1x8x8xf32>) scale(2.500000e-01)
func.func @fuse_additive_mask_then_scale(%q: tensor<1x4x8x16xf32>, %k: tensor<1x4x8x16xf32>, %v: tensor<1x4x8x16xf32>, %b: tensor<1x1x8x8xf32>) -> tensor<1x4x8x16xf32> {
  %s = attn.matmul %q, %k transpose_rhs : tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32> -> tensor<1x4x8x8xf32>
  %a = attn.add %s, %b : tensor<1x4x8x8xf32>, tensor<1x1x8x8xf32> -> tensor<1x4x8x8xf32>
  %t = attn.scale %a by 0.25 : tensor<1x4x8x8xf32>
  %p = attn.softmax %t axis(-1) : tensor<1x4x8x8xf32>
  %o = attn.matmul %p, %v : tensor<1x4x8x8xf32>, tensor<1x4x8x16xf32> -> tensor<1x4x8x16xf32>
  return %o : tensor<1x4x8x16xf32>
}

// -----

// The additive mask may be the left operand of attn.add.
// CHECK-LABEL: func.func @fuse_additive_mask_lhs
//  CHECK-SAME:   %[[B:[^:]+]]: tensor<8x8xf32>
//       CHECK:   attn.attention %{{.+}}, %{{.+}}, %{{.+}} mask(%[[B]] : tensor<8x8xf32>) scale(1.000000e+00)
func.func @fuse_additive_mask_lhs(%q: tensor<1x4x8x16xf32>, %k: tensor<1x4x8x16xf32>, %v: tensor<1x4x8x16xf32>, %b: tensor<8x8xf32>) -> tensor<1x4x8x16xf32> {
  %s = attn.matmul %q, %k transpose_rhs : tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32> -> tensor<1x4x8x8xf32>
  %a = attn.add %b, %s : tensor<8x8xf32>, tensor<1x4x8x8xf32> -> tensor<1x4x8x8xf32>
  %p = attn.softmax %a axis(3) : tensor<1x4x8x8xf32>
  %o = attn.matmul %p, %v : tensor<1x4x8x8xf32>, tensor<1x4x8x16xf32> -> tensor<1x4x8x16xf32>
  return %o : tensor<1x4x8x16xf32>
}

// -----

// Keys given as Kᵀ ([B, H, D, M]) and values given transposed get an
// attn.transpose; one key/value head against 4 query heads is MQA.
// CHECK-LABEL: func.func @fuse_transposed_operands_mqa
//  CHECK-SAME:   %[[Q:[^:]+]]: tensor<1x4x8x16xf32>, %[[KT:[^:]+]]: tensor<1x1x16x10xf32>, %[[VT:[^:]+]]: tensor<1x1x24x10xf32>
//   CHECK-DAG:   %[[K:.+]] = attn.transpose %[[KT]] permutation [0, 1, 3, 2] : tensor<1x1x16x10xf32> -> tensor<1x1x10x16xf32>
//   CHECK-DAG:   %[[V:.+]] = attn.transpose %[[VT]] permutation [0, 1, 3, 2] : tensor<1x1x24x10xf32> -> tensor<1x1x10x24xf32>
//       CHECK:   attn.attention %[[Q]], %[[K]], %[[V]] scale(5.000000e-01) : tensor<1x4x8x16xf32>, tensor<1x1x10x16xf32>, tensor<1x1x10x24xf32> -> tensor<1x4x8x24xf32>
func.func @fuse_transposed_operands_mqa(%q: tensor<1x4x8x16xf32>, %kt: tensor<1x1x16x10xf32>, %vt: tensor<1x1x24x10xf32>) -> tensor<1x4x8x24xf32> {
  %s = attn.matmul %q, %kt : tensor<1x4x8x16xf32>, tensor<1x1x16x10xf32> -> tensor<1x4x8x10xf32>
  %t = attn.scale %s by 0.5 : tensor<1x4x8x10xf32>
  %p = attn.softmax %t axis(3) : tensor<1x4x8x10xf32>
  %o = attn.matmul %p, %vt transpose_rhs : tensor<1x4x8x10xf32>, tensor<1x1x24x10xf32> -> tensor<1x4x8x24xf32>
  return %o : tensor<1x4x8x24xf32>
}

// -----

// Negative: the scores are also returned, so they must stay materialized.
// CHECK-LABEL: func.func @negative_scores_used_elsewhere
//   CHECK-NOT:   attn.attention
//       CHECK:   attn.softmax
func.func @negative_scores_used_elsewhere(%q: tensor<1x2x8x16xf32>, %k: tensor<1x2x8x16xf32>, %v: tensor<1x2x8x16xf32>) -> (tensor<1x2x8x16xf32>, tensor<1x2x8x8xf32>) {
  %s = attn.matmul %q, %k transpose_rhs : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x8xf32>
  %t = attn.scale %s by 0.25 : tensor<1x2x8x8xf32>
  %p = attn.softmax %t axis(3) : tensor<1x2x8x8xf32>
  %o = attn.matmul %p, %v : tensor<1x2x8x8xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %o, %t : tensor<1x2x8x16xf32>, tensor<1x2x8x8xf32>
}

// -----

// Negative: the probabilities are returned as well.
// CHECK-LABEL: func.func @negative_probabilities_used_elsewhere
//   CHECK-NOT:   attn.attention
func.func @negative_probabilities_used_elsewhere(%q: tensor<1x2x8x16xf32>, %k: tensor<1x2x8x16xf32>, %v: tensor<1x2x8x16xf32>) -> (tensor<1x2x8x16xf32>, tensor<1x2x8x8xf32>) {
  %s = attn.matmul %q, %k transpose_rhs : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x8xf32>
  %p = attn.softmax %s axis(3) : tensor<1x2x8x8xf32>
  %o = attn.matmul %p, %v : tensor<1x2x8x8xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %o, %p : tensor<1x2x8x16xf32>, tensor<1x2x8x8xf32>
}

// -----

// Negative: softmax over the query axis is not attention.
// CHECK-LABEL: func.func @negative_softmax_over_queries
//   CHECK-NOT:   attn.attention
//       CHECK:   attn.softmax %{{.+}} axis(2)
func.func @negative_softmax_over_queries(%q: tensor<1x2x8x16xf32>, %k: tensor<1x2x8x16xf32>, %v: tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32> {
  %s = attn.matmul %q, %k transpose_rhs : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x8xf32>
  %p = attn.softmax %s axis(2) : tensor<1x2x8x8xf32>
  %o = attn.matmul %p, %v : tensor<1x2x8x8xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %o : tensor<1x2x8x16xf32>
}

// -----

// Negative: a boolean mask followed by a negative scale turns -inf into +inf.
// CHECK-LABEL: func.func @negative_bool_mask_negative_scale
//   CHECK-NOT:   attn.attention
func.func @negative_bool_mask_negative_scale(%q: tensor<1x2x8x16xf32>, %k: tensor<1x2x8x16xf32>, %v: tensor<1x2x8x16xf32>, %m: tensor<8x8xi1>) -> tensor<1x2x8x16xf32> {
  %s = attn.matmul %q, %k transpose_rhs : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x8xf32>
  %u = attn.mask %s, %m : tensor<1x2x8x8xf32>, tensor<8x8xi1>
  %t = attn.scale %u by -1.0 : tensor<1x2x8x8xf32>
  %p = attn.softmax %t axis(3) : tensor<1x2x8x8xf32>
  %o = attn.matmul %p, %v : tensor<1x2x8x8xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %o : tensor<1x2x8x16xf32>
}

// -----

// A filled mask (masked_fill(~m, -8)) becomes mask_fill; the scales after
// the mask scale the fill too (-8 x -0.5 = 4: a negative scale is fine for
// a finite fill).
// CHECK-LABEL: func.func @fuse_mask_fill_then_scale
//  CHECK-SAME:   %[[Q:[^:]+]]: tensor<1x2x8x16xf32>, %[[K:[^:]+]]: tensor<1x2x8x16xf32>, %[[V:[^:]+]]: tensor<1x2x8x16xf32>, %[[M:[^:]+]]: tensor<8x8xi1>
//       CHECK:   attn.attention %[[Q]], %[[K]], %[[V]] mask(%[[M]] : tensor<8x8xi1>) scale(-1.250000e-01) mask_fill(4.000000e+00)
//   CHECK-NOT:   attn.softmax
func.func @fuse_mask_fill_then_scale(%q: tensor<1x2x8x16xf32>, %k: tensor<1x2x8x16xf32>, %v: tensor<1x2x8x16xf32>, %m: tensor<8x8xi1>) -> tensor<1x2x8x16xf32> {
  %s = attn.matmul %q, %k transpose_rhs : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x8xf32>
  %t = attn.scale %s by 0.25 : tensor<1x2x8x8xf32>
  %u = attn.mask %t, %m fill(-8.0) : tensor<1x2x8x8xf32>, tensor<8x8xi1>
  %w = attn.scale %u by -0.5 : tensor<1x2x8x8xf32>
  %p = attn.softmax %w axis(3) : tensor<1x2x8x8xf32>
  %o = attn.matmul %p, %v : tensor<1x2x8x8xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %o : tensor<1x2x8x16xf32>
}

// -----

// A fill scaled to -1e30 or below masks like -inf: a plain mask.
// CHECK-LABEL: func.func @fuse_mask_fill_scaled_to_inf
//       CHECK:   attn.attention %{{.+}} mask(%{{.+}} : tensor<8x8xi1>) scale({{[^)]+}}) :
func.func @fuse_mask_fill_scaled_to_inf(%q: tensor<1x2x8x16xf32>, %k: tensor<1x2x8x16xf32>, %v: tensor<1x2x8x16xf32>, %m: tensor<8x8xi1>) -> tensor<1x2x8x16xf32> {
  %s = attn.matmul %q, %k transpose_rhs : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x8xf32>
  %u = attn.mask %s, %m fill(-1.0e9) : tensor<1x2x8x8xf32>, tensor<8x8xi1>
  %w = attn.scale %u by 1.0e25 : tensor<1x2x8x8xf32>
  %p = attn.softmax %w axis(3) : tensor<1x2x8x8xf32>
  %o = attn.matmul %p, %v : tensor<1x2x8x8xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %o : tensor<1x2x8x16xf32>
}

// -----

// Negative: a bias added after a filled mask would need both a mask and an
// additive mask.
// CHECK-LABEL: func.func @negative_mask_fill_then_bias
//   CHECK-NOT:   attn.attention
func.func @negative_mask_fill_then_bias(%q: tensor<1x2x8x16xf32>, %k: tensor<1x2x8x16xf32>, %v: tensor<1x2x8x16xf32>, %m: tensor<8x8xi1>, %b: tensor<8x8xf32>) -> tensor<1x2x8x16xf32> {
  %s = attn.matmul %q, %k transpose_rhs : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x8xf32>
  %u = attn.mask %s, %m fill(-1.0e9) : tensor<1x2x8x8xf32>, tensor<8x8xi1>
  %a = attn.add %u, %b : tensor<1x2x8x8xf32>, tensor<8x8xf32> -> tensor<1x2x8x8xf32>
  %p = attn.softmax %a axis(3) : tensor<1x2x8x8xf32>
  %o = attn.matmul %p, %v : tensor<1x2x8x8xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %o : tensor<1x2x8x16xf32>
}

// -----

// Negative: two masks need two mask operands.
// CHECK-LABEL: func.func @negative_two_masks
//   CHECK-NOT:   attn.attention
func.func @negative_two_masks(%q: tensor<1x2x8x16xf32>, %k: tensor<1x2x8x16xf32>, %v: tensor<1x2x8x16xf32>, %m: tensor<8x8xi1>, %b: tensor<8x8xf32>) -> tensor<1x2x8x16xf32> {
  %s = attn.matmul %q, %k transpose_rhs : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x8xf32>
  %u = attn.mask %s, %m : tensor<1x2x8x8xf32>, tensor<8x8xi1>
  %a = attn.add %u, %b : tensor<1x2x8x8xf32>, tensor<8x8xf32> -> tensor<1x2x8x8xf32>
  %p = attn.softmax %a axis(3) : tensor<1x2x8x8xf32>
  %o = attn.matmul %p, %v : tensor<1x2x8x8xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %o : tensor<1x2x8x16xf32>
}

// -----

// Negative: values with their own batch broadcast (1 vs 2) do not meet
// attn.attention's batch rule.
// CHECK-LABEL: func.func @negative_mismatched_batch
//   CHECK-NOT:   attn.attention
func.func @negative_mismatched_batch(%q: tensor<2x2x8x16xf32>, %k: tensor<2x2x8x16xf32>, %v: tensor<1x2x8x16xf32>) -> tensor<2x2x8x16xf32> {
  %s = attn.matmul %q, %k transpose_rhs : tensor<2x2x8x16xf32>, tensor<2x2x8x16xf32> -> tensor<2x2x8x8xf32>
  %p = attn.softmax %s axis(3) : tensor<2x2x8x8xf32>
  %o = attn.matmul %p, %v : tensor<2x2x8x8xf32>, tensor<1x2x8x16xf32> -> tensor<2x2x8x16xf32>
  return %o : tensor<2x2x8x16xf32>
}

// -----

// Negative: the product of two score tensors is not P·V of a softmax.
// CHECK-LABEL: func.func @negative_no_softmax
//   CHECK-NOT:   attn.attention
func.func @negative_no_softmax(%q: tensor<1x2x8x16xf32>, %k: tensor<1x2x8x16xf32>, %v: tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32> {
  %s = attn.matmul %q, %k transpose_rhs : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x8xf32>
  %o = attn.matmul %s, %v : tensor<1x2x8x8xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %o : tensor<1x2x8x16xf32>
}

// -----

// A rank-3 chain ([heads, seq, dim], as TOSA writes it) becomes attention
// over a batch of one.
// CHECK-LABEL: func.func @fuse_rank3
//  CHECK-SAME:   %[[Q:[^:]+]]: tensor<4x8x16xf32>, %[[K:[^:]+]]: tensor<4x8x16xf32>, %[[V:[^:]+]]: tensor<4x8x16xf32>
//   CHECK-DAG:   %[[Q4:.+]] = attn.reshape %[[Q]] : tensor<4x8x16xf32> -> tensor<1x4x8x16xf32>
//   CHECK-DAG:   %[[K4:.+]] = attn.reshape %[[K]] : tensor<4x8x16xf32> -> tensor<1x4x8x16xf32>
//   CHECK-DAG:   %[[V4:.+]] = attn.reshape %[[V]] : tensor<4x8x16xf32> -> tensor<1x4x8x16xf32>
//       CHECK:   %[[O:.+]] = attn.attention %[[Q4]], %[[K4]], %[[V4]] scale(1.000000e+00)
//       CHECK:   %[[R:.+]] = attn.reshape %[[O]] : tensor<1x4x8x16xf32> -> tensor<4x8x16xf32>
//       CHECK:   return %[[R]]
func.func @fuse_rank3(%q: tensor<4x8x16xf32>, %k: tensor<4x8x16xf32>, %v: tensor<4x8x16xf32>) -> tensor<4x8x16xf32> {
  %s = attn.matmul %q, %k transpose_rhs : tensor<4x8x16xf32>, tensor<4x8x16xf32> -> tensor<4x8x8xf32>
  %p = attn.softmax %s axis(2) : tensor<4x8x8xf32>
  %o = attn.matmul %p, %v : tensor<4x8x8xf32>, tensor<4x8x16xf32> -> tensor<4x8x16xf32>
  return %o : tensor<4x8x16xf32>
}

// -----

// Negative: rank-2 products are not attention over heads.
// CHECK-LABEL: func.func @negative_rank2
//   CHECK-NOT:   attn.attention
func.func @negative_rank2(%q: tensor<8x16xf32>, %k: tensor<8x16xf32>, %v: tensor<8x16xf32>) -> tensor<8x16xf32> {
  %s = attn.matmul %q, %k transpose_rhs : tensor<8x16xf32>, tensor<8x16xf32> -> tensor<8x8xf32>
  %p = attn.softmax %s axis(1) : tensor<8x8xf32>
  %o = attn.matmul %p, %v : tensor<8x8xf32>, tensor<8x16xf32> -> tensor<8x16xf32>
  return %o : tensor<8x16xf32>
}

// -----

// GQA written as repeat_interleave of K and V heads (reshape, add of zeros
// broadcast over a new axis, reshape): the attention reads the unrepeated
// heads.
// CHECK-LABEL: func.func @fold_repeated_kv_heads
//  CHECK-SAME:   %[[Q:[^:]+]]: tensor<1x4x6x8xf32>, %[[K:[^:]+]]: tensor<1x2x5x8xf32>, %[[V:[^:]+]]: tensor<1x2x5x8xf32>
//       CHECK:   attn.attention %[[Q]], %[[K]], %[[V]] scale(5.000000e-01) : tensor<1x4x6x8xf32>, tensor<1x2x5x8xf32>, tensor<1x2x5x8xf32> -> tensor<1x4x6x8xf32>
func.func @fold_repeated_kv_heads(%q: tensor<1x4x6x8xf32>, %k: tensor<1x2x5x8xf32>, %v: tensor<1x2x5x8xf32>) -> tensor<1x4x6x8xf32> {
  %zeros = arith.constant dense<0.0> : tensor<1x1x2x1x1xf32>
  %k5 = attn.reshape %k : tensor<1x2x5x8xf32> -> tensor<1x2x1x5x8xf32>
  %kr = attn.add %k5, %zeros : tensor<1x2x1x5x8xf32>, tensor<1x1x2x1x1xf32> -> tensor<1x2x2x5x8xf32>
  %k4 = attn.reshape %kr : tensor<1x2x2x5x8xf32> -> tensor<1x4x5x8xf32>
  %v5 = attn.reshape %v : tensor<1x2x5x8xf32> -> tensor<1x2x1x5x8xf32>
  %vr = attn.add %v5, %zeros : tensor<1x2x1x5x8xf32>, tensor<1x1x2x1x1xf32> -> tensor<1x2x2x5x8xf32>
  %v4 = attn.reshape %vr : tensor<1x2x2x5x8xf32> -> tensor<1x4x5x8xf32>
  %o = attn.attention %q, %k4, %v4 scale(0.5) : tensor<1x4x6x8xf32>, tensor<1x4x5x8xf32>, tensor<1x4x5x8xf32> -> tensor<1x4x6x8xf32>
  return %o : tensor<1x4x6x8xf32>
}

// -----

// Negative: adding ones is not a repeat, and tiling whole blocks of heads
// (head h reads h mod Hkv) is not the h / G grouping attention uses.
// CHECK-LABEL: func.func @negative_not_a_repeat
//       CHECK:   attn.attention %{{.+}}, %{{.+}}, %{{.+}} scale(5.000000e-01) : tensor<1x4x6x8xf32>, tensor<1x4x5x8xf32>, tensor<1x4x5x8xf32>
func.func @negative_not_a_repeat(%q: tensor<1x4x6x8xf32>, %k: tensor<1x2x5x8xf32>, %v: tensor<1x2x5x8xf32>) -> tensor<1x4x6x8xf32> {
  %ones = arith.constant dense<1.0> : tensor<1x1x2x1x1xf32>
  %zeros = arith.constant dense<0.0> : tensor<1x2x1x1x1xf32>
  %k5 = attn.reshape %k : tensor<1x2x5x8xf32> -> tensor<1x2x1x5x8xf32>
  %kr = attn.add %k5, %ones : tensor<1x2x1x5x8xf32>, tensor<1x1x2x1x1xf32> -> tensor<1x2x2x5x8xf32>
  %k4 = attn.reshape %kr : tensor<1x2x2x5x8xf32> -> tensor<1x4x5x8xf32>
  %v5 = attn.reshape %v : tensor<1x2x5x8xf32> -> tensor<1x1x2x5x8xf32>
  %vr = attn.add %v5, %zeros : tensor<1x1x2x5x8xf32>, tensor<1x2x1x1x1xf32> -> tensor<1x2x2x5x8xf32>
  %v4 = attn.reshape %vr : tensor<1x2x2x5x8xf32> -> tensor<1x4x5x8xf32>
  %o = attn.attention %q, %k4, %v4 scale(0.5) : tensor<1x4x6x8xf32>, tensor<1x4x5x8xf32>, tensor<1x4x5x8xf32> -> tensor<1x4x6x8xf32>
  return %o : tensor<1x4x6x8xf32>
}
