// RUN: not attn-compile %s --emit=mlir 2>&1 | FileCheck %s -DFILE=%s

// --emit=mlir prints verified IR only: a verifier error is reported and the
// module is not printed.

// CHECK: [[FILE]]:[[@LINE+3]]:8: error: 'attn.softmax' op axis
// CHECK-NOT: module
func.func @f(%a: tensor<4x4xf32>) -> tensor<4x4xf32> {
  %0 = attn.softmax %a axis(2) : tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}
