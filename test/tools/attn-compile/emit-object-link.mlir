// RUN: rm -rf %t && mkdir -p %t
// RUN: attn-compile %s --emit=object -o %t/libsdpa.o
// RUN: cc -std=c11 -Wall -Werror %S/Inputs/run_sdpa.c %t/libsdpa.o -I %t -lpthread -ldl -lm -o %t/run_sdpa
// RUN: %t/run_sdpa | FileCheck %s

// The object links straight into a C program with only the system
// libraries, and computes what the shared library does.

// CHECK: rc=0
// CHECK-NEXT: row 0: 6.000 7.000 8.000 9.000
// CHECK-NEXT: row 1: 6.000 7.000 8.000 9.000
func.func @sdpa(%q: tensor<1x1x2x4xf32> {attn.name = "q"},
                %k: tensor<1x1x4x4xf32> {attn.name = "k"},
                %v: tensor<1x1x4x4xf32> {attn.name = "v"}) -> (tensor<1x1x2x4xf32> {attn.name = "out"}) {
  %o = attn.attention %q, %k, %v
      : tensor<1x1x2x4xf32>, tensor<1x1x4x4xf32>, tensor<1x1x4x4xf32> -> tensor<1x1x2x4xf32>
  return %o : tensor<1x1x2x4xf32>
}
