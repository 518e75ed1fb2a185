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

// exp(d) / sum(exp(d)) is softmax(d) whatever d is: with the maximum of
// another tensor, the difference stays and is the softmax's input.
// CHECK-LABEL: func.func @softmax_of_difference
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<4x6xf32>, %[[Y:[^:]+]]: tensor<4x6xf32>
//       CHECK:   %[[M:.+]] = tosa.reduce_max %[[Y]]
//       CHECK:   %[[D:.+]] = tosa.sub %[[X]], %[[M]]
//       CHECK:   %[[P:.+]] = attn.softmax %[[D]] axis(1)
//   CHECK-NOT:   tosa.exp
//       CHECK:   return %[[P]]
func.func @softmax_of_difference(%x: tensor<4x6xf32>, %y: tensor<4x6xf32>) -> tensor<4x6xf32> {
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

// The sum runs over another axis than the maximum: a softmax over the sum's
// axis of the difference (the maximum is not the one the softmax drops).
// CHECK-LABEL: func.func @softmax_axes_differ
//       CHECK:   %[[M:.+]] = tosa.reduce_max %{{.+}} {axis = 1 : i32}
//       CHECK:   %[[D:.+]] = tosa.sub %{{.+}}, %[[M]]
//       CHECK:   attn.softmax %[[D]] axis(0)
//   CHECK-NOT:   tosa.reduce_sum
func.func @softmax_axes_differ(%x: tensor<6x6xf32>) -> tensor<6x6xf32> {
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

// A minimum instead of a maximum: the softmax of x - min(x) (a shift that
// the raised, max-subtracting softmax makes harmless).
// CHECK-LABEL: func.func @softmax_min_shift
//       CHECK:   %[[M:.+]] = tosa.reduce_min
//       CHECK:   %[[D:.+]] = tosa.sub %{{.+}}, %[[M]]
//       CHECK:   attn.softmax %[[D]] axis(1)
func.func @softmax_min_shift(%x: tensor<4x6xf32>) -> tensor<4x6xf32> {
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

// -----

// Without the max subtraction (exp(x) / sum(exp(x)), as hand-written models
// and some exporters emit it): softmax(x), which subtracts its own max, so
// large logits that overflow the unshifted exp give the right result.
// CHECK-LABEL: func.func @softmax_unshifted
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<2x3x5xf32>
//       CHECK:   %[[P:.+]] = attn.softmax %[[X]] axis(2) : tensor<2x3x5xf32>
//   CHECK-NOT:   tosa.
//       CHECK:   return %[[P]]
func.func @softmax_unshifted(%x: tensor<2x3x5xf32>) -> tensor<2x3x5xf32> {
  %e = tosa.exp %x : (tensor<2x3x5xf32>) -> tensor<2x3x5xf32>
  %s = tosa.reduce_sum %e {axis = 2 : i32} : (tensor<2x3x5xf32>) -> tensor<2x3x1xf32>
  %sh = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %r = tosa.reciprocal %s : (tensor<2x3x1xf32>) -> tensor<2x3x1xf32>
  %p = tosa.mul %r, %e, %sh : (tensor<2x3x1xf32>, tensor<2x3x5xf32>, tensor<1xi8>) -> tensor<2x3x5xf32>
  return %p : tensor<2x3x5xf32>
}

// -----

// Negative: unshifted, but the sum is over another axis than the one the
// reciprocal broadcasts along (the shapes do not keep the axis): stays.
// CHECK-LABEL: func.func @negative_unshifted_sum_shape
//   CHECK-NOT:   attn.softmax
//       CHECK:   tosa.exp
func.func @negative_unshifted_sum_shape(%x: tensor<4x4xf32>) -> tensor<4x4xf32> {
  %sh = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %e = tosa.exp %x : (tensor<4x4xf32>) -> tensor<4x4xf32>
  %s = tosa.reduce_sum %e {axis = 0 : i32} : (tensor<4x4xf32>) -> tensor<1x4xf32>
  %t = tosa.transpose %s {perms = array<i32: 1, 0>} : (tensor<1x4xf32>) -> tensor<4x1xf32>
  %r = tosa.reciprocal %t : (tensor<4x1xf32>) -> tensor<4x1xf32>
  %p = tosa.mul %e, %r, %sh : (tensor<4x4xf32>, tensor<4x1xf32>, tensor<1xi8>) -> tensor<4x4xf32>
  return %p : tensor<4x4xf32>
}
