// RUN: attn-opt %s --attn-raise --canonicalize --attn-fuse | FileCheck %s
// RUN: attn-opt %s --pass-pipeline='builtin.module(func.func(tosa-to-linalg-named,tosa-to-linalg,tosa-to-arith,tosa-to-tensor))' | attn-opt --attn-raise --canonicalize --attn-fuse | FileCheck %s

// Encoder-decoder cross-attention as onnx-mlir lowers it: 3 queries against
// 5 keys, values of another width (4) than the keys (8), the scale as a
// division (tosa.reciprocal of sqrt(8), then tosa.mul) and a key-padding
// mask added to the scores. One attn.attention with the additive mask.

// CHECK-LABEL: func.func @cross_attention
//  CHECK-SAME:   %[[Q:[^:]+]]: tensor<1x2x3x8xf32>, %[[K:[^:]+]]: tensor<1x2x5x8xf32>, %[[V:[^:]+]]: tensor<1x2x5x4xf32>, %[[PAD:[^:]+]]: tensor<1x1x1x5xf32>
//   CHECK-NOT:   tosa.
//   CHECK-NOT:   linalg.
//       CHECK:   %[[O:.+]] = attn.attention %[[Q]], %[[K]], %[[V]] mask(%[[PAD]] : tensor<1x1x1x5xf32>) scale(0.353553385) : tensor<1x2x3x8xf32>, tensor<1x2x5x8xf32>, tensor<1x2x5x4xf32> -> tensor<1x2x3x4xf32>
//   CHECK-NOT:   attn.softmax
//       CHECK:   return %[[O]]
func.func @cross_attention(%q: tensor<1x2x3x8xf32>, %k: tensor<1x2x5x8xf32>, %v: tensor<1x2x5x4xf32>, %pad: tensor<1x1x1x5xf32>) -> tensor<1x2x3x4xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %q_shape = tosa.const_shape {values = dense<[2, 3, 8]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %kt_shape = tosa.const_shape {values = dense<[2, 8, 5]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %s_shape = tosa.const_shape {values = dense<[1, 2, 3, 5]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %p_shape = tosa.const_shape {values = dense<[2, 3, 5]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %v_shape = tosa.const_shape {values = dense<[2, 5, 4]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %o_shape = tosa.const_shape {values = dense<[1, 2, 3, 4]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %kt = tosa.transpose %k {perms = array<i32: 0, 1, 3, 2>} : (tensor<1x2x5x8xf32>) -> tensor<1x2x8x5xf32>
  %q3 = tosa.reshape %q, %q_shape : (tensor<1x2x3x8xf32>, !tosa.shape<3>) -> tensor<2x3x8xf32>
  %kt3 = tosa.reshape %kt, %kt_shape : (tensor<1x2x8x5xf32>, !tosa.shape<3>) -> tensor<2x8x5xf32>
  %s3 = tosa.matmul %q3, %kt3, %zp, %zp : (tensor<2x3x8xf32>, tensor<2x8x5xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<2x3x5xf32>
  %s = tosa.reshape %s3, %s_shape : (tensor<2x3x5xf32>, !tosa.shape<4>) -> tensor<1x2x3x5xf32>
  // S / sqrt(8)
  %sqrt_d = "tosa.const"() <{values = dense<2.82842708> : tensor<1x1x1x1xf32>}> : () -> tensor<1x1x1x1xf32>
  %inv = tosa.reciprocal %sqrt_d : (tensor<1x1x1x1xf32>) -> tensor<1x1x1x1xf32>
  %t = tosa.mul %s, %inv, %shift : (tensor<1x2x3x5xf32>, tensor<1x1x1x1xf32>, tensor<1xi8>) -> tensor<1x2x3x5xf32>
  %u = tosa.add %t, %pad : (tensor<1x2x3x5xf32>, tensor<1x1x1x5xf32>) -> tensor<1x2x3x5xf32>
  %max = tosa.reduce_max %u {axis = 3 : i32} : (tensor<1x2x3x5xf32>) -> tensor<1x2x3x1xf32>
  %d = tosa.sub %u, %max : (tensor<1x2x3x5xf32>, tensor<1x2x3x1xf32>) -> tensor<1x2x3x5xf32>
  %e = tosa.exp %d : (tensor<1x2x3x5xf32>) -> tensor<1x2x3x5xf32>
  %sum = tosa.reduce_sum %e {axis = 3 : i32} : (tensor<1x2x3x5xf32>) -> tensor<1x2x3x1xf32>
  %r = tosa.reciprocal %sum : (tensor<1x2x3x1xf32>) -> tensor<1x2x3x1xf32>
  %p = tosa.mul %e, %r, %shift : (tensor<1x2x3x5xf32>, tensor<1x2x3x1xf32>, tensor<1xi8>) -> tensor<1x2x3x5xf32>
  %p3 = tosa.reshape %p, %p_shape : (tensor<1x2x3x5xf32>, !tosa.shape<3>) -> tensor<2x3x5xf32>
  %v3 = tosa.reshape %v, %v_shape : (tensor<1x2x5x4xf32>, !tosa.shape<3>) -> tensor<2x5x4xf32>
  %o3 = tosa.matmul %p3, %v3, %zp, %zp : (tensor<2x3x5xf32>, tensor<2x5x4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<2x3x4xf32>
  %o = tosa.reshape %o3, %o_shape : (tensor<2x3x4xf32>, !tosa.shape<4>) -> tensor<1x2x3x4xf32>
  return %o : tensor<1x2x3x4xf32>
}
