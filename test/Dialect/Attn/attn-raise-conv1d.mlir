// RUN: attn-opt %s --split-input-file --attn-raise | FileCheck %s
// RUN: attn-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tosa-to-linalg-named,tosa-to-linalg,tosa-to-arith,tosa-to-tensor))' | attn-opt --split-input-file --attn-raise | FileCheck %s

// Hugging Face's Conv1D (GPT-2's c_attn, c_proj, c_fc): x·W + b with the
// weight W [in, out] (not transposed, unlike nn.Linear), raised to
// attn.linear with attn.transpose(W) as its [out, in] weight; each case also
// through --tosa-to-linalg. A product with a computed right operand is no
// projection.

// addmm(b, x.view(-1, 16), W) with W [16, 24], as torch-mlir lowers it:
// rank-3 tosa.matmul between reshapes, the bias added first, the view back.
// CHECK-LABEL: func.func @conv1d_addmm
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<2x5x16xf32>, %[[W:[^:]+]]: tensor<16x24xf32>, %[[B:[^:]+]]: tensor<24xf32>
//       CHECK:   %[[WT:.+]] = attn.transpose %[[W]] permutation [1, 0] : tensor<16x24xf32> -> tensor<24x16xf32>
//       CHECK:   %[[Y:.+]] = attn.linear {{.+}}, %[[WT]] bias(%[[B]] : tensor<24xf32>) : {{.+}}, tensor<24x16xf32> -> {{.+}}
//   CHECK-NOT:   attn.matmul
//   CHECK-NOT:   tosa.matmul
//   CHECK-NOT:   linalg.batch_matmul
func.func @conv1d_addmm(%x: tensor<2x5x16xf32>, %w: tensor<16x24xf32>, %b: tensor<24xf32>) -> tensor<2x5x24xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %rows = tosa.const_shape {values = dense<[10, 16]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %rows3 = tosa.const_shape {values = dense<[1, 10, 16]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %w3s = tosa.const_shape {values = dense<[1, 16, 24]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %mms = tosa.const_shape {values = dense<[10, 24]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %bs = tosa.const_shape {values = dense<[1, 24]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %ys = tosa.const_shape {values = dense<[2, 5, 24]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %x2 = tosa.reshape %x, %rows : (tensor<2x5x16xf32>, !tosa.shape<2>) -> tensor<10x16xf32>
  %x3 = tosa.reshape %x2, %rows3 : (tensor<10x16xf32>, !tosa.shape<3>) -> tensor<1x10x16xf32>
  %w3 = tosa.reshape %w, %w3s : (tensor<16x24xf32>, !tosa.shape<3>) -> tensor<1x16x24xf32>
  %mm3 = tosa.matmul %x3, %w3, %zp, %zp : (tensor<1x10x16xf32>, tensor<1x16x24xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x10x24xf32>
  %mm = tosa.reshape %mm3, %mms : (tensor<1x10x24xf32>, !tosa.shape<2>) -> tensor<10x24xf32>
  %b2 = tosa.reshape %b, %bs : (tensor<24xf32>, !tosa.shape<2>) -> tensor<1x24xf32>
  %y2 = tosa.add %b2, %mm : (tensor<1x24xf32>, tensor<10x24xf32>) -> tensor<10x24xf32>
  %y = tosa.reshape %y2, %ys : (tensor<10x24xf32>, !tosa.shape<3>) -> tensor<2x5x24xf32>
  return %y : tensor<2x5x24xf32>
}

// -----

// A constant weight (an exported model's parameter), rows of x directly.
// CHECK-LABEL: func.func @conv1d_constant_weight
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<1x3x2xf32>
//       CHECK:   %[[W:.+]] = arith.constant dense<{{\[}}[1.000000e+00, 2.000000e+00, 3.000000e+00], [4.000000e+00, 5.000000e+00, 6.000000e+00]]> : tensor<2x3xf32>
//       CHECK:   %[[WT:.+]] = attn.transpose %[[W]] permutation [1, 0] : tensor<2x3xf32> -> tensor<3x2xf32>
//       CHECK:   attn.linear %[[X]], %[[WT]] : tensor<1x3x2xf32>, tensor<3x2xf32> -> tensor<1x3x3xf32>
func.func @conv1d_constant_weight(%x: tensor<1x3x2xf32>) -> tensor<1x3x3xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w = "tosa.const"() <{values = dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>}> : () -> tensor<2x3xf32>
  %w3s = tosa.const_shape {values = dense<[1, 2, 3]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %w3 = tosa.reshape %w, %w3s : (tensor<2x3xf32>, !tosa.shape<3>) -> tensor<1x2x3xf32>
  %y = tosa.matmul %x, %w3, %zp, %zp : (tensor<1x3x2xf32>, tensor<1x2x3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x3x3xf32>
  return %y : tensor<1x3x3xf32>
}

// -----

// P·V with V computed (reshaped to [1, M, D] like a weight): a batched
// product of activations, not a projection.
// CHECK-LABEL: func.func @negative_computed_rhs
//       CHECK:   attn.matmul
//   CHECK-NOT:   attn.linear
func.func @negative_computed_rhs(%p: tensor<1x4x6xf32>, %a: tensor<6x8xf32>, %b: tensor<6x8xf32>) -> tensor<1x4x8xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %vs = tosa.const_shape {values = dense<[1, 6, 8]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %v = tosa.add %a, %b : (tensor<6x8xf32>, tensor<6x8xf32>) -> tensor<6x8xf32>
  %v3 = tosa.reshape %v, %vs : (tensor<6x8xf32>, !tosa.shape<3>) -> tensor<1x6x8xf32>
  %o = tosa.matmul %p, %v3, %zp, %zp : (tensor<1x4x6xf32>, tensor<1x6x8xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x8xf32>
  return %o : tensor<1x4x8xf32>
}

// -----

// A weight argument with a batch of 2 (two different matrices): a batched
// product, not one projection.
// CHECK-LABEL: func.func @negative_batched_weight
//       CHECK:   attn.matmul
//   CHECK-NOT:   attn.linear
func.func @negative_batched_weight(%x: tensor<2x4x6xf32>, %w: tensor<2x6x8xf32>) -> tensor<2x4x8xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %o = tosa.matmul %x, %w, %zp, %zp : (tensor<2x4x6xf32>, tensor<2x6x8xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<2x4x8xf32>
  return %o : tensor<2x4x8xf32>
}
