// RUN: attn-opt %s --split-input-file --attn-raise | FileCheck %s

// After raising, --attn-raise tidies the attn graph so that --attn-fuse
// finds the chain: it undoes the batch flattening around rank-3 matmuls,
// moves the remaining reshapes down the score chain until they cancel, and
// drops key / value broadcasts over heads that attn.matmul does itself.

// A whole score chain flattened to [B*H, N, M] between a reshape after QKᵀ
// and one before P·V: everything runs on [B, H, N, M].
// CHECK-LABEL: func.func @unflatten_score_chain
//  CHECK-SAME:   %[[Q:[^:]+]]: tensor<2x3x5x8xf32>, %[[K:[^:]+]]: tensor<2x3x7x8xf32>, %[[V:[^:]+]]: tensor<2x3x7x4xf32>, %[[M:[^:]+]]: tensor<5x7xf32>
//       CHECK:   %[[S:.+]] = attn.matmul %[[Q]], %[[K]] transpose_rhs : tensor<2x3x5x8xf32>, tensor<2x3x7x8xf32> -> tensor<2x3x5x7xf32>
//       CHECK:   %[[T:.+]] = attn.scale %[[S]] by 2.500000e-01 : tensor<2x3x5x7xf32>
//       CHECK:   %[[U:.+]] = attn.add %[[T]], %[[M]] : tensor<2x3x5x7xf32>, tensor<5x7xf32> -> tensor<2x3x5x7xf32>
//       CHECK:   %[[P:.+]] = attn.softmax %[[U]] axis(3) : tensor<2x3x5x7xf32>
//       CHECK:   %[[O:.+]] = attn.matmul %[[P]], %[[V]] : tensor<2x3x5x7xf32>, tensor<2x3x7x4xf32> -> tensor<2x3x5x4xf32>
//   CHECK-NOT:   attn.reshape
//       CHECK:   return %[[O]]
func.func @unflatten_score_chain(%q: tensor<2x3x5x8xf32>, %k: tensor<2x3x7x8xf32>, %v: tensor<2x3x7x4xf32>, %m: tensor<5x7xf32>) -> tensor<2x3x5x4xf32> {
  %q3 = attn.reshape %q : tensor<2x3x5x8xf32> -> tensor<6x5x8xf32>
  %k3 = attn.reshape %k : tensor<2x3x7x8xf32> -> tensor<6x7x8xf32>
  %s = attn.matmul %q3, %k3 transpose_rhs : tensor<6x5x8xf32>, tensor<6x7x8xf32> -> tensor<6x5x7xf32>
  %t = attn.scale %s by 0.25 : tensor<6x5x7xf32>
  %u = attn.add %t, %m : tensor<6x5x7xf32>, tensor<5x7xf32> -> tensor<6x5x7xf32>
  %p = attn.softmax %u axis(2) : tensor<6x5x7xf32>
  %v3 = attn.reshape %v : tensor<2x3x7x4xf32> -> tensor<6x7x4xf32>
  %o3 = attn.matmul %p, %v3 : tensor<6x5x7xf32>, tensor<6x7x4xf32> -> tensor<6x5x4xf32>
  %o = attn.reshape %o3 : tensor<6x5x4xf32> -> tensor<2x3x5x4xf32>
  return %o : tensor<2x3x5x4xf32>
}

// -----

// A boolean mask moves across the reshape like an additive one.
// CHECK-LABEL: func.func @sink_through_mask
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<2x3x5x7xf32>, %[[M:[^:]+]]: tensor<1x5x7xi1>
//       CHECK:   %[[A:.+]] = attn.mask %[[X]], %[[M]] : tensor<2x3x5x7xf32>, tensor<1x5x7xi1>
//       CHECK:   attn.reshape %[[A]] : tensor<2x3x5x7xf32> -> tensor<6x5x7xf32>
func.func @sink_through_mask(%x: tensor<2x3x5x7xf32>, %m: tensor<1x5x7xi1>) -> tensor<6x5x7xf32> {
  %r = attn.reshape %x : tensor<2x3x5x7xf32> -> tensor<6x5x7xf32>
  %0 = attn.mask %r, %m : tensor<6x5x7xf32>, tensor<1x5x7xi1>
  return %0 : tensor<6x5x7xf32>
}

// -----

// With its fill.
// CHECK-LABEL: func.func @sink_through_filled_mask
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<2x3x5x7xf32>, %[[M:[^:]+]]: tensor<1x5x7xi1>
//       CHECK:   %[[A:.+]] = attn.mask %[[X]], %[[M]] fill(-1.000000e+09) : tensor<2x3x5x7xf32>, tensor<1x5x7xi1>
//       CHECK:   attn.reshape %[[A]] : tensor<2x3x5x7xf32> -> tensor<6x5x7xf32>
func.func @sink_through_filled_mask(%x: tensor<2x3x5x7xf32>, %m: tensor<1x5x7xi1>) -> tensor<6x5x7xf32> {
  %r = attn.reshape %x : tensor<2x3x5x7xf32> -> tensor<6x5x7xf32>
  %0 = attn.mask %r, %m fill(-1.0e9) : tensor<6x5x7xf32>, tensor<1x5x7xi1>
  return %0 : tensor<6x5x7xf32>
}

// -----

// A key broadcast over heads (tosa.tile of a size-1 head dimension, raised
// to a sum with zeros) is dropped where attn.matmul broadcasts anyway: one
// key head against six query heads, multi-query attention.
// CHECK-LABEL: func.func @drop_head_broadcast
//  CHECK-SAME:   %[[Q:[^:]+]]: tensor<1x6x5x8xf32>, %[[K:[^:]+]]: tensor<1x1x7x8xf32>
//       CHECK:   attn.matmul %[[Q]], %[[K]] transpose_rhs : tensor<1x6x5x8xf32>, tensor<1x1x7x8xf32> -> tensor<1x6x5x7xf32>
func.func @drop_head_broadcast(%q: tensor<1x6x5x8xf32>, %k: tensor<1x1x7x8xf32>) -> tensor<1x6x5x7xf32> {
  %z = arith.constant dense<0.0> : tensor<1x6x1x1xf32>
  %kb = attn.add %k, %z : tensor<1x1x7x8xf32>, tensor<1x6x1x1xf32> -> tensor<1x6x7x8xf32>
  %s = attn.matmul %q, %kb transpose_rhs : tensor<1x6x5x8xf32>, tensor<1x6x7x8xf32> -> tensor<1x6x5x7xf32>
  return %s : tensor<1x6x5x7xf32>
}

// -----

// repeat_kv / repeat_interleave of one key-value head: unsqueeze, expand,
// flatten. Every repeated head is the one head, so it is dropped too.
// CHECK-LABEL: func.func @drop_repeat_interleave
//  CHECK-SAME:   %[[P:[^:]+]]: tensor<2x4x5x7xf32>, %[[V:[^:]+]]: tensor<2x1x7x8xf32>
//       CHECK:   attn.matmul %[[P]], %[[V]] : tensor<2x4x5x7xf32>, tensor<2x1x7x8xf32> -> tensor<2x4x5x8xf32>
func.func @drop_repeat_interleave(%p: tensor<2x4x5x7xf32>, %v: tensor<2x1x7x8xf32>) -> tensor<2x4x5x8xf32> {
  %z = arith.constant dense<0.0> : tensor<1x1x4x1x1xf32>
  %v5 = attn.reshape %v : tensor<2x1x7x8xf32> -> tensor<2x1x1x7x8xf32>
  %vb = attn.add %v5, %z : tensor<2x1x1x7x8xf32>, tensor<1x1x4x1x1xf32> -> tensor<2x1x4x7x8xf32>
  %vr = attn.reshape %vb : tensor<2x1x4x7x8xf32> -> tensor<2x4x7x8xf32>
  %o = attn.matmul %p, %vr : tensor<2x4x5x7xf32>, tensor<2x4x7x8xf32> -> tensor<2x4x5x8xf32>
  return %o : tensor<2x4x5x8xf32>
}

// -----

// Negative: with two key-value heads the repetition interleaves them
// (grouped-query attention); that is no numpy broadcast, so the repeated
// tensor stays.
// CHECK-LABEL: func.func @negative_grouped_repeat
//       CHECK:   %[[VR:.+]] = attn.reshape %{{.+}} : tensor<1x2x2x7x8xf32> -> tensor<1x4x7x8xf32>
//       CHECK:   attn.matmul %{{.+}}, %[[VR]]
func.func @negative_grouped_repeat(%p: tensor<1x4x5x7xf32>, %v: tensor<1x2x7x8xf32>) -> tensor<1x4x5x8xf32> {
  %z = arith.constant dense<0.0> : tensor<1x1x2x1x1xf32>
  %v5 = attn.reshape %v : tensor<1x2x7x8xf32> -> tensor<1x2x1x7x8xf32>
  %vb = attn.add %v5, %z : tensor<1x2x1x7x8xf32>, tensor<1x1x2x1x1xf32> -> tensor<1x2x2x7x8xf32>
  %vr = attn.reshape %vb : tensor<1x2x2x7x8xf32> -> tensor<1x4x7x8xf32>
  %o = attn.matmul %p, %vr : tensor<1x4x5x7xf32>, tensor<1x4x7x8xf32> -> tensor<1x4x5x8xf32>
  return %o : tensor<1x4x5x8xf32>
}

// -----

// Negative: the broadcast is inserted next to the sequence dimension, so
// the flattened tensor interleaves positions rather than repeating heads.
// CHECK-LABEL: func.func @negative_broadcast_wrong_dimension
//       CHECK:   %[[VR:.+]] = attn.reshape %{{.+}} : tensor<1x1x7x4x8xf32> -> tensor<1x4x7x8xf32>
//       CHECK:   attn.matmul %{{.+}}, %[[VR]]
func.func @negative_broadcast_wrong_dimension(%p: tensor<1x4x5x7xf32>, %v: tensor<1x1x7x8xf32>) -> tensor<1x4x5x8xf32> {
  %z = arith.constant dense<0.0> : tensor<1x1x1x4x1xf32>
  %v5 = attn.reshape %v : tensor<1x1x7x8xf32> -> tensor<1x1x7x1x8xf32>
  %vb = attn.add %v5, %z : tensor<1x1x7x1x8xf32>, tensor<1x1x1x4x1xf32> -> tensor<1x1x7x4x8xf32>
  %vr = attn.reshape %vb : tensor<1x1x7x4x8xf32> -> tensor<1x4x7x8xf32>
  %o = attn.matmul %p, %vr : tensor<1x4x5x7xf32>, tensor<1x4x7x8xf32> -> tensor<1x4x5x8xf32>
  return %o : tensor<1x4x5x8xf32>
}

// -----

// Negative: adding ones is no broadcast.
// CHECK-LABEL: func.func @negative_add_ones
//       CHECK:   %[[KB:.+]] = attn.add
//       CHECK:   attn.matmul %{{.+}}, %[[KB]]
func.func @negative_add_ones(%q: tensor<1x6x5x8xf32>, %k: tensor<1x1x7x8xf32>) -> tensor<1x6x5x7xf32> {
  %z = arith.constant dense<1.0> : tensor<1x6x1x1xf32>
  %kb = attn.add %k, %z : tensor<1x1x7x8xf32>, tensor<1x6x1x1xf32> -> tensor<1x6x7x8xf32>
  %s = attn.matmul %q, %kb transpose_rhs : tensor<1x6x5x8xf32>, tensor<1x6x7x8xf32> -> tensor<1x6x5x7xf32>
  return %s : tensor<1x6x5x7xf32>
}

// -----

// Negative: a bias that differs per flattened batch (per head) cannot move
// above the reshape that regroups the batch.
// CHECK-LABEL: func.func @negative_bias_per_batch
//       CHECK:   %[[R:.+]] = attn.reshape
//       CHECK:   attn.add %[[R]], %{{.+}} : tensor<6x5x7xf32>, tensor<6x1x1xf32>
func.func @negative_bias_per_batch(%x: tensor<2x3x5x7xf32>, %b: tensor<6x1x1xf32>) -> tensor<6x5x7xf32> {
  %r = attn.reshape %x : tensor<2x3x5x7xf32> -> tensor<6x5x7xf32>
  %0 = attn.add %r, %b : tensor<6x5x7xf32>, tensor<6x1x1xf32> -> tensor<6x5x7xf32>
  return %0 : tensor<6x5x7xf32>
}

// -----

// Negative: a softmax over a regrouped dimension stays after the reshape.
// CHECK-LABEL: func.func @negative_softmax_over_reshaped_axis
//       CHECK:   %[[R:.+]] = attn.reshape
//       CHECK:   attn.softmax %[[R]] axis(0)
func.func @negative_softmax_over_reshaped_axis(%x: tensor<2x3x5xf32>) -> tensor<6x5xf32> {
  %r = attn.reshape %x : tensor<2x3x5xf32> -> tensor<6x5xf32>
  %0 = attn.softmax %r axis(0) : tensor<6x5xf32>
  return %0 : tensor<6x5xf32>
}
