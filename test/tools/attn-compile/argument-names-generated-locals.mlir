// RUN: rm -rf %t && mkdir -p %t
// RUN: attn-compile %s -o %t/libf.so
// RUN: llvm-nm -D --defined-only --format=just-symbols %t/libf.so | FileCheck %s
// RUN: FileCheck %s --check-prefix=HEADER < %t/libf.h

// Argument names that look like the locals of the generated entry points
// (rc, b1, d0, an entry's shape table f_shape_0) compile: the generated code
// keeps its own names out of the parameters' way.

// CHECK: f
// CHECK: f_halide
// HEADER: int f(const float *rc, const float *b1, const float *d0, const float *f_shape_0, float *result0);
func.func @f(%a: tensor<4xf32> {attn.name = "rc"}, %b: tensor<4xf32> {attn.name = "b1"},
             %c: tensor<4xf32> {attn.name = "d0"}, %d: tensor<4xf32> {attn.name = "f_shape_0"}) -> tensor<4xf32> {
  %0 = attn.add %a, %b : tensor<4xf32>, tensor<4xf32> -> tensor<4xf32>
  %1 = attn.add %0, %c : tensor<4xf32>, tensor<4xf32> -> tensor<4xf32>
  %2 = attn.add %1, %d : tensor<4xf32>, tensor<4xf32> -> tensor<4xf32>
  return %2 : tensor<4xf32>
}
