// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: not attn-compile %s 2>&1 | FileCheck %s
// RUN: not attn-compile %s --emit=shared 2>&1 | FileCheck %s
// RUN: not attn-compile %s --emit=object 2>&1 | FileCheck %s
// RUN: ls %t | count 0

// A library or an object needs -o; nothing is written in the current
// directory instead.

// CHECK: attn-compile: error: -o is required with --emit=shared and --emit=object
func.func @f(%a: tensor<8xf32>) -> tensor<8xf32> {
  %0 = attn.scale %a by 2.000000e+00 : tensor<8xf32>
  return %0 : tensor<8xf32>
}
