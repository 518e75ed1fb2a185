// RUN: rm -f %t.so %t.h
// RUN: attn-compile %s -o %t.so | count 0
// RUN: llvm-readelf -h %t.so | FileCheck %s
// RUN: test -f %t.h

// Without --emit, attn-compile writes a shared library (and its header),
// silently.

// CHECK: Type: DYN (Shared object file)
func.func @f(%a: tensor<8xf32>) -> tensor<8xf32> {
  %0 = attn.scale %a by 2.000000e+00 : tensor<8xf32>
  return %0 : tensor<8xf32>
}
