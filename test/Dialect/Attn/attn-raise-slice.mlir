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

// -----

// timm's qkv(x).reshape(B, N, 3, H, D).permute(2, 0, 3, 1, 4).unbind(0)
// (nn.Linear, W [3E, E] = [24, 8], B = 2, N = 5, H = 2, D = 4): each part is
// a slice of the packed projection's features, so it becomes its own
// projection over the weight's rows (read in place, no transpose), then the
// head split. Nothing of the packed [3, B, H, N, D] tensor is left.
// CHECK-LABEL: func.func @unbind_packed_qkv
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<2x5x8xf32>, %[[W:[^:]+]]: tensor<24x8xf32>, %[[B:[^:]+]]: tensor<24xf32>
//       CHECK:   %[[W0:.+]] = attn.slice %[[W]] offsets [0, 0] : tensor<24x8xf32> -> tensor<8x8xf32>
//       CHECK:   %[[B0:.+]] = attn.slice %[[B]] offsets [0] : tensor<24xf32> -> tensor<8xf32>
//       CHECK:   %[[P0:.+]] = attn.linear %[[X]], %[[W0]] bias(%[[B0]] : tensor<8xf32>) : tensor<2x5x8xf32>, tensor<8x8xf32> -> tensor<2x5x8xf32>
//       CHECK:   %[[Q:.+]] = attn.split_heads %[[P0]] : tensor<2x5x8xf32> -> tensor<2x2x5x4xf32>
//       CHECK:   %[[W1:.+]] = attn.slice %[[W]] offsets [8, 0] : tensor<24x8xf32> -> tensor<8x8xf32>
//       CHECK:   %[[B1:.+]] = attn.slice %[[B]] offsets [8] : tensor<24xf32> -> tensor<8xf32>
//       CHECK:   %[[P1:.+]] = attn.linear %[[X]], %[[W1]] bias(%[[B1]] : tensor<8xf32>)
//       CHECK:   %[[K:.+]] = attn.split_heads %[[P1]]
//       CHECK:   %[[W2:.+]] = attn.slice %[[W]] offsets [16, 0] : tensor<24x8xf32> -> tensor<8x8xf32>
//       CHECK:   %[[B2:.+]] = attn.slice %[[B]] offsets [16] : tensor<24xf32> -> tensor<8xf32>
//       CHECK:   %[[P2:.+]] = attn.linear %[[X]], %[[W2]] bias(%[[B2]] : tensor<8xf32>)
//       CHECK:   %[[V:.+]] = attn.split_heads %[[P2]]
//   CHECK-NOT:   tensor<3x2x2x5x4xf32>
//       CHECK:   return %[[Q]], %[[K]], %[[V]]
func.func @unbind_packed_qkv(%x: tensor<2x5x8xf32>, %w: tensor<24x8xf32>, %b: tensor<24xf32>) -> (tensor<2x2x5x4xf32>, tensor<2x2x5x4xf32>, tensor<2x2x5x4xf32>) {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %bs = tosa.const_shape {values = dense<[1, 1, 24]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %w3s = tosa.const_shape {values = dense<[1, 8, 24]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %rows = tosa.const_shape {values = dense<[1, 10, 8]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %ys = tosa.const_shape {values = dense<[2, 5, 24]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %packed = tosa.const_shape {values = dense<[2, 5, 3, 2, 4]> : tensor<5xindex>} : () -> !tosa.shape<5>
  %size = tosa.const_shape {values = dense<[1, 2, 2, 5, 4]> : tensor<5xindex>} : () -> !tosa.shape<5>
  %s0 = tosa.const_shape {values = dense<[0, 0, 0, 0, 0]> : tensor<5xindex>} : () -> !tosa.shape<5>
  %s1 = tosa.const_shape {values = dense<[1, 0, 0, 0, 0]> : tensor<5xindex>} : () -> !tosa.shape<5>
  %s2 = tosa.const_shape {values = dense<[2, 0, 0, 0, 0]> : tensor<5xindex>} : () -> !tosa.shape<5>
  %heads = tosa.const_shape {values = dense<[2, 2, 5, 4]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %b3 = tosa.reshape %b, %bs : (tensor<24xf32>, !tosa.shape<3>) -> tensor<1x1x24xf32>
  %wt = tosa.transpose %w {perms = array<i32: 1, 0>} : (tensor<24x8xf32>) -> tensor<8x24xf32>
  %wt3 = tosa.reshape %wt, %w3s : (tensor<8x24xf32>, !tosa.shape<3>) -> tensor<1x8x24xf32>
  %x3 = tosa.reshape %x, %rows : (tensor<2x5x8xf32>, !tosa.shape<3>) -> tensor<1x10x8xf32>
  %mm = tosa.matmul %x3, %wt3, %zp, %zp : (tensor<1x10x8xf32>, tensor<1x8x24xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x10x24xf32>
  %y = tosa.reshape %mm, %ys : (tensor<1x10x24xf32>, !tosa.shape<3>) -> tensor<2x5x24xf32>
  %qkv = tosa.add %y, %b3 : (tensor<2x5x24xf32>, tensor<1x1x24xf32>) -> tensor<2x5x24xf32>
  %r = tosa.reshape %qkv, %packed : (tensor<2x5x24xf32>, !tosa.shape<5>) -> tensor<2x5x3x2x4xf32>
  %t = tosa.transpose %r {perms = array<i32: 2, 0, 3, 1, 4>} : (tensor<2x5x3x2x4xf32>) -> tensor<3x2x2x5x4xf32>
  %q1 = tosa.slice %t, %s0, %size : (tensor<3x2x2x5x4xf32>, !tosa.shape<5>, !tosa.shape<5>) -> tensor<1x2x2x5x4xf32>
  %k1 = tosa.slice %t, %s1, %size : (tensor<3x2x2x5x4xf32>, !tosa.shape<5>, !tosa.shape<5>) -> tensor<1x2x2x5x4xf32>
  %v1 = tosa.slice %t, %s2, %size : (tensor<3x2x2x5x4xf32>, !tosa.shape<5>, !tosa.shape<5>) -> tensor<1x2x2x5x4xf32>
  %q = tosa.reshape %q1, %heads : (tensor<1x2x2x5x4xf32>, !tosa.shape<4>) -> tensor<2x2x5x4xf32>
  %k = tosa.reshape %k1, %heads : (tensor<1x2x2x5x4xf32>, !tosa.shape<4>) -> tensor<2x2x5x4xf32>
  %v = tosa.reshape %v1, %heads : (tensor<1x2x2x5x4xf32>, !tosa.shape<4>) -> tensor<2x2x5x4xf32>
  return %q, %k, %v : tensor<2x2x5x4xf32>, tensor<2x2x5x4xf32>, tensor<2x2x5x4xf32>
}

// -----

// A block of heads inside one part (k's heads 1..2 of 3, D = 2): still a
// contiguous block of features, [E + 1·D, E + 3·D) = [8, 12).
// CHECK-LABEL: func.func @packed_head_block
//  CHECK-SAME:   %[[P:[^:]+]]: tensor<1x7x18xf32>
//       CHECK:   %[[S:.+]] = attn.slice %[[P]] offsets [0, 0, 8] : tensor<1x7x18xf32> -> tensor<1x7x4xf32>
//       CHECK:   %[[H:.+]] = attn.split_heads %[[S]] : tensor<1x7x4xf32> -> tensor<1x2x7x2xf32>
//       CHECK:   %[[R:.+]] = attn.reshape %[[H]] : tensor<1x2x7x2xf32> -> tensor<1x1x2x7x2xf32>
//       CHECK:   return %[[R]]
func.func @packed_head_block(%p: tensor<1x7x18xf32>) -> tensor<1x1x2x7x2xf32> {
  %packed = tosa.const_shape {values = dense<[1, 7, 3, 3, 2]> : tensor<5xindex>} : () -> !tosa.shape<5>
  %start = tosa.const_shape {values = dense<[1, 0, 1, 0, 0]> : tensor<5xindex>} : () -> !tosa.shape<5>
  %size = tosa.const_shape {values = dense<[1, 1, 2, 7, 2]> : tensor<5xindex>} : () -> !tosa.shape<5>
  %r = tosa.reshape %p, %packed : (tensor<1x7x18xf32>, !tosa.shape<5>) -> tensor<1x7x3x3x2xf32>
  %t = tosa.transpose %r {perms = array<i32: 2, 0, 3, 1, 4>} : (tensor<1x7x3x3x2xf32>) -> tensor<3x1x3x7x2xf32>
  %s = tosa.slice %t, %start, %size : (tensor<3x1x3x7x2xf32>, !tosa.shape<5>, !tosa.shape<5>) -> tensor<1x1x2x7x2xf32>
  return %s : tensor<1x1x2x7x2xf32>
}

// -----

// The same heads of all three parts: features [1·D, 3·D) of each part, not
// one block of the packed dimension. Stays a slice of the transpose.
// CHECK-LABEL: func.func @negative_packed_not_contiguous
//       CHECK:   %[[T:.+]] = attn.transpose {{.+}} permutation [2, 0, 3, 1, 4] : tensor<1x7x3x3x2xf32> -> tensor<3x1x3x7x2xf32>
//       CHECK:   attn.slice %[[T]] offsets [0, 0, 1, 0, 0] : tensor<3x1x3x7x2xf32> -> tensor<3x1x2x7x2xf32>
func.func @negative_packed_not_contiguous(%p: tensor<1x7x18xf32>) -> tensor<3x1x2x7x2xf32> {
  %packed = tosa.const_shape {values = dense<[1, 7, 3, 3, 2]> : tensor<5xindex>} : () -> !tosa.shape<5>
  %start = tosa.const_shape {values = dense<[0, 0, 1, 0, 0]> : tensor<5xindex>} : () -> !tosa.shape<5>
  %size = tosa.const_shape {values = dense<[3, 1, 2, 7, 2]> : tensor<5xindex>} : () -> !tosa.shape<5>
  %r = tosa.reshape %p, %packed : (tensor<1x7x18xf32>, !tosa.shape<5>) -> tensor<1x7x3x3x2xf32>
  %t = tosa.transpose %r {perms = array<i32: 2, 0, 3, 1, 4>} : (tensor<1x7x3x3x2xf32>) -> tensor<3x1x3x7x2xf32>
  %s = tosa.slice %t, %start, %size : (tensor<3x1x3x7x2xf32>, !tosa.shape<5>, !tosa.shape<5>) -> tensor<3x1x2x7x2xf32>
  return %s : tensor<3x1x2x7x2xf32>
}

// -----

// A slice of tokens (q's first 3 of 7): a leading dimension is cut, so it is
// no slice of the features. Stays.
// CHECK-LABEL: func.func @negative_packed_token_slice
//       CHECK:   %[[T:.+]] = attn.transpose
//       CHECK:   attn.slice %[[T]] offsets [0, 0, 0, 0, 0] : tensor<3x1x3x7x2xf32> -> tensor<1x1x3x3x2xf32>
func.func @negative_packed_token_slice(%p: tensor<1x7x18xf32>) -> tensor<1x1x3x3x2xf32> {
  %packed = tosa.const_shape {values = dense<[1, 7, 3, 3, 2]> : tensor<5xindex>} : () -> !tosa.shape<5>
  %start = tosa.const_shape {values = dense<[0, 0, 0, 0, 0]> : tensor<5xindex>} : () -> !tosa.shape<5>
  %size = tosa.const_shape {values = dense<[1, 1, 3, 3, 2]> : tensor<5xindex>} : () -> !tosa.shape<5>
  %r = tosa.reshape %p, %packed : (tensor<1x7x18xf32>, !tosa.shape<5>) -> tensor<1x7x3x3x2xf32>
  %t = tosa.transpose %r {perms = array<i32: 2, 0, 3, 1, 4>} : (tensor<1x7x3x3x2xf32>) -> tensor<3x1x3x7x2xf32>
  %s = tosa.slice %t, %start, %size : (tensor<3x1x3x7x2xf32>, !tosa.shape<5>, !tosa.shape<5>) -> tensor<1x1x3x3x2xf32>
  return %s : tensor<1x1x3x3x2xf32>
}

// -----

// The packed tensor is also returned whole: rewriting the slice would
// compute the part twice. Stays.
// CHECK-LABEL: func.func @negative_packed_used_whole
//       CHECK:   %[[T:.+]] = attn.transpose
//       CHECK:   %[[S:.+]] = attn.slice %[[T]] offsets [2, 0, 0, 0, 0]
//       CHECK:   return %[[T]], %[[S]]
func.func @negative_packed_used_whole(%p: tensor<1x7x18xf32>) -> (tensor<3x1x3x7x2xf32>, tensor<1x1x3x7x2xf32>) {
  %packed = tosa.const_shape {values = dense<[1, 7, 3, 3, 2]> : tensor<5xindex>} : () -> !tosa.shape<5>
  %start = tosa.const_shape {values = dense<[2, 0, 0, 0, 0]> : tensor<5xindex>} : () -> !tosa.shape<5>
  %size = tosa.const_shape {values = dense<[1, 1, 3, 7, 2]> : tensor<5xindex>} : () -> !tosa.shape<5>
  %r = tosa.reshape %p, %packed : (tensor<1x7x18xf32>, !tosa.shape<5>) -> tensor<1x7x3x3x2xf32>
  %t = tosa.transpose %r {perms = array<i32: 2, 0, 3, 1, 4>} : (tensor<1x7x3x3x2xf32>) -> tensor<3x1x3x7x2xf32>
  %s = tosa.slice %t, %start, %size : (tensor<3x1x3x7x2xf32>, !tosa.shape<5>, !tosa.shape<5>) -> tensor<1x1x3x7x2xf32>
  return %t, %s : tensor<3x1x3x7x2xf32>, tensor<1x1x3x7x2xf32>
}

// -----

// The reshape regroups tokens and features ([1, 7, 18] -> [1, 3, 7, 3, 2]
// does not keep the leading [1, 7]): not a split of the features. Stays.
// CHECK-LABEL: func.func @negative_packed_not_split_of_last
//       CHECK:   %[[T:.+]] = attn.transpose
//       CHECK:   attn.slice %[[T]]
func.func @negative_packed_not_split_of_last(%p: tensor<1x7x18xf32>) -> tensor<1x1x7x3x2xf32> {
  %packed = tosa.const_shape {values = dense<[1, 3, 7, 3, 2]> : tensor<5xindex>} : () -> !tosa.shape<5>
  %start = tosa.const_shape {values = dense<[1, 0, 0, 0, 0]> : tensor<5xindex>} : () -> !tosa.shape<5>
  %size = tosa.const_shape {values = dense<[1, 1, 7, 3, 2]> : tensor<5xindex>} : () -> !tosa.shape<5>
  %r = tosa.reshape %p, %packed : (tensor<1x7x18xf32>, !tosa.shape<5>) -> tensor<1x3x7x3x2xf32>
  %t = tosa.transpose %r {perms = array<i32: 1, 0, 2, 3, 4>} : (tensor<1x3x7x3x2xf32>) -> tensor<3x1x7x3x2xf32>
  %s = tosa.slice %t, %start, %size : (tensor<3x1x7x3x2xf32>, !tosa.shape<5>, !tosa.shape<5>) -> tensor<1x1x7x3x2xf32>
  return %s : tensor<1x1x7x3x2xf32>
}
