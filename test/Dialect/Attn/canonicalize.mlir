// RUN: attn-opt %s --split-input-file --canonicalize | FileCheck %s

// CHECK-LABEL: func.func @scale_by_one
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<2x3xf32>
//   CHECK-NOT:   attn.scale
//       CHECK:   return %[[X]]
func.func @scale_by_one(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %y = attn.scale %x by 1.0 : tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @scale_of_scale
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<2x3xf32>
//       CHECK:   %[[Y:.+]] = attn.scale %[[X]] by 1.500000e+00
//   CHECK-NOT:   attn.scale
//       CHECK:   return %[[Y]]
func.func @scale_of_scale(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %y = attn.scale %x by 0.5 : tensor<2x3xf32>
  %z = attn.scale %y by 3.0 : tensor<2x3xf32>
  return %z : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @transpose_identity
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<2x3xf32>
//   CHECK-NOT:   attn.transpose
//       CHECK:   return %[[X]]
func.func @transpose_identity(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %y = attn.transpose %x permutation [0, 1] : tensor<2x3xf32> -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// Two transposes compose into one; inverse ones cancel.
// CHECK-LABEL: func.func @transpose_of_transpose
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<2x3x4xf32>
//       CHECK:   %[[T:.+]] = attn.transpose %[[X]] permutation [2, 0, 1] : tensor<2x3x4xf32> -> tensor<4x2x3xf32>
//       CHECK:   return %[[T]], %[[X]]
func.func @transpose_of_transpose(%x: tensor<2x3x4xf32>) -> (tensor<4x2x3xf32>, tensor<2x3x4xf32>) {
  %a = attn.transpose %x permutation [1, 0, 2] : tensor<2x3x4xf32> -> tensor<3x2x4xf32>
  %b = attn.transpose %a permutation [2, 1, 0] : tensor<3x2x4xf32> -> tensor<4x2x3xf32>
  %c = attn.transpose %x permutation [0, 2, 1] : tensor<2x3x4xf32> -> tensor<2x4x3xf32>
  %d = attn.transpose %c permutation [0, 2, 1] : tensor<2x4x3xf32> -> tensor<2x3x4xf32>
  return %b, %d : tensor<4x2x3xf32>, tensor<2x3x4xf32>
}

// -----

// A transpose of the last two dims of a matmul operand becomes its flag.
// CHECK-LABEL: func.func @matmul_absorbs_transposes
//  CHECK-SAME:   %[[A:[^:]+]]: tensor<2x5x4xf32>, %[[B:[^:]+]]: tensor<2x6x5xf32>
//       CHECK:   attn.matmul %[[A]], %[[B]] transpose_lhs transpose_rhs : tensor<2x5x4xf32>, tensor<2x6x5xf32> -> tensor<2x4x6xf32>
func.func @matmul_absorbs_transposes(%a: tensor<2x5x4xf32>, %b: tensor<2x6x5xf32>) -> tensor<2x4x6xf32> {
  %at = attn.transpose %a permutation [0, 2, 1] : tensor<2x5x4xf32> -> tensor<2x4x5xf32>
  %bt = attn.transpose %b permutation [0, 2, 1] : tensor<2x6x5xf32> -> tensor<2x5x6xf32>
  %c = attn.matmul %at, %bt : tensor<2x4x5xf32>, tensor<2x5x6xf32> -> tensor<2x4x6xf32>
  return %c : tensor<2x4x6xf32>
}

// -----

// Negative: a transpose that moves a batch dimension is not a flag.
// CHECK-LABEL: func.func @matmul_keeps_batch_transpose
//       CHECK:   attn.transpose
//       CHECK:   attn.matmul %{{.+}}, %{{.+}} :
func.func @matmul_keeps_batch_transpose(%a: tensor<3x2x4xf32>, %b: tensor<2x4x6xf32>) -> tensor<2x3x6xf32> {
  %at = attn.transpose %a permutation [1, 0, 2] : tensor<3x2x4xf32> -> tensor<2x3x4xf32>
  %c = attn.matmul %at, %b : tensor<2x3x4xf32>, tensor<2x4x6xf32> -> tensor<2x3x6xf32>
  return %c : tensor<2x3x6xf32>
}

// -----

// Reshapes compose; an identity reshape folds away; i1 masks reshape too.
// CHECK-LABEL: func.func @reshape_of_reshape
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<2x3x4xf32>, %[[M:[^:]+]]: tensor<6x4xi1>
//       CHECK:   %[[R:.+]] = attn.reshape %[[X]] : tensor<2x3x4xf32> -> tensor<24xf32>
//       CHECK:   %[[MR:.+]] = attn.reshape %[[M]] : tensor<6x4xi1> -> tensor<2x3x4xi1>
//       CHECK:   return %[[R]], %[[X]], %[[MR]]
func.func @reshape_of_reshape(%x: tensor<2x3x4xf32>, %m: tensor<6x4xi1>) -> (tensor<24xf32>, tensor<2x3x4xf32>, tensor<2x3x4xi1>) {
  %a = attn.reshape %x : tensor<2x3x4xf32> -> tensor<6x4xf32>
  %b = attn.reshape %a : tensor<6x4xf32> -> tensor<24xf32>
  %c = attn.reshape %a : tensor<6x4xf32> -> tensor<2x3x4xf32>
  %d = attn.reshape %m : tensor<6x4xi1> -> tensor<2x3x4xi1>
  return %b, %c, %d : tensor<24xf32>, tensor<2x3x4xf32>, tensor<2x3x4xi1>
}
