// RUN: attn-opt %s --split-input-file --attn-raise | FileCheck %s
// RUN: attn-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tosa-to-linalg-named,tosa-to-linalg,tosa-to-arith,tosa-to-tensor))' | attn-opt --split-input-file --attn-raise | FileCheck %s

// tosa.slice (tensor.extract_slice after --tosa-to-tensor) is attn.slice; a
// projection whose every use slices its features (GPT-2's
// c_attn(x).split(E, dim=2)) becomes one projection per slice, over the
// weight's and bias's slices, so --attn-fuse sees separate q, k and v
// projections. Each case also through --tosa-to-linalg.

// CHECK-LABEL: func.func @slice
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<2x9x12xf32>
//       CHECK:   %[[S:.+]] = attn.slice %[[X]] offsets [1, 2, 5] : tensor<2x9x12xf32> -> tensor<1x6x7xf32>
//  CHECK-NEXT:   return %[[S]]
func.func @slice(%x: tensor<2x9x12xf32>) -> tensor<1x6x7xf32> {
  %start = tosa.const_shape {values = dense<[1, 2, 5]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %size = tosa.const_shape {values = dense<[1, 6, 7]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %s = tosa.slice %x, %start, %size : (tensor<2x9x12xf32>, !tosa.shape<3>, !tosa.shape<3>) -> tensor<1x6x7xf32>
  return %s : tensor<1x6x7xf32>
}

// -----

// c_attn (Conv1D, W [8, 24]) split into q, k, v of 8 features each: the
// weight's columns and the bias sliced, the weight still read transposed.
// CHECK-LABEL: func.func @split_projection
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<1x4x8xf32>, %[[W:[^:]+]]: tensor<8x24xf32>, %[[B:[^:]+]]: tensor<24xf32>
//       CHECK:   %[[W0:.+]] = attn.slice %[[W]] offsets [0, 0] : tensor<8x24xf32> -> tensor<8x8xf32>
//       CHECK:   %[[T0:.+]] = attn.transpose %[[W0]] permutation [1, 0] : tensor<8x8xf32> -> tensor<8x8xf32>
//       CHECK:   %[[B0:.+]] = attn.slice %[[B]] offsets [0] : tensor<24xf32> -> tensor<8xf32>
//       CHECK:   %[[Q:.+]] = attn.linear %[[X]], %[[T0]] bias(%[[B0]] : tensor<8xf32>) : tensor<1x4x8xf32>, tensor<8x8xf32> -> tensor<1x4x8xf32>
//       CHECK:   %[[W1:.+]] = attn.slice %[[W]] offsets [0, 8] : tensor<8x24xf32> -> tensor<8x8xf32>
//       CHECK:   %[[T1:.+]] = attn.transpose %[[W1]] permutation [1, 0]
//       CHECK:   %[[B1:.+]] = attn.slice %[[B]] offsets [8] : tensor<24xf32> -> tensor<8xf32>
//       CHECK:   %[[K:.+]] = attn.linear %[[X]], %[[T1]] bias(%[[B1]] : tensor<8xf32>)
//       CHECK:   %[[W2:.+]] = attn.slice %[[W]] offsets [0, 16] : tensor<8x24xf32> -> tensor<8x8xf32>
//       CHECK:   %[[T2:.+]] = attn.transpose %[[W2]] permutation [1, 0]
//       CHECK:   %[[B2:.+]] = attn.slice %[[B]] offsets [16] : tensor<24xf32> -> tensor<8xf32>
//       CHECK:   %[[V:.+]] = attn.linear %[[X]], %[[T2]] bias(%[[B2]] : tensor<8xf32>)
//   CHECK-NOT:   tensor<1x4x24xf32>
//       CHECK:   return %[[Q]], %[[K]], %[[V]]
func.func @split_projection(%x: tensor<1x4x8xf32>, %w: tensor<8x24xf32>, %b: tensor<24xf32>) -> (tensor<1x4x8xf32>, tensor<1x4x8xf32>, tensor<1x4x8xf32>) {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w3s = tosa.const_shape {values = dense<[1, 8, 24]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %bs = tosa.const_shape {values = dense<[1, 1, 24]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %size = tosa.const_shape {values = dense<[1, 4, 8]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %s0 = tosa.const_shape {values = dense<[0, 0, 0]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %s1 = tosa.const_shape {values = dense<[0, 0, 8]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %s2 = tosa.const_shape {values = dense<[0, 0, 16]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %w3 = tosa.reshape %w, %w3s : (tensor<8x24xf32>, !tosa.shape<3>) -> tensor<1x8x24xf32>
  %mm = tosa.matmul %x, %w3, %zp, %zp : (tensor<1x4x8xf32>, tensor<1x8x24xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x24xf32>
  %b3 = tosa.reshape %b, %bs : (tensor<24xf32>, !tosa.shape<3>) -> tensor<1x1x24xf32>
  %qkv = tosa.add %mm, %b3 : (tensor<1x4x24xf32>, tensor<1x1x24xf32>) -> tensor<1x4x24xf32>
  %q = tosa.slice %qkv, %s0, %size : (tensor<1x4x24xf32>, !tosa.shape<3>, !tosa.shape<3>) -> tensor<1x4x8xf32>
  %k = tosa.slice %qkv, %s1, %size : (tensor<1x4x24xf32>, !tosa.shape<3>, !tosa.shape<3>) -> tensor<1x4x8xf32>
  %v = tosa.slice %qkv, %s2, %size : (tensor<1x4x24xf32>, !tosa.shape<3>, !tosa.shape<3>) -> tensor<1x4x8xf32>
  return %q, %k, %v : tensor<1x4x8xf32>, tensor<1x4x8xf32>, tensor<1x4x8xf32>
}

// -----

// Slicing tokens (dimension 1) instead of features: the projection is kept
// whole and sliced.
// CHECK-LABEL: func.func @negative_token_slice
//       CHECK:   %[[P:.+]] = attn.linear {{.+}} -> tensor<1x4x24xf32>
//       CHECK:   attn.slice %[[P]] offsets [0, 1, 0] : tensor<1x4x24xf32> -> tensor<1x2x24xf32>
func.func @negative_token_slice(%x: tensor<1x4x8xf32>, %w: tensor<8x24xf32>) -> tensor<1x2x24xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w3s = tosa.const_shape {values = dense<[1, 8, 24]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %start = tosa.const_shape {values = dense<[0, 1, 0]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %size = tosa.const_shape {values = dense<[1, 2, 24]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %w3 = tosa.reshape %w, %w3s : (tensor<8x24xf32>, !tosa.shape<3>) -> tensor<1x8x24xf32>
  %mm = tosa.matmul %x, %w3, %zp, %zp : (tensor<1x4x8xf32>, tensor<1x8x24xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x24xf32>
  %s = tosa.slice %mm, %start, %size : (tensor<1x4x24xf32>, !tosa.shape<3>, !tosa.shape<3>) -> tensor<1x2x24xf32>
  return %s : tensor<1x2x24xf32>
}

// -----

// The whole projection is also returned: splitting it would compute the
// slices twice, so the slices stay slices.
// CHECK-LABEL: func.func @negative_projection_used_whole
//       CHECK:   %[[P:.+]] = attn.linear {{.+}} -> tensor<1x4x24xf32>
//       CHECK:   %[[S:.+]] = attn.slice %[[P]] offsets [0, 0, 8] : tensor<1x4x24xf32> -> tensor<1x4x8xf32>
//       CHECK:   return %[[P]], %[[S]]
func.func @negative_projection_used_whole(%x: tensor<1x4x8xf32>, %w: tensor<8x24xf32>) -> (tensor<1x4x24xf32>, tensor<1x4x8xf32>) {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w3s = tosa.const_shape {values = dense<[1, 8, 24]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %start = tosa.const_shape {values = dense<[0, 0, 8]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %size = tosa.const_shape {values = dense<[1, 4, 8]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %w3 = tosa.reshape %w, %w3s : (tensor<8x24xf32>, !tosa.shape<3>) -> tensor<1x8x24xf32>
  %mm = tosa.matmul %x, %w3, %zp, %zp : (tensor<1x4x8xf32>, tensor<1x8x24xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x24xf32>
  %s = tosa.slice %mm, %start, %size : (tensor<1x4x24xf32>, !tosa.shape<3>, !tosa.shape<3>) -> tensor<1x4x8xf32>
  return %mm, %s : tensor<1x4x24xf32>, tensor<1x4x8xf32>
}
