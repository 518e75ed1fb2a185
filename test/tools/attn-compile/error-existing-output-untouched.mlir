// RUN: rm -f %t.so %t.h
// RUN: echo "previous library" > %t.so
// RUN: echo "previous header" > %t.h
// RUN: not attn-compile %s -o %t.so 2>&1 | FileCheck %s
// RUN: FileCheck %s --check-prefix=LIB < %t.so
// RUN: FileCheck %s --check-prefix=HEADER < %t.h

// A failed compilation leaves an existing library and header exactly as they
// were: outputs are built aside and moved into place only at the end.

// CHECK: error: 'attn.softmax' op axis
// LIB: previous library
// HEADER: previous header
func.func @f(%a: tensor<4xf32>) -> tensor<4xf32> {
  %0 = attn.softmax %a axis(1) : tensor<4xf32>
  return %0 : tensor<4xf32>
}
