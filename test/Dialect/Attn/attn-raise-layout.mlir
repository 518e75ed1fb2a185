// RUN: attn-opt %s --split-input-file --attn-raise | FileCheck %s

// tosa.transpose (perms) and tosa.reshape (a !tosa.shape) are
// attn.transpose and attn.reshape.
// CHECK-LABEL: func.func @transpose_reshape
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<2x6x32xf32>
//       CHECK:   %[[T:.+]] = attn.transpose %[[X]] permutation [2, 0, 1] : tensor<2x6x32xf32> -> tensor<32x2x6xf32>
//       CHECK:   %[[R:.+]] = attn.reshape %[[T]] : tensor<32x2x6xf32> -> tensor<32x12xf32>
//   CHECK-NOT:   tosa.
//       CHECK:   return %[[R]]
func.func @transpose_reshape(%x: tensor<2x6x32xf32>) -> tensor<32x12xf32> {
  %t = tosa.transpose %x {perms = array<i32: 2, 0, 1>} : (tensor<2x6x32xf32>) -> tensor<32x2x6xf32>
  %s = tosa.const_shape {values = dense<[32, 12]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %r = tosa.reshape %t, %s : (tensor<32x2x6xf32>, !tosa.shape<2>) -> tensor<32x12xf32>
  return %r : tensor<32x12xf32>
}

// -----

// The reshape and transpose that split heads are attn.split_heads.
// CHECK-LABEL: func.func @split_heads
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<2x6x32xf32>
//       CHECK:   %[[H:.+]] = attn.split_heads %[[X]] : tensor<2x6x32xf32> -> tensor<2x4x6x8xf32>
//   CHECK-NOT:   tosa.
//       CHECK:   return %[[H]]
func.func @split_heads(%x: tensor<2x6x32xf32>) -> tensor<2x4x6x8xf32> {
  %s = tosa.const_shape {values = dense<[2, 6, 4, 8]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %r = tosa.reshape %x, %s : (tensor<2x6x32xf32>, !tosa.shape<4>) -> tensor<2x6x4x8xf32>
  %t = tosa.transpose %r {perms = array<i32: 0, 2, 1, 3>} : (tensor<2x6x4x8xf32>) -> tensor<2x4x6x8xf32>
  return %t : tensor<2x4x6x8xf32>
}

// -----

// One query row: the split's transpose of [2, 1, 4, 8] moves a unit
// dimension, like a one-head merge's would; it is still a split.
// CHECK-LABEL: func.func @split_heads_one_row
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<2x1x32xf32>
//       CHECK:   %[[H:.+]] = attn.split_heads %[[X]] : tensor<2x1x32xf32> -> tensor<2x4x1x8xf32>
//   CHECK-NOT:   attn.merge_heads
//       CHECK:   return %[[H]]
func.func @split_heads_one_row(%x: tensor<2x1x32xf32>) -> tensor<2x4x1x8xf32> {
  %s = tosa.const_shape {values = dense<[2, 1, 4, 8]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %r = tosa.reshape %x, %s : (tensor<2x1x32xf32>, !tosa.shape<4>) -> tensor<2x1x4x8xf32>
  %t = tosa.transpose %r {perms = array<i32: 0, 2, 1, 3>} : (tensor<2x1x4x8xf32>) -> tensor<2x4x1x8xf32>
  return %t : tensor<2x4x1x8xf32>
}

// -----

// The key of Q·Kᵀ after its split's transpose and its own composed:
// transpose [0, 2, 3, 1] of the split reshape is the split heads, then the
// last two swapped.
// CHECK-LABEL: func.func @split_heads_swapped
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<2x6x32xf32>
//       CHECK:   %[[H:.+]] = attn.split_heads %[[X]] : tensor<2x6x32xf32> -> tensor<2x4x6x8xf32>
//       CHECK:   %[[T:.+]] = attn.transpose %[[H]] permutation [0, 1, 3, 2] : tensor<2x4x6x8xf32> -> tensor<2x4x8x6xf32>
//       CHECK:   return %[[T]]
func.func @split_heads_swapped(%x: tensor<2x6x32xf32>) -> tensor<2x4x8x6xf32> {
  %s = tosa.const_shape {values = dense<[2, 6, 4, 8]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %r = tosa.reshape %x, %s : (tensor<2x6x32xf32>, !tosa.shape<4>) -> tensor<2x6x4x8xf32>
  %t = tosa.transpose %r {perms = array<i32: 0, 2, 3, 1>} : (tensor<2x6x4x8xf32>) -> tensor<2x4x8x6xf32>
  return %t : tensor<2x4x8x6xf32>
}

// -----

// Reshapes and transposes of boolean constants fold into the constant.
// CHECK-LABEL: func.func @bool_constant_layout
//       CHECK:   %[[C:.+]] = arith.constant dense<{{\[}}{{\[}}{{\[}}[true], [false]], {{\[}}[true], [true]]]]> : tensor<1x2x2x1xi1>
//       CHECK:   attn.mask %{{.+}}, %[[C]] : tensor<3x2x2x1xf32>, tensor<1x2x2x1xi1>
//   CHECK-NOT:   tosa.
func.func @bool_constant_layout(%s: tensor<3x2x2x1xf32>) -> tensor<3x2x2x1xf32> {
  %keep = "tosa.const"() <{values = dense<[[true, true], [false, true]]> : tensor<2x2xi1>}> : () -> tensor<2x2xi1>
  %t = tosa.transpose %keep {perms = array<i32: 1, 0>} : (tensor<2x2xi1>) -> tensor<2x2xi1>
  %sh = tosa.const_shape {values = dense<[2, 2, 1]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %r = tosa.reshape %t, %sh : (tensor<2x2xi1>, !tosa.shape<3>) -> tensor<2x2x1xi1>
  %ninf = "tosa.const"() <{values = dense<0xFF800000> : tensor<1x1x1x1xf32>}> : () -> tensor<1x1x1x1xf32>
  %sh4 = tosa.const_shape {values = dense<[1, 2, 2, 1]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %r4 = tosa.reshape %r, %sh4 : (tensor<2x2x1xi1>, !tosa.shape<4>) -> tensor<1x2x2x1xi1>
  %0 = tosa.select %r4, %s, %ninf : (tensor<1x2x2x1xi1>, tensor<3x2x2x1xf32>, tensor<1x1x1x1xf32>) -> tensor<3x2x2x1xf32>
  return %0 : tensor<3x2x2x1xf32>
}

// -----

// A non-square boolean constant, transposed at compile time.
// CHECK-LABEL: func.func @bool_constant_transpose
//       CHECK:   %[[C:.+]] = arith.constant dense<{{\[}}[true, false], [true, true], [false, false]]> : tensor<3x2xi1>
//       CHECK:   return %[[C]]
func.func @bool_constant_transpose() -> tensor<3x2xi1> {
  %keep = "tosa.const"() <{values = dense<[[true, true, false], [false, true, false]]> : tensor<2x3xi1>}> : () -> tensor<2x3xi1>
  %t = tosa.transpose %keep {perms = array<i32: 1, 0>} : (tensor<2x3xi1>) -> tensor<3x2xi1>
  return %t : tensor<3x2xi1>
}

// -----

// tosa.tile along size-1 dimensions is a broadcast, written as the sum with
// a small zeros constant (attn has no broadcast op).
// CHECK-LABEL: func.func @tile_broadcast
//  CHECK-SAME:   %[[K:[^:]+]]: tensor<2x1x8x16xf32>
//       CHECK:   %[[Z:.+]] = arith.constant dense<0.000000e+00> : tensor<1x4x1x1xf32>
//       CHECK:   attn.add %[[K]], %[[Z]] : tensor<2x1x8x16xf32>, tensor<1x4x1x1xf32> -> tensor<2x4x8x16xf32>
//   CHECK-NOT:   tosa.
func.func @tile_broadcast(%k: tensor<2x1x8x16xf32>) -> tensor<2x4x8x16xf32> {
  %m = tosa.const_shape {values = dense<[1, 4, 1, 1]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %0 = tosa.tile %k, %m : (tensor<2x1x8x16xf32>, !tosa.shape<4>) -> tensor<2x4x8x16xf32>
  return %0 : tensor<2x4x8x16xf32>
}

// -----

// tosa.const (dense f32 / i1) becomes arith.constant once no TOSA op uses
// it; tosa.identity forwards its input.
// CHECK-LABEL: func.func @constants
//       CHECK:   %[[C:.+]] = arith.constant dense<1.500000e+00> : tensor<2x2xf32>
//       CHECK:   return %[[C]]
func.func @constants() -> tensor<2x2xf32> {
  %c = "tosa.const"() <{values = dense<1.5> : tensor<2x2xf32>}> : () -> tensor<2x2xf32>
  %0 = tosa.identity %c : (tensor<2x2xf32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

// A boolean argument (a mask operand) is reshaped by attn.reshape, which
// moves i1 elements like f32 ones.
// CHECK-LABEL: func.func @bool_argument_reshape
//  CHECK-SAME:   %[[S:[^:]+]]: tensor<2x4x4xf32>, %[[MA:[^:]+]]: tensor<4x4xi1>
//       CHECK:   %[[M:.+]] = attn.reshape %[[MA]] : tensor<4x4xi1> -> tensor<1x4x4xi1>
//       CHECK:   attn.mask %[[S]], %[[M]]
//   CHECK-NOT:   tosa.
func.func @bool_argument_reshape(%s: tensor<2x4x4xf32>, %m: tensor<4x4xi1>) -> tensor<2x4x4xf32> {
  %sh = tosa.const_shape {values = dense<[1, 4, 4]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %m3 = tosa.reshape %m, %sh : (tensor<4x4xi1>, !tosa.shape<3>) -> tensor<1x4x4xi1>
  %ninf = "tosa.const"() <{values = dense<0xFF800000> : tensor<1x1x1xf32>}> : () -> tensor<1x1x1xf32>
  %0 = tosa.select %m3, %s, %ninf : (tensor<1x4x4xi1>, tensor<2x4x4xf32>, tensor<1x1x1xf32>) -> tensor<2x4x4xf32>
  return %0 : tensor<2x4x4xf32>
}

// -----

// Negative: tiling a dimension larger than 1 repeats data, which is not a
// broadcast.
// CHECK-LABEL: func.func @negative_tile_repeats
//       CHECK:   tosa.tile
//   CHECK-NOT:   attn.add
func.func @negative_tile_repeats(%k: tensor<2x3xf32>) -> tensor<4x3xf32> {
  %m = tosa.const_shape {values = dense<[2, 1]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %0 = tosa.tile %k, %m : (tensor<2x3xf32>, !tosa.shape<2>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

// Negative: a constant still used by a TOSA op that is not raised (here a
// maximum) stays a tosa.const.
// CHECK-LABEL: func.func @negative_const_used_by_tosa
//       CHECK:   "tosa.const"
//       CHECK:   tosa.maximum
func.func @negative_const_used_by_tosa(%x: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %c = "tosa.const"() <{values = dense<0.0> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %0 = tosa.maximum %x, %c : (tensor<2x2xf32>, tensor<1x1xf32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

// Negative: a transpose of an integer tensor stays TOSA.
// CHECK-LABEL: func.func @negative_integer_transpose
//       CHECK:   tosa.transpose
func.func @negative_integer_transpose(%x: tensor<2x3xi32>) -> tensor<3x2xi32> {
  %0 = tosa.transpose %x {perms = array<i32: 1, 0>} : (tensor<2x3xi32>) -> tensor<3x2xi32>
  return %0 : tensor<3x2xi32>
}
