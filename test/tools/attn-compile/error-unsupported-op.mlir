// RUN: rm -f %t.so %t.h
// RUN: not attn-compile %s -o %t.so 2>&1 | FileCheck %s -DFILE=%s
// RUN: not test -e %t.so
// RUN: not test -e %t.h

// An op the code generator does not handle (here from the tosa dialect,
// which attn-compile registers and verifies) is reported at the op.

// CHECK: [[FILE]]:[[@LINE+2]]:8: error: 'tosa.exp' op cannot be compiled by attn-compile yet; the code generator handles attn ops, func.return and dense arith.constant tensors
func.func @f(%a: tensor<4xf32>) -> tensor<4xf32> {
  %0 = tosa.exp %a : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
