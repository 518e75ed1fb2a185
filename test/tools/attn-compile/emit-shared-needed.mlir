// RUN: rm -f %t.so %t.h
// RUN: attn-compile %s -o %t.so
// RUN: llvm-readelf -d %t.so | FileCheck %s
// RUN: llvm-readelf -d %t.so | grep NEEDED \
// RUN:   | not grep -v -E '\[(libc|libm|libpthread|libdl)\.so\.[0-9]+\]|\[ld-linux[-a-z0-9_.]*\.so\.[0-9]+\]'

// The library depends on the C library only: every NEEDED entry is libc,
// libm, libpthread, libdl, or the dynamic loader (which glibc's TLS access
// may pull in). No libHalide, no libstdc++, no LLVM.

// CHECK: (NEEDED) Shared library: [libc.so.{{[0-9]+}}]
// CHECK-NOT: Halide
// CHECK-NOT: libstdc++
func.func @f(%q: tensor<1x1x8x8xf32>, %k: tensor<1x1x8x8xf32>,
             %v: tensor<1x1x8x8xf32>) -> tensor<1x1x8x8xf32> {
  %o = attn.attention %q, %k, %v
      : tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32> -> tensor<1x1x8x8xf32>
  return %o : tensor<1x1x8x8xf32>
}
