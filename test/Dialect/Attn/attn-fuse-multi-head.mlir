// RUN: attn-opt %s --split-input-file --attn-fuse | FileCheck %s
// RUN: attn-opt %s --split-input-file --attn-fuse=multi-head=false | FileCheck %s --check-prefix=OFF

// Projections split into heads, one attention, merged heads and an output
// projection become one attn.multi_head_attention; each near miss stays.

// CHECK-LABEL: func.func @self_attention
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<2x5x16xf32>, %[[WQ:[^:]+]]: tensor<16x16xf32>, %[[BQ:[^:]+]]: tensor<16xf32>, %[[WK:[^:]+]]: tensor<16x16xf32>, %[[WV:[^:]+]]: tensor<16x16xf32>, %[[WO:[^:]+]]: tensor<16x16xf32>, %[[BO:[^:]+]]: tensor<16xf32>
//       CHECK:   %[[Y:.+]] = attn.multi_head_attention %[[X]], %[[X]], %[[X]] heads(2) q_proj(%[[WQ]] : tensor<16x16xf32> bias %[[BQ]] : tensor<16xf32>) k_proj(%[[WK]] : tensor<16x16xf32>) v_proj(%[[WV]] : tensor<16x16xf32>) o_proj(%[[WO]] : tensor<16x16xf32> bias %[[BO]] : tensor<16xf32>) causal(top_left) : tensor<2x5x16xf32>, tensor<2x5x16xf32>, tensor<2x5x16xf32> -> tensor<2x5x16xf32>
//   CHECK-NOT:   attn.linear
//   CHECK-NOT:   attn.split_heads
//       CHECK:   return %[[Y]]
// OFF-LABEL: func.func @self_attention
//       OFF:   attn.linear
//       OFF:   attn.attention
//   OFF-NOT:   attn.multi_head_attention
func.func @self_attention(%x: tensor<2x5x16xf32>, %wq: tensor<16x16xf32>, %bq: tensor<16xf32>, %wk: tensor<16x16xf32>, %wv: tensor<16x16xf32>, %wo: tensor<16x16xf32>, %bo: tensor<16xf32>) -> tensor<2x5x16xf32> {
  %q = attn.linear %x, %wq bias(%bq : tensor<16xf32>) : tensor<2x5x16xf32>, tensor<16x16xf32> -> tensor<2x5x16xf32>
  %k = attn.linear %x, %wk : tensor<2x5x16xf32>, tensor<16x16xf32> -> tensor<2x5x16xf32>
  %v = attn.linear %x, %wv : tensor<2x5x16xf32>, tensor<16x16xf32> -> tensor<2x5x16xf32>
  %qh = attn.split_heads %q : tensor<2x5x16xf32> -> tensor<2x2x5x8xf32>
  %kh = attn.split_heads %k : tensor<2x5x16xf32> -> tensor<2x2x5x8xf32>
  %vh = attn.split_heads %v : tensor<2x5x16xf32> -> tensor<2x2x5x8xf32>
  %o = attn.attention %qh, %kh, %vh causal(top_left) : tensor<2x2x5x8xf32>, tensor<2x2x5x8xf32>, tensor<2x2x5x8xf32> -> tensor<2x2x5x8xf32>
  %m = attn.merge_heads %o : tensor<2x2x5x8xf32> -> tensor<2x5x16xf32>
  %y = attn.linear %m, %wo bias(%bo : tensor<16xf32>) : tensor<2x5x16xf32>, tensor<16x16xf32> -> tensor<2x5x16xf32>
  return %y : tensor<2x5x16xf32>
}

// -----

// mask_fill is carried with the mask.
// CHECK-LABEL: func.func @mask_fill
//       CHECK:   attn.multi_head_attention %{{.+}} mask(%{{.+}} : tensor<5x5xi1>) mask_fill(-1.000000e+09) :
func.func @mask_fill(%x: tensor<2x5x16xf32>, %w: tensor<16x16xf32>, %keep: tensor<5x5xi1>) -> tensor<2x5x16xf32> {
  %q = attn.linear %x, %w : tensor<2x5x16xf32>, tensor<16x16xf32> -> tensor<2x5x16xf32>
  %k = attn.linear %x, %w : tensor<2x5x16xf32>, tensor<16x16xf32> -> tensor<2x5x16xf32>
  %v = attn.linear %x, %w : tensor<2x5x16xf32>, tensor<16x16xf32> -> tensor<2x5x16xf32>
  %qh = attn.split_heads %q : tensor<2x5x16xf32> -> tensor<2x2x5x8xf32>
  %kh = attn.split_heads %k : tensor<2x5x16xf32> -> tensor<2x2x5x8xf32>
  %vh = attn.split_heads %v : tensor<2x5x16xf32> -> tensor<2x2x5x8xf32>
  %o = attn.attention %qh, %kh, %vh mask(%keep : tensor<5x5xi1>) mask_fill(-1.0e9) : tensor<2x2x5x8xf32>, tensor<2x2x5x8xf32>, tensor<2x2x5x8xf32> -> tensor<2x2x5x8xf32>
  %m = attn.merge_heads %o : tensor<2x2x5x8xf32> -> tensor<2x5x16xf32>
  %y = attn.linear %m, %w : tensor<2x5x16xf32>, tensor<16x16xf32> -> tensor<2x5x16xf32>
  return %y : tensor<2x5x16xf32>
}

// -----

// Cross-attention with grouped key/value heads (4 query heads, 2 kv heads),
// a mask and a scale.
// CHECK-LABEL: func.func @cross_attention_gqa
//  CHECK-SAME:   %[[Q:[^:]+]]: tensor<1x3x16xf32>, %[[MEM:[^:]+]]: tensor<1x7x12xf32>, %[[WQ:[^:]+]]: tensor<16x16xf32>, %[[WK:[^:]+]]: tensor<8x12xf32>, %[[WV:[^:]+]]: tensor<8x12xf32>, %[[WO:[^:]+]]: tensor<10x16xf32>, %[[PAD:[^:]+]]: tensor<1x1x1x7xi1>
//       CHECK:   %[[Y:.+]] = attn.multi_head_attention %[[Q]], %[[MEM]], %[[MEM]] heads(4, 2) q_proj(%[[WQ]] : tensor<16x16xf32>) k_proj(%[[WK]] : tensor<8x12xf32>) v_proj(%[[WV]] : tensor<8x12xf32>) o_proj(%[[WO]] : tensor<10x16xf32>) mask(%[[PAD]] : tensor<1x1x1x7xi1>) scale(5.000000e-01) : tensor<1x3x16xf32>, tensor<1x7x12xf32>, tensor<1x7x12xf32> -> tensor<1x3x10xf32>
//       CHECK:   return %[[Y]]
func.func @cross_attention_gqa(%x: tensor<1x3x16xf32>, %mem: tensor<1x7x12xf32>, %wq: tensor<16x16xf32>, %wk: tensor<8x12xf32>, %wv: tensor<8x12xf32>, %wo: tensor<10x16xf32>, %pad: tensor<1x1x1x7xi1>) -> tensor<1x3x10xf32> {
  %q = attn.linear %x, %wq : tensor<1x3x16xf32>, tensor<16x16xf32> -> tensor<1x3x16xf32>
  %k = attn.linear %mem, %wk : tensor<1x7x12xf32>, tensor<8x12xf32> -> tensor<1x7x8xf32>
  %v = attn.linear %mem, %wv : tensor<1x7x12xf32>, tensor<8x12xf32> -> tensor<1x7x8xf32>
  %qh = attn.split_heads %q : tensor<1x3x16xf32> -> tensor<1x4x3x4xf32>
  %kh = attn.split_heads %k : tensor<1x7x8xf32> -> tensor<1x2x7x4xf32>
  %vh = attn.split_heads %v : tensor<1x7x8xf32> -> tensor<1x2x7x4xf32>
  %o = attn.attention %qh, %kh, %vh mask(%pad : tensor<1x1x1x7xi1>) scale(0.5) : tensor<1x4x3x4xf32>, tensor<1x2x7x4xf32>, tensor<1x2x7x4xf32> -> tensor<1x4x3x4xf32>
  %m = attn.merge_heads %o : tensor<1x4x3x4xf32> -> tensor<1x3x16xf32>
  %y = attn.linear %m, %wo : tensor<1x3x16xf32>, tensor<10x16xf32> -> tensor<1x3x10xf32>
  return %y : tensor<1x3x10xf32>
}

// -----

// The key projection is also returned (a KV cache): the projections stay,
// so does the attention.
// CHECK-LABEL: func.func @key_projection_returned
//   CHECK-NOT:   attn.multi_head_attention
//       CHECK:   attn.attention
//       CHECK:   attn.merge_heads
//       CHECK:   attn.linear
func.func @key_projection_returned(%x: tensor<1x4x8xf32>, %w: tensor<8x8xf32>) -> (tensor<1x4x8xf32>, tensor<1x4x8xf32>) {
  %q = attn.linear %x, %w : tensor<1x4x8xf32>, tensor<8x8xf32> -> tensor<1x4x8xf32>
  %k = attn.linear %x, %w : tensor<1x4x8xf32>, tensor<8x8xf32> -> tensor<1x4x8xf32>
  %v = attn.linear %x, %w : tensor<1x4x8xf32>, tensor<8x8xf32> -> tensor<1x4x8xf32>
  %qh = attn.split_heads %q : tensor<1x4x8xf32> -> tensor<1x2x4x4xf32>
  %kh = attn.split_heads %k : tensor<1x4x8xf32> -> tensor<1x2x4x4xf32>
  %vh = attn.split_heads %v : tensor<1x4x8xf32> -> tensor<1x2x4x4xf32>
  %o = attn.attention %qh, %kh, %vh : tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32> -> tensor<1x2x4x4xf32>
  %m = attn.merge_heads %o : tensor<1x2x4x4xf32> -> tensor<1x4x8xf32>
  %y = attn.linear %m, %w : tensor<1x4x8xf32>, tensor<8x8xf32> -> tensor<1x4x8xf32>
  return %y, %k : tensor<1x4x8xf32>, tensor<1x4x8xf32>
}

// -----

// No output projection: the merged heads are the result.
// CHECK-LABEL: func.func @no_output_projection
//   CHECK-NOT:   attn.multi_head_attention
//       CHECK:   attn.merge_heads
func.func @no_output_projection(%x: tensor<1x4x8xf32>, %w: tensor<8x8xf32>) -> tensor<1x4x8xf32> {
  %q = attn.linear %x, %w : tensor<1x4x8xf32>, tensor<8x8xf32> -> tensor<1x4x8xf32>
  %qh = attn.split_heads %q : tensor<1x4x8xf32> -> tensor<1x2x4x4xf32>
  %k = attn.linear %x, %w : tensor<1x4x8xf32>, tensor<8x8xf32> -> tensor<1x4x8xf32>
  %kh = attn.split_heads %k : tensor<1x4x8xf32> -> tensor<1x2x4x4xf32>
  %v = attn.linear %x, %w : tensor<1x4x8xf32>, tensor<8x8xf32> -> tensor<1x4x8xf32>
  %vh = attn.split_heads %v : tensor<1x4x8xf32> -> tensor<1x2x4x4xf32>
  %o = attn.attention %qh, %kh, %vh : tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32> -> tensor<1x2x4x4xf32>
  %m = attn.merge_heads %o : tensor<1x2x4x4xf32> -> tensor<1x4x8xf32>
  return %m : tensor<1x4x8xf32>
}

// -----

// The attention's per-head output is also returned.
// CHECK-LABEL: func.func @heads_returned
//   CHECK-NOT:   attn.multi_head_attention
func.func @heads_returned(%x: tensor<1x4x8xf32>, %w: tensor<8x8xf32>) -> (tensor<1x4x8xf32>, tensor<1x2x4x4xf32>) {
  %q = attn.linear %x, %w : tensor<1x4x8xf32>, tensor<8x8xf32> -> tensor<1x4x8xf32>
  %qh = attn.split_heads %q : tensor<1x4x8xf32> -> tensor<1x2x4x4xf32>
  %k = attn.linear %x, %w : tensor<1x4x8xf32>, tensor<8x8xf32> -> tensor<1x4x8xf32>
  %kh = attn.split_heads %k : tensor<1x4x8xf32> -> tensor<1x2x4x4xf32>
  %v = attn.linear %x, %w : tensor<1x4x8xf32>, tensor<8x8xf32> -> tensor<1x4x8xf32>
  %vh = attn.split_heads %v : tensor<1x4x8xf32> -> tensor<1x2x4x4xf32>
  %o = attn.attention %qh, %kh, %vh : tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32> -> tensor<1x2x4x4xf32>
  %m = attn.merge_heads %o : tensor<1x2x4x4xf32> -> tensor<1x4x8xf32>
  %y = attn.linear %m, %w : tensor<1x4x8xf32>, tensor<8x8xf32> -> tensor<1x4x8xf32>
  return %y, %o : tensor<1x4x8xf32>, tensor<1x2x4x4xf32>
}

// -----

// The query is given already split (no projection): stays.
// CHECK-LABEL: func.func @query_not_projected
//   CHECK-NOT:   attn.multi_head_attention
func.func @query_not_projected(%x: tensor<1x4x8xf32>, %qh: tensor<1x2x4x4xf32>, %w: tensor<8x8xf32>) -> tensor<1x4x8xf32> {
  %k = attn.linear %x, %w : tensor<1x4x8xf32>, tensor<8x8xf32> -> tensor<1x4x8xf32>
  %kh = attn.split_heads %k : tensor<1x4x8xf32> -> tensor<1x2x4x4xf32>
  %v = attn.linear %x, %w : tensor<1x4x8xf32>, tensor<8x8xf32> -> tensor<1x4x8xf32>
  %vh = attn.split_heads %v : tensor<1x4x8xf32> -> tensor<1x2x4x4xf32>
  %o = attn.attention %qh, %kh, %vh : tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32> -> tensor<1x2x4x4xf32>
  %m = attn.merge_heads %o : tensor<1x2x4x4xf32> -> tensor<1x4x8xf32>
  %y = attn.linear %m, %w : tensor<1x4x8xf32>, tensor<8x8xf32> -> tensor<1x4x8xf32>
  return %y : tensor<1x4x8xf32>
}

// -----

// The attention written as a graph-op chain: both fusions happen in one run.
// CHECK-LABEL: func.func @chain_then_multi_head
//       CHECK:   attn.multi_head_attention %{{.+}}, %{{.+}}, %{{.+}} heads(2) {{.+}} scale(1.250000e-01)
//   CHECK-NOT:   attn.matmul
//   CHECK-NOT:   attn.softmax
func.func @chain_then_multi_head(%x: tensor<1x4x8xf32>, %w: tensor<8x8xf32>) -> tensor<1x4x8xf32> {
  %q = attn.linear %x, %w : tensor<1x4x8xf32>, tensor<8x8xf32> -> tensor<1x4x8xf32>
  %qh = attn.split_heads %q : tensor<1x4x8xf32> -> tensor<1x2x4x4xf32>
  %k = attn.linear %x, %w : tensor<1x4x8xf32>, tensor<8x8xf32> -> tensor<1x4x8xf32>
  %kh = attn.split_heads %k : tensor<1x4x8xf32> -> tensor<1x2x4x4xf32>
  %v = attn.linear %x, %w : tensor<1x4x8xf32>, tensor<8x8xf32> -> tensor<1x4x8xf32>
  %vh = attn.split_heads %v : tensor<1x4x8xf32> -> tensor<1x2x4x4xf32>
  %s = attn.matmul %qh, %kh transpose_rhs : tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32> -> tensor<1x2x4x4xf32>
  %t = attn.scale %s by 0.125 : tensor<1x2x4x4xf32>
  %p = attn.softmax %t axis(3) : tensor<1x2x4x4xf32>
  %o = attn.matmul %p, %vh : tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32> -> tensor<1x2x4x4xf32>
  %m = attn.merge_heads %o : tensor<1x2x4x4xf32> -> tensor<1x4x8xf32>
  %y = attn.linear %m, %w : tensor<1x4x8xf32>, tensor<8x8xf32> -> tensor<1x4x8xf32>
  return %y : tensor<1x4x8xf32>
}

// -----

// A sliding window has no place on attn.multi_head_attention: stays.
// CHECK-LABEL: func.func @window_not_formed
//   CHECK-NOT:   attn.multi_head_attention
//       CHECK:   attn.attention {{.+}} window <left = 2, right = 0>
func.func @window_not_formed(%x: tensor<1x4x8xf32>, %w: tensor<8x8xf32>) -> tensor<1x4x8xf32> {
  %q = attn.linear %x, %w : tensor<1x4x8xf32>, tensor<8x8xf32> -> tensor<1x4x8xf32>
  %qh = attn.split_heads %q : tensor<1x4x8xf32> -> tensor<1x2x4x4xf32>
  %k = attn.linear %x, %w : tensor<1x4x8xf32>, tensor<8x8xf32> -> tensor<1x4x8xf32>
  %kh = attn.split_heads %k : tensor<1x4x8xf32> -> tensor<1x2x4x4xf32>
  %v = attn.linear %x, %w : tensor<1x4x8xf32>, tensor<8x8xf32> -> tensor<1x4x8xf32>
  %vh = attn.split_heads %v : tensor<1x4x8xf32> -> tensor<1x2x4x4xf32>
  %o = attn.attention %qh, %kh, %vh causal(top_left) window <left = 2, right = 0> : tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32> -> tensor<1x2x4x4xf32>
  %m = attn.merge_heads %o : tensor<1x2x4x4xf32> -> tensor<1x4x8xf32>
  %y = attn.linear %m, %w : tensor<1x4x8xf32>, tensor<8x8xf32> -> tensor<1x4x8xf32>
  return %y : tensor<1x4x8xf32>
}

// -----

// A softcap has no place on attn.multi_head_attention either: stays
// (forming it dropped the clause before).
// CHECK-LABEL: func.func @softcap_not_formed
//   CHECK-NOT:   attn.multi_head_attention
//       CHECK:   attn.attention {{.+}} softcap(5.000000e+00)
func.func @softcap_not_formed(%x: tensor<1x4x8xf32>, %w: tensor<8x8xf32>) -> tensor<1x4x8xf32> {
  %q = attn.linear %x, %w : tensor<1x4x8xf32>, tensor<8x8xf32> -> tensor<1x4x8xf32>
  %qh = attn.split_heads %q : tensor<1x4x8xf32> -> tensor<1x2x4x4xf32>
  %k = attn.linear %x, %w : tensor<1x4x8xf32>, tensor<8x8xf32> -> tensor<1x4x8xf32>
  %kh = attn.split_heads %k : tensor<1x4x8xf32> -> tensor<1x2x4x4xf32>
  %v = attn.linear %x, %w : tensor<1x4x8xf32>, tensor<8x8xf32> -> tensor<1x4x8xf32>
  %vh = attn.split_heads %v : tensor<1x4x8xf32> -> tensor<1x2x4x4xf32>
  %o = attn.attention %qh, %kh, %vh causal(top_left) softcap(5.0) : tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32> -> tensor<1x2x4x4xf32>
  %m = attn.merge_heads %o : tensor<1x2x4x4xf32> -> tensor<1x4x8xf32>
  %y = attn.linear %m, %w : tensor<1x4x8xf32>, tensor<8x8xf32> -> tensor<1x4x8xf32>
  return %y : tensor<1x4x8xf32>
}

// -----

// ALiBi slopes has no place on attn.multi_head_attention either: stays
// (forming it dropped the clause before).
// CHECK-LABEL: func.func @alibi_not_formed
//   CHECK-NOT:   attn.multi_head_attention
//       CHECK:   attn.attention {{.+}} alibi [5.000000e-01, 2.500000e-01]
func.func @alibi_not_formed(%x: tensor<1x4x8xf32>, %w: tensor<8x8xf32>) -> tensor<1x4x8xf32> {
  %q = attn.linear %x, %w : tensor<1x4x8xf32>, tensor<8x8xf32> -> tensor<1x4x8xf32>
  %qh = attn.split_heads %q : tensor<1x4x8xf32> -> tensor<1x2x4x4xf32>
  %k = attn.linear %x, %w : tensor<1x4x8xf32>, tensor<8x8xf32> -> tensor<1x4x8xf32>
  %kh = attn.split_heads %k : tensor<1x4x8xf32> -> tensor<1x2x4x4xf32>
  %v = attn.linear %x, %w : tensor<1x4x8xf32>, tensor<8x8xf32> -> tensor<1x4x8xf32>
  %vh = attn.split_heads %v : tensor<1x4x8xf32> -> tensor<1x2x4x4xf32>
  %o = attn.attention %qh, %kh, %vh causal(top_left) alibi [0.5, 0.25] : tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32> -> tensor<1x2x4x4xf32>
  %m = attn.merge_heads %o : tensor<1x2x4x4xf32> -> tensor<1x4x8xf32>
  %y = attn.linear %m, %w : tensor<1x4x8xf32>, tensor<8x8xf32> -> tensor<1x4x8xf32>
  return %y : tensor<1x4x8xf32>
}
