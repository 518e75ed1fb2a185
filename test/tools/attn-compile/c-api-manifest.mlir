// RUN: rm -rf %t && mkdir -p %t
// RUN: attn-compile %s -o %t/libsdpa.so
// RUN: cc -std=c11 -Wall -Werror %S/Inputs/print_manifest.c -I %t -L %t -lsdpa -Wl,-rpath,%t -o %t/print_manifest
// RUN: %t/print_manifest | FileCheck %s

// attn_manifest() describes the library: its name (the -o stem), the
// resolved target, and per function the symbols, argument and result names,
// shapes and dtypes, and the attention schedule (the tiling chosen in the IR:
// 2 query rows and all 4 keys in one block, the two-pass form).

// CHECK: "abi_version": 1,
// CHECK: "functions": [
// CHECK: "args": [
// CHECK: "dtype": "f32",
// CHECK-NEXT: "name": "q",
// CHECK-NEXT: "shape": [
// CHECK-NEXT: 1,
// CHECK-NEXT: 1,
// CHECK-NEXT: 2,
// CHECK-NEXT: 4
// CHECK: "dtype": "i1",
// CHECK-NEXT: "name": "keep",
// CHECK: "halide_symbol": "sdpa_halide",
// CHECK-NEXT: "name": "sdpa",
// CHECK-NEXT: "results": [
// CHECK: "name": "out",
// CHECK: "schedule": {
// CHECK-NEXT: "attention": [
// CHECK: "form": "two_pass",
// CHECK: "kv_splits": 1,
// CHECK-NEXT: "kv_tile": 4,
// CHECK: "query_tile": 2,
// CHECK: "symbol": "sdpa"
// CHECK: "library": "libsdpa",
// CHECK-NEXT: "target": "{{[a-z0-9_]+-[0-9]+-[a-z]+.*}}"
func.func @sdpa(%q: tensor<1x1x2x4xf32> {attn.name = "q"},
                %k: tensor<1x1x4x4xf32> {attn.name = "k"},
                %v: tensor<1x1x4x4xf32> {attn.name = "v"},
                %m: tensor<2x4xi1> {attn.name = "keep"}) -> (tensor<1x1x2x4xf32> {attn.name = "out"}) {
  %o = attn.attention %q, %k, %v mask(%m : tensor<2x4xi1>)
      : tensor<1x1x2x4xf32>, tensor<1x1x4x4xf32>, tensor<1x1x4x4xf32> -> tensor<1x1x2x4xf32>
  return %o : tensor<1x1x2x4xf32>
}
