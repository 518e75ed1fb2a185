// RUN: rm -f %t.so %t.h
// RUN: not attn-compile %s -o %t.so 2>&1 | FileCheck %s -DFILE=%s
// RUN: not test -e %t.so
// RUN: not test -e %t.h

// attn.name = "float" would generate `const float *float`: rejected at the
// argument, like a name that is not a C identifier.

// CHECK: [[FILE]]:[[@LINE+2]]:14: error: name 'float' is a C keyword or standard type name
// CHECK-NOT: entry_points.c
func.func @f(%a: tensor<4xf32> {attn.name = "float"}) -> tensor<4xf32> {
  %0 = attn.scale %a by 2.000000e+00 : tensor<4xf32>
  return %0 : tensor<4xf32>
}
