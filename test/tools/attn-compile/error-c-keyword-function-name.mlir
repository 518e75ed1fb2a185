// RUN: rm -f %t.so %t.h
// RUN: not attn-compile %s -o %t.so 2>&1 | FileCheck %s -DFILE=%s
// RUN: not test -e %t.so
// RUN: not test -e %t.h

// A C keyword is a C identifier but cannot name the exported function; it is
// rejected at the function before any C is generated (not as an error of
// the C compiler in the generated entry_points.c).

// CHECK: [[FILE]]:[[@LINE+2]]:1: error: function name 'int' is a C keyword or standard type name; rename the function
// CHECK-NOT: entry_points.c
func.func @int(%a: tensor<4xf32>) -> tensor<4xf32> {
  %0 = attn.scale %a by 2.000000e+00 : tensor<4xf32>
  return %0 : tensor<4xf32>
}
