// RUN: rm -f %t.so %t.h
// RUN: not attn-compile %s -o %t.so --target=cuda 2>&1 | FileCheck %s -DFILE=%s
// RUN: not test -e %t.so
// RUN: not test -e %t.h

// GPU code generation is not supported yet; --target=cuda says so instead of
// calling the target unknown.

// CHECK: [[FILE]]:{{[0-9]+}}:{{[0-9]+}}: error: target 'cuda' is not supported yet: only CPU targets ('host' or a Halide CPU target string) can be compiled
func.func @f(%a: tensor<8xf32>) -> tensor<8xf32> {
  %0 = attn.scale %a by 2.000000e+00 : tensor<8xf32>
  return %0 : tensor<8xf32>
}
