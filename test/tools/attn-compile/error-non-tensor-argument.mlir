// RUN: rm -f %t.so %t.h
// RUN: not attn-compile %s -o %t.so 2>&1 | FileCheck %s -DFILE=%s
// RUN: not test -e %t.so

// CHECK: [[FILE]]:[[@LINE+1]]:33: error: argument 'arg1' must be a statically shaped ranked tensor, got 'i32'
func.func @f(%a: tensor<4xf32>, %n: i32) -> tensor<4xf32> {
  return %a : tensor<4xf32>
}
