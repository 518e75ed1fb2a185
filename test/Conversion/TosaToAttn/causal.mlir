// RUN: attn-opt %s --split-input-file --attn-raise --canonicalize --attn-fuse | FileCheck %s
// RUN: attn-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tosa-to-linalg-named,tosa-to-linalg,tosa-to-arith,tosa-to-tensor))' | attn-opt --split-input-file --attn-raise --canonicalize --attn-fuse | FileCheck %s

// Causal attention with a constant additive mask (0 on and below the
// diagonal, -inf above), as an exported GPT-style model carries it: the
// mask becomes the attention's additive mask operand.

// CHECK-LABEL: func.func @causal_additive
//  CHECK-SAME:   %[[Q:[^:]+]]: tensor<2x2x4x8xf32>, %[[K:[^:]+]]: tensor<2x2x4x8xf32>, %[[V:[^:]+]]: tensor<2x2x4x8xf32>
//   CHECK-NOT:   tosa.
//   CHECK-NOT:   linalg.
//       CHECK:   %[[M:.+]] = arith.constant dense<{{.+}}> : tensor<1x1x4x4xf32>
//       CHECK:   attn.attention %[[Q]], %[[K]], %[[V]] mask(%[[M]] : tensor<1x1x4x4xf32>) scale(0.353553385)
//   CHECK-NOT:   tosa.
//   CHECK-NOT:   linalg.
//   CHECK-NOT:   attn.softmax
func.func @causal_additive(%q: tensor<2x2x4x8xf32>, %k: tensor<2x2x4x8xf32>, %v: tensor<2x2x4x8xf32>) -> tensor<2x2x4x8xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %qk_shape = tosa.const_shape {values = dense<[4, 4, 8]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %kt_shape = tosa.const_shape {values = dense<[4, 8, 4]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %s_shape = tosa.const_shape {values = dense<[2, 2, 4, 4]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %p_shape = tosa.const_shape {values = dense<[4, 4, 4]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %o_shape = tosa.const_shape {values = dense<[2, 2, 4, 8]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %kt = tosa.transpose %k {perms = array<i32: 0, 1, 3, 2>} : (tensor<2x2x4x8xf32>) -> tensor<2x2x8x4xf32>
  %q3 = tosa.reshape %q, %qk_shape : (tensor<2x2x4x8xf32>, !tosa.shape<3>) -> tensor<4x4x8xf32>
  %kt3 = tosa.reshape %kt, %kt_shape : (tensor<2x2x8x4xf32>, !tosa.shape<3>) -> tensor<4x8x4xf32>
  %s3 = tosa.matmul %q3, %kt3, %zp, %zp : (tensor<4x4x8xf32>, tensor<4x8x4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<4x4x4xf32>
  %s = tosa.reshape %s3, %s_shape : (tensor<4x4x4xf32>, !tosa.shape<4>) -> tensor<2x2x4x4xf32>
  %scale = "tosa.const"() <{values = dense<0.353553385> : tensor<1x1x1x1xf32>}> : () -> tensor<1x1x1x1xf32>
  %t = tosa.mul %s, %scale, %shift : (tensor<2x2x4x4xf32>, tensor<1x1x1x1xf32>, tensor<1xi8>) -> tensor<2x2x4x4xf32>
  %causal = "tosa.const"() <{values = dense<[[[[0.0, 0xFF800000, 0xFF800000, 0xFF800000], [0.0, 0.0, 0xFF800000, 0xFF800000], [0.0, 0.0, 0.0, 0xFF800000], [0.0, 0.0, 0.0, 0.0]]]]> : tensor<1x1x4x4xf32>}> : () -> tensor<1x1x4x4xf32>
  %u = tosa.add %t, %causal : (tensor<2x2x4x4xf32>, tensor<1x1x4x4xf32>) -> tensor<2x2x4x4xf32>
  %max = tosa.reduce_max %u {axis = 3 : i32} : (tensor<2x2x4x4xf32>) -> tensor<2x2x4x1xf32>
  %d = tosa.sub %u, %max : (tensor<2x2x4x4xf32>, tensor<2x2x4x1xf32>) -> tensor<2x2x4x4xf32>
  %e = tosa.exp %d : (tensor<2x2x4x4xf32>) -> tensor<2x2x4x4xf32>
  %sum = tosa.reduce_sum %e {axis = 3 : i32} : (tensor<2x2x4x4xf32>) -> tensor<2x2x4x1xf32>
  %r = tosa.reciprocal %sum : (tensor<2x2x4x1xf32>) -> tensor<2x2x4x1xf32>
  %p = tosa.mul %e, %r, %shift : (tensor<2x2x4x4xf32>, tensor<2x2x4x1xf32>, tensor<1xi8>) -> tensor<2x2x4x4xf32>
  %p3 = tosa.reshape %p, %p_shape : (tensor<2x2x4x4xf32>, !tosa.shape<3>) -> tensor<4x4x4xf32>
  %v3 = tosa.reshape %v, %qk_shape : (tensor<2x2x4x8xf32>, !tosa.shape<3>) -> tensor<4x4x8xf32>
  %o3 = tosa.matmul %p3, %v3, %zp, %zp : (tensor<4x4x4xf32>, tensor<4x4x8xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<4x4x8xf32>
  %o = tosa.reshape %o3, %o_shape : (tensor<4x4x8xf32>, !tosa.shape<4>) -> tensor<2x2x4x8xf32>
  return %o : tensor<2x2x4x8xf32>
}

// -----

// The same with masked_fill(triu(ones, 1), -inf): a tosa.select of -inf
// where a constant boolean mask is true. The keep-mask (its inverse) becomes
// the attention's boolean mask operand.

// CHECK-LABEL: func.func @causal_masked_fill
//  CHECK-SAME:   %[[Q:[^:]+]]: tensor<2x2x4x8xf32>, %[[K:[^:]+]]: tensor<2x2x4x8xf32>, %[[V:[^:]+]]: tensor<2x2x4x8xf32>
//   CHECK-NOT:   tosa.
//   CHECK-NOT:   linalg.
//       CHECK:   %[[M:.+]] = arith.constant dense<{{\[}}{{\[}}{{\[}}[true, false, false, false], [true, true, false, false], [true, true, true, false], [true, true, true, true]]]]> : tensor<1x1x4x4xi1>
//       CHECK:   attn.attention %[[Q]], %[[K]], %[[V]] mask(%[[M]] : tensor<1x1x4x4xi1>) scale(0.353553385)
//   CHECK-NOT:   tosa.
//   CHECK-NOT:   linalg.
//   CHECK-NOT:   attn.softmax
func.func @causal_masked_fill(%q: tensor<2x2x4x8xf32>, %k: tensor<2x2x4x8xf32>, %v: tensor<2x2x4x8xf32>) -> tensor<2x2x4x8xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %qk_shape = tosa.const_shape {values = dense<[4, 4, 8]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %kt_shape = tosa.const_shape {values = dense<[4, 8, 4]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %s_shape = tosa.const_shape {values = dense<[2, 2, 4, 4]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %p_shape = tosa.const_shape {values = dense<[4, 4, 4]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %o_shape = tosa.const_shape {values = dense<[2, 2, 4, 8]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %kt = tosa.transpose %k {perms = array<i32: 0, 1, 3, 2>} : (tensor<2x2x4x8xf32>) -> tensor<2x2x8x4xf32>
  %q3 = tosa.reshape %q, %qk_shape : (tensor<2x2x4x8xf32>, !tosa.shape<3>) -> tensor<4x4x8xf32>
  %kt3 = tosa.reshape %kt, %kt_shape : (tensor<2x2x8x4xf32>, !tosa.shape<3>) -> tensor<4x8x4xf32>
  %s3 = tosa.matmul %q3, %kt3, %zp, %zp : (tensor<4x4x8xf32>, tensor<4x8x4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<4x4x4xf32>
  %s = tosa.reshape %s3, %s_shape : (tensor<4x4x4xf32>, !tosa.shape<4>) -> tensor<2x2x4x4xf32>
  %scale = "tosa.const"() <{values = dense<0.353553385> : tensor<1x1x1x1xf32>}> : () -> tensor<1x1x1x1xf32>
  %t = tosa.mul %s, %scale, %shift : (tensor<2x2x4x4xf32>, tensor<1x1x1x1xf32>, tensor<1xi8>) -> tensor<2x2x4x4xf32>
  %future = "tosa.const"() <{values = dense<[[[[false, true, true, true], [false, false, true, true], [false, false, false, true], [false, false, false, false]]]]> : tensor<1x1x4x4xi1>}> : () -> tensor<1x1x4x4xi1>
  %ninf = "tosa.const"() <{values = dense<0xFF800000> : tensor<1x1x1x1xf32>}> : () -> tensor<1x1x1x1xf32>
  %u = tosa.select %future, %ninf, %t : (tensor<1x1x4x4xi1>, tensor<1x1x1x1xf32>, tensor<2x2x4x4xf32>) -> tensor<2x2x4x4xf32>
  %max = tosa.reduce_max %u {axis = 3 : i32} : (tensor<2x2x4x4xf32>) -> tensor<2x2x4x1xf32>
  %d = tosa.sub %u, %max : (tensor<2x2x4x4xf32>, tensor<2x2x4x1xf32>) -> tensor<2x2x4x4xf32>
  %e = tosa.exp %d : (tensor<2x2x4x4xf32>) -> tensor<2x2x4x4xf32>
  %sum = tosa.reduce_sum %e {axis = 3 : i32} : (tensor<2x2x4x4xf32>) -> tensor<2x2x4x1xf32>
  %r = tosa.reciprocal %sum : (tensor<2x2x4x1xf32>) -> tensor<2x2x4x1xf32>
  %p = tosa.mul %e, %r, %shift : (tensor<2x2x4x4xf32>, tensor<2x2x4x1xf32>, tensor<1xi8>) -> tensor<2x2x4x4xf32>
  %p3 = tosa.reshape %p, %p_shape : (tensor<2x2x4x4xf32>, !tosa.shape<3>) -> tensor<4x4x4xf32>
  %v3 = tosa.reshape %v, %qk_shape : (tensor<2x2x4x8xf32>, !tosa.shape<3>) -> tensor<4x4x8xf32>
  %o3 = tosa.matmul %p3, %v3, %zp, %zp : (tensor<4x4x4xf32>, tensor<4x4x8xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<4x4x8xf32>
  %o = tosa.reshape %o3, %o_shape : (tensor<4x4x8xf32>, !tosa.shape<4>) -> tensor<2x2x4x8xf32>
  return %o : tensor<2x2x4x8xf32>
}

// -----

// masked_fill(triu(ones, 1), -1e9), as many hand-written models do: the
// dropped scores keep -1e9 (mask_fill), so the mask stays a mask (no causal
// clause is read from it).

// CHECK-LABEL: func.func @causal_masked_fill_finite
//  CHECK-SAME:   %[[Q:[^:]+]]: tensor<2x2x4x8xf32>, %[[K:[^:]+]]: tensor<2x2x4x8xf32>, %[[V:[^:]+]]: tensor<2x2x4x8xf32>
//   CHECK-NOT:   tosa.
//   CHECK-NOT:   linalg.
//       CHECK:   %[[M:.+]] = arith.constant dense<{{\[}}{{\[}}{{\[}}[true, false, false, false], [true, true, false, false], [true, true, true, false], [true, true, true, true]]]]> : tensor<1x1x4x4xi1>
//       CHECK:   attn.attention %[[Q]], %[[K]], %[[V]] mask(%[[M]] : tensor<1x1x4x4xi1>) scale(0.353553385) mask_fill(-1.000000e+09)
//   CHECK-NOT:   tosa.
//   CHECK-NOT:   linalg.
//   CHECK-NOT:   attn.softmax
func.func @causal_masked_fill_finite(%q: tensor<2x2x4x8xf32>, %k: tensor<2x2x4x8xf32>, %v: tensor<2x2x4x8xf32>) -> tensor<2x2x4x8xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %qk_shape = tosa.const_shape {values = dense<[4, 4, 8]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %kt_shape = tosa.const_shape {values = dense<[4, 8, 4]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %s_shape = tosa.const_shape {values = dense<[2, 2, 4, 4]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %p_shape = tosa.const_shape {values = dense<[4, 4, 4]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %o_shape = tosa.const_shape {values = dense<[2, 2, 4, 8]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %kt = tosa.transpose %k {perms = array<i32: 0, 1, 3, 2>} : (tensor<2x2x4x8xf32>) -> tensor<2x2x8x4xf32>
  %q3 = tosa.reshape %q, %qk_shape : (tensor<2x2x4x8xf32>, !tosa.shape<3>) -> tensor<4x4x8xf32>
  %kt3 = tosa.reshape %kt, %kt_shape : (tensor<2x2x8x4xf32>, !tosa.shape<3>) -> tensor<4x8x4xf32>
  %s3 = tosa.matmul %q3, %kt3, %zp, %zp : (tensor<4x4x8xf32>, tensor<4x8x4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<4x4x4xf32>
  %s = tosa.reshape %s3, %s_shape : (tensor<4x4x4xf32>, !tosa.shape<4>) -> tensor<2x2x4x4xf32>
  %scale = "tosa.const"() <{values = dense<0.353553385> : tensor<1x1x1x1xf32>}> : () -> tensor<1x1x1x1xf32>
  %t = tosa.mul %s, %scale, %shift : (tensor<2x2x4x4xf32>, tensor<1x1x1x1xf32>, tensor<1xi8>) -> tensor<2x2x4x4xf32>
  %future = "tosa.const"() <{values = dense<[[[[false, true, true, true], [false, false, true, true], [false, false, false, true], [false, false, false, false]]]]> : tensor<1x1x4x4xi1>}> : () -> tensor<1x1x4x4xi1>
  %ninf = "tosa.const"() <{values = dense<-1.0e9> : tensor<1x1x1x1xf32>}> : () -> tensor<1x1x1x1xf32>
  %u = tosa.select %future, %ninf, %t : (tensor<1x1x4x4xi1>, tensor<1x1x1x1xf32>, tensor<2x2x4x4xf32>) -> tensor<2x2x4x4xf32>
  %max = tosa.reduce_max %u {axis = 3 : i32} : (tensor<2x2x4x4xf32>) -> tensor<2x2x4x1xf32>
  %d = tosa.sub %u, %max : (tensor<2x2x4x4xf32>, tensor<2x2x4x1xf32>) -> tensor<2x2x4x4xf32>
  %e = tosa.exp %d : (tensor<2x2x4x4xf32>) -> tensor<2x2x4x4xf32>
  %sum = tosa.reduce_sum %e {axis = 3 : i32} : (tensor<2x2x4x4xf32>) -> tensor<2x2x4x1xf32>
  %r = tosa.reciprocal %sum : (tensor<2x2x4x1xf32>) -> tensor<2x2x4x1xf32>
  %p = tosa.mul %e, %r, %shift : (tensor<2x2x4x4xf32>, tensor<2x2x4x1xf32>, tensor<1xi8>) -> tensor<2x2x4x4xf32>
  %p3 = tosa.reshape %p, %p_shape : (tensor<2x2x4x4xf32>, !tosa.shape<3>) -> tensor<4x4x4xf32>
  %v3 = tosa.reshape %v, %qk_shape : (tensor<2x2x4x8xf32>, !tosa.shape<3>) -> tensor<4x4x8xf32>
  %o3 = tosa.matmul %p3, %v3, %zp, %zp : (tensor<4x4x4xf32>, tensor<4x4x8xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<4x4x8xf32>
  %o = tosa.reshape %o3, %o_shape : (tensor<4x4x8xf32>, !tosa.shape<4>) -> tensor<2x2x4x8xf32>
  return %o : tensor<2x2x4x8xf32>
}
