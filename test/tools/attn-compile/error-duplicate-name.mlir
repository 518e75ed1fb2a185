// RUN: rm -f %t.so %t.h
// RUN: not attn-compile %s -o %t.so 2>&1 | FileCheck %s -DFILE=%s
// RUN: not test -e %t.so
// RUN: not test -e %t.h

// Two arguments with the same attn.name would declare the same C parameter
// twice; the second one is reported.

// CHECK: [[FILE]]:[[@LINE+1]]:51: error: name 'x' is used twice
func.func @f(%a: tensor<4xf32> {attn.name = "x"}, %b: tensor<4xf32> {attn.name = "x"}) -> tensor<4xf32> {
  %0 = attn.add %a, %b : tensor<4xf32>, tensor<4xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
