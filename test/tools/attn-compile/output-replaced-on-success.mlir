// RUN: rm -f %t.so %t.h
// RUN: echo "old library" > %t.so
// RUN: echo "old header" > %t.h
// RUN: attn-compile %s -o %t.so
// RUN: llvm-readelf -h %t.so | FileCheck %s --check-prefix=ELF
// RUN: FileCheck %s --check-prefix=HEADER < %t.h

// A successful build replaces existing outputs.

// ELF: Type: DYN (Shared object file)
// HEADER-NOT: old header
// HEADER: int f(const float *arg0, float *result0);
func.func @f(%a: tensor<8xf32>) -> tensor<8xf32> {
  %0 = attn.scale %a by 2.000000e+00 : tensor<8xf32>
  return %0 : tensor<8xf32>
}
