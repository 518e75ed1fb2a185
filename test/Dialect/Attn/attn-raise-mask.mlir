// RUN: attn-opt %s --split-input-file --attn-raise | FileCheck %s

// where(keep, scores, -inf) is attn.mask with the keep-mask.
// CHECK-LABEL: func.func @select_keep
//  CHECK-SAME:   %[[S:[^:]+]]: tensor<1x4x8x8xf32>, %[[M:[^:]+]]: tensor<1x1x8x8xi1>
//   CHECK-NOT:   tosa.
//       CHECK:   %[[R:.+]] = attn.mask %[[S]], %[[M]] : tensor<1x4x8x8xf32>, tensor<1x1x8x8xi1>
//       CHECK:   return %[[R]]
func.func @select_keep(%s: tensor<1x4x8x8xf32>, %m: tensor<1x1x8x8xi1>) -> tensor<1x4x8x8xf32> {
  %ninf = "tosa.const"() <{values = dense<0xFF800000> : tensor<1x1x1x1xf32>}> : () -> tensor<1x1x1x1xf32>
  %0 = tosa.select %m, %s, %ninf : (tensor<1x1x8x8xi1>, tensor<1x4x8x8xf32>, tensor<1x1x1x1xf32>) -> tensor<1x4x8x8xf32>
  return %0 : tensor<1x4x8x8xf32>
}

// -----

// The most negative f32 (torch.finfo(float32).min, as Hugging Face models
// fill) counts as -inf, as it does for every attn op (<= -1e30).
// CHECK-LABEL: func.func @select_keep_finfo_min
//       CHECK:   attn.mask
func.func @select_keep_finfo_min(%s: tensor<2x8x8xf32>, %m: tensor<1x8x8xi1>) -> tensor<2x8x8xf32> {
  %min = "tosa.const"() <{values = dense<-3.40282347E+38> : tensor<1x1x1xf32>}> : () -> tensor<1x1x1xf32>
  %0 = tosa.select %m, %s, %min : (tensor<1x8x8xi1>, tensor<2x8x8xf32>, tensor<1x1x1xf32>) -> tensor<2x8x8xf32>
  return %0 : tensor<2x8x8xf32>
}

// -----

// masked_fill(~keep, -inf): select(logical_not(keep), -inf, scores) masks
// with keep itself.
// CHECK-LABEL: func.func @masked_fill_not
//  CHECK-SAME:   %[[S:[^:]+]]: tensor<1x4x8x8xf32>, %[[M:[^:]+]]: tensor<1x1x8x8xi1>
//       CHECK:   %[[R:.+]] = attn.mask %[[S]], %[[M]] : tensor<1x4x8x8xf32>, tensor<1x1x8x8xi1>
//   CHECK-NOT:   tosa.
//       CHECK:   return %[[R]]
func.func @masked_fill_not(%s: tensor<1x4x8x8xf32>, %m: tensor<1x1x8x8xi1>) -> tensor<1x4x8x8xf32> {
  %ninf = "tosa.const"() <{values = dense<0xFF800000> : tensor<1x1x1x1xf32>}> : () -> tensor<1x1x1x1xf32>
  %drop = tosa.logical_not %m : (tensor<1x1x8x8xi1>) -> tensor<1x1x8x8xi1>
  %0 = tosa.select %drop, %ninf, %s : (tensor<1x1x8x8xi1>, tensor<1x1x1x1xf32>, tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  return %0 : tensor<1x4x8x8xf32>
}

// -----

// masked_fill(triu(ones, 1), -inf) with a constant mask: the keep-mask is
// the constant inverted.
// CHECK-LABEL: func.func @masked_fill_constant
//       CHECK:   %[[K:.+]] = arith.constant dense<{{\[}}{{\[}}[true, false], [true, true]]]> : tensor<1x2x2xi1>
//       CHECK:   attn.mask %{{.+}}, %[[K]] : tensor<3x2x2xf32>, tensor<1x2x2xi1>
func.func @masked_fill_constant(%s: tensor<3x2x2xf32>) -> tensor<3x2x2xf32> {
  %ninf = "tosa.const"() <{values = dense<0xFF800000> : tensor<1x1x1xf32>}> : () -> tensor<1x1x1xf32>
  %drop = "tosa.const"() <{values = dense<[[false, true], [false, false]]> : tensor<2x2xi1>}> : () -> tensor<2x2xi1>
  %sh = tosa.const_shape {values = dense<[1, 2, 2]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %drop3 = tosa.reshape %drop, %sh : (tensor<2x2xi1>, !tosa.shape<3>) -> tensor<1x2x2xi1>
  %0 = tosa.select %drop3, %ninf, %s : (tensor<1x2x2xi1>, tensor<1x1x1xf32>, tensor<3x2x2xf32>) -> tensor<3x2x2xf32>
  return %0 : tensor<3x2x2xf32>
}

// -----

// A boolean mask turned additive, where(keep, 0, -inf), as torch-mlir's SDPA
// decomposition writes it: a mask of zeros, which --attn-fuse then adds.
// CHECK-LABEL: func.func @additive_from_bool
//  CHECK-SAME:   %[[M:[^:]+]]: tensor<8x8xi1>
//       CHECK:   %[[Z:.+]] = arith.constant dense<0.000000e+00> : tensor<8x8xf32>
//       CHECK:   attn.mask %[[Z]], %[[M]] : tensor<8x8xf32>, tensor<8x8xi1>
func.func @additive_from_bool(%m: tensor<8x8xi1>) -> tensor<8x8xf32> {
  %zero = "tosa.const"() <{values = dense<0.0> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %ninf = "tosa.const"() <{values = dense<0xFF800000> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %0 = tosa.select %m, %zero, %ninf : (tensor<8x8xi1>, tensor<1x1xf32>, tensor<1x1xf32>) -> tensor<8x8xf32>
  return %0 : tensor<8x8xf32>
}

// -----

// A finite fill (masked_fill(mask == 0, -1e9)) is the mask's fill: the
// dropped scores keep -1e9 (a fully masked row then averages, as in
// PyTorch).
// CHECK-LABEL: func.func @finite_fill
//  CHECK-SAME:   %[[S:[^:]+]]: tensor<2x8x8xf32>, %[[M:[^:]+]]: tensor<1x8x8xi1>
//   CHECK-NOT:   tosa.
//       CHECK:   %[[R:.+]] = attn.mask %[[S]], %[[M]] fill(-1.000000e+09) : tensor<2x8x8xf32>, tensor<1x8x8xi1>
//       CHECK:   return %[[R]]
func.func @finite_fill(%s: tensor<2x8x8xf32>, %m: tensor<1x8x8xi1>) -> tensor<2x8x8xf32> {
  %fill = "tosa.const"() <{values = dense<-1.0e9> : tensor<1x1x1xf32>}> : () -> tensor<1x1x1xf32>
  %0 = tosa.select %m, %s, %fill : (tensor<1x8x8xi1>, tensor<2x8x8xf32>, tensor<1x1x1xf32>) -> tensor<2x8x8xf32>
  return %0 : tensor<2x8x8xf32>
}

// -----

// The fill where the condition is true, on a logical_not: the mask is the
// not's operand.
// CHECK-LABEL: func.func @finite_fill_where_dropped
//  CHECK-SAME:   %[[S:[^:]+]]: tensor<2x8xf32>, %[[K:[^:]+]]: tensor<2x8xi1>
//   CHECK-NOT:   tosa.
//       CHECK:   attn.mask %[[S]], %[[K]] fill(-1.000000e+04) : tensor<2x8xf32>, tensor<2x8xi1>
func.func @finite_fill_where_dropped(%s: tensor<2x8xf32>, %keep: tensor<2x8xi1>) -> tensor<2x8xf32> {
  %drop = tosa.logical_not %keep : (tensor<2x8xi1>) -> tensor<2x8xi1>
  %fill = "tosa.const"() <{values = dense<-1.0e4> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %0 = tosa.select %drop, %fill, %s : (tensor<2x8xi1>, tensor<1x1xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}

// -----

// Negative: +inf and NaN are no fill (attn.mask's fill is finite): the
// selects stay.
// CHECK-LABEL: func.func @negative_non_finite_fill
//       CHECK:   tosa.select
//       CHECK:   tosa.select
//   CHECK-NOT:   attn.mask
func.func @negative_non_finite_fill(%s: tensor<2x8xf32>, %m: tensor<2x8xi1>) -> (tensor<2x8xf32>, tensor<2x8xf32>) {
  %inf = "tosa.const"() <{values = dense<0x7F800000> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %nan = "tosa.const"() <{values = dense<0x7FC00000> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %0 = tosa.select %m, %s, %inf : (tensor<2x8xi1>, tensor<2x8xf32>, tensor<1x1xf32>) -> tensor<2x8xf32>
  %1 = tosa.select %m, %s, %nan : (tensor<2x8xi1>, tensor<2x8xf32>, tensor<1x1xf32>) -> tensor<2x8xf32>
  return %0, %1 : tensor<2x8xf32>, tensor<2x8xf32>
}

// -----

// Negative: a select between two tensors is not a mask.
// CHECK-LABEL: func.func @negative_select_tensors
//       CHECK:   tosa.select
//   CHECK-NOT:   attn.mask
func.func @negative_select_tensors(%s: tensor<2x8xf32>, %t: tensor<2x8xf32>, %m: tensor<2x8xi1>) -> tensor<2x8xf32> {
  %0 = tosa.select %m, %s, %t : (tensor<2x8xi1>, tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}

// -----

// Negative: -inf where a mask argument is true needs the mask inverted,
// which attn has no op for: the select stays.
// CHECK-LABEL: func.func @negative_fill_where_true
//       CHECK:   tosa.select
//   CHECK-NOT:   attn.mask
func.func @negative_fill_where_true(%s: tensor<2x8xf32>, %drop: tensor<2x8xi1>) -> tensor<2x8xf32> {
  %ninf = "tosa.const"() <{values = dense<0xFF800000> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %0 = tosa.select %drop, %ninf, %s : (tensor<2x8xi1>, tensor<1x1xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}
