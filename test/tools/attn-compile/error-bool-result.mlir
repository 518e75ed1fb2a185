// RUN: rm -f %t.so %t.h
// RUN: not attn-compile %s -o %t.so 2>&1 | FileCheck %s -DFILE=%s
// RUN: not test -e %t.so

// i1 is accepted for arguments (masks) but results must be f32.

// CHECK: [[FILE]]:[[@LINE+1]]:1: error: result 'result0' has element type 'i1'
func.func @f(%m: tensor<4xi1>) -> tensor<4xi1> {
  return %m : tensor<4xi1>
}
