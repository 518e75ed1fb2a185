// RUN: rm -f %t.so %t.h
// RUN: not attn-compile %s -o %t.so --target=x86-64-linux-cuda 2>&1 | FileCheck %s -DFILE=%s
// RUN: not test -e %t.so
// RUN: not test -e %t.h
// RUN: not attn-compile %s --emit=halide-stmt --target=host-cuda 2>&1 | FileCheck %s --check-prefix=HOST

// A valid Halide target string with a GPU feature is rejected too, for
// every kind of output.

// CHECK: [[FILE]]:{{[0-9]+}}:{{[0-9]+}}: error: target 'x86-64-linux-cuda' has GPU features; GPU targets are not supported yet
// HOST: error: target 'host-cuda' has GPU features; GPU targets are not supported yet
func.func @f(%a: tensor<8xf32>) -> tensor<8xf32> {
  %0 = attn.scale %a by 2.000000e+00 : tensor<8xf32>
  return %0 : tensor<8xf32>
}
