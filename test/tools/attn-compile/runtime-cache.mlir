// The Halide runtime is compiled once per target into $ATTN_CACHE_DIR and
// reused; a cache that cannot be created falls back to compiling it each
// time, and the library still works.
// RUN: rm -rf %t && mkdir -p %t
// RUN: env ATTN_CACHE_DIR=%t/cache attn-compile %s -o %t/lib1.so
// RUN: ls %t/cache | count 1
// RUN: ls %t/cache | FileCheck %s
// RUN: env ATTN_CACHE_DIR=%t/cache attn-compile %s -o %t/lib2.so
// RUN: ls %t/cache | count 1
// RUN: llvm-nm -D --defined-only %t/lib2.so | FileCheck %s --check-prefix=SYMS
// RUN: touch %t/not-a-folder
// RUN: env ATTN_CACHE_DIR=%t/not-a-folder/cache attn-compile %s -o %t/lib3.so
// RUN: llvm-nm -D --defined-only %t/lib3.so | FileCheck %s --check-prefix=SYMS

// CHECK: halide-runtime-{{[0-9A-F]+}}.o
// SYMS: T f
func.func @f(%a: tensor<8xf32>) -> tensor<8xf32> {
  %0 = attn.scale %a by 2.000000e+00 : tensor<8xf32>
  return %0 : tensor<8xf32>
}
