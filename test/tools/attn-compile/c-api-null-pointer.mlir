// RUN: rm -rf %t && mkdir -p %t
// RUN: attn-compile %s -o %t/libsdpa.so
// RUN: cc -std=c11 -Wall -Werror %S/Inputs/null_pointer.c -I %t -L %t -lsdpa -Wl,-rpath,%t -o %t/null_pointer
// RUN: %t/null_pointer | FileCheck %s

// The dense entry point rejects a null pointer with ATTN_ERROR_NULL_POINTER,
// names the function and the argument in attn_last_error(), and does not
// touch the output.

// CHECK: rc=1 null_pointer=1
// CHECK-NEXT: error: sdpa: argument 'k' is a null pointer
// CHECK-NEXT: output untouched: 1
func.func @sdpa(%q: tensor<1x1x2x4xf32> {attn.name = "q"},
                %k: tensor<1x1x4x4xf32> {attn.name = "k"},
                %v: tensor<1x1x4x4xf32> {attn.name = "v"}) -> (tensor<1x1x2x4xf32> {attn.name = "out"}) {
  %o = attn.attention %q, %k, %v
      : tensor<1x1x2x4xf32>, tensor<1x1x4x4xf32>, tensor<1x1x4x4xf32> -> tensor<1x1x2x4xf32>
  return %o : tensor<1x1x2x4xf32>
}
