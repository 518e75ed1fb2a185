// RUN: rm -rf %t && mkdir -p %t
// RUN: attn-compile %s -o %t/libsdpa.so --target=x86-64-linux-sse41
// RUN: cc -std=c11 -Wall -Werror %S/Inputs/print_manifest.c -I %t -L %t -lsdpa -Wl,-rpath,%t -o %t/print_manifest
// RUN: %t/print_manifest | FileCheck %s
// RUN: %t/print_manifest | FileCheck %s --check-prefix=WIDTH
// RUN: attn-compile %s --emit=halide-stmt --target=x86-64-linux-sse41 | FileCheck %s --check-prefix=STMT

// An explicit Halide CPU target is used as given (here SSE4.1 only, so
// 4-wide f32 vectors, which the host also runs) and recorded in the
// manifest; the schedule in the manifest uses its vector width.

// CHECK: "target": "x86-64-linux-sse41"
// WIDTH: "vector_width": 4
// STMT: module name=s0_attention, target=x86-64-linux-no_bounds_query-no_runtime-sse41
// STMT-NOT: x8(
func.func @sdpa(%q: tensor<1x1x16x8xf32> {attn.name = "q"},
                %k: tensor<1x1x16x8xf32> {attn.name = "k"},
                %v: tensor<1x1x16x8xf32> {attn.name = "v"}) -> tensor<1x1x16x8xf32> {
  %o = attn.attention %q, %k, %v
      : tensor<1x1x16x8xf32>, tensor<1x1x16x8xf32>, tensor<1x1x16x8xf32> -> tensor<1x1x16x8xf32>
  return %o : tensor<1x1x16x8xf32>
}
