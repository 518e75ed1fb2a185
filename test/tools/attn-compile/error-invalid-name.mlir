// RUN: rm -f %t.so %t.h
// RUN: not attn-compile %s -o %t.so 2>&1 | FileCheck %s -DFILE=%s
// RUN: not test -e %t.so
// RUN: not test -e %t.h

// attn.name becomes a C parameter name, so it must be a C identifier.

// CHECK: [[FILE]]:[[@LINE+1]]:14: error: name 'my input' is not a C identifier
func.func @f(%a: tensor<4xf32> {attn.name = "my input"}) -> tensor<4xf32> {
  %0 = attn.scale %a by 2.000000e+00 : tensor<4xf32>
  return %0 : tensor<4xf32>
}
