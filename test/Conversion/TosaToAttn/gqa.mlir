// RUN: attn-opt %s --split-input-file --attn-raise --canonicalize --attn-fuse | FileCheck %s
// RUN: attn-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tosa-to-linalg-named,tosa-to-linalg,tosa-to-arith,tosa-to-tensor))' | attn-opt --split-input-file --attn-raise --canonicalize --attn-fuse | FileCheck %s

// Grouped-query attention as Hugging Face's repeat_kv writes it and
// torch-mlir lowers it: each key / value head unsqueezed, expanded with
// tosa.tile and flattened to the query heads. The tile is a broadcast,
// raised to a sum with zeros; --attn-fuse recognizes the repeat and builds
// one attn.attention that reads the two key/value heads themselves.

// CHECK-LABEL: func.func @gqa
//  CHECK-SAME:   %[[Q:[^:]+]]: tensor<1x4x4x8xf32>, %[[K:[^:]+]]: tensor<1x2x4x8xf32>, %[[V:[^:]+]]: tensor<1x2x4x8xf32>
//   CHECK-NOT:   tosa.
//   CHECK-NOT:   linalg.
//   CHECK-NOT:   attn.reshape
//       CHECK:   attn.attention %[[Q]], %[[K]], %[[V]] scale(0.353553385) : tensor<1x4x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32> -> tensor<1x4x4x8xf32>
//   CHECK-NOT:   attn.softmax
func.func @gqa(%q: tensor<1x4x4x8xf32>, %k: tensor<1x2x4x8xf32>, %v: tensor<1x2x4x8xf32>) -> tensor<1x4x4x8xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  // repeat_kv(k, 2), repeat_kv(v, 2)
  %kv5_shape = tosa.const_shape {values = dense<[1, 2, 1, 4, 8]> : tensor<5xindex>} : () -> !tosa.shape<5>
  %repeat = tosa.const_shape {values = dense<[1, 1, 2, 1, 1]> : tensor<5xindex>} : () -> !tosa.shape<5>
  %kv4_shape = tosa.const_shape {values = dense<[1, 4, 4, 8]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %k5 = tosa.reshape %k, %kv5_shape : (tensor<1x2x4x8xf32>, !tosa.shape<5>) -> tensor<1x2x1x4x8xf32>
  %kx = tosa.tile %k5, %repeat : (tensor<1x2x1x4x8xf32>, !tosa.shape<5>) -> tensor<1x2x2x4x8xf32>
  %kr = tosa.reshape %kx, %kv4_shape : (tensor<1x2x2x4x8xf32>, !tosa.shape<4>) -> tensor<1x4x4x8xf32>
  %v5 = tosa.reshape %v, %kv5_shape : (tensor<1x2x4x8xf32>, !tosa.shape<5>) -> tensor<1x2x1x4x8xf32>
  %vx = tosa.tile %v5, %repeat : (tensor<1x2x1x4x8xf32>, !tosa.shape<5>) -> tensor<1x2x2x4x8xf32>
  %vr = tosa.reshape %vx, %kv4_shape : (tensor<1x2x2x4x8xf32>, !tosa.shape<4>) -> tensor<1x4x4x8xf32>
  // sdpa(q, kr, vr)
  %qk_shape = tosa.const_shape {values = dense<[4, 4, 8]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %kt_shape = tosa.const_shape {values = dense<[4, 8, 4]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %s_shape = tosa.const_shape {values = dense<[1, 4, 4, 4]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %p_shape = tosa.const_shape {values = dense<[4, 4, 4]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %kt = tosa.transpose %kr {perms = array<i32: 0, 1, 3, 2>} : (tensor<1x4x4x8xf32>) -> tensor<1x4x8x4xf32>
  %q3 = tosa.reshape %q, %qk_shape : (tensor<1x4x4x8xf32>, !tosa.shape<3>) -> tensor<4x4x8xf32>
  %kt3 = tosa.reshape %kt, %kt_shape : (tensor<1x4x8x4xf32>, !tosa.shape<3>) -> tensor<4x8x4xf32>
  %s3 = tosa.matmul %q3, %kt3, %zp, %zp : (tensor<4x4x8xf32>, tensor<4x8x4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<4x4x4xf32>
  %s = tosa.reshape %s3, %s_shape : (tensor<4x4x4xf32>, !tosa.shape<4>) -> tensor<1x4x4x4xf32>
  %scale = "tosa.const"() <{values = dense<0.353553385> : tensor<1x1x1x1xf32>}> : () -> tensor<1x1x1x1xf32>
  %t = tosa.mul %s, %scale, %shift : (tensor<1x4x4x4xf32>, tensor<1x1x1x1xf32>, tensor<1xi8>) -> tensor<1x4x4x4xf32>
  %max = tosa.reduce_max %t {axis = 3 : i32} : (tensor<1x4x4x4xf32>) -> tensor<1x4x4x1xf32>
  %d = tosa.sub %t, %max : (tensor<1x4x4x4xf32>, tensor<1x4x4x1xf32>) -> tensor<1x4x4x4xf32>
  %e = tosa.exp %d : (tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
  %sum = tosa.reduce_sum %e {axis = 3 : i32} : (tensor<1x4x4x4xf32>) -> tensor<1x4x4x1xf32>
  %r = tosa.reciprocal %sum : (tensor<1x4x4x1xf32>) -> tensor<1x4x4x1xf32>
  %p = tosa.mul %e, %r, %shift : (tensor<1x4x4x4xf32>, tensor<1x4x4x1xf32>, tensor<1xi8>) -> tensor<1x4x4x4xf32>
  %p3 = tosa.reshape %p, %p_shape : (tensor<1x4x4x4xf32>, !tosa.shape<3>) -> tensor<4x4x4xf32>
  %v3 = tosa.reshape %vr, %qk_shape : (tensor<1x4x4x8xf32>, !tosa.shape<3>) -> tensor<4x4x8xf32>
  %o3 = tosa.matmul %p3, %v3, %zp, %zp : (tensor<4x4x4xf32>, tensor<4x4x8xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<4x4x8xf32>
  %o = tosa.reshape %o3, %kv4_shape : (tensor<4x4x8xf32>, !tosa.shape<4>) -> tensor<1x4x4x8xf32>
  return %o : tensor<1x4x4x8xf32>
}

// -----

// Multi-query attention: one key / value head repeated to every query head
// is a plain broadcast, which attn.matmul does itself, so the attention
// reads the one head directly.

// CHECK-LABEL: func.func @mqa
//  CHECK-SAME:   %[[Q:[^:]+]]: tensor<1x4x4x8xf32>, %[[K:[^:]+]]: tensor<1x1x4x8xf32>, %[[V:[^:]+]]: tensor<1x1x4x8xf32>
//   CHECK-NOT:   tosa.
//   CHECK-NOT:   linalg.
//       CHECK:   attn.attention %[[Q]], %[[K]], %[[V]] scale(0.353553385) : tensor<1x4x4x8xf32>, tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32> -> tensor<1x4x4x8xf32>
//   CHECK-NOT:   attn.softmax
func.func @mqa(%q: tensor<1x4x4x8xf32>, %k: tensor<1x1x4x8xf32>, %v: tensor<1x1x4x8xf32>) -> tensor<1x4x4x8xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %kv5_shape = tosa.const_shape {values = dense<[1, 1, 1, 4, 8]> : tensor<5xindex>} : () -> !tosa.shape<5>
  %repeat = tosa.const_shape {values = dense<[1, 1, 4, 1, 1]> : tensor<5xindex>} : () -> !tosa.shape<5>
  %kv4_shape = tosa.const_shape {values = dense<[1, 4, 4, 8]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %k5 = tosa.reshape %k, %kv5_shape : (tensor<1x1x4x8xf32>, !tosa.shape<5>) -> tensor<1x1x1x4x8xf32>
  %kx = tosa.tile %k5, %repeat : (tensor<1x1x1x4x8xf32>, !tosa.shape<5>) -> tensor<1x1x4x4x8xf32>
  %kr = tosa.reshape %kx, %kv4_shape : (tensor<1x1x4x4x8xf32>, !tosa.shape<4>) -> tensor<1x4x4x8xf32>
  %v5 = tosa.reshape %v, %kv5_shape : (tensor<1x1x4x8xf32>, !tosa.shape<5>) -> tensor<1x1x1x4x8xf32>
  %vx = tosa.tile %v5, %repeat : (tensor<1x1x1x4x8xf32>, !tosa.shape<5>) -> tensor<1x1x4x4x8xf32>
  %vr = tosa.reshape %vx, %kv4_shape : (tensor<1x1x4x4x8xf32>, !tosa.shape<4>) -> tensor<1x4x4x8xf32>
  %qk_shape = tosa.const_shape {values = dense<[4, 4, 8]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %kt_shape = tosa.const_shape {values = dense<[4, 8, 4]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %s_shape = tosa.const_shape {values = dense<[1, 4, 4, 4]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %p_shape = tosa.const_shape {values = dense<[4, 4, 4]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %kt = tosa.transpose %kr {perms = array<i32: 0, 1, 3, 2>} : (tensor<1x4x4x8xf32>) -> tensor<1x4x8x4xf32>
  %q3 = tosa.reshape %q, %qk_shape : (tensor<1x4x4x8xf32>, !tosa.shape<3>) -> tensor<4x4x8xf32>
  %kt3 = tosa.reshape %kt, %kt_shape : (tensor<1x4x8x4xf32>, !tosa.shape<3>) -> tensor<4x8x4xf32>
  %s3 = tosa.matmul %q3, %kt3, %zp, %zp : (tensor<4x4x8xf32>, tensor<4x8x4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<4x4x4xf32>
  %s = tosa.reshape %s3, %s_shape : (tensor<4x4x4xf32>, !tosa.shape<4>) -> tensor<1x4x4x4xf32>
  %scale = "tosa.const"() <{values = dense<0.353553385> : tensor<1x1x1x1xf32>}> : () -> tensor<1x1x1x1xf32>
  %t = tosa.mul %s, %scale, %shift : (tensor<1x4x4x4xf32>, tensor<1x1x1x1xf32>, tensor<1xi8>) -> tensor<1x4x4x4xf32>
  %max = tosa.reduce_max %t {axis = 3 : i32} : (tensor<1x4x4x4xf32>) -> tensor<1x4x4x1xf32>
  %d = tosa.sub %t, %max : (tensor<1x4x4x4xf32>, tensor<1x4x4x1xf32>) -> tensor<1x4x4x4xf32>
  %e = tosa.exp %d : (tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
  %sum = tosa.reduce_sum %e {axis = 3 : i32} : (tensor<1x4x4x4xf32>) -> tensor<1x4x4x1xf32>
  %r = tosa.reciprocal %sum : (tensor<1x4x4x1xf32>) -> tensor<1x4x4x1xf32>
  %p = tosa.mul %e, %r, %shift : (tensor<1x4x4x4xf32>, tensor<1x4x4x1xf32>, tensor<1xi8>) -> tensor<1x4x4x4xf32>
  %p3 = tosa.reshape %p, %p_shape : (tensor<1x4x4x4xf32>, !tosa.shape<3>) -> tensor<4x4x4xf32>
  %v3 = tosa.reshape %vr, %qk_shape : (tensor<1x4x4x8xf32>, !tosa.shape<3>) -> tensor<4x4x8xf32>
  %o3 = tosa.matmul %p3, %v3, %zp, %zp : (tensor<4x4x4xf32>, tensor<4x4x8xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<4x4x8xf32>
  %o = tosa.reshape %o3, %kv4_shape : (tensor<4x4x8xf32>, !tosa.shape<4>) -> tensor<1x4x4x8xf32>
  return %o : tensor<1x4x4x8xf32>
}
