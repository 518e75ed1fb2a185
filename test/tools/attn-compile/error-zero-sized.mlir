// RUN: rm -f %t.so %t.h
// RUN: not attn-compile %s -o %t.so 2>&1 | FileCheck %s -DFILE=%s
// RUN: not test -e %t.so

// CHECK: [[FILE]]:[[@LINE+1]]:14: error: argument 'arg0' has a zero-sized dimension
func.func @f(%a: tensor<0x4xf32>) -> tensor<0x4xf32> {
  return %a : tensor<0x4xf32>
}
