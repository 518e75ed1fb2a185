// RUN: rm -f %t.so %t.h
// RUN: not attn-compile %s -o %t.so 2>&1 | FileCheck %s -DFILE=%s
// RUN: not test -e %t.so

// Halide indexes buffers with 32-bit integers: a tensor of 2^32 elements is
// rejected before code generation (not a Halide crash).

// CHECK: [[FILE]]:{{[0-9]+}}:{{[0-9]+}}: error: {{.*}}4294967296 elements, more than the 2^31-1 that the code generator can index
func.func @f(%a: tensor<65536x65536xf32>) -> tensor<65536x65536xf32> {
  %0 = attn.scale %a by 2.000000e+00 : tensor<65536x65536xf32>
  return %0 : tensor<65536x65536xf32>
}
