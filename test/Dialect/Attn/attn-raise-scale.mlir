// RUN: attn-opt %s --split-input-file --attn-raise | FileCheck %s

// tosa.mul by a constant splat (broadcast from [1, 1, 1]) is attn.scale.
// CHECK-LABEL: func.func @mul_by_constant
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<2x8x8xf32>
//   CHECK-NOT:   tosa.
//       CHECK:   %[[R:.+]] = attn.scale %[[X]] by 1.250000e-01 : tensor<2x8x8xf32>
//       CHECK:   return %[[R]]
func.func @mul_by_constant(%x: tensor<2x8x8xf32>) -> tensor<2x8x8xf32> {
  %sh = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %c = "tosa.const"() <{values = dense<0.125> : tensor<1x1x1xf32>}> : () -> tensor<1x1x1xf32>
  %0 = tosa.mul %x, %c, %sh : (tensor<2x8x8xf32>, tensor<1x1x1xf32>, tensor<1xi8>) -> tensor<2x8x8xf32>
  return %0 : tensor<2x8x8xf32>
}

// -----

// The constant may be the left operand.
// CHECK-LABEL: func.func @constant_times_x
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<2x8x8xf32>
//       CHECK:   attn.scale %[[X]] by 5.000000e-01 : tensor<2x8x8xf32>
func.func @constant_times_x(%x: tensor<2x8x8xf32>) -> tensor<2x8x8xf32> {
  %sh = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %c = "tosa.const"() <{values = dense<0.5> : tensor<1x1x1xf32>}> : () -> tensor<1x1x1xf32>
  %0 = tosa.mul %c, %x, %sh : (tensor<1x1x1xf32>, tensor<2x8x8xf32>, tensor<1xi8>) -> tensor<2x8x8xf32>
  return %0 : tensor<2x8x8xf32>
}

// -----

// Division as onnx-mlir and torch-mlir write it: x * reciprocal(c).
// CHECK-LABEL: func.func @mul_by_reciprocal
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<1x4x8x8xf32>
//   CHECK-NOT:   tosa.
//       CHECK:   attn.scale %[[X]] by 1.250000e-01 : tensor<1x4x8x8xf32>
func.func @mul_by_reciprocal(%x: tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32> {
  %sh = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %c = "tosa.const"() <{values = dense<8.0> : tensor<1x1x1x1xf32>}> : () -> tensor<1x1x1x1xf32>
  %r = tosa.reciprocal %c : (tensor<1x1x1x1xf32>) -> tensor<1x1x1x1xf32>
  %0 = tosa.mul %x, %r, %sh : (tensor<1x4x8x8xf32>, tensor<1x1x1x1xf32>, tensor<1xi8>) -> tensor<1x4x8x8xf32>
  return %0 : tensor<1x4x8x8xf32>
}

// -----

// Scales on both matmul operands (q and k each by d^-1/4) stay separate
// attn.scale ops; --attn-fuse multiplies them into the attention scale.
// CHECK-LABEL: func.func @two_scales
//       CHECK:   attn.scale %{{.+}} by 5.000000e-01
//       CHECK:   attn.scale %{{.+}} by 5.000000e-01
func.func @two_scales(%q: tensor<1x8x4xf32>, %k: tensor<1x8x4xf32>) -> (tensor<1x8x4xf32>, tensor<1x8x4xf32>) {
  %sh = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %c = "tosa.const"() <{values = dense<0.5> : tensor<1x1x1xf32>}> : () -> tensor<1x1x1xf32>
  %0 = tosa.mul %q, %c, %sh : (tensor<1x8x4xf32>, tensor<1x1x1xf32>, tensor<1xi8>) -> tensor<1x8x4xf32>
  %1 = tosa.mul %k, %c, %sh : (tensor<1x8x4xf32>, tensor<1x1x1xf32>, tensor<1xi8>) -> tensor<1x8x4xf32>
  return %0, %1 : tensor<1x8x4xf32>, tensor<1x8x4xf32>
}

// -----

// Negative: the product of two data tensors is not a scale.
// CHECK-LABEL: func.func @negative_mul_of_tensors
//       CHECK:   tosa.mul
//   CHECK-NOT:   attn.
func.func @negative_mul_of_tensors(%x: tensor<2x8x8xf32>, %y: tensor<2x8x8xf32>) -> tensor<2x8x8xf32> {
  %sh = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %0 = tosa.mul %x, %y, %sh : (tensor<2x8x8xf32>, tensor<2x8x8xf32>, tensor<1xi8>) -> tensor<2x8x8xf32>
  return %0 : tensor<2x8x8xf32>
}

// -----

// Negative: a constant that is not a splat (a per-column scale) is not a
// scalar factor.
// CHECK-LABEL: func.func @negative_non_splat_constant
//       CHECK:   tosa.mul
//   CHECK-NOT:   attn.scale
func.func @negative_non_splat_constant(%x: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %sh = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %c = "tosa.const"() <{values = dense<[[1.0, 2.0]]> : tensor<1x2xf32>}> : () -> tensor<1x2xf32>
  %0 = tosa.mul %x, %c, %sh : (tensor<2x2xf32>, tensor<1x2xf32>, tensor<1xi8>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

// Negative: the splat is the larger operand, so the result is not x's shape
// (x is broadcast); attn.scale keeps its input's shape.
// CHECK-LABEL: func.func @negative_broadcast_x
//       CHECK:   tosa.mul
//   CHECK-NOT:   attn.scale
func.func @negative_broadcast_x(%x: tensor<1x8xf32>) -> tensor<4x8xf32> {
  %sh = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %c = "tosa.const"() <{values = dense<2.0> : tensor<4x8xf32>}> : () -> tensor<4x8xf32>
  %0 = tosa.mul %x, %c, %sh : (tensor<1x8xf32>, tensor<4x8xf32>, tensor<1xi8>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

// Negative: the reciprocal of a data tensor is not a constant factor.
// CHECK-LABEL: func.func @negative_reciprocal_of_tensor
//       CHECK:   tosa.reciprocal
//       CHECK:   tosa.mul
//   CHECK-NOT:   attn.
func.func @negative_reciprocal_of_tensor(%x: tensor<2x8xf32>, %y: tensor<2x1xf32>) -> tensor<2x8xf32> {
  %sh = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %r = tosa.reciprocal %y : (tensor<2x1xf32>) -> tensor<2x1xf32>
  %0 = tosa.mul %x, %r, %sh : (tensor<2x8xf32>, tensor<2x1xf32>, tensor<1xi8>) -> tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}
