// RUN: attn-opt %s --split-input-file --attn-raise | FileCheck %s

// The decomposed softmax of torch-mlir and onnx-mlir:
//   exp(x - reduce_max(x)) * reciprocal(reduce_sum(exp(...)))
// over one axis, the reductions keeping it as a size-1 dimension.
// CHECK-LABEL: func.func @softmax_last_axis
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<1x4x8x8xf32>
//   CHECK-NOT:   tosa.
//       CHECK:   %[[P:.+]] = attn.softmax %[[X]] axis(3) : tensor<1x4x8x8xf32>
//   CHECK-NOT:   tosa.
//       CHECK:   return %[[P]]
func.func @softmax_last_axis(%x: tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32> {
  %sh = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %m = tosa.reduce_max %x {axis = 3 : i32} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x1xf32>
  %d = tosa.sub %x, %m : (tensor<1x4x8x8xf32>, tensor<1x4x8x1xf32>) -> tensor<1x4x8x8xf32>
  %e = tosa.exp %d : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  %s = tosa.reduce_sum %e {axis = 3 : i32} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x1xf32>
  %r = tosa.reciprocal %s : (tensor<1x4x8x1xf32>) -> tensor<1x4x8x1xf32>
  %p = tosa.mul %e, %r, %sh : (tensor<1x4x8x8xf32>, tensor<1x4x8x1xf32>, tensor<1xi8>) -> tensor<1x4x8x8xf32>
  return %p : tensor<1x4x8x8xf32>
}

// -----

// Any axis; the reciprocal may be the left factor.
// CHECK-LABEL: func.func @softmax_middle_axis
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<2x5x3xf32>
//       CHECK:   attn.softmax %[[X]] axis(1) : tensor<2x5x3xf32>
//   CHECK-NOT:   tosa.
func.func @softmax_middle_axis(%x: tensor<2x5x3xf32>) -> tensor<2x5x3xf32> {
  %sh = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %m = tosa.reduce_max %x {axis = 1 : i32} : (tensor<2x5x3xf32>) -> tensor<2x1x3xf32>
  %d = tosa.sub %x, %m : (tensor<2x5x3xf32>, tensor<2x1x3xf32>) -> tensor<2x5x3xf32>
  %e = tosa.exp %d : (tensor<2x5x3xf32>) -> tensor<2x5x3xf32>
  %s = tosa.reduce_sum %e {axis = 1 : i32} : (tensor<2x5x3xf32>) -> tensor<2x1x3xf32>
  %r = tosa.reciprocal %s : (tensor<2x1x3xf32>) -> tensor<2x1x3xf32>
  %p = tosa.mul %r, %e, %sh : (tensor<2x1x3xf32>, tensor<2x5x3xf32>, tensor<1xi8>) -> tensor<2x5x3xf32>
  return %p : tensor<2x5x3xf32>
}

// -----

// The input of the softmax may itself be raised first (a masked score).
// CHECK-LABEL: func.func @softmax_of_masked
//       CHECK:   %[[A:.+]] = attn.add
//       CHECK:   attn.softmax %[[A]] axis(1) : tensor<4x6xf32>
func.func @softmax_of_masked(%x: tensor<4x6xf32>, %b: tensor<1x6xf32>) -> tensor<4x6xf32> {
  %sh = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %y = tosa.add %x, %b : (tensor<4x6xf32>, tensor<1x6xf32>) -> tensor<4x6xf32>
  %m = tosa.reduce_max %y {axis = 1 : i32} : (tensor<4x6xf32>) -> tensor<4x1xf32>
  %d = tosa.sub %y, %m : (tensor<4x6xf32>, tensor<4x1xf32>) -> tensor<4x6xf32>
  %e = tosa.exp %d : (tensor<4x6xf32>) -> tensor<4x6xf32>
  %s = tosa.reduce_sum %e {axis = 1 : i32} : (tensor<4x6xf32>) -> tensor<4x1xf32>
  %r = tosa.reciprocal %s : (tensor<4x1xf32>) -> tensor<4x1xf32>
  %p = tosa.mul %e, %r, %sh : (tensor<4x6xf32>, tensor<4x1xf32>, tensor<1xi8>) -> tensor<4x6xf32>
  return %p : tensor<4x6xf32>
}

// -----

// Negative: the maximum is taken over another tensor than the one whose
// exponential is normalized.
// CHECK-LABEL: func.func @negative_max_of_other
//   CHECK-NOT:   attn.softmax
//       CHECK:   tosa.exp
func.func @negative_max_of_other(%x: tensor<4x6xf32>, %y: tensor<4x6xf32>) -> tensor<4x6xf32> {
  %sh = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %m = tosa.reduce_max %y {axis = 1 : i32} : (tensor<4x6xf32>) -> tensor<4x1xf32>
  %d = tosa.sub %x, %m : (tensor<4x6xf32>, tensor<4x1xf32>) -> tensor<4x6xf32>
  %e = tosa.exp %d : (tensor<4x6xf32>) -> tensor<4x6xf32>
  %s = tosa.reduce_sum %e {axis = 1 : i32} : (tensor<4x6xf32>) -> tensor<4x1xf32>
  %r = tosa.reciprocal %s : (tensor<4x1xf32>) -> tensor<4x1xf32>
  %p = tosa.mul %e, %r, %sh : (tensor<4x6xf32>, tensor<4x1xf32>, tensor<1xi8>) -> tensor<4x6xf32>
  return %p : tensor<4x6xf32>
}

// -----

// Negative: the sum runs over another axis than the maximum.
// CHECK-LABEL: func.func @negative_axes_differ
//   CHECK-NOT:   attn.softmax
//       CHECK:   tosa.reduce_sum
func.func @negative_axes_differ(%x: tensor<6x6xf32>) -> tensor<6x6xf32> {
  %sh = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %m = tosa.reduce_max %x {axis = 1 : i32} : (tensor<6x6xf32>) -> tensor<6x1xf32>
  %d = tosa.sub %x, %m : (tensor<6x6xf32>, tensor<6x1xf32>) -> tensor<6x6xf32>
  %e = tosa.exp %d : (tensor<6x6xf32>) -> tensor<6x6xf32>
  %s = tosa.reduce_sum %e {axis = 0 : i32} : (tensor<6x6xf32>) -> tensor<1x6xf32>
  %r = tosa.reciprocal %s : (tensor<1x6xf32>) -> tensor<1x6xf32>
  %p = tosa.mul %e, %r, %sh : (tensor<6x6xf32>, tensor<1x6xf32>, tensor<1xi8>) -> tensor<6x6xf32>
  return %p : tensor<6x6xf32>
}

// -----

// Negative: the exponentials are also returned, so the chain is not only a
// softmax.
// CHECK-LABEL: func.func @negative_exp_used_elsewhere
//   CHECK-NOT:   attn.softmax
//       CHECK:   tosa.exp
func.func @negative_exp_used_elsewhere(%x: tensor<4x6xf32>) -> (tensor<4x6xf32>, tensor<4x6xf32>) {
  %sh = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %m = tosa.reduce_max %x {axis = 1 : i32} : (tensor<4x6xf32>) -> tensor<4x1xf32>
  %d = tosa.sub %x, %m : (tensor<4x6xf32>, tensor<4x1xf32>) -> tensor<4x6xf32>
  %e = tosa.exp %d : (tensor<4x6xf32>) -> tensor<4x6xf32>
  %s = tosa.reduce_sum %e {axis = 1 : i32} : (tensor<4x6xf32>) -> tensor<4x1xf32>
  %r = tosa.reciprocal %s : (tensor<4x1xf32>) -> tensor<4x1xf32>
  %p = tosa.mul %e, %r, %sh : (tensor<4x6xf32>, tensor<4x1xf32>, tensor<1xi8>) -> tensor<4x6xf32>
  return %p, %e : tensor<4x6xf32>, tensor<4x6xf32>
}

// -----

// Negative: a minimum instead of a maximum is not the exact chain.
// CHECK-LABEL: func.func @negative_reduce_min
//   CHECK-NOT:   attn.softmax
//       CHECK:   tosa.reduce_min
func.func @negative_reduce_min(%x: tensor<4x6xf32>) -> tensor<4x6xf32> {
  %sh = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %m = tosa.reduce_min %x {axis = 1 : i32} : (tensor<4x6xf32>) -> tensor<4x1xf32>
  %d = tosa.sub %x, %m : (tensor<4x6xf32>, tensor<4x1xf32>) -> tensor<4x6xf32>
  %e = tosa.exp %d : (tensor<4x6xf32>) -> tensor<4x6xf32>
  %s = tosa.reduce_sum %e {axis = 1 : i32} : (tensor<4x6xf32>) -> tensor<4x1xf32>
  %r = tosa.reciprocal %s : (tensor<4x1xf32>) -> tensor<4x1xf32>
  %p = tosa.mul %e, %r, %sh : (tensor<4x6xf32>, tensor<4x1xf32>, tensor<1xi8>) -> tensor<4x6xf32>
  return %p : tensor<4x6xf32>
}

// -----

// Negative: the normalization is by another sum than that of the
// exponentials.
// CHECK-LABEL: func.func @negative_sum_of_other
//   CHECK-NOT:   attn.softmax
//       CHECK:   tosa.exp
func.func @negative_sum_of_other(%x: tensor<4x6xf32>, %y: tensor<4x6xf32>) -> tensor<4x6xf32> {
  %sh = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %m = tosa.reduce_max %x {axis = 1 : i32} : (tensor<4x6xf32>) -> tensor<4x1xf32>
  %d = tosa.sub %x, %m : (tensor<4x6xf32>, tensor<4x1xf32>) -> tensor<4x6xf32>
  %e = tosa.exp %d : (tensor<4x6xf32>) -> tensor<4x6xf32>
  %s = tosa.reduce_sum %y {axis = 1 : i32} : (tensor<4x6xf32>) -> tensor<4x1xf32>
  %r = tosa.reciprocal %s : (tensor<4x1xf32>) -> tensor<4x1xf32>
  %p = tosa.mul %e, %r, %sh : (tensor<4x6xf32>, tensor<4x1xf32>, tensor<1xi8>) -> tensor<4x6xf32>
  return %p : tensor<4x6xf32>
}
