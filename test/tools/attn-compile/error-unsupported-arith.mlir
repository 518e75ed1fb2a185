// RUN: rm -f %t.so %t.h
// RUN: not attn-compile %s -o %t.so 2>&1 | FileCheck %s -DFILE=%s
// RUN: not test -e %t.so

// Of the arith dialect only dense tensor constants are compiled.

// CHECK: [[FILE]]:[[@LINE+2]]:8: error: 'arith.addf' op cannot be compiled by attn-compile yet
func.func @f(%a: tensor<4xf32>) -> tensor<4xf32> {
  %0 = arith.addf %a, %a : tensor<4xf32>
  return %0 : tensor<4xf32>
}
