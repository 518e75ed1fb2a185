// RUN: attn-compile %s --emit=mlir | FileCheck %s

// By default attn-compile runs --attn-fuse before code generation: an
// attention written as graph ops (QKᵀ, scale, softmax, ·V) reaches the code
// generator as one attn.attention with the scale folded in. --emit=mlir
// prints the IR handed to the code generator.

// CHECK-LABEL: func.func @chain(
//  CHECK-SAME:     %[[Q:[^:]+]]: tensor<2x4x32x16xf32>, %[[K:[^:]+]]: tensor<2x4x32x16xf32>, %[[V:[^:]+]]: tensor<2x4x32x16xf32>)
//       CHECK:   %[[O:.+]] = attn.attention %[[Q]], %[[K]], %[[V]] scale(2.500000e-01)
//   CHECK-NOT:   attn.matmul
//   CHECK-NOT:   attn.softmax
//       CHECK:   return %[[O]]
func.func @chain(%q: tensor<2x4x32x16xf32>, %k: tensor<2x4x32x16xf32>,
                 %v: tensor<2x4x32x16xf32>) -> tensor<2x4x32x16xf32> {
  %s = attn.matmul %q, %k transpose_rhs
      : tensor<2x4x32x16xf32>, tensor<2x4x32x16xf32> -> tensor<2x4x32x32xf32>
  %t = attn.scale %s by 2.500000e-01 : tensor<2x4x32x32xf32>
  %p = attn.softmax %t axis(3) : tensor<2x4x32x32xf32>
  %o = attn.matmul %p, %v : tensor<2x4x32x32xf32>, tensor<2x4x32x16xf32> -> tensor<2x4x32x16xf32>
  return %o : tensor<2x4x32x16xf32>
}
