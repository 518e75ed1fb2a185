// RUN: rm -f %t.so %t.h
// RUN: not attn-compile %s -o %t.so 2>&1 | FileCheck %s -DFILE=%s
// RUN: not test -e %t.so

// The dense entry point g(...) calls g_halide(...): an argument named
// "g_halide" would shadow it inside g's body. Reported at the function, not
// as a C compiler error.

// CHECK: [[FILE]]:[[@LINE+2]]:1: error: argument or result name 'g_halide' of function 'g' is also the name of an exported function
// CHECK-NOT: entry_points.c
func.func @g(%a: tensor<4xf32> {attn.name = "g_halide"}) -> tensor<4xf32> {
  %0 = attn.scale %a by 2.000000e+00 : tensor<4xf32>
  return %0 : tensor<4xf32>
}
