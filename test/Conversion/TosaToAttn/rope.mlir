// RUN: attn-opt %s --split-input-file --attn-raise --canonicalize --attn-fuse | FileCheck %s
// RUN: attn-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tosa-to-linalg-named,tosa-to-linalg,tosa-to-arith,tosa-to-tensor))' | attn-opt --split-input-file --attn-raise --canonicalize --attn-fuse | FileCheck %s

// Llama's attention core as Hugging Face writes it and torch-mlir lowers
// it: rotary embeddings on queries and keys (apply_rotary_pos_emb, the
// rotate-half form), repeat_kv of the rotated keys and of the values to the
// query heads, causal scores (a constant additive mask), softmax, P·V. The
// embeddings become attn.rope and the rest one attn.attention that reads
// the rotated key heads themselves.

// CHECK-LABEL: func.func @llama_rope_attention
//  CHECK-SAME:   %[[Q:[^:]+]]: tensor<1x4x4x8xf32>, %[[K:[^:]+]]: tensor<1x2x4x8xf32>, %[[V:[^:]+]]: tensor<1x2x4x8xf32>, %[[C:[^:]+]]: tensor<1x1x4x8xf32>, %[[S:[^:]+]]: tensor<1x1x4x8xf32>
//   CHECK-NOT:   tosa.
//   CHECK-NOT:   linalg.
//   CHECK-DAG:   %[[RQ:.+]] = attn.rope %[[Q]], %[[C]], %[[S]] : tensor<1x4x4x8xf32>, tensor<1x1x4x8xf32>
//   CHECK-DAG:   %[[RK:.+]] = attn.rope %[[K]], %[[C]], %[[S]] : tensor<1x2x4x8xf32>, tensor<1x1x4x8xf32>
//       CHECK:   attn.attention %[[RQ]], %[[RK]], %[[V]] mask({{.+}}) scale(0.353553385)
//   CHECK-NOT:   attn.softmax
//   CHECK-NOT:   tosa.
func.func @llama_rope_attention(%q: tensor<1x4x4x8xf32>, %k: tensor<1x2x4x8xf32>, %v: tensor<1x2x4x8xf32>, %cos: tensor<1x1x4x8xf32>, %sin: tensor<1x1x4x8xf32>) -> tensor<1x4x4x8xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  // apply_rotary_pos_emb(q, k, cos, sin)
  %lo = tosa.const_shape {values = dense<[0, 0, 0, 0]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %hi = tosa.const_shape {values = dense<[0, 0, 0, 4]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %qsize = tosa.const_shape {values = dense<[1, 4, 4, 4]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %ksize = tosa.const_shape {values = dense<[1, 2, 4, 4]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %q1 = tosa.slice %q, %lo, %qsize : (tensor<1x4x4x8xf32>, !tosa.shape<4>, !tosa.shape<4>) -> tensor<1x4x4x4xf32>
  %q2 = tosa.slice %q, %hi, %qsize : (tensor<1x4x4x8xf32>, !tosa.shape<4>, !tosa.shape<4>) -> tensor<1x4x4x4xf32>
  %nq2 = tosa.negate %q2, %zp, %zp : (tensor<1x4x4x4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x4xf32>
  %qrot = tosa.concat %nq2, %q1 {axis = 3 : i32} : (tensor<1x4x4x4xf32>, tensor<1x4x4x4xf32>) -> tensor<1x4x4x8xf32>
  %qc = tosa.mul %q, %cos, %shift : (tensor<1x4x4x8xf32>, tensor<1x1x4x8xf32>, tensor<1xi8>) -> tensor<1x4x4x8xf32>
  %qs = tosa.mul %qrot, %sin, %shift : (tensor<1x4x4x8xf32>, tensor<1x1x4x8xf32>, tensor<1xi8>) -> tensor<1x4x4x8xf32>
  %qe = tosa.add %qc, %qs : (tensor<1x4x4x8xf32>, tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32>
  %k1 = tosa.slice %k, %lo, %ksize : (tensor<1x2x4x8xf32>, !tosa.shape<4>, !tosa.shape<4>) -> tensor<1x2x4x4xf32>
  %k2 = tosa.slice %k, %hi, %ksize : (tensor<1x2x4x8xf32>, !tosa.shape<4>, !tosa.shape<4>) -> tensor<1x2x4x4xf32>
  %nk2 = tosa.negate %k2, %zp, %zp : (tensor<1x2x4x4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x4x4xf32>
  %krot = tosa.concat %nk2, %k1 {axis = 3 : i32} : (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) -> tensor<1x2x4x8xf32>
  %kc = tosa.mul %k, %cos, %shift : (tensor<1x2x4x8xf32>, tensor<1x1x4x8xf32>, tensor<1xi8>) -> tensor<1x2x4x8xf32>
  %ks = tosa.mul %krot, %sin, %shift : (tensor<1x2x4x8xf32>, tensor<1x1x4x8xf32>, tensor<1xi8>) -> tensor<1x2x4x8xf32>
  %ke = tosa.add %kc, %ks : (tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  // repeat_kv(ke, 2), repeat_kv(v, 2)
  %kv5_shape = tosa.const_shape {values = dense<[1, 2, 1, 4, 8]> : tensor<5xindex>} : () -> !tosa.shape<5>
  %repeat = tosa.const_shape {values = dense<[1, 1, 2, 1, 1]> : tensor<5xindex>} : () -> !tosa.shape<5>
  %kv4_shape = tosa.const_shape {values = dense<[1, 4, 4, 8]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %k5 = tosa.reshape %ke, %kv5_shape : (tensor<1x2x4x8xf32>, !tosa.shape<5>) -> tensor<1x2x1x4x8xf32>
  %kx = tosa.tile %k5, %repeat : (tensor<1x2x1x4x8xf32>, !tosa.shape<5>) -> tensor<1x2x2x4x8xf32>
  %kr = tosa.reshape %kx, %kv4_shape : (tensor<1x2x2x4x8xf32>, !tosa.shape<4>) -> tensor<1x4x4x8xf32>
  %v5 = tosa.reshape %v, %kv5_shape : (tensor<1x2x4x8xf32>, !tosa.shape<5>) -> tensor<1x2x1x4x8xf32>
  %vx = tosa.tile %v5, %repeat : (tensor<1x2x1x4x8xf32>, !tosa.shape<5>) -> tensor<1x2x2x4x8xf32>
  %vr = tosa.reshape %vx, %kv4_shape : (tensor<1x2x2x4x8xf32>, !tosa.shape<4>) -> tensor<1x4x4x8xf32>
  // causal sdpa(qe, kr, vr)
  %qk_shape = tosa.const_shape {values = dense<[4, 4, 8]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %kt_shape = tosa.const_shape {values = dense<[4, 8, 4]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %s_shape = tosa.const_shape {values = dense<[1, 4, 4, 4]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %p_shape = tosa.const_shape {values = dense<[4, 4, 4]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %kt = tosa.transpose %kr {perms = array<i32: 0, 1, 3, 2>} : (tensor<1x4x4x8xf32>) -> tensor<1x4x8x4xf32>
  %q3 = tosa.reshape %qe, %qk_shape : (tensor<1x4x4x8xf32>, !tosa.shape<3>) -> tensor<4x4x8xf32>
  %kt3 = tosa.reshape %kt, %kt_shape : (tensor<1x4x8x4xf32>, !tosa.shape<3>) -> tensor<4x8x4xf32>
  %s3 = tosa.matmul %q3, %kt3, %zp, %zp : (tensor<4x4x8xf32>, tensor<4x8x4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<4x4x4xf32>
  %s = tosa.reshape %s3, %s_shape : (tensor<4x4x4xf32>, !tosa.shape<4>) -> tensor<1x4x4x4xf32>
  %scale = "tosa.const"() <{values = dense<0.353553385> : tensor<1x1x1x1xf32>}> : () -> tensor<1x1x1x1xf32>
  %t = tosa.mul %s, %scale, %shift : (tensor<1x4x4x4xf32>, tensor<1x1x1x1xf32>, tensor<1xi8>) -> tensor<1x4x4x4xf32>
  %causal = "tosa.const"() <{values = dense<[[[[0.0, 0xFF800000, 0xFF800000, 0xFF800000], [0.0, 0.0, 0xFF800000, 0xFF800000], [0.0, 0.0, 0.0, 0xFF800000], [0.0, 0.0, 0.0, 0.0]]]]> : tensor<1x1x4x4xf32>}> : () -> tensor<1x1x4x4xf32>
  %u = tosa.add %t, %causal : (tensor<1x4x4x4xf32>, tensor<1x1x4x4xf32>) -> tensor<1x4x4x4xf32>
  %max = tosa.reduce_max %u {axis = 3 : i32} : (tensor<1x4x4x4xf32>) -> tensor<1x4x4x1xf32>
  %d = tosa.sub %u, %max : (tensor<1x4x4x4xf32>, tensor<1x4x4x1xf32>) -> tensor<1x4x4x4xf32>
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
