// RUN: attn-opt %s --split-input-file --attn-raise | FileCheck %s

// tosa.matmul with zero points 0 is attn.matmul; the zero-point constants
// go away with it.
// CHECK-LABEL: func.func @matmul
//  CHECK-SAME:   %[[A:[^:]+]]: tensor<4x8x16xf32>, %[[B:[^:]+]]: tensor<4x16x8xf32>
//   CHECK-NOT:   tosa.
//       CHECK:   %[[R:.+]] = attn.matmul %[[A]], %[[B]] : tensor<4x8x16xf32>, tensor<4x16x8xf32> -> tensor<4x8x8xf32>
//       CHECK:   return %[[R]]
func.func @matmul(%a: tensor<4x8x16xf32>, %b: tensor<4x16x8xf32>) -> tensor<4x8x8xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %0 = tosa.matmul %a, %b, %zp, %zp : (tensor<4x8x16xf32>, tensor<4x16x8xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<4x8x8xf32>
  return %0 : tensor<4x8x8xf32>
}

// -----

// A batch of 1 against a batch of 4 broadcasts in both dialects.
// CHECK-LABEL: func.func @matmul_broadcast_batch
//       CHECK:   attn.matmul %{{.+}}, %{{.+}} : tensor<4x8x16xf32>, tensor<1x16x8xf32> -> tensor<4x8x8xf32>
func.func @matmul_broadcast_batch(%a: tensor<4x8x16xf32>, %b: tensor<1x16x8xf32>) -> tensor<4x8x8xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %0 = tosa.matmul %a, %b, %zp, %zp : (tensor<4x8x16xf32>, tensor<1x16x8xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<4x8x8xf32>
  return %0 : tensor<4x8x8xf32>
}

// -----

// The [B, H] -> [B*H] flattening around TOSA's rank-3 matmul is undone:
// the product of the rank-4 tensors needs no reshape at all.
// CHECK-LABEL: func.func @matmul_unflatten_batch
//  CHECK-SAME:   %[[A:[^:]+]]: tensor<2x4x8x16xf32>, %[[B:[^:]+]]: tensor<2x4x16x8xf32>
//       CHECK:   %[[R:.+]] = attn.matmul %[[A]], %[[B]] : tensor<2x4x8x16xf32>, tensor<2x4x16x8xf32> -> tensor<2x4x8x8xf32>
//   CHECK-NOT:   attn.reshape
//       CHECK:   return %[[R]]
func.func @matmul_unflatten_batch(%a: tensor<2x4x8x16xf32>, %b: tensor<2x4x16x8xf32>) -> tensor<2x4x8x8xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %sa = tosa.const_shape {values = dense<[8, 8, 16]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %sb = tosa.const_shape {values = dense<[8, 16, 8]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %so = tosa.const_shape {values = dense<[2, 4, 8, 8]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %a3 = tosa.reshape %a, %sa : (tensor<2x4x8x16xf32>, !tosa.shape<3>) -> tensor<8x8x16xf32>
  %b3 = tosa.reshape %b, %sb : (tensor<2x4x16x8xf32>, !tosa.shape<3>) -> tensor<8x16x8xf32>
  %0 = tosa.matmul %a3, %b3, %zp, %zp : (tensor<8x8x16xf32>, tensor<8x16x8xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<8x8x8xf32>
  %1 = tosa.reshape %0, %so : (tensor<8x8x8xf32>, !tosa.shape<4>) -> tensor<2x4x8x8xf32>
  return %1 : tensor<2x4x8x8xf32>
}

// -----

// Negative: an int8 matmul (quantized, with zero points) is not raised.
// CHECK-LABEL: func.func @negative_int8_matmul
//       CHECK:   tosa.matmul
//   CHECK-NOT:   attn.matmul
func.func @negative_int8_matmul(%a: tensor<4x8x16xi8>, %b: tensor<4x16x8xi8>) -> tensor<4x8x8xi32> {
  %zp = "tosa.const"() <{values = dense<3> : tensor<1xi8>}> : () -> tensor<1xi8>
  %0 = tosa.matmul %a, %b, %zp, %zp : (tensor<4x8x16xi8>, tensor<4x16x8xi8>, tensor<1xi8>, tensor<1xi8>) -> tensor<4x8x8xi32>
  return %0 : tensor<4x8x8xi32>
}

// -----

// Negative: attn ops are f32; an f16 matmul stays TOSA.
// CHECK-LABEL: func.func @negative_f16_matmul
//       CHECK:   tosa.matmul
//   CHECK-NOT:   attn.matmul
func.func @negative_f16_matmul(%a: tensor<4x8x16xf16>, %b: tensor<4x16x8xf16>) -> tensor<4x8x8xf16> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf16>}> : () -> tensor<1xf16>
  %0 = tosa.matmul %a, %b, %zp, %zp : (tensor<4x8x16xf16>, tensor<4x16x8xf16>, tensor<1xf16>, tensor<1xf16>) -> tensor<4x8x8xf16>
  return %0 : tensor<4x8x8xf16>
}

// -----

// Negative: dynamic shapes are not supported by attn ops.
// CHECK-LABEL: func.func @negative_dynamic_matmul
//       CHECK:   tosa.matmul
//   CHECK-NOT:   attn.matmul
func.func @negative_dynamic_matmul(%a: tensor<?x8x16xf32>, %b: tensor<?x16x8xf32>) -> tensor<?x8x8xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %0 = tosa.matmul %a, %b, %zp, %zp : (tensor<?x8x16xf32>, tensor<?x16x8xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x8x8xf32>
  return %0 : tensor<?x8x8xf32>
}
