// RUN: attn-opt %s | attn-opt | FileCheck %s
// RUN: attn-opt %s --mlir-print-op-generic | attn-opt | FileCheck %s

// Round trip of attn.gelu with both approximations.

// CHECK-LABEL: func.func @gelu_tanh
//  CHECK-SAME:   (%[[X:.+]]: tensor<1x128x3072xf32>)
//       CHECK:   attn.gelu %[[X]] approximate(tanh) : tensor<1x128x3072xf32>
func.func @gelu_tanh(%x: tensor<1x128x3072xf32>) -> tensor<1x128x3072xf32> {
  %0 = attn.gelu %x approximate(tanh) : tensor<1x128x3072xf32>
  return %0 : tensor<1x128x3072xf32>
}

// CHECK-LABEL: func.func @gelu_none
//  CHECK-SAME:   (%[[X:.+]]: tensor<5xf32>)
//       CHECK:   attn.gelu %[[X]] approximate(none) : tensor<5xf32>
func.func @gelu_none(%x: tensor<5xf32>) -> tensor<5xf32> {
  %0 = attn.gelu %x approximate(none) : tensor<5xf32>
  return %0 : tensor<5xf32>
}
