// RUN: rm -f %t.so %t.h
// RUN: not attn-compile %s -o %t.so 2>&1 | FileCheck %s -DFILE=%s
// RUN: not test -e %t.so

// The attn_ prefix is reserved for the library's own symbols
// (attn_last_error, attn_manifest).

// CHECK: [[FILE]]:[[@LINE+1]]:1: error: function name 'attn_manifest' uses a prefix reserved for the runtime ('attn_', 'halide_', '__'); rename the function
func.func @attn_manifest(%a: tensor<4xf32>) -> tensor<4xf32> {
  return %a : tensor<4xf32>
}
