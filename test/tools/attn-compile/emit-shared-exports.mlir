// RUN: rm -rf %t && mkdir -p %t
// RUN: attn-compile %s -o %t/libtwo.so
// RUN: llvm-nm -D --defined-only --format=just-symbols %t/libtwo.so | sort | FileCheck %s
// RUN: llvm-nm -D --defined-only --format=just-symbols %t/libtwo.so | count 7

// The library exports exactly the contract: name and name_halide per public
// function, attn_last_error, attn_manifest and attn_release_scratch. Private
// functions, the pipelines, the Halide runtime and the attn runtime helpers
// stay hidden.

// CHECK: attn_last_error
// CHECK-NEXT: attn_manifest
// CHECK-NEXT: attn_release_scratch
// CHECK-NEXT: first
// CHECK-NEXT: first_halide
// CHECK-NEXT: second
// CHECK-NEXT: second_halide
func.func @first(%a: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %0 = attn.scale %a by 3.000000e+00 : tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}

func.func private @helper(%a: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %0 = attn.scale %a by 4.000000e+00 : tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}

func.func @second(%a: tensor<2x8xf32>, %b: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %0 = attn.add %a, %b : tensor<2x8xf32>, tensor<2x8xf32> -> tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}
