// RUN: rm -f %t.so %t.h
// RUN: not attn-compile %s -o %t.so 2>&1 | FileCheck %s -DFILE=%s
// RUN: not test -e %t.so
// RUN: not test -e %t.h

// Arguments are f32, f16, bf16, i1 or i32; an f64 argument is rejected even
// when no attn op uses it.

// CHECK: [[FILE]]:[[@LINE+1]]:14: error: argument 'arg0' has element type 'f64'; only f32, f16, bf16, i1 and i32 are supported
func.func @f(%h: tensor<4xf64>, %a: tensor<4xf32>) -> tensor<4xf32> {
  %0 = attn.scale %a by 2.000000e+00 : tensor<4xf32>
  return %0 : tensor<4xf32>
}
