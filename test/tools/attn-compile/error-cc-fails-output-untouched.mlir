// RUN: rm -f %t.so %t.h
// RUN: echo "previous library" > %t.so
// RUN: echo "previous header" > %t.h
// RUN: not attn-compile %s -o %t.so --cc=false 2>&1 | FileCheck %s -DFILE=%s
// RUN: FileCheck %s --check-prefix=LIB < %t.so
// RUN: FileCheck %s --check-prefix=HEADER < %t.h

// A failure late in the build (the C compiler fails) reports which step
// failed and still leaves the previous outputs untouched.

// CHECK: [[FILE]]:{{[0-9]+}}:{{[0-9]+}}: error: failed to compile the generated entry points (false exited with 1
// LIB: previous library
// HEADER: previous header
func.func @f(%a: tensor<8xf32>) -> tensor<8xf32> {
  %0 = attn.scale %a by 2.000000e+00 : tensor<8xf32>
  return %0 : tensor<8xf32>
}
