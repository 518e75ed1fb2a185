// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: not attn-compile %s -o - 2>&1 | FileCheck %s
// RUN: not attn-compile %s --emit=object -o - 2>&1 | FileCheck %s
// RUN: ls -A %t | count 0

// `-o -` means stdout for the text outputs, but a library (or object) and
// its header cannot go to stdout: an error, and no file named "-" or "-.h"
// in the current directory.

// CHECK: attn-compile: error: --emit=shared and --emit=object write binary files; -o needs a file path, not '-'
func.func @f(%a: tensor<8xf32>) -> tensor<8xf32> {
  %0 = attn.scale %a by 2.000000e+00 : tensor<8xf32>
  return %0 : tensor<8xf32>
}
