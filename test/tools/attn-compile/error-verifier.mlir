// RUN: rm -f %t.so %t.h
// RUN: not attn-compile %s -o %t.so 2>&1 | FileCheck %s -DFILE=%s
// RUN: not test -e %t.so
// RUN: not test -e %t.h

// IR that parses but fails the verifier: the op's diagnostic at its
// file:line:col, nothing written.

// CHECK: [[FILE]]:[[@LINE+2]]:8: error: 'attn.softmax' op axis 3 is out of range for rank 1
func.func @f(%a: tensor<4xf32>) -> tensor<4xf32> {
  %0 = attn.softmax %a axis(3) : tensor<4xf32>
  return %0 : tensor<4xf32>
}
