// RUN: rm -f %t.so %t.h
// RUN: not attn-compile %s -o %t.so 2>&1 | FileCheck %s -DFILE=%s
// RUN: not test -e %t.so

// The halide_ prefix is reserved like attn_: halide_malloc would clash with
// the Halide runtime the library embeds.

// CHECK: [[FILE]]:[[@LINE+2]]:1: error: function name 'halide_malloc' uses a prefix reserved for the runtime ('attn_', 'halide_', '__'); rename the function
// CHECK-NOT: entry_points.c
func.func @halide_malloc(%a: tensor<4xf32>) -> tensor<4xf32> {
  %0 = attn.scale %a by 2.000000e+00 : tensor<4xf32>
  return %0 : tensor<4xf32>
}
