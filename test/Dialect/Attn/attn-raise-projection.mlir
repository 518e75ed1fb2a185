// RUN: attn-opt %s --split-input-file --attn-raise | FileCheck %s

// Projections and the head layout around attention, raised to the graph
// ops that name them: attn.linear (with its bias), attn.split_heads and
// attn.merge_heads.

// torch's linear(x, W, b) in TOSA: Wᵀ by tosa.transpose, the rows of x
// flattened around tosa.matmul, the bias added after reshaping back.
// CHECK-LABEL: func.func @linear
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<2x3x16xf32>, %[[W:[^:]+]]: tensor<8x16xf32>, %[[B:[^:]+]]: tensor<8xf32>
//       CHECK:   %[[Y:.+]] = attn.linear %[[X]], %[[W]] bias(%[[B]] : tensor<8xf32>) : tensor<2x3x16xf32>, tensor<8x16xf32> -> tensor<2x3x8xf32>
//   CHECK-NOT:   tosa.
//       CHECK:   return %[[Y]]
func.func @linear(%x: tensor<2x3x16xf32>, %w: tensor<8x16xf32>, %b: tensor<8xf32>) -> tensor<2x3x8xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %rows = tosa.const_shape {values = dense<[1, 6, 16]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %w3s = tosa.const_shape {values = dense<[1, 16, 8]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %ys = tosa.const_shape {values = dense<[2, 3, 8]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %bs = tosa.const_shape {values = dense<[1, 1, 8]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %wt = tosa.transpose %w {perms = array<i32: 1, 0>} : (tensor<8x16xf32>) -> tensor<16x8xf32>
  %wt3 = tosa.reshape %wt, %w3s : (tensor<16x8xf32>, !tosa.shape<3>) -> tensor<1x16x8xf32>
  %x3 = tosa.reshape %x, %rows : (tensor<2x3x16xf32>, !tosa.shape<3>) -> tensor<1x6x16xf32>
  %mm = tosa.matmul %x3, %wt3, %zp, %zp : (tensor<1x6x16xf32>, tensor<1x16x8xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x6x8xf32>
  %y = tosa.reshape %mm, %ys : (tensor<1x6x8xf32>, !tosa.shape<3>) -> tensor<2x3x8xf32>
  %b3 = tosa.reshape %b, %bs : (tensor<8xf32>, !tosa.shape<3>) -> tensor<1x1x8xf32>
  %0 = tosa.add %y, %b3 : (tensor<2x3x8xf32>, tensor<1x1x8xf32>) -> tensor<2x3x8xf32>
  return %0 : tensor<2x3x8xf32>
}

// -----

// With constant weights and bias (an exported model's parameters): the
// weight keeps its layout, the bias its shape.
// CHECK-LABEL: func.func @linear_constants
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<2x3x4xf32>
//   CHECK-DAG:   %[[W:.+]] = arith.constant dense<{{\[}}[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00], [5.000000e+00, 6.000000e+00, 7.000000e+00, 8.000000e+00]]> : tensor<2x4xf32>
//   CHECK-DAG:   %[[B:.+]] = arith.constant dense<[5.000000e-01, -5.000000e-01]> : tensor<2xf32>
//       CHECK:   %[[Y:.+]] = attn.linear %[[X]], %[[W]] bias(%[[B]] : tensor<2xf32>) : tensor<2x3x4xf32>, tensor<2x4xf32> -> tensor<2x3x2xf32>
//   CHECK-NOT:   tosa.
//       CHECK:   return %[[Y]]
func.func @linear_constants(%x: tensor<2x3x4xf32>) -> tensor<2x3x2xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w = "tosa.const"() <{values = dense<[[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0]]> : tensor<2x4xf32>}> : () -> tensor<2x4xf32>
  %b = "tosa.const"() <{values = dense<[0.5, -0.5]> : tensor<2xf32>}> : () -> tensor<2xf32>
  %rows = tosa.const_shape {values = dense<[1, 6, 4]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %w3s = tosa.const_shape {values = dense<[1, 4, 2]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %ys = tosa.const_shape {values = dense<[2, 3, 2]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %bs = tosa.const_shape {values = dense<[1, 1, 2]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %wt = tosa.transpose %w {perms = array<i32: 1, 0>} : (tensor<2x4xf32>) -> tensor<4x2xf32>
  %wt3 = tosa.reshape %wt, %w3s : (tensor<4x2xf32>, !tosa.shape<3>) -> tensor<1x4x2xf32>
  %x3 = tosa.reshape %x, %rows : (tensor<2x3x4xf32>, !tosa.shape<3>) -> tensor<1x6x4xf32>
  %mm = tosa.matmul %x3, %wt3, %zp, %zp : (tensor<1x6x4xf32>, tensor<1x4x2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x6x2xf32>
  %y = tosa.reshape %mm, %ys : (tensor<1x6x2xf32>, !tosa.shape<3>) -> tensor<2x3x2xf32>
  %b3 = tosa.reshape %b, %bs : (tensor<2xf32>, !tosa.shape<3>) -> tensor<1x1x2xf32>
  %0 = tosa.add %y, %b3 : (tensor<2x3x2xf32>, tensor<1x1x2xf32>) -> tensor<2x3x2xf32>
  return %0 : tensor<2x3x2xf32>
}

// -----

// With a batch of one there is no row flattening: the matmul takes x
// itself and the weight reshaped to [1, K, Nout].
// CHECK-LABEL: func.func @linear_batch_one
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<1x6x16xf32>, %[[W:[^:]+]]: tensor<8x16xf32>
//       CHECK:   %[[Y:.+]] = attn.linear %[[X]], %[[W]] : tensor<1x6x16xf32>, tensor<8x16xf32> -> tensor<1x6x8xf32>
//       CHECK:   return %[[Y]]
func.func @linear_batch_one(%x: tensor<1x6x16xf32>, %w: tensor<8x16xf32>) -> tensor<1x6x8xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w3s = tosa.const_shape {values = dense<[1, 16, 8]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %wt = tosa.transpose %w {perms = array<i32: 1, 0>} : (tensor<8x16xf32>) -> tensor<16x8xf32>
  %wt3 = tosa.reshape %wt, %w3s : (tensor<16x8xf32>, !tosa.shape<3>) -> tensor<1x16x8xf32>
  %mm = tosa.matmul %x, %wt3, %zp, %zp : (tensor<1x6x16xf32>, tensor<1x16x8xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x6x8xf32>
  return %mm : tensor<1x6x8xf32>
}

// -----

// torch-mlir's aten.linear with a batch > 1: the rows flattened to
// [1, B*N, K], and the weight's unit batch moved next to its columns
// (transpose [1, 0, 2] of [1, K, Nout], then reshaped back), which reorders
// no data: still the projection.
// CHECK-LABEL: func.func @linear_batch_torch_mlir
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<2x3x16xf32>, %[[W:[^:]+]]: tensor<8x16xf32>, %[[B:[^:]+]]: tensor<8xf32>
//       CHECK:   %[[Y:.+]] = attn.linear %[[X]], %[[W]] bias(%[[B]] : tensor<8xf32>) : tensor<2x3x16xf32>, tensor<8x16xf32> -> tensor<2x3x8xf32>
//   CHECK-NOT:   tosa.
//       CHECK:   return %[[Y]]
func.func @linear_batch_torch_mlir(%x: tensor<2x3x16xf32>, %w: tensor<8x16xf32>, %b: tensor<8xf32>) -> tensor<2x3x8xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %bs = tosa.const_shape {values = dense<[1, 1, 8]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %w3s = tosa.const_shape {values = dense<[1, 16, 8]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %rows = tosa.const_shape {values = dense<[1, 6, 16]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %ys = tosa.const_shape {values = dense<[2, 3, 8]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %b3 = tosa.reshape %b, %bs : (tensor<8xf32>, !tosa.shape<3>) -> tensor<1x1x8xf32>
  %wt = tosa.transpose %w {perms = array<i32: 1, 0>} : (tensor<8x16xf32>) -> tensor<16x8xf32>
  %wt3 = tosa.reshape %wt, %w3s : (tensor<16x8xf32>, !tosa.shape<3>) -> tensor<1x16x8xf32>
  %x3 = tosa.reshape %x, %rows : (tensor<2x3x16xf32>, !tosa.shape<3>) -> tensor<1x6x16xf32>
  %wtt = tosa.transpose %wt3 {perms = array<i32: 1, 0, 2>} : (tensor<1x16x8xf32>) -> tensor<16x1x8xf32>
  %w3 = tosa.reshape %wtt, %w3s : (tensor<16x1x8xf32>, !tosa.shape<3>) -> tensor<1x16x8xf32>
  %mm = tosa.matmul %x3, %w3, %zp, %zp : (tensor<1x6x16xf32>, tensor<1x16x8xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x6x8xf32>
  %y = tosa.reshape %mm, %ys : (tensor<1x6x8xf32>, !tosa.shape<3>) -> tensor<2x3x8xf32>
  %0 = tosa.add %y, %b3 : (tensor<2x3x8xf32>, tensor<1x1x8xf32>) -> tensor<2x3x8xf32>
  return %0 : tensor<2x3x8xf32>
}

// -----

// Negative: a transpose between the weight and the matmul that reorders
// its data ([2, 1, 0] of [1, K, Nout] swaps K and Nout before the reshape
// back): not the weight read as a matrix.
// CHECK-LABEL: func.func @negative_weight_reordered
//       CHECK:   attn.transpose %{{.+}} permutation [2, 1, 0]
//       CHECK:   attn.matmul
//   CHECK-NOT:   attn.linear
func.func @negative_weight_reordered(%x: tensor<1x6x16xf32>, %w: tensor<8x16xf32>) -> tensor<1x6x8xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w3s = tosa.const_shape {values = dense<[1, 16, 8]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %wt = tosa.transpose %w {perms = array<i32: 1, 0>} : (tensor<8x16xf32>) -> tensor<16x8xf32>
  %wt3 = tosa.reshape %wt, %w3s : (tensor<16x8xf32>, !tosa.shape<3>) -> tensor<1x16x8xf32>
  %wtt = tosa.transpose %wt3 {perms = array<i32: 2, 1, 0>} : (tensor<1x16x8xf32>) -> tensor<8x16x1xf32>
  %w3 = tosa.reshape %wtt, %w3s : (tensor<8x16x1xf32>, !tosa.shape<3>) -> tensor<1x16x8xf32>
  %mm = tosa.matmul %x, %w3, %zp, %zp : (tensor<1x6x16xf32>, tensor<1x16x8xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x6x8xf32>
  return %mm : tensor<1x6x8xf32>
}

// -----

// Heads merged (transpose + reshape), then projected on flattened rows: the
// reshape moves below the projection and merge_heads appears.
// CHECK-LABEL: func.func @merge_heads_then_linear
//  CHECK-SAME:   %[[O:[^:]+]]: tensor<2x4x3x8xf32>, %[[W:[^:]+]]: tensor<32x32xf32>
//       CHECK:   %[[M:.+]] = attn.merge_heads %[[O]] : tensor<2x4x3x8xf32> -> tensor<2x3x32xf32>
//       CHECK:   %[[Y:.+]] = attn.linear %[[M]], %[[W]] : tensor<2x3x32xf32>, tensor<32x32xf32> -> tensor<2x3x32xf32>
//       CHECK:   return %[[Y]]
func.func @merge_heads_then_linear(%o: tensor<2x4x3x8xf32>, %w: tensor<32x32xf32>) -> tensor<2x3x32xf32> {
  %t = attn.transpose %o permutation [0, 2, 1, 3] : tensor<2x4x3x8xf32> -> tensor<2x3x4x8xf32>
  %r = attn.reshape %t : tensor<2x3x4x8xf32> -> tensor<6x32xf32>
  %y = attn.matmul %r, %w transpose_rhs : tensor<6x32xf32>, tensor<32x32xf32> -> tensor<6x32xf32>
  %y3 = attn.reshape %y : tensor<6x32xf32> -> tensor<2x3x32xf32>
  return %y3 : tensor<2x3x32xf32>
}

// -----

// Negative: a product with an untransposed right operand that is computed
// (not a function argument or constant, so not a Conv1D weight — see
// attn-raise-conv1d.mlir) is a plain matmul.
// CHECK-LABEL: func.func @negative_plain_matmul
//       CHECK:   attn.matmul
//   CHECK-NOT:   attn.linear
func.func @negative_plain_matmul(%x: tensor<6x16xf32>, %a: tensor<16x8xf32>, %b: tensor<16x8xf32>) -> tensor<6x8xf32> {
  %w = attn.add %a, %b : tensor<16x8xf32>, tensor<16x8xf32> -> tensor<16x8xf32>
  %y = attn.matmul %x, %w : tensor<6x16xf32>, tensor<16x8xf32> -> tensor<6x8xf32>
  return %y : tensor<6x8xf32>
}

// -----

// Negative: batched products (attention scores) are not projections.
// CHECK-LABEL: func.func @negative_batched_matmul
//       CHECK:   attn.matmul
//   CHECK-NOT:   attn.linear
func.func @negative_batched_matmul(%q: tensor<4x6x16xf32>, %k: tensor<4x6x16xf32>) -> tensor<4x6x6xf32> {
  %s = attn.matmul %q, %k transpose_rhs : tensor<4x6x16xf32>, tensor<4x6x16xf32> -> tensor<4x6x6xf32>
  return %s : tensor<4x6x6xf32>
}

// -----

// Negative: a sum with a per-row (not per-feature) tensor is no bias.
// CHECK-LABEL: func.func @negative_row_bias
//       CHECK:   %[[Y:.+]] = attn.linear %{{.+}}, %{{.+}} :
//       CHECK:   attn.add %[[Y]]
func.func @negative_row_bias(%x: tensor<6x16xf32>, %w: tensor<8x16xf32>, %b: tensor<6x1xf32>) -> tensor<6x8xf32> {
  %y = attn.matmul %x, %w transpose_rhs : tensor<6x16xf32>, tensor<8x16xf32> -> tensor<6x8xf32>
  %0 = attn.add %y, %b : tensor<6x8xf32>, tensor<6x1xf32> -> tensor<6x8xf32>
  return %0 : tensor<6x8xf32>
}

// -----

// Negative: another permutation than [0, 2, 1, 3] does not split heads.
// CHECK-LABEL: func.func @negative_other_permutation
//       CHECK:   attn.transpose
//   CHECK-NOT:   attn.split_heads
func.func @negative_other_permutation(%x: tensor<2x6x32xf32>) -> tensor<2x8x6x4xf32> {
  %r = attn.reshape %x : tensor<2x6x32xf32> -> tensor<2x6x4x8xf32>
  %t = attn.transpose %r permutation [0, 3, 1, 2] : tensor<2x6x4x8xf32> -> tensor<2x8x6x4xf32>
  return %t : tensor<2x8x6x4xf32>
}
