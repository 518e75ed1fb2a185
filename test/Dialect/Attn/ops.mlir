// RUN: attn-opt %s | attn-opt | FileCheck %s
// RUN: attn-opt %s --mlir-print-op-generic | attn-opt | FileCheck %s

// Round trip of every attn op and of every optional part of its custom
// assembly. Each CHECK matches the op from its name through its type list, so
// an optional clause that is dropped or invented on the way fails the test.

//===----------------------------------------------------------------------===//
// attn.attention
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @attention_plain
//  CHECK-SAME:   (%[[Q:.+]]: tensor<2x4x16x64xf32>, %[[K:.+]]: tensor<2x4x32x64xf32>, %[[V:.+]]: tensor<2x4x32x64xf32>)
//       CHECK:   %[[R:.+]] = attn.attention %[[Q]], %[[K]], %[[V]] : tensor<2x4x16x64xf32>, tensor<2x4x32x64xf32>, tensor<2x4x32x64xf32> -> tensor<2x4x16x64xf32>
//       CHECK:   return %[[R]]
func.func @attention_plain(%q: tensor<2x4x16x64xf32>, %k: tensor<2x4x32x64xf32>, %v: tensor<2x4x32x64xf32>) -> tensor<2x4x16x64xf32> {
  %0 = attn.attention %q, %k, %v : tensor<2x4x16x64xf32>, tensor<2x4x32x64xf32>, tensor<2x4x32x64xf32> -> tensor<2x4x16x64xf32>
  return %0 : tensor<2x4x16x64xf32>
}

// A value head dim (Dv = 48) that differs from the query/key head dim (D = 64).
// CHECK-LABEL: func.func @attention_value_head_dim
//  CHECK-SAME:   (%[[Q:.+]]: tensor<1x2x8x64xf32>, %[[K:.+]]: tensor<1x2x8x64xf32>, %[[V:.+]]: tensor<1x2x8x48xf32>)
//       CHECK:   attn.attention %[[Q]], %[[K]], %[[V]] : tensor<1x2x8x64xf32>, tensor<1x2x8x64xf32>, tensor<1x2x8x48xf32> -> tensor<1x2x8x48xf32>
func.func @attention_value_head_dim(%q: tensor<1x2x8x64xf32>, %k: tensor<1x2x8x64xf32>, %v: tensor<1x2x8x48xf32>) -> tensor<1x2x8x48xf32> {
  %0 = attn.attention %q, %k, %v : tensor<1x2x8x64xf32>, tensor<1x2x8x64xf32>, tensor<1x2x8x48xf32> -> tensor<1x2x8x48xf32>
  return %0 : tensor<1x2x8x48xf32>
}

// CHECK-LABEL: func.func @attention_scale
//  CHECK-SAME:   (%[[Q:.+]]: tensor<1x4x16x32xf32>, %[[K:.+]]: tensor<1x4x16x32xf32>, %[[V:.+]]: tensor<1x4x16x32xf32>)
//       CHECK:   attn.attention %[[Q]], %[[K]], %[[V]] scale(1.250000e-01) : tensor<1x4x16x32xf32>
func.func @attention_scale(%q: tensor<1x4x16x32xf32>, %k: tensor<1x4x16x32xf32>, %v: tensor<1x4x16x32xf32>) -> tensor<1x4x16x32xf32> {
  %0 = attn.attention %q, %k, %v scale(0.125) : tensor<1x4x16x32xf32>, tensor<1x4x16x32xf32>, tensor<1x4x16x32xf32> -> tensor<1x4x16x32xf32>
  return %0 : tensor<1x4x16x32xf32>
}

// A negative scale is finite and therefore valid.
// CHECK-LABEL: func.func @attention_negative_scale
//       CHECK:   attn.attention %{{.+}}, %{{.+}}, %{{.+}} scale(-2.000000e+00) : tensor<1x1x4x8xf32>
func.func @attention_negative_scale(%q: tensor<1x1x4x8xf32>, %k: tensor<1x1x4x8xf32>, %v: tensor<1x1x4x8xf32>) -> tensor<1x1x4x8xf32> {
  %0 = attn.attention %q, %k, %v scale(-2.0) : tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32> -> tensor<1x1x4x8xf32>
  return %0 : tensor<1x1x4x8xf32>
}

// CHECK-LABEL: func.func @attention_causal_top_left
//  CHECK-SAME:   (%[[Q:.+]]: tensor<1x4x16x32xf32>, %[[K:.+]]: tensor<1x4x16x32xf32>, %[[V:.+]]: tensor<1x4x16x32xf32>)
//       CHECK:   attn.attention %[[Q]], %[[K]], %[[V]] causal(top_left) : tensor<1x4x16x32xf32>
func.func @attention_causal_top_left(%q: tensor<1x4x16x32xf32>, %k: tensor<1x4x16x32xf32>, %v: tensor<1x4x16x32xf32>) -> tensor<1x4x16x32xf32> {
  %0 = attn.attention %q, %k, %v causal(top_left) : tensor<1x4x16x32xf32>, tensor<1x4x16x32xf32>, tensor<1x4x16x32xf32> -> tensor<1x4x16x32xf32>
  return %0 : tensor<1x4x16x32xf32>
}

// Decoding-style shapes (N = 4 new queries against M = 64 cached keys).
// CHECK-LABEL: func.func @attention_causal_bottom_right
//  CHECK-SAME:   (%[[Q:.+]]: tensor<1x4x4x32xf32>, %[[K:.+]]: tensor<1x4x64x32xf32>, %[[V:.+]]: tensor<1x4x64x32xf32>)
//       CHECK:   attn.attention %[[Q]], %[[K]], %[[V]] causal(bottom_right) : tensor<1x4x4x32xf32>, tensor<1x4x64x32xf32>, tensor<1x4x64x32xf32> -> tensor<1x4x4x32xf32>
func.func @attention_causal_bottom_right(%q: tensor<1x4x4x32xf32>, %k: tensor<1x4x64x32xf32>, %v: tensor<1x4x64x32xf32>) -> tensor<1x4x4x32xf32> {
  %0 = attn.attention %q, %k, %v causal(bottom_right) : tensor<1x4x4x32xf32>, tensor<1x4x64x32xf32>, tensor<1x4x64x32xf32> -> tensor<1x4x4x32xf32>
  return %0 : tensor<1x4x4x32xf32>
}

// A sliding window, with causal and a tiling around it.
// CHECK-LABEL: func.func @attention_window
//       CHECK:   attn.attention %{{.+}}, %{{.+}}, %{{.+}} causal(top_left) window <left = 8, right = 0> tiling <query_tile = 4, kv_tile = 16, kv_splits = 1> : tensor<1x4x16x32xf32>, tensor<1x4x16x32xf32>, tensor<1x4x16x32xf32> -> tensor<1x4x16x32xf32>
// CHECK-LABEL: func.func @attention_window_only
//       CHECK:   attn.attention %{{.+}}, %{{.+}}, %{{.+}} window <left = 3, right = 5> : tensor<1x4x16x32xf32>, tensor<1x4x16x32xf32>, tensor<1x4x16x32xf32> -> tensor<1x4x16x32xf32>
func.func @attention_window(%q: tensor<1x4x16x32xf32>) -> tensor<1x4x16x32xf32> {
  %0 = attn.attention %q, %q, %q causal(top_left) window <left = 8, right = 0> tiling <query_tile = 4, kv_tile = 16, kv_splits = 1> : tensor<1x4x16x32xf32>, tensor<1x4x16x32xf32>, tensor<1x4x16x32xf32> -> tensor<1x4x16x32xf32>
  return %0 : tensor<1x4x16x32xf32>
}
func.func @attention_window_only(%q: tensor<1x4x16x32xf32>) -> tensor<1x4x16x32xf32> {
  %0 = attn.attention %q, %q, %q window <left = 3, right = 5> : tensor<1x4x16x32xf32>, tensor<1x4x16x32xf32>, tensor<1x4x16x32xf32> -> tensor<1x4x16x32xf32>
  return %0 : tensor<1x4x16x32xf32>
}

// Grouped-query attention: 8 query heads share 2 key/value heads.
// CHECK-LABEL: func.func @attention_gqa
//  CHECK-SAME:   (%[[Q:.+]]: tensor<2x8x16x64xf32>, %[[K:.+]]: tensor<2x2x16x64xf32>, %[[V:.+]]: tensor<2x2x16x64xf32>)
//       CHECK:   attn.attention %[[Q]], %[[K]], %[[V]] : tensor<2x8x16x64xf32>, tensor<2x2x16x64xf32>, tensor<2x2x16x64xf32> -> tensor<2x8x16x64xf32>
func.func @attention_gqa(%q: tensor<2x8x16x64xf32>, %k: tensor<2x2x16x64xf32>, %v: tensor<2x2x16x64xf32>) -> tensor<2x8x16x64xf32> {
  %0 = attn.attention %q, %k, %v : tensor<2x8x16x64xf32>, tensor<2x2x16x64xf32>, tensor<2x2x16x64xf32> -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// Multi-query attention: one key/value head.
// CHECK-LABEL: func.func @attention_mqa
//       CHECK:   attn.attention %{{.+}}, %{{.+}}, %{{.+}} causal(top_left) : tensor<1x6x16x64xf32>, tensor<1x1x16x64xf32>, tensor<1x1x16x64xf32> -> tensor<1x6x16x64xf32>
func.func @attention_mqa(%q: tensor<1x6x16x64xf32>, %k: tensor<1x1x16x64xf32>, %v: tensor<1x1x16x64xf32>) -> tensor<1x6x16x64xf32> {
  %0 = attn.attention %q, %k, %v causal(top_left) : tensor<1x6x16x64xf32>, tensor<1x1x16x64xf32>, tensor<1x1x16x64xf32> -> tensor<1x6x16x64xf32>
  return %0 : tensor<1x6x16x64xf32>
}

// Boolean masks of rank 2 ([N, M]), rank 4 ([B, 1, N, M]) and rank 0; the
// last with a finite fill.
// CHECK-LABEL: func.func @attention_mask_i1
//  CHECK-SAME:   (%[[Q:.+]]: tensor<2x4x16x64xf32>, %[[K:.+]]: tensor<2x4x32x64xf32>, %[[V:.+]]: tensor<2x4x32x64xf32>, %[[M2:.+]]: tensor<16x32xi1>, %[[M4:.+]]: tensor<2x1x16x32xi1>, %[[M0:.+]]: tensor<i1>)
//       CHECK:   attn.attention %[[Q]], %[[K]], %[[V]] mask(%[[M2]] : tensor<16x32xi1>) : tensor<2x4x16x64xf32>
//       CHECK:   attn.attention %[[Q]], %[[K]], %[[V]] mask(%[[M4]] : tensor<2x1x16x32xi1>) : tensor<2x4x16x64xf32>
//       CHECK:   attn.attention %[[Q]], %[[K]], %[[V]] mask(%[[M0]] : tensor<i1>) mask_fill(-2.500000e+00) : tensor<2x4x16x64xf32>
func.func @attention_mask_i1(%q: tensor<2x4x16x64xf32>, %k: tensor<2x4x32x64xf32>, %v: tensor<2x4x32x64xf32>,
                             %m2: tensor<16x32xi1>, %m4: tensor<2x1x16x32xi1>, %m0: tensor<i1>)
    -> (tensor<2x4x16x64xf32>, tensor<2x4x16x64xf32>, tensor<2x4x16x64xf32>) {
  %0 = attn.attention %q, %k, %v mask(%m2 : tensor<16x32xi1>) : tensor<2x4x16x64xf32>, tensor<2x4x32x64xf32>, tensor<2x4x32x64xf32> -> tensor<2x4x16x64xf32>
  %1 = attn.attention %q, %k, %v mask(%m4 : tensor<2x1x16x32xi1>) : tensor<2x4x16x64xf32>, tensor<2x4x32x64xf32>, tensor<2x4x32x64xf32> -> tensor<2x4x16x64xf32>
  %2 = attn.attention %q, %k, %v mask(%m0 : tensor<i1>) mask_fill(-2.5) : tensor<2x4x16x64xf32>, tensor<2x4x32x64xf32>, tensor<2x4x32x64xf32> -> tensor<2x4x16x64xf32>
  return %0, %1, %2 : tensor<2x4x16x64xf32>, tensor<2x4x16x64xf32>, tensor<2x4x16x64xf32>
}

// Additive masks of rank 1 ([M], key padding), rank 3 ([Hq, N, M], ALiBi)
// and rank 4 ([B, Hq, N, M]).
// CHECK-LABEL: func.func @attention_mask_f32
//  CHECK-SAME:   (%[[Q:.+]]: tensor<2x4x16x64xf32>, %[[K:.+]]: tensor<2x4x32x64xf32>, %[[V:.+]]: tensor<2x4x32x64xf32>, %[[M1:.+]]: tensor<32xf32>, %[[M3:.+]]: tensor<4x16x32xf32>, %[[M4:.+]]: tensor<2x4x16x32xf32>)
//       CHECK:   attn.attention %[[Q]], %[[K]], %[[V]] mask(%[[M1]] : tensor<32xf32>) : tensor<2x4x16x64xf32>
//       CHECK:   attn.attention %[[Q]], %[[K]], %[[V]] mask(%[[M3]] : tensor<4x16x32xf32>) : tensor<2x4x16x64xf32>
//       CHECK:   attn.attention %[[Q]], %[[K]], %[[V]] mask(%[[M4]] : tensor<2x4x16x32xf32>) : tensor<2x4x16x64xf32>
func.func @attention_mask_f32(%q: tensor<2x4x16x64xf32>, %k: tensor<2x4x32x64xf32>, %v: tensor<2x4x32x64xf32>,
                              %m1: tensor<32xf32>, %m3: tensor<4x16x32xf32>, %m4: tensor<2x4x16x32xf32>)
    -> (tensor<2x4x16x64xf32>, tensor<2x4x16x64xf32>, tensor<2x4x16x64xf32>) {
  %0 = attn.attention %q, %k, %v mask(%m1 : tensor<32xf32>) : tensor<2x4x16x64xf32>, tensor<2x4x32x64xf32>, tensor<2x4x32x64xf32> -> tensor<2x4x16x64xf32>
  %1 = attn.attention %q, %k, %v mask(%m3 : tensor<4x16x32xf32>) : tensor<2x4x16x64xf32>, tensor<2x4x32x64xf32>, tensor<2x4x32x64xf32> -> tensor<2x4x16x64xf32>
  %2 = attn.attention %q, %k, %v mask(%m4 : tensor<2x4x16x32xf32>) : tensor<2x4x16x64xf32>, tensor<2x4x32x64xf32>, tensor<2x4x32x64xf32> -> tensor<2x4x16x64xf32>
  return %0, %1, %2 : tensor<2x4x16x64xf32>, tensor<2x4x16x64xf32>, tensor<2x4x16x64xf32>
}

// Every optional clause at once, plus GQA; the clauses print in their fixed
// order and a discardable attribute survives in the attr-dict.
// CHECK-LABEL: func.func @attention_all_clauses
//  CHECK-SAME:   (%[[Q:.+]]: tensor<1x8x16x64xf32>, %[[K:.+]]: tensor<1x2x32x64xf32>, %[[V:.+]]: tensor<1x2x32x48xf32>, %[[M:.+]]: tensor<1x16x32xi1>)
//       CHECK:   %[[R:.+]] = attn.attention %[[Q]], %[[K]], %[[V]] mask(%[[M]] : tensor<1x16x32xi1>) scale(5.000000e-01) causal(bottom_right) {attn.note = "kept"} : tensor<1x8x16x64xf32>, tensor<1x2x32x64xf32>, tensor<1x2x32x48xf32> -> tensor<1x8x16x48xf32>
//       CHECK:   return %[[R]]
func.func @attention_all_clauses(%q: tensor<1x8x16x64xf32>, %k: tensor<1x2x32x64xf32>, %v: tensor<1x2x32x48xf32>, %m: tensor<1x16x32xi1>) -> tensor<1x8x16x48xf32> {
  %0 = attn.attention %q, %k, %v mask(%m : tensor<1x16x32xi1>) scale(0.5) causal(bottom_right) {attn.note = "kept"} : tensor<1x8x16x64xf32>, tensor<1x2x32x64xf32>, tensor<1x2x32x48xf32> -> tensor<1x8x16x48xf32>
  return %0 : tensor<1x8x16x48xf32>
}

//===----------------------------------------------------------------------===//
// attn.matmul
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @matmul_2d
//  CHECK-SAME:   (%[[A:.+]]: tensor<16x64xf32>, %[[B:.+]]: tensor<64x32xf32>)
//       CHECK:   %[[R:.+]] = attn.matmul %[[A]], %[[B]] : tensor<16x64xf32>, tensor<64x32xf32> -> tensor<16x32xf32>
//       CHECK:   return %[[R]]
func.func @matmul_2d(%a: tensor<16x64xf32>, %b: tensor<64x32xf32>) -> tensor<16x32xf32> {
  %0 = attn.matmul %a, %b : tensor<16x64xf32>, tensor<64x32xf32> -> tensor<16x32xf32>
  return %0 : tensor<16x32xf32>
}

// Q Kᵀ as attention writes it.
// CHECK-LABEL: func.func @matmul_transpose_rhs
//  CHECK-SAME:   (%[[A:.+]]: tensor<2x8x16x64xf32>, %[[B:.+]]: tensor<2x8x32x64xf32>)
//       CHECK:   attn.matmul %[[A]], %[[B]] transpose_rhs : tensor<2x8x16x64xf32>, tensor<2x8x32x64xf32> -> tensor<2x8x16x32xf32>
func.func @matmul_transpose_rhs(%a: tensor<2x8x16x64xf32>, %b: tensor<2x8x32x64xf32>) -> tensor<2x8x16x32xf32> {
  %0 = attn.matmul %a, %b transpose_rhs : tensor<2x8x16x64xf32>, tensor<2x8x32x64xf32> -> tensor<2x8x16x32xf32>
  return %0 : tensor<2x8x16x32xf32>
}

// CHECK-LABEL: func.func @matmul_transpose_lhs
//  CHECK-SAME:   (%[[A:.+]]: tensor<64x16xf32>, %[[B:.+]]: tensor<64x32xf32>)
//       CHECK:   attn.matmul %[[A]], %[[B]] transpose_lhs : tensor<64x16xf32>, tensor<64x32xf32> -> tensor<16x32xf32>
func.func @matmul_transpose_lhs(%a: tensor<64x16xf32>, %b: tensor<64x32xf32>) -> tensor<16x32xf32> {
  %0 = attn.matmul %a, %b transpose_lhs : tensor<64x16xf32>, tensor<64x32xf32> -> tensor<16x32xf32>
  return %0 : tensor<16x32xf32>
}

// CHECK-LABEL: func.func @matmul_transpose_both
//  CHECK-SAME:   (%[[A:.+]]: tensor<64x16xf32>, %[[B:.+]]: tensor<32x64xf32>)
//       CHECK:   attn.matmul %[[A]], %[[B]] transpose_lhs transpose_rhs : tensor<64x16xf32>, tensor<32x64xf32> -> tensor<16x32xf32>
func.func @matmul_transpose_both(%a: tensor<64x16xf32>, %b: tensor<32x64xf32>) -> tensor<16x32xf32> {
  %0 = attn.matmul %a, %b transpose_lhs transpose_rhs : tensor<64x16xf32>, tensor<32x64xf32> -> tensor<16x32xf32>
  return %0 : tensor<16x32xf32>
}

// Batch dimensions broadcast as in numpy: [2, 1] with [8] gives [2, 8]; a
// rank-2 operand broadcasts over every batch dimension of the other.
// CHECK-LABEL: func.func @matmul_batch_broadcast
//  CHECK-SAME:   (%[[A:.+]]: tensor<2x1x16x64xf32>, %[[B:.+]]: tensor<8x64x32xf32>, %[[W:.+]]: tensor<64x32xf32>)
//       CHECK:   attn.matmul %[[A]], %[[B]] : tensor<2x1x16x64xf32>, tensor<8x64x32xf32> -> tensor<2x8x16x32xf32>
//       CHECK:   attn.matmul %[[A]], %[[W]] : tensor<2x1x16x64xf32>, tensor<64x32xf32> -> tensor<2x1x16x32xf32>
func.func @matmul_batch_broadcast(%a: tensor<2x1x16x64xf32>, %b: tensor<8x64x32xf32>, %w: tensor<64x32xf32>)
    -> (tensor<2x8x16x32xf32>, tensor<2x1x16x32xf32>) {
  %0 = attn.matmul %a, %b : tensor<2x1x16x64xf32>, tensor<8x64x32xf32> -> tensor<2x8x16x32xf32>
  %1 = attn.matmul %a, %w : tensor<2x1x16x64xf32>, tensor<64x32xf32> -> tensor<2x1x16x32xf32>
  return %0, %1 : tensor<2x8x16x32xf32>, tensor<2x1x16x32xf32>
}

//===----------------------------------------------------------------------===//
// attn.scale, attn.add, attn.mask, attn.softmax
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @scale
//  CHECK-SAME:   (%[[X:.+]]: tensor<2x8x16x16xf32>)
//       CHECK:   %[[R:.+]] = attn.scale %[[X]] by 1.250000e-01 : tensor<2x8x16x16xf32>
//       CHECK:   attn.scale %[[R]] by -3.000000e+00 : tensor<2x8x16x16xf32>
func.func @scale(%x: tensor<2x8x16x16xf32>) -> tensor<2x8x16x16xf32> {
  %0 = attn.scale %x by 0.125 : tensor<2x8x16x16xf32>
  %1 = attn.scale %0 by -3.0 : tensor<2x8x16x16xf32>
  return %1 : tensor<2x8x16x16xf32>
}

// CHECK-LABEL: func.func @add_broadcast
//  CHECK-SAME:   (%[[S:.+]]: tensor<2x8x16x16xf32>, %[[B:.+]]: tensor<16x16xf32>, %[[C:.+]]: tensor<2x1x16x1xf32>, %[[D:.+]]: tensor<8x1x16xf32>)
//       CHECK:   attn.add %[[S]], %[[B]] : tensor<2x8x16x16xf32>, tensor<16x16xf32> -> tensor<2x8x16x16xf32>
//       CHECK:   attn.add %[[B]], %[[S]] : tensor<16x16xf32>, tensor<2x8x16x16xf32> -> tensor<2x8x16x16xf32>
//       CHECK:   attn.add %[[C]], %[[D]] : tensor<2x1x16x1xf32>, tensor<8x1x16xf32> -> tensor<2x8x16x16xf32>
//       CHECK:   attn.add %[[S]], %[[S]] : tensor<2x8x16x16xf32>, tensor<2x8x16x16xf32> -> tensor<2x8x16x16xf32>
func.func @add_broadcast(%s: tensor<2x8x16x16xf32>, %b: tensor<16x16xf32>, %c: tensor<2x1x16x1xf32>, %d: tensor<8x1x16xf32>)
    -> (tensor<2x8x16x16xf32>, tensor<2x8x16x16xf32>, tensor<2x8x16x16xf32>, tensor<2x8x16x16xf32>) {
  %0 = attn.add %s, %b : tensor<2x8x16x16xf32>, tensor<16x16xf32> -> tensor<2x8x16x16xf32>
  %1 = attn.add %b, %s : tensor<16x16xf32>, tensor<2x8x16x16xf32> -> tensor<2x8x16x16xf32>
  %2 = attn.add %c, %d : tensor<2x1x16x1xf32>, tensor<8x1x16xf32> -> tensor<2x8x16x16xf32>
  %3 = attn.add %s, %s : tensor<2x8x16x16xf32>, tensor<2x8x16x16xf32> -> tensor<2x8x16x16xf32>
  return %0, %1, %2, %3 : tensor<2x8x16x16xf32>, tensor<2x8x16x16xf32>, tensor<2x8x16x16xf32>, tensor<2x8x16x16xf32>
}

// CHECK-LABEL: func.func @mask
//  CHECK-SAME:   (%[[S:.+]]: tensor<2x8x16x16xf32>, %[[B:.+]]: tensor<16x16xi1>, %[[F:.+]]: tensor<2x1x1x16xf32>)
//       CHECK:   %[[R:.+]] = attn.mask %[[S]], %[[B]] : tensor<2x8x16x16xf32>, tensor<16x16xi1>
//       CHECK:   %[[A:.+]] = attn.mask %[[R]], %[[F]] : tensor<2x8x16x16xf32>, tensor<2x1x1x16xf32>
//       CHECK:   attn.mask %[[A]], %[[B]] fill(-1.000000e+09) : tensor<2x8x16x16xf32>, tensor<16x16xi1>
func.func @mask(%s: tensor<2x8x16x16xf32>, %b: tensor<16x16xi1>, %f: tensor<2x1x1x16xf32>) -> tensor<2x8x16x16xf32> {
  %0 = attn.mask %s, %b : tensor<2x8x16x16xf32>, tensor<16x16xi1>
  %1 = attn.mask %0, %f : tensor<2x8x16x16xf32>, tensor<2x1x1x16xf32>
  %2 = attn.mask %1, %b fill(-1.0e9) : tensor<2x8x16x16xf32>, tensor<16x16xi1>
  return %2 : tensor<2x8x16x16xf32>
}

// CHECK-LABEL: func.func @softmax
//  CHECK-SAME:   (%[[X:.+]]: tensor<2x8x16x16xf32>)
//       CHECK:   %[[A:.+]] = attn.softmax %[[X]] axis(3) : tensor<2x8x16x16xf32>
//       CHECK:   %[[B:.+]] = attn.softmax %[[A]] axis(-1) : tensor<2x8x16x16xf32>
//       CHECK:   attn.softmax %[[B]] axis(-4) : tensor<2x8x16x16xf32>
func.func @softmax(%x: tensor<2x8x16x16xf32>) -> tensor<2x8x16x16xf32> {
  %0 = attn.softmax %x axis(3) : tensor<2x8x16x16xf32>
  %1 = attn.softmax %0 axis(-1) : tensor<2x8x16x16xf32>
  %2 = attn.softmax %1 axis(-4) : tensor<2x8x16x16xf32>
  return %2 : tensor<2x8x16x16xf32>
}

//===----------------------------------------------------------------------===//
// attn.linear and the layout ops
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @linear
//  CHECK-SAME:   (%[[X:.+]]: tensor<2x16x256xf32>, %[[W:.+]]: tensor<512x256xf32>, %[[B:.+]]: tensor<512xf32>, %[[V:.+]]: tensor<256xf32>)
//       CHECK:   attn.linear %[[X]], %[[W]] : tensor<2x16x256xf32>, tensor<512x256xf32> -> tensor<2x16x512xf32>
//       CHECK:   attn.linear %[[X]], %[[W]] bias(%[[B]] : tensor<512xf32>) : tensor<2x16x256xf32>, tensor<512x256xf32> -> tensor<2x16x512xf32>
//       CHECK:   attn.linear %[[V]], %[[W]] bias(%[[B]] : tensor<512xf32>) : tensor<256xf32>, tensor<512x256xf32> -> tensor<512xf32>
func.func @linear(%x: tensor<2x16x256xf32>, %w: tensor<512x256xf32>, %b: tensor<512xf32>, %v: tensor<256xf32>)
    -> (tensor<2x16x512xf32>, tensor<2x16x512xf32>, tensor<512xf32>) {
  %0 = attn.linear %x, %w : tensor<2x16x256xf32>, tensor<512x256xf32> -> tensor<2x16x512xf32>
  %1 = attn.linear %x, %w bias(%b : tensor<512xf32>) : tensor<2x16x256xf32>, tensor<512x256xf32> -> tensor<2x16x512xf32>
  %2 = attn.linear %v, %w bias(%b : tensor<512xf32>) : tensor<256xf32>, tensor<512x256xf32> -> tensor<512xf32>
  return %0, %1, %2 : tensor<2x16x512xf32>, tensor<2x16x512xf32>, tensor<512xf32>
}

// CHECK-LABEL: func.func @split_merge_heads
//  CHECK-SAME:   (%[[X:.+]]: tensor<2x16x512xf32>)
//       CHECK:   %[[H:.+]] = attn.split_heads %[[X]] : tensor<2x16x512xf32> -> tensor<2x8x16x64xf32>
//       CHECK:   %[[M:.+]] = attn.merge_heads %[[H]] : tensor<2x8x16x64xf32> -> tensor<2x16x512xf32>
//       CHECK:   return %[[M]]
func.func @split_merge_heads(%x: tensor<2x16x512xf32>) -> tensor<2x16x512xf32> {
  %0 = attn.split_heads %x : tensor<2x16x512xf32> -> tensor<2x8x16x64xf32>
  %1 = attn.merge_heads %0 : tensor<2x8x16x64xf32> -> tensor<2x16x512xf32>
  return %1 : tensor<2x16x512xf32>
}

// CHECK-LABEL: func.func @transpose
//  CHECK-SAME:   (%[[X:.+]]: tensor<2x16x8x64xf32>)
//       CHECK:   %[[T:.+]] = attn.transpose %[[X]] permutation [0, 2, 1, 3] : tensor<2x16x8x64xf32> -> tensor<2x8x16x64xf32>
//       CHECK:   attn.transpose %[[T]] permutation [3, 2, 1, 0] : tensor<2x8x16x64xf32> -> tensor<64x16x8x2xf32>
func.func @transpose(%x: tensor<2x16x8x64xf32>) -> tensor<64x16x8x2xf32> {
  %0 = attn.transpose %x permutation [0, 2, 1, 3] : tensor<2x16x8x64xf32> -> tensor<2x8x16x64xf32>
  %1 = attn.transpose %0 permutation [3, 2, 1, 0] : tensor<2x8x16x64xf32> -> tensor<64x16x8x2xf32>
  return %1 : tensor<64x16x8x2xf32>
}

// CHECK-LABEL: func.func @reshape
//  CHECK-SAME:   (%[[X:.+]]: tensor<2x16x512xf32>)
//       CHECK:   %[[R:.+]] = attn.reshape %[[X]] : tensor<2x16x512xf32> -> tensor<2x16x8x64xf32>
//       CHECK:   attn.reshape %[[R]] : tensor<2x16x8x64xf32> -> tensor<16384xf32>
func.func @reshape(%x: tensor<2x16x512xf32>) -> tensor<16384xf32> {
  %0 = attn.reshape %x : tensor<2x16x512xf32> -> tensor<2x16x8x64xf32>
  %1 = attn.reshape %0 : tensor<2x16x8x64xf32> -> tensor<16384xf32>
  return %1 : tensor<16384xf32>
}

//===----------------------------------------------------------------------===//
// A whole attention block written with the graph ops
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @decomposed_attention
//  CHECK-SAME:   (%[[X:.+]]: tensor<2x16x256xf32>, %[[WQ:.+]]: tensor<256x256xf32>, %[[WK:.+]]: tensor<256x256xf32>, %[[WV:.+]]: tensor<256x256xf32>, %[[MASK:.+]]: tensor<16x16xi1>)
//       CHECK:   %[[PQ:.+]] = attn.linear %[[X]], %[[WQ]] :
//       CHECK:   %[[PK:.+]] = attn.linear %[[X]], %[[WK]] :
//       CHECK:   %[[PV:.+]] = attn.linear %[[X]], %[[WV]] :
//       CHECK:   %[[Q:.+]] = attn.split_heads %[[PQ]] :
//       CHECK:   %[[K:.+]] = attn.split_heads %[[PK]] :
//       CHECK:   %[[V:.+]] = attn.split_heads %[[PV]] :
//       CHECK:   %[[S:.+]] = attn.matmul %[[Q]], %[[K]] transpose_rhs :
//       CHECK:   %[[SS:.+]] = attn.scale %[[S]] by 1.250000e-01 :
//       CHECK:   %[[SM:.+]] = attn.mask %[[SS]], %[[MASK]] :
//       CHECK:   %[[P:.+]] = attn.softmax %[[SM]] axis(-1) :
//       CHECK:   %[[O:.+]] = attn.matmul %[[P]], %[[V]] :
//       CHECK:   %[[R:.+]] = attn.merge_heads %[[O]] :
//       CHECK:   return %[[R]]
func.func @decomposed_attention(%x: tensor<2x16x256xf32>, %wq: tensor<256x256xf32>, %wk: tensor<256x256xf32>,
                                %wv: tensor<256x256xf32>, %mask: tensor<16x16xi1>) -> tensor<2x16x256xf32> {
  %pq = attn.linear %x, %wq : tensor<2x16x256xf32>, tensor<256x256xf32> -> tensor<2x16x256xf32>
  %pk = attn.linear %x, %wk : tensor<2x16x256xf32>, tensor<256x256xf32> -> tensor<2x16x256xf32>
  %pv = attn.linear %x, %wv : tensor<2x16x256xf32>, tensor<256x256xf32> -> tensor<2x16x256xf32>
  %q = attn.split_heads %pq : tensor<2x16x256xf32> -> tensor<2x4x16x64xf32>
  %k = attn.split_heads %pk : tensor<2x16x256xf32> -> tensor<2x4x16x64xf32>
  %v = attn.split_heads %pv : tensor<2x16x256xf32> -> tensor<2x4x16x64xf32>
  %s = attn.matmul %q, %k transpose_rhs : tensor<2x4x16x64xf32>, tensor<2x4x16x64xf32> -> tensor<2x4x16x16xf32>
  %ss = attn.scale %s by 0.125 : tensor<2x4x16x16xf32>
  %sm = attn.mask %ss, %mask : tensor<2x4x16x16xf32>, tensor<16x16xi1>
  %p = attn.softmax %sm axis(-1) : tensor<2x4x16x16xf32>
  %o = attn.matmul %p, %v : tensor<2x4x16x16xf32>, tensor<2x4x16x64xf32> -> tensor<2x4x16x64xf32>
  %r = attn.merge_heads %o : tensor<2x4x16x64xf32> -> tensor<2x16x256xf32>
  return %r : tensor<2x16x256xf32>
}

// -----

// The sparsity clauses and score modifiers, all at once and one by one.
// CHECK-LABEL: func.func @attention_patterns
//       CHECK:   attn.attention %{{.+}}, %{{.+}}, %{{.+}} segments(%{{.+}}, %{{.+}} : tensor<2x16xi32>, tensor<1x16xi32>) causal(bottom_right) window <left = 8, right = 0, dilation = 2> chunk(8) prefix(3) blocks <query_block = 8, key_block = 8, layout = dense<{{\[\[}}true, false], [true, true]]> : tensor<2x2xi1>> alibi [5.000000e-01, 2.500000e-01] softcap(3.000000e+01) tiling <query_tile = 4, kv_tile = 8, kv_splits = 1> : tensor<2x2x16x32xf32>, tensor<2x2x16x32xf32>, tensor<2x2x16x32xf32> -> tensor<2x2x16x32xf32>
//       CHECK:   attn.attention %{{.+}}, %{{.+}}, %{{.+}} chunk(4) : tensor<2x2x16x32xf32>
//       CHECK:   attn.attention %{{.+}}, %{{.+}}, %{{.+}} blocks <query_block = 4, key_block = 16, layout = dense<true> : tensor<2x4x1xi1>> : tensor<2x2x16x32xf32>
//       CHECK:   attn.online_attention %{{.+}}, %{{.+}}, %{{.+}} segments(%{{.+}}, %{{.+}} : tensor<2x16xi32>, tensor<1x16xi32>) scale(1.250000e-01) causal(top_left) prefix(2) alibi [1.000000e+00, 5.000000e-01] softcap(5.000000e+00) tiling <query_tile = 4, kv_tile = 8, kv_splits = 2> : tensor<2x2x16x32xf32>
func.func @attention_patterns(%q: tensor<2x2x16x32xf32>, %qs: tensor<2x16xi32>, %ks: tensor<1x16xi32>) -> (tensor<2x2x16x32xf32>, tensor<2x2x16x32xf32>, tensor<2x2x16x32xf32>, tensor<2x2x2x16x32xf32>) {
  %0 = attn.attention %q, %q, %q segments(%qs, %ks : tensor<2x16xi32>, tensor<1x16xi32>) causal(bottom_right) window <left = 8, right = 0, dilation = 2> chunk(8) prefix(3) blocks #attn.block_layout<query_block = 8, key_block = 8, layout = dense<[[true, false], [true, true]]> : tensor<2x2xi1>> alibi [0.5, 0.25] softcap(30.0) tiling <query_tile = 4, kv_tile = 8, kv_splits = 1> : tensor<2x2x16x32xf32>, tensor<2x2x16x32xf32>, tensor<2x2x16x32xf32> -> tensor<2x2x16x32xf32>
  %1 = attn.attention %q, %q, %q chunk(4) : tensor<2x2x16x32xf32>, tensor<2x2x16x32xf32>, tensor<2x2x16x32xf32> -> tensor<2x2x16x32xf32>
  %2 = attn.attention %q, %q, %q blocks <query_block = 4, key_block = 16, layout = dense<true> : tensor<2x4x1xi1>> : tensor<2x2x16x32xf32>, tensor<2x2x16x32xf32>, tensor<2x2x16x32xf32> -> tensor<2x2x16x32xf32>
  %acc, %max, %sum = attn.online_attention %q, %q, %q segments(%qs, %ks : tensor<2x16xi32>, tensor<1x16xi32>) scale(0.125) causal(top_left) prefix(2) alibi [1.0, 0.5] softcap(5.0) tiling <query_tile = 4, kv_tile = 8, kv_splits = 2> : tensor<2x2x16x32xf32>, tensor<2x2x16x32xf32>, tensor<2x2x16x32xf32> -> tensor<2x2x2x16x32xf32>, tensor<2x2x2x16xf32>, tensor<2x2x2x16xf32>
  return %0, %1, %2, %acc : tensor<2x2x16x32xf32>, tensor<2x2x16x32xf32>, tensor<2x2x16x32xf32>, tensor<2x2x2x16x32xf32>
}

// -----

// f16 and bf16 storage: query, key, value and result share the type; an
// additive mask is f32 or that type; the online form's running triple is f32.
// CHECK-LABEL: func.func @attention_half
//  CHECK-SAME:   (%[[Q:.+]]: tensor<1x4x9x40xf16>, %[[K:.+]]: tensor<1x2x13x40xf16>, %[[V:.+]]: tensor<1x2x13x24xf16>, %[[MH:.+]]: tensor<9x13xf16>, %[[MF:.+]]: tensor<1x1x9x13xf32>)
//       CHECK:   attn.attention %[[Q]], %[[K]], %[[V]] mask(%[[MH]] : tensor<9x13xf16>) causal(bottom_right) : tensor<1x4x9x40xf16>, tensor<1x2x13x40xf16>, tensor<1x2x13x24xf16> -> tensor<1x4x9x24xf16>
//       CHECK:   attn.attention %[[Q]], %[[K]], %[[V]] mask(%[[MF]] : tensor<1x1x9x13xf32>) scale(2.500000e-01) window <left = 3, right = 1> : tensor<1x4x9x40xf16>, tensor<1x2x13x40xf16>, tensor<1x2x13x24xf16> -> tensor<1x4x9x24xf16>
//       CHECK:   %[[ACC:.+]], %[[MAX:.+]], %[[SUM:.+]] = attn.online_attention %[[Q]], %[[K]], %[[V]] scale(1.250000e-01) tiling <query_tile = 4, kv_tile = 8, kv_splits = 2> : tensor<1x4x9x40xf16>, tensor<1x2x13x40xf16>, tensor<1x2x13x24xf16> -> tensor<2x1x4x9x24xf32>, tensor<2x1x4x9xf32>, tensor<2x1x4x9xf32>
//       CHECK:   attn.online_finalize %[[ACC]], %[[MAX]], %[[SUM]] : tensor<2x1x4x9x24xf32>, tensor<2x1x4x9xf32>, tensor<2x1x4x9xf32> -> tensor<1x4x9x24xf16>
func.func @attention_half(%q: tensor<1x4x9x40xf16>, %k: tensor<1x2x13x40xf16>, %v: tensor<1x2x13x24xf16>, %mh: tensor<9x13xf16>, %mf: tensor<1x1x9x13xf32>) -> (tensor<1x4x9x24xf16>, tensor<1x4x9x24xf16>, tensor<1x4x9x24xf16>) {
  %0 = attn.attention %q, %k, %v mask(%mh : tensor<9x13xf16>) causal(bottom_right) : tensor<1x4x9x40xf16>, tensor<1x2x13x40xf16>, tensor<1x2x13x24xf16> -> tensor<1x4x9x24xf16>
  %1 = attn.attention %q, %k, %v mask(%mf : tensor<1x1x9x13xf32>) scale(0.25) window <left = 3, right = 1> : tensor<1x4x9x40xf16>, tensor<1x2x13x40xf16>, tensor<1x2x13x24xf16> -> tensor<1x4x9x24xf16>
  %acc, %max, %sum = attn.online_attention %q, %k, %v scale(0.125) tiling <query_tile = 4, kv_tile = 8, kv_splits = 2> : tensor<1x4x9x40xf16>, tensor<1x2x13x40xf16>, tensor<1x2x13x24xf16> -> tensor<2x1x4x9x24xf32>, tensor<2x1x4x9xf32>, tensor<2x1x4x9xf32>
  %2 = attn.online_finalize %acc, %max, %sum : tensor<2x1x4x9x24xf32>, tensor<2x1x4x9xf32>, tensor<2x1x4x9xf32> -> tensor<1x4x9x24xf16>
  return %0, %1, %2 : tensor<1x4x9x24xf16>, tensor<1x4x9x24xf16>, tensor<1x4x9x24xf16>
}

// CHECK-LABEL: func.func @attention_bf16
//  CHECK-SAME:   (%[[Q:.+]]: tensor<2x2x7x16xbf16>, %[[M:.+]]: tensor<2x1x7x7xbf16>, %[[B:.+]]: tensor<7x7xi1>)
//       CHECK:   attn.attention %[[Q]], %[[Q]], %[[Q]] mask(%[[M]] : tensor<2x1x7x7xbf16>) : tensor<2x2x7x16xbf16>, tensor<2x2x7x16xbf16>, tensor<2x2x7x16xbf16> -> tensor<2x2x7x16xbf16>
//       CHECK:   attn.attention %[[Q]], %[[Q]], %[[Q]] mask(%[[B]] : tensor<7x7xi1>) causal(top_left) tiling <query_tile = 4, kv_tile = 16, kv_splits = 1> : tensor<2x2x7x16xbf16>, tensor<2x2x7x16xbf16>, tensor<2x2x7x16xbf16> -> tensor<2x2x7x16xbf16>
func.func @attention_bf16(%q: tensor<2x2x7x16xbf16>, %m: tensor<2x1x7x7xbf16>, %b: tensor<7x7xi1>) -> (tensor<2x2x7x16xbf16>, tensor<2x2x7x16xbf16>) {
  %0 = attn.attention %q, %q, %q mask(%m : tensor<2x1x7x7xbf16>) : tensor<2x2x7x16xbf16>, tensor<2x2x7x16xbf16>, tensor<2x2x7x16xbf16> -> tensor<2x2x7x16xbf16>
  %1 = attn.attention %q, %q, %q mask(%b : tensor<7x7xi1>) causal(top_left) tiling <query_tile = 4, kv_tile = 16, kv_splits = 1> : tensor<2x2x7x16xbf16>, tensor<2x2x7x16xbf16>, tensor<2x2x7x16xbf16> -> tensor<2x2x7x16xbf16>
  return %0, %1 : tensor<2x2x7x16xbf16>, tensor<2x2x7x16xbf16>
}
