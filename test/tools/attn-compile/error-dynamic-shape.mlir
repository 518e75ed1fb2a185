// RUN: rm -f %t.so %t.h
// RUN: not attn-compile %s -o %t.so 2>&1 | FileCheck %s -DFILE=%s
// RUN: not test -e %t.so
// RUN: not test -e %t.h

// A dynamic dimension cannot cross the C ABI; the error points at the
// argument and names it.

// CHECK: [[FILE]]:[[@LINE+1]]:14: error: argument 'x' must be a statically shaped ranked tensor, got 'tensor<?x4xf32>'
func.func @f(%a: tensor<?x4xf32> {attn.name = "x"}) -> tensor<?x4xf32> {
  return %a : tensor<?x4xf32>
}
