// RUN: rm -f %t.so %t.h
// RUN: not attn-compile %s -o %t.so 2>&1 | FileCheck %s -DFILE=%s
// RUN: not test -e %t.so
// RUN: not test -e %t.h

// CHECK: [[FILE]]:[[@LINE+1]]:1: error: a compiled function must return at least one tensor
func.func @f(%a: tensor<4xf32>) {
  return
}
