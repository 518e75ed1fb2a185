// RUN: rm -f %t.so %t.h
// RUN: not attn-compile %s -o %t.so 2>&1 | FileCheck %s -DFILE=%s
// RUN: not test -e %t.so
// RUN: not test -e %t.h

// @f exports f and f_halide, so a second public function @f_halide would
// define f_halide twice; the clash is reported at the second function.

// CHECK: [[FILE]]:[[@LINE+7]]:1: error: function name 'f_halide' clashes with the Halide entry point of function 'f'
// CHECK-NOT: entry_points.c
func.func @f(%a: tensor<4xf32>) -> tensor<4xf32> {
  %0 = attn.scale %a by 2.000000e+00 : tensor<4xf32>
  return %0 : tensor<4xf32>
}

func.func @f_halide(%a: tensor<4xf32>) -> tensor<4xf32> {
  %0 = attn.scale %a by 3.000000e+00 : tensor<4xf32>
  return %0 : tensor<4xf32>
}
