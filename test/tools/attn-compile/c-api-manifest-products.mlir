// RUN: rm -rf %t && mkdir -p %t
// RUN: attn-compile %s -o %t/libproducts.so --target=x86-64-linux-avx2-fma
// RUN: cc -std=c11 -Wall -Werror -DATTN_HEADER='"libproducts.h"' %S/Inputs/print_manifest.c -I %t -L %t -lproducts -Wl,-rpath,%t -o %t/print_manifest
// RUN: %t/print_manifest | FileCheck %s

// The manifest records each product's schedule (attn.linear, attn.matmul,
// the projections of multi-head attention) beside the attention's: per
// task a column panel of 16 columns (two AVX2 vectors) x up to 64 rows, in
// register blocks of 4 rows x 16 columns, over depth blocks of at most 256
// (the 300 of the linear split in two equal blocks of 150).

// CHECK: "name": "proj",
// CHECK: "schedule": {
// CHECK-NEXT: "attention": [],
// CHECK-NEXT: "products": [
// CHECK-NEXT: {
// CHECK-NEXT: "depth": 300,
// CHECK-NEXT: "depth_block": 150,
// CHECK-NEXT: "form": "packed_panels",
// CHECK-NEXT: "name": "s0_linear",
// CHECK-NEXT: "register_block": [
// CHECK-NEXT: 4,
// CHECK-NEXT: 16
// CHECK-NEXT: ],
// CHECK-NEXT: "rows_per_task": 64,
// CHECK-NEXT: "shape": [
// CHECK-NEXT: 1,
// CHECK-NEXT: 100,
// CHECK-NEXT: 70
// CHECK-NEXT: ],
// CHECK-NEXT: "vector_width": 8
// CHECK-NEXT: },
// CHECK-NEXT: {
// CHECK-NEXT: "depth": 96,
// CHECK-NEXT: "depth_block": 96,
// CHECK-NEXT: "form": "packed_panels",
// CHECK-NEXT: "name": "s1_matmul",
// CHECK: "shape": [
// CHECK-NEXT: 2,
// CHECK-NEXT: 64,
// CHECK-NEXT: 40
// CHECK-NEXT: ],
// CHECK-NEXT: "vector_width": 8
// CHECK-NEXT: }
// CHECK-NEXT: ]
// CHECK-NEXT: },
// CHECK-NEXT: "symbol": "proj"

// A function without products has no "products" key.
// CHECK: "name": "attention_only",
// CHECK: "schedule": {
// CHECK-NEXT: "attention": [
// CHECK: "symbol": "attention_only"
// CHECK-NOT: "products"
func.func @proj(%x: tensor<1x100x300xf32> {attn.name = "x"},
                %w: tensor<70x300xf32> {attn.name = "w"},
                %b: tensor<70xf32> {attn.name = "b"},
                %p: tensor<2x64x96xf32> {attn.name = "p"},
                %v: tensor<2x96x40xf32> {attn.name = "v"})
    -> (tensor<1x100x70xf32> {attn.name = "y"},
        tensor<2x64x40xf32> {attn.name = "z"}) {
  %y = attn.linear %x, %w bias(%b : tensor<70xf32>)
      : tensor<1x100x300xf32>, tensor<70x300xf32> -> tensor<1x100x70xf32>
  %z = attn.matmul %p, %v
      : tensor<2x64x96xf32>, tensor<2x96x40xf32> -> tensor<2x64x40xf32>
  return %y, %z : tensor<1x100x70xf32>, tensor<2x64x40xf32>
}

func.func @attention_only(%q: tensor<1x1x8x16xf32>) -> tensor<1x1x8x16xf32> {
  %o = attn.attention %q, %q, %q
      : tensor<1x1x8x16xf32>, tensor<1x1x8x16xf32>, tensor<1x1x8x16xf32> -> tensor<1x1x8x16xf32>
  return %o : tensor<1x1x8x16xf32>
}
