// RUN: rm -f %t.so %t.h
// RUN: not attn-compile %s -o %t.so 2>&1 | FileCheck %s -DFILE=%s
// RUN: not test -e %t.so
// RUN: not test -e %t.h

// Private functions are not exported, so this module has nothing to compile.

// CHECK: [[FILE]]:{{[0-9]+}}:{{[0-9]+}}: error: the module has no public function to compile
func.func private @helper(%a: tensor<8xf32>) -> tensor<8xf32> {
  %0 = attn.scale %a by 2.000000e+00 : tensor<8xf32>
  return %0 : tensor<8xf32>
}
