// RUN: attn-opt %s --attn-raise --canonicalize --attn-fuse | FileCheck %s
// RUN: attn-opt %s --pass-pipeline='builtin.module(func.func(tosa-to-linalg-named,tosa-to-linalg,tosa-to-arith,tosa-to-tensor))' | attn-opt --attn-raise --canonicalize --attn-fuse | FileCheck %s
// RUN: attn-opt %s --attn-raise --canonicalize --attn-fuse=multi-head=false | FileCheck %s --check-prefix=CHAIN
// RUN: attn-opt %s --pass-pipeline='builtin.module(func.func(tosa-to-linalg-named,tosa-to-linalg,tosa-to-arith,tosa-to-tensor))' | attn-opt --attn-raise --canonicalize --attn-fuse=multi-head=false | FileCheck %s --check-prefix=CHAIN

// A multi-head attention block (torch.nn.MultiheadAttention's math) in
// TOSA: q / k / v projections (x·Wᵀ + b, the weight transposed and the rows
// flattened around tosa.matmul), heads split by reshape + transpose, the
// attention, heads merged, the output projection. Everything is raised and
// fused into one attn.multi_head_attention that keeps the four projections
// with their biases (CHECK). With --attn-fuse=multi-head=false (CHAIN): the
// projections as attn.linear (bias folded in), the head layout as
// attn.split_heads / merge_heads, the core as one attn.attention.

// CHECK-LABEL: func.func @mha
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<2x3x16xf32>, %[[WQ:[^:]+]]: tensor<16x16xf32>, %[[WK:[^:]+]]: tensor<16x16xf32>, %[[WV:[^:]+]]: tensor<16x16xf32>, %[[WO:[^:]+]]: tensor<16x16xf32>, %[[BQ:[^:]+]]: tensor<16xf32>, %[[BK:[^:]+]]: tensor<16xf32>, %[[BV:[^:]+]]: tensor<16xf32>, %[[BO:[^:]+]]: tensor<16xf32>
//   CHECK-NOT:   tosa.
//   CHECK-NOT:   linalg.
//       CHECK:   %[[Y:.+]] = attn.multi_head_attention %[[X]], %[[X]], %[[X]] heads(2) q_proj(%[[WQ]] : tensor<16x16xf32> bias %[[BQ]] : tensor<16xf32>) k_proj(%[[WK]] : tensor<16x16xf32> bias %[[BK]] : tensor<16xf32>) v_proj(%[[WV]] : tensor<16x16xf32> bias %[[BV]] : tensor<16xf32>) o_proj(%[[WO]] : tensor<16x16xf32> bias %[[BO]] : tensor<16xf32>) scale(0.353553385) : tensor<2x3x16xf32>, tensor<2x3x16xf32>, tensor<2x3x16xf32> -> tensor<2x3x16xf32>
//   CHECK-NOT:   attn.
//       CHECK:   return %[[Y]]

// CHAIN-LABEL: func.func @mha
//  CHAIN-SAME:   %[[X:[^:]+]]: tensor<2x3x16xf32>, %[[WQ:[^:]+]]: tensor<16x16xf32>, %[[WK:[^:]+]]: tensor<16x16xf32>, %[[WV:[^:]+]]: tensor<16x16xf32>, %[[WO:[^:]+]]: tensor<16x16xf32>, %[[BQ:[^:]+]]: tensor<16xf32>, %[[BK:[^:]+]]: tensor<16xf32>, %[[BV:[^:]+]]: tensor<16xf32>, %[[BO:[^:]+]]: tensor<16xf32>
//   CHAIN-NOT:   tosa.
//   CHAIN-NOT:   linalg.
//   CHAIN-DAG:   %[[Q:.+]] = attn.linear %[[X]], %[[WQ]] bias(%[[BQ]] : tensor<16xf32>) : tensor<2x3x16xf32>, tensor<16x16xf32> -> tensor<2x3x16xf32>
//   CHAIN-DAG:   %[[K:.+]] = attn.linear %[[X]], %[[WK]] bias(%[[BK]] : tensor<16xf32>)
//   CHAIN-DAG:   %[[V:.+]] = attn.linear %[[X]], %[[WV]] bias(%[[BV]] : tensor<16xf32>)
//   CHAIN-DAG:   %[[QH:.+]] = attn.split_heads %[[Q]] : tensor<2x3x16xf32> -> tensor<2x2x3x8xf32>
//   CHAIN-DAG:   %[[KH:.+]] = attn.split_heads %[[K]]
//   CHAIN-DAG:   %[[VH:.+]] = attn.split_heads %[[V]]
//       CHAIN:   %[[O:.+]] = attn.attention %[[QH]], %[[KH]], %[[VH]] scale(0.353553385) : tensor<2x2x3x8xf32>, tensor<2x2x3x8xf32>, tensor<2x2x3x8xf32> -> tensor<2x2x3x8xf32>
//       CHAIN:   %[[M:.+]] = attn.merge_heads %[[O]] : tensor<2x2x3x8xf32> -> tensor<2x3x16xf32>
//       CHAIN:   %[[Y:.+]] = attn.linear %[[M]], %[[WO]] bias(%[[BO]] : tensor<16xf32>)
//       CHAIN:   return %[[Y]]
func.func @mha(%x: tensor<2x3x16xf32>, %wq: tensor<16x16xf32>, %wk: tensor<16x16xf32>, %wv: tensor<16x16xf32>, %wo: tensor<16x16xf32>, %bq: tensor<16xf32>, %bk: tensor<16xf32>, %bv: tensor<16xf32>, %bo: tensor<16xf32>) -> tensor<2x3x16xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %rows = tosa.const_shape {values = dense<[1, 6, 16]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %w3 = tosa.const_shape {values = dense<[1, 16, 16]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %bnE = tosa.const_shape {values = dense<[2, 3, 16]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %bias3 = tosa.const_shape {values = dense<[1, 1, 16]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %heads = tosa.const_shape {values = dense<[2, 3, 2, 8]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %qk3 = tosa.const_shape {values = dense<[4, 3, 8]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %kt3s = tosa.const_shape {values = dense<[4, 8, 3]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %s4 = tosa.const_shape {values = dense<[2, 2, 3, 3]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %p3s = tosa.const_shape {values = dense<[4, 3, 3]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %o4s = tosa.const_shape {values = dense<[2, 2, 3, 8]> : tensor<4xindex>} : () -> !tosa.shape<4>
  // %q = linear(%x, %wq, %bq): x·Wᵀ + b on [6, 16] rows
  %q_wt = tosa.transpose %wq {perms = array<i32: 1, 0>} : (tensor<16x16xf32>) -> tensor<16x16xf32>
  %q_wt3 = tosa.reshape %q_wt, %w3 : (tensor<16x16xf32>, !tosa.shape<3>) -> tensor<1x16x16xf32>
  %q_x3 = tosa.reshape %x, %rows : (tensor<2x3x16xf32>, !tosa.shape<3>) -> tensor<1x6x16xf32>
  %q_mm = tosa.matmul %q_x3, %q_wt3, %zp, %zp : (tensor<1x6x16xf32>, tensor<1x16x16xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x6x16xf32>
  %q_y = tosa.reshape %q_mm, %bnE : (tensor<1x6x16xf32>, !tosa.shape<3>) -> tensor<2x3x16xf32>
  %q_b3 = tosa.reshape %bq, %bias3 : (tensor<16xf32>, !tosa.shape<3>) -> tensor<1x1x16xf32>
  %q = tosa.add %q_y, %q_b3 : (tensor<2x3x16xf32>, tensor<1x1x16xf32>) -> tensor<2x3x16xf32>
  // %k = linear(%x, %wk, %bk): x·Wᵀ + b on [6, 16] rows
  %k_wt = tosa.transpose %wk {perms = array<i32: 1, 0>} : (tensor<16x16xf32>) -> tensor<16x16xf32>
  %k_wt3 = tosa.reshape %k_wt, %w3 : (tensor<16x16xf32>, !tosa.shape<3>) -> tensor<1x16x16xf32>
  %k_x3 = tosa.reshape %x, %rows : (tensor<2x3x16xf32>, !tosa.shape<3>) -> tensor<1x6x16xf32>
  %k_mm = tosa.matmul %k_x3, %k_wt3, %zp, %zp : (tensor<1x6x16xf32>, tensor<1x16x16xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x6x16xf32>
  %k_y = tosa.reshape %k_mm, %bnE : (tensor<1x6x16xf32>, !tosa.shape<3>) -> tensor<2x3x16xf32>
  %k_b3 = tosa.reshape %bk, %bias3 : (tensor<16xf32>, !tosa.shape<3>) -> tensor<1x1x16xf32>
  %k = tosa.add %k_y, %k_b3 : (tensor<2x3x16xf32>, tensor<1x1x16xf32>) -> tensor<2x3x16xf32>
  // %v = linear(%x, %wv, %bv): x·Wᵀ + b on [6, 16] rows
  %v_wt = tosa.transpose %wv {perms = array<i32: 1, 0>} : (tensor<16x16xf32>) -> tensor<16x16xf32>
  %v_wt3 = tosa.reshape %v_wt, %w3 : (tensor<16x16xf32>, !tosa.shape<3>) -> tensor<1x16x16xf32>
  %v_x3 = tosa.reshape %x, %rows : (tensor<2x3x16xf32>, !tosa.shape<3>) -> tensor<1x6x16xf32>
  %v_mm = tosa.matmul %v_x3, %v_wt3, %zp, %zp : (tensor<1x6x16xf32>, tensor<1x16x16xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x6x16xf32>
  %v_y = tosa.reshape %v_mm, %bnE : (tensor<1x6x16xf32>, !tosa.shape<3>) -> tensor<2x3x16xf32>
  %v_b3 = tosa.reshape %bv, %bias3 : (tensor<16xf32>, !tosa.shape<3>) -> tensor<1x1x16xf32>
  %v = tosa.add %v_y, %v_b3 : (tensor<2x3x16xf32>, tensor<1x1x16xf32>) -> tensor<2x3x16xf32>
  // split heads: [B, N, H*D] -> [B, H, N, D]
  %qh_4 = tosa.reshape %q, %heads : (tensor<2x3x16xf32>, !tosa.shape<4>) -> tensor<2x3x2x8xf32>
  %qh = tosa.transpose %qh_4 {perms = array<i32: 0, 2, 1, 3>} : (tensor<2x3x2x8xf32>) -> tensor<2x2x3x8xf32>
  %kh_4 = tosa.reshape %k, %heads : (tensor<2x3x16xf32>, !tosa.shape<4>) -> tensor<2x3x2x8xf32>
  %kh = tosa.transpose %kh_4 {perms = array<i32: 0, 2, 1, 3>} : (tensor<2x3x2x8xf32>) -> tensor<2x2x3x8xf32>
  %vh_4 = tosa.reshape %v, %heads : (tensor<2x3x16xf32>, !tosa.shape<4>) -> tensor<2x3x2x8xf32>
  %vh = tosa.transpose %vh_4 {perms = array<i32: 0, 2, 1, 3>} : (tensor<2x3x2x8xf32>) -> tensor<2x2x3x8xf32>
  // attention
  %kt = tosa.transpose %kh {perms = array<i32: 0, 1, 3, 2>} : (tensor<2x2x3x8xf32>) -> tensor<2x2x8x3xf32>
  %q3 = tosa.reshape %qh, %qk3 : (tensor<2x2x3x8xf32>, !tosa.shape<3>) -> tensor<4x3x8xf32>
  %kt3 = tosa.reshape %kt, %kt3s : (tensor<2x2x8x3xf32>, !tosa.shape<3>) -> tensor<4x8x3xf32>
  %s3 = tosa.matmul %q3, %kt3, %zp, %zp : (tensor<4x3x8xf32>, tensor<4x8x3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<4x3x3xf32>
  %s = tosa.reshape %s3, %s4 : (tensor<4x3x3xf32>, !tosa.shape<4>) -> tensor<2x2x3x3xf32>
  %scale = "tosa.const"() <{values = dense<0.353553385> : tensor<1x1x1x1xf32>}> : () -> tensor<1x1x1x1xf32>
  %t = tosa.mul %s, %scale, %shift : (tensor<2x2x3x3xf32>, tensor<1x1x1x1xf32>, tensor<1xi8>) -> tensor<2x2x3x3xf32>
  %max = tosa.reduce_max %t {axis = 3 : i32} : (tensor<2x2x3x3xf32>) -> tensor<2x2x3x1xf32>
  %d = tosa.sub %t, %max : (tensor<2x2x3x3xf32>, tensor<2x2x3x1xf32>) -> tensor<2x2x3x3xf32>
  %e = tosa.exp %d : (tensor<2x2x3x3xf32>) -> tensor<2x2x3x3xf32>
  %sum = tosa.reduce_sum %e {axis = 3 : i32} : (tensor<2x2x3x3xf32>) -> tensor<2x2x3x1xf32>
  %r = tosa.reciprocal %sum : (tensor<2x2x3x1xf32>) -> tensor<2x2x3x1xf32>
  %p = tosa.mul %e, %r, %shift : (tensor<2x2x3x3xf32>, tensor<2x2x3x1xf32>, tensor<1xi8>) -> tensor<2x2x3x3xf32>
  %p3 = tosa.reshape %p, %p3s : (tensor<2x2x3x3xf32>, !tosa.shape<3>) -> tensor<4x3x3xf32>
  %v3 = tosa.reshape %vh, %qk3 : (tensor<2x2x3x8xf32>, !tosa.shape<3>) -> tensor<4x3x8xf32>
  %o3 = tosa.matmul %p3, %v3, %zp, %zp : (tensor<4x3x3xf32>, tensor<4x3x8xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<4x3x8xf32>
  %o = tosa.reshape %o3, %o4s : (tensor<4x3x8xf32>, !tosa.shape<4>) -> tensor<2x2x3x8xf32>
  // merge heads: [B, H, N, D] -> [B, N, H*D]
  %ot = tosa.transpose %o {perms = array<i32: 0, 2, 1, 3>} : (tensor<2x2x3x8xf32>) -> tensor<2x3x2x8xf32>
  %om = tosa.reshape %ot, %bnE : (tensor<2x3x2x8xf32>, !tosa.shape<3>) -> tensor<2x3x16xf32>
  // %y = linear(%om, %wo, %bo): x·Wᵀ + b on [6, 16] rows
  %y_wt = tosa.transpose %wo {perms = array<i32: 1, 0>} : (tensor<16x16xf32>) -> tensor<16x16xf32>
  %y_wt3 = tosa.reshape %y_wt, %w3 : (tensor<16x16xf32>, !tosa.shape<3>) -> tensor<1x16x16xf32>
  %y_x3 = tosa.reshape %om, %rows : (tensor<2x3x16xf32>, !tosa.shape<3>) -> tensor<1x6x16xf32>
  %y_mm = tosa.matmul %y_x3, %y_wt3, %zp, %zp : (tensor<1x6x16xf32>, tensor<1x16x16xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x6x16xf32>
  %y_y = tosa.reshape %y_mm, %bnE : (tensor<1x6x16xf32>, !tosa.shape<3>) -> tensor<2x3x16xf32>
  %y_b3 = tosa.reshape %bo, %bias3 : (tensor<16xf32>, !tosa.shape<3>) -> tensor<1x1x16xf32>
  %y = tosa.add %y_y, %y_b3 : (tensor<2x3x16xf32>, tensor<1x1x16xf32>) -> tensor<2x3x16xf32>
  return %y : tensor<2x3x16xf32>
}

// The same with one head (H = 1, D = 16): the head split and merge are
// reshapes plus transposes of a unit dimension. The key's two transposes
// compose into one (split heads, then the last two swapped), and the
// merge's reshape moves below the output projection; both are still
// recognized, so the block is one attn.multi_head_attention too.

// CHECK-LABEL: func.func @mha_one_head
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<2x3x16xf32>, %[[WQ:[^:]+]]: tensor<16x16xf32>, %[[WK:[^:]+]]: tensor<16x16xf32>, %[[WV:[^:]+]]: tensor<16x16xf32>, %[[WO:[^:]+]]: tensor<16x16xf32>, %[[BQ:[^:]+]]: tensor<16xf32>, %[[BK:[^:]+]]: tensor<16xf32>, %[[BV:[^:]+]]: tensor<16xf32>, %[[BO:[^:]+]]: tensor<16xf32>
//   CHECK-NOT:   tosa.
//   CHECK-NOT:   linalg.
//       CHECK:   %[[Y:.+]] = attn.multi_head_attention %[[X]], %[[X]], %[[X]] heads(1) q_proj(%[[WQ]] : tensor<16x16xf32> bias %[[BQ]] : tensor<16xf32>) k_proj(%[[WK]] : tensor<16x16xf32> bias %[[BK]] : tensor<16xf32>) v_proj(%[[WV]] : tensor<16x16xf32> bias %[[BV]] : tensor<16xf32>) o_proj(%[[WO]] : tensor<16x16xf32> bias %[[BO]] : tensor<16xf32>) scale(2.500000e-01) : tensor<2x3x16xf32>, tensor<2x3x16xf32>, tensor<2x3x16xf32> -> tensor<2x3x16xf32>
//   CHECK-NOT:   attn.
//       CHECK:   return %[[Y]]

// CHAIN-LABEL: func.func @mha_one_head
//   CHAIN-DAG:   attn.split_heads {{.+}} : tensor<2x3x16xf32> -> tensor<2x1x3x16xf32>
//       CHAIN:   attn.attention
//       CHAIN:   %[[M:.+]] = attn.merge_heads {{.+}} : tensor<2x1x3x16xf32> -> tensor<2x3x16xf32>
//       CHAIN:   attn.linear %[[M]]
//   CHAIN-NOT:   attn.reshape
func.func @mha_one_head(%x: tensor<2x3x16xf32>, %wq: tensor<16x16xf32>, %wk: tensor<16x16xf32>, %wv: tensor<16x16xf32>, %wo: tensor<16x16xf32>, %bq: tensor<16xf32>, %bk: tensor<16xf32>, %bv: tensor<16xf32>, %bo: tensor<16xf32>) -> tensor<2x3x16xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %rows = tosa.const_shape {values = dense<[1, 6, 16]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %w3 = tosa.const_shape {values = dense<[1, 16, 16]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %bnE = tosa.const_shape {values = dense<[2, 3, 16]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %bias3 = tosa.const_shape {values = dense<[1, 1, 16]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %heads = tosa.const_shape {values = dense<[2, 3, 1, 16]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %qk3 = tosa.const_shape {values = dense<[2, 3, 16]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %kt3s = tosa.const_shape {values = dense<[2, 16, 3]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %s4 = tosa.const_shape {values = dense<[2, 1, 3, 3]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %p3s = tosa.const_shape {values = dense<[2, 3, 3]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %o4s = tosa.const_shape {values = dense<[2, 1, 3, 16]> : tensor<4xindex>} : () -> !tosa.shape<4>
  // %q = linear(%x, %wq, %bq): x·Wᵀ + b on [6, 16] rows
  %q_wt = tosa.transpose %wq {perms = array<i32: 1, 0>} : (tensor<16x16xf32>) -> tensor<16x16xf32>
  %q_wt3 = tosa.reshape %q_wt, %w3 : (tensor<16x16xf32>, !tosa.shape<3>) -> tensor<1x16x16xf32>
  %q_x3 = tosa.reshape %x, %rows : (tensor<2x3x16xf32>, !tosa.shape<3>) -> tensor<1x6x16xf32>
  %q_mm = tosa.matmul %q_x3, %q_wt3, %zp, %zp : (tensor<1x6x16xf32>, tensor<1x16x16xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x6x16xf32>
  %q_y = tosa.reshape %q_mm, %bnE : (tensor<1x6x16xf32>, !tosa.shape<3>) -> tensor<2x3x16xf32>
  %q_b3 = tosa.reshape %bq, %bias3 : (tensor<16xf32>, !tosa.shape<3>) -> tensor<1x1x16xf32>
  %q = tosa.add %q_y, %q_b3 : (tensor<2x3x16xf32>, tensor<1x1x16xf32>) -> tensor<2x3x16xf32>
  // %k = linear(%x, %wk, %bk): x·Wᵀ + b on [6, 16] rows
  %k_wt = tosa.transpose %wk {perms = array<i32: 1, 0>} : (tensor<16x16xf32>) -> tensor<16x16xf32>
  %k_wt3 = tosa.reshape %k_wt, %w3 : (tensor<16x16xf32>, !tosa.shape<3>) -> tensor<1x16x16xf32>
  %k_x3 = tosa.reshape %x, %rows : (tensor<2x3x16xf32>, !tosa.shape<3>) -> tensor<1x6x16xf32>
  %k_mm = tosa.matmul %k_x3, %k_wt3, %zp, %zp : (tensor<1x6x16xf32>, tensor<1x16x16xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x6x16xf32>
  %k_y = tosa.reshape %k_mm, %bnE : (tensor<1x6x16xf32>, !tosa.shape<3>) -> tensor<2x3x16xf32>
  %k_b3 = tosa.reshape %bk, %bias3 : (tensor<16xf32>, !tosa.shape<3>) -> tensor<1x1x16xf32>
  %k = tosa.add %k_y, %k_b3 : (tensor<2x3x16xf32>, tensor<1x1x16xf32>) -> tensor<2x3x16xf32>
  // %v = linear(%x, %wv, %bv): x·Wᵀ + b on [6, 16] rows
  %v_wt = tosa.transpose %wv {perms = array<i32: 1, 0>} : (tensor<16x16xf32>) -> tensor<16x16xf32>
  %v_wt3 = tosa.reshape %v_wt, %w3 : (tensor<16x16xf32>, !tosa.shape<3>) -> tensor<1x16x16xf32>
  %v_x3 = tosa.reshape %x, %rows : (tensor<2x3x16xf32>, !tosa.shape<3>) -> tensor<1x6x16xf32>
  %v_mm = tosa.matmul %v_x3, %v_wt3, %zp, %zp : (tensor<1x6x16xf32>, tensor<1x16x16xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x6x16xf32>
  %v_y = tosa.reshape %v_mm, %bnE : (tensor<1x6x16xf32>, !tosa.shape<3>) -> tensor<2x3x16xf32>
  %v_b3 = tosa.reshape %bv, %bias3 : (tensor<16xf32>, !tosa.shape<3>) -> tensor<1x1x16xf32>
  %v = tosa.add %v_y, %v_b3 : (tensor<2x3x16xf32>, tensor<1x1x16xf32>) -> tensor<2x3x16xf32>
  // split heads: [B, N, H*D] -> [B, H, N, D]
  %qh_4 = tosa.reshape %q, %heads : (tensor<2x3x16xf32>, !tosa.shape<4>) -> tensor<2x3x1x16xf32>
  %qh = tosa.transpose %qh_4 {perms = array<i32: 0, 2, 1, 3>} : (tensor<2x3x1x16xf32>) -> tensor<2x1x3x16xf32>
  %kh_4 = tosa.reshape %k, %heads : (tensor<2x3x16xf32>, !tosa.shape<4>) -> tensor<2x3x1x16xf32>
  %kh = tosa.transpose %kh_4 {perms = array<i32: 0, 2, 1, 3>} : (tensor<2x3x1x16xf32>) -> tensor<2x1x3x16xf32>
  %vh_4 = tosa.reshape %v, %heads : (tensor<2x3x16xf32>, !tosa.shape<4>) -> tensor<2x3x1x16xf32>
  %vh = tosa.transpose %vh_4 {perms = array<i32: 0, 2, 1, 3>} : (tensor<2x3x1x16xf32>) -> tensor<2x1x3x16xf32>
  // attention
  %kt = tosa.transpose %kh {perms = array<i32: 0, 1, 3, 2>} : (tensor<2x1x3x16xf32>) -> tensor<2x1x16x3xf32>
  %q3 = tosa.reshape %qh, %qk3 : (tensor<2x1x3x16xf32>, !tosa.shape<3>) -> tensor<2x3x16xf32>
  %kt3 = tosa.reshape %kt, %kt3s : (tensor<2x1x16x3xf32>, !tosa.shape<3>) -> tensor<2x16x3xf32>
  %s3 = tosa.matmul %q3, %kt3, %zp, %zp : (tensor<2x3x16xf32>, tensor<2x16x3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<2x3x3xf32>
  %s = tosa.reshape %s3, %s4 : (tensor<2x3x3xf32>, !tosa.shape<4>) -> tensor<2x1x3x3xf32>
  %scale = "tosa.const"() <{values = dense<0.25> : tensor<1x1x1x1xf32>}> : () -> tensor<1x1x1x1xf32>
  %t = tosa.mul %s, %scale, %shift : (tensor<2x1x3x3xf32>, tensor<1x1x1x1xf32>, tensor<1xi8>) -> tensor<2x1x3x3xf32>
  %max = tosa.reduce_max %t {axis = 3 : i32} : (tensor<2x1x3x3xf32>) -> tensor<2x1x3x1xf32>
  %d = tosa.sub %t, %max : (tensor<2x1x3x3xf32>, tensor<2x1x3x1xf32>) -> tensor<2x1x3x3xf32>
  %e = tosa.exp %d : (tensor<2x1x3x3xf32>) -> tensor<2x1x3x3xf32>
  %sum = tosa.reduce_sum %e {axis = 3 : i32} : (tensor<2x1x3x3xf32>) -> tensor<2x1x3x1xf32>
  %r = tosa.reciprocal %sum : (tensor<2x1x3x1xf32>) -> tensor<2x1x3x1xf32>
  %p = tosa.mul %e, %r, %shift : (tensor<2x1x3x3xf32>, tensor<2x1x3x1xf32>, tensor<1xi8>) -> tensor<2x1x3x3xf32>
  %p3 = tosa.reshape %p, %p3s : (tensor<2x1x3x3xf32>, !tosa.shape<3>) -> tensor<2x3x3xf32>
  %v3 = tosa.reshape %vh, %qk3 : (tensor<2x1x3x16xf32>, !tosa.shape<3>) -> tensor<2x3x16xf32>
  %o3 = tosa.matmul %p3, %v3, %zp, %zp : (tensor<2x3x3xf32>, tensor<2x3x16xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<2x3x16xf32>
  %o = tosa.reshape %o3, %o4s : (tensor<2x3x16xf32>, !tosa.shape<4>) -> tensor<2x1x3x16xf32>
  // merge heads: [B, H, N, D] -> [B, N, H*D]
  %ot = tosa.transpose %o {perms = array<i32: 0, 2, 1, 3>} : (tensor<2x1x3x16xf32>) -> tensor<2x3x1x16xf32>
  %om = tosa.reshape %ot, %bnE : (tensor<2x3x1x16xf32>, !tosa.shape<3>) -> tensor<2x3x16xf32>
  // %y = linear(%om, %wo, %bo): x·Wᵀ + b on [6, 16] rows
  %y_wt = tosa.transpose %wo {perms = array<i32: 1, 0>} : (tensor<16x16xf32>) -> tensor<16x16xf32>
  %y_wt3 = tosa.reshape %y_wt, %w3 : (tensor<16x16xf32>, !tosa.shape<3>) -> tensor<1x16x16xf32>
  %y_x3 = tosa.reshape %om, %rows : (tensor<2x3x16xf32>, !tosa.shape<3>) -> tensor<1x6x16xf32>
  %y_mm = tosa.matmul %y_x3, %y_wt3, %zp, %zp : (tensor<1x6x16xf32>, tensor<1x16x16xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x6x16xf32>
  %y_y = tosa.reshape %y_mm, %bnE : (tensor<1x6x16xf32>, !tosa.shape<3>) -> tensor<2x3x16xf32>
  %y_b3 = tosa.reshape %bo, %bias3 : (tensor<16xf32>, !tosa.shape<3>) -> tensor<1x1x16xf32>
  %y = tosa.add %y_y, %y_b3 : (tensor<2x3x16xf32>, tensor<1x1x16xf32>) -> tensor<2x3x16xf32>
  return %y : tensor<2x3x16xf32>
}
