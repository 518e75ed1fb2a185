// RUN: attn-compile %s --emit=mlir | FileCheck %s
// RUN: not attn-compile %s --emit=halide-stmt 2>&1 | FileCheck %s --check-prefix=STMT

// --emit=mlir stops after verification: an op the code generator rejects
// is still printed, while lowering it fails.

// CHECK: tosa.exp
// STMT: error: 'tosa.exp' op cannot be compiled by attn-compile yet
func.func @f(%a: tensor<4xf32>) -> tensor<4xf32> {
  %0 = tosa.exp %a : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
