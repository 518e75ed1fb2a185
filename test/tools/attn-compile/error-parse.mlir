// RUN: rm -f %t.so %t.h
// RUN: not attn-compile %s -o %t.so 2>&1 | FileCheck %s -DFILE=%s
// RUN: not test -e %t.so
// RUN: not test -e %t.h

// A parse error is reported at its file:line:col, the exit code is non-zero
// and neither the library nor the header is written.

// CHECK: [[FILE]]:[[@LINE+3]]:27: error: expected '>' in tensor type
func.func @f(%a: tensor<4xf32>) -> tensor<4xf32> {
  %0 = attn.scale %a by 2.000000e+00 : tensor<4xf32>
  return %0 : tensor<4xf32
}
