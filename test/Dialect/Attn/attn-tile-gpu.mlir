// RUN: attn-opt %s --split-input-file --attn-tile=gpu | FileCheck %s
// RUN: attn-opt %s --split-input-file --attn-tile="gpu kv-tile=8" | FileCheck %s --check-prefix=OVERRIDE

// With `gpu`, --attn-tile records the GPU kernel's tiles (attn/GpuSchedule.h,
// what attn-compile sets for CUDA and OpenCL targets): 32 x 32 where a
// thread block's stages fit the shared memory.
// CHECK-LABEL: func.func @dense
//       CHECK:   tiling <query_tile = 32, kv_tile = 32, kv_splits = 1>
// OVERRIDE-LABEL: func.func @dense
//       OVERRIDE:   tiling <query_tile = 32, kv_tile = 8, kv_splits = 1>
func.func @dense(%q: tensor<2x16x2048x64xf32>) -> tensor<2x16x2048x64xf32> {
  %o = attn.attention %q, %q, %q : tensor<2x16x2048x64xf32>, tensor<2x16x2048x64xf32>, tensor<2x16x2048x64xf32> -> tensor<2x16x2048x64xf32>
  return %o : tensor<2x16x2048x64xf32>
}

// -----

// A head dim of 128: the KV tile halves to 16 keys, then the query tile
// to 16 rows, so that the Q tile stays in shared memory.
// CHECK-LABEL: func.func @wide_head
//       CHECK:   tiling <query_tile = 16, kv_tile = 16, kv_splits = 1>
func.func @wide_head(%q: tensor<1x16x2048x128xf32>) -> tensor<1x16x2048x128xf32> {
  %o = attn.attention %q, %q, %q : tensor<1x16x2048x128xf32>, tensor<1x16x2048x128xf32>, tensor<1x16x2048x128xf32> -> tensor<1x16x2048x128xf32>
  return %o : tensor<1x16x2048x128xf32>
}

// -----

// GQA decode (256 blocks of one row): the KV range split four ways, each
// split 32 tiles of 32 keys (64 halved to fit a head dim of 128).
// CHECK-LABEL: func.func @decode
//       CHECK:   tiling <query_tile = 1, kv_tile = 32, kv_splits = 4>
func.func @decode(%q: tensor<8x32x1x128xf32>, %k: tensor<8x8x4096x128xf32>, %v: tensor<8x8x4096x128xf32>) -> tensor<8x32x1x128xf32> {
  %o = attn.attention %q, %k, %v : tensor<8x32x1x128xf32>, tensor<8x8x4096x128xf32>, tensor<8x8x4096x128xf32> -> tensor<8x32x1x128xf32>
  return %o : tensor<8x32x1x128xf32>
}

// -----

// A tiling already in the IR is kept (the code generator checks that it
// fits).
// CHECK-LABEL: func.func @written
//       CHECK:   tiling <query_tile = 16, kv_tile = 64, kv_splits = 1>
func.func @written(%q: tensor<1x2x300x64xf32>) -> tensor<1x2x300x64xf32> {
  %o = attn.attention %q, %q, %q tiling <query_tile = 16, kv_tile = 64, kv_splits = 1> : tensor<1x2x300x64xf32>, tensor<1x2x300x64xf32>, tensor<1x2x300x64xf32> -> tensor<1x2x300x64xf32>
  return %o : tensor<1x2x300x64xf32>
}
