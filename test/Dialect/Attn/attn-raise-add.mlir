// RUN: attn-opt %s --split-input-file --attn-raise | FileCheck %s

// tosa.add of an additive mask (a function argument) is attn.add, with the
// same numpy broadcasting.
// CHECK-LABEL: func.func @add_argument
//  CHECK-SAME:   %[[S:[^:]+]]: tensor<1x4x8x8xf32>, %[[M:[^:]+]]: tensor<1x1x8x8xf32>
//       CHECK:   %[[R:.+]] = attn.add %[[S]], %[[M]] : tensor<1x4x8x8xf32>, tensor<1x1x8x8xf32> -> tensor<1x4x8x8xf32>
//       CHECK:   return %[[R]]
func.func @add_argument(%s: tensor<1x4x8x8xf32>, %m: tensor<1x1x8x8xf32>) -> tensor<1x4x8x8xf32> {
  %0 = tosa.add %s, %m : (tensor<1x4x8x8xf32>, tensor<1x1x8x8xf32>) -> tensor<1x4x8x8xf32>
  return %0 : tensor<1x4x8x8xf32>
}

// -----

// A constant 0 / -inf causal mask, reshaped: the reshapes of the constant
// fold into it, and the tosa.const becomes an arith.constant that
// attn-compile embeds.
// CHECK-LABEL: func.func @add_constant
//       CHECK:   %[[C:.+]] = arith.constant dense<{{\[}}{{\[}}[0.000000e+00, 0xFF800000], [0.000000e+00, 0.000000e+00]]]> : tensor<1x2x2xf32>
//       CHECK:   attn.add %{{.+}}, %[[C]] : tensor<3x2x2xf32>, tensor<1x2x2xf32> -> tensor<3x2x2xf32>
//   CHECK-NOT:   tosa.
func.func @add_constant(%s: tensor<3x2x2xf32>) -> tensor<3x2x2xf32> {
  %c = "tosa.const"() <{values = dense<[[[0.0, 0xFF800000], [0.0, 0.0]]]> : tensor<1x2x2xf32>}> : () -> tensor<1x2x2xf32>
  %sh = tosa.const_shape {values = dense<[2, 2]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %c2 = tosa.reshape %c, %sh : (tensor<1x2x2xf32>, !tosa.shape<2>) -> tensor<2x2xf32>
  %s3 = tosa.const_shape {values = dense<[1, 2, 2]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %c3 = tosa.reshape %c2, %s3 : (tensor<2x2xf32>, !tosa.shape<3>) -> tensor<1x2x2xf32>
  %0 = tosa.add %s, %c3 : (tensor<3x2x2xf32>, tensor<1x2x2xf32>) -> tensor<3x2x2xf32>
  return %0 : tensor<3x2x2xf32>
}

// -----

// Any f32 sum is an attn.add: a residual connection too.
// CHECK-LABEL: func.func @add_tensors
//       CHECK:   attn.add %{{.+}}, %{{.+}} : tensor<2x8xf32>, tensor<2x8xf32> -> tensor<2x8xf32>
func.func @add_tensors(%x: tensor<2x8xf32>, %y: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %0 = tosa.add %x, %y : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}

// -----

// x - c is x + (-c), the constant negated in place.
// CHECK-LABEL: func.func @sub_constant
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<2x8xf32>
//       CHECK:   %[[C:.+]] = arith.constant dense<{{\[}}[-1.000000e+00, -2.000000e+00, -3.000000e+00, -4.000000e+00, -5.000000e+00, -6.000000e+00, -7.000000e+00, -8.000000e+00]]> : tensor<1x8xf32>
//       CHECK:   attn.add %[[X]], %[[C]] : tensor<2x8xf32>, tensor<1x8xf32> -> tensor<2x8xf32>
//   CHECK-NOT:   tosa.
func.func @sub_constant(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %c = "tosa.const"() <{values = dense<[[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]]> : tensor<1x8xf32>}> : () -> tensor<1x8xf32>
  %0 = tosa.sub %x, %c : (tensor<2x8xf32>, tensor<1x8xf32>) -> tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}

// -----

// x - m with m a function argument: x + (-1 * m).
// CHECK-LABEL: func.func @sub_argument
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<1x2x4x4xf32>, %[[M:[^:]+]]: tensor<1x1x4x4xf32>
//       CHECK:   %[[N:.+]] = attn.scale %[[M]] by -1.000000e+00 : tensor<1x1x4x4xf32>
//       CHECK:   attn.add %[[X]], %[[N]] : tensor<1x2x4x4xf32>, tensor<1x1x4x4xf32> -> tensor<1x2x4x4xf32>
func.func @sub_argument(%x: tensor<1x2x4x4xf32>, %m: tensor<1x1x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %0 = tosa.sub %x, %m : (tensor<1x2x4x4xf32>, tensor<1x1x4x4xf32>) -> tensor<1x2x4x4xf32>
  return %0 : tensor<1x2x4x4xf32>
}

// -----

// c - x: (-1 * x) + c.
// CHECK-LABEL: func.func @constant_minus_x
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<2x8xf32>
//       CHECK:   %[[C:.+]] = arith.constant dense<1.000000e+00> : tensor<1x1xf32>
//       CHECK:   %[[N:.+]] = attn.scale %[[X]] by -1.000000e+00 : tensor<2x8xf32>
//       CHECK:   attn.add %[[C]], %[[N]] : tensor<1x1xf32>, tensor<2x8xf32> -> tensor<2x8xf32>
func.func @constant_minus_x(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %c = "tosa.const"() <{values = dense<1.0> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %0 = tosa.sub %c, %x : (tensor<1x1xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}

// -----

// x - 0 is x exactly (torch-mlir's exact GELU subtracts its mean 0). TOSA
// folds its own tosa.sub of zeros; the linalg form after --tosa-to-linalg
// is written out here.
// CHECK-LABEL: func.func @sub_zero
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<3x5xf32>
//   CHECK-NOT:   linalg.generic
//   CHECK-NOT:   attn.add
//       CHECK:   return %[[X]]
func.func @sub_zero(%x: tensor<3x5xf32>) -> tensor<3x5xf32> {
  %zero = arith.constant dense<0.0> : tensor<1x1xf32>
  %e = tensor.empty() : tensor<3x5xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (0, 0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x, %zero : tensor<3x5xf32>, tensor<1x1xf32>) outs(%e : tensor<3x5xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %r = arith.subf %a, %b : f32
    linalg.yield %r : f32
  } -> tensor<3x5xf32>
  return %y : tensor<3x5xf32>
}

// -----

// x - (-0) is x + 0, which turns -0 into +0: not x, so it stays a sum
// (with the constant negated).
// CHECK-LABEL: func.func @sub_negative_zero
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<3x5xf32>
//       CHECK:   %[[C:.+]] = arith.constant dense<0.000000e+00> : tensor<1x1xf32>
//       CHECK:   %[[Y:.+]] = attn.add %[[X]], %[[C]] : tensor<3x5xf32>, tensor<1x1xf32> -> tensor<3x5xf32>
//       CHECK:   return %[[Y]]
func.func @sub_negative_zero(%x: tensor<3x5xf32>) -> tensor<3x5xf32> {
  %zero = arith.constant dense<-0.0> : tensor<1x1xf32>
  %e = tensor.empty() : tensor<3x5xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (0, 0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x, %zero : tensor<3x5xf32>, tensor<1x1xf32>) outs(%e : tensor<3x5xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %r = arith.subf %a, %b : f32
    linalg.yield %r : f32
  } -> tensor<3x5xf32>
  return %y : tensor<3x5xf32>
}

// -----

// Negative: a difference of two computed tensors (x - max(x) in a softmax,
// the centering of a layer norm) stays TOSA.
// CHECK-LABEL: func.func @negative_sub_of_computed
//       CHECK:   tosa.reduce_max
//       CHECK:   tosa.sub
func.func @negative_sub_of_computed(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %m = tosa.reduce_max %x {axis = 1 : i32} : (tensor<2x8xf32>) -> tensor<2x1xf32>
  %0 = tosa.sub %x, %m : (tensor<2x8xf32>, tensor<2x1xf32>) -> tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}

// -----

// Negative: integer sums are not attn ops.
// CHECK-LABEL: func.func @negative_integer_add
//       CHECK:   tosa.add
//   CHECK-NOT:   attn.add
func.func @negative_integer_add(%x: tensor<2x8xi32>, %y: tensor<2x8xi32>) -> tensor<2x8xi32> {
  %0 = tosa.add %x, %y : (tensor<2x8xi32>, tensor<2x8xi32>) -> tensor<2x8xi32>
  return %0 : tensor<2x8xi32>
}
