// RUN: rm -f %t.so %t.h
// RUN: not attn-compile %s -o %t.so --target=not-a-target 2>&1 | FileCheck %s -DFILE=%s
// RUN: not test -e %t.so
// RUN: not test -e %t.h

// CHECK: [[FILE]]:{{[0-9]+}}:{{[0-9]+}}: error: unknown target 'not-a-target'; use 'host', 'cuda', 'cuda-smNN', 'opencl' or a Halide target string such as 'x86-64-linux-avx2'
func.func @f(%a: tensor<8xf32>) -> tensor<8xf32> {
  %0 = attn.scale %a by 2.000000e+00 : tensor<8xf32>
  return %0 : tensor<8xf32>
}
