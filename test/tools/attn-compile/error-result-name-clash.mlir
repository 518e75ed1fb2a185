// RUN: rm -f %t.so %t.h
// RUN: not attn-compile %s -o %t.so 2>&1 | FileCheck %s -DFILE=%s
// RUN: not test -e %t.so

// Results share the parameter namespace with the arguments.

// CHECK: [[FILE]]:[[@LINE+1]]:1: error: name 'out' is used twice
func.func @f(%a: tensor<4xf32> {attn.name = "out"}) -> (tensor<4xf32> {attn.name = "out"}) {
  %0 = attn.scale %a by 2.000000e+00 : tensor<4xf32>
  return %0 : tensor<4xf32>
}
