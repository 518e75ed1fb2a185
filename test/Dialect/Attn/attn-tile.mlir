// RUN: attn-opt %s --split-input-file --attn-tile | FileCheck %s
// RUN: attn-opt %s --split-input-file --attn-tile="query-tile=16 kv-tile=128" | FileCheck %s --check-prefix=OVERRIDE

// Short key ranges: one block of all keys (rounded up to 16), the two-pass
// form; query tiles of 64 rows.
// CHECK-LABEL: func.func @prefill_short
//       CHECK:   attn.attention {{.*}} tiling <query_tile = 64, kv_tile = 208, kv_splits = 1>
// OVERRIDE-LABEL: func.func @prefill_short
//       OVERRIDE:   tiling <query_tile = 16, kv_tile = 128, kv_splits = 1>
func.func @prefill_short(%q: tensor<1x8x1024x64xf32>, %k: tensor<1x8x200x64xf32>, %v: tensor<1x8x200x64xf32>) -> tensor<1x8x1024x64xf32> {
  %o = attn.attention %q, %k, %v : tensor<1x8x1024x64xf32>, tensor<1x8x200x64xf32>, tensor<1x8x200x64xf32> -> tensor<1x8x1024x64xf32>
  return %o : tensor<1x8x1024x64xf32>
}

// -----

// Longer key ranges: online blocks of 256 keys, which stay in L2.
// CHECK-LABEL: func.func @prefill_long
//       CHECK:   tiling <query_tile = 64, kv_tile = 256, kv_splits = 1>
func.func @prefill_long(%q: tensor<1x8x4096x64xf32>, %k: tensor<1x8x4096x64xf32>, %v: tensor<1x8x4096x64xf32>) -> tensor<1x8x4096x64xf32> {
  %o = attn.attention %q, %k, %v : tensor<1x8x4096x64xf32>, tensor<1x8x4096x64xf32>, tensor<1x8x4096x64xf32> -> tensor<1x8x4096x64xf32>
  return %o : tensor<1x8x4096x64xf32>
}

// -----

// Decode with few heads: 2 tasks, 32 blocks of keys: split the keys 9 ways.
// CHECK-LABEL: func.func @decode_split_kv
//       CHECK:   tiling <query_tile = 1, kv_tile = 256, kv_splits = 9>
func.func @decode_split_kv(%q: tensor<1x2x1x128xf32>, %k: tensor<1x2x8192x128xf32>, %v: tensor<1x2x8192x128xf32>) -> tensor<1x2x1x128xf32> {
  %o = attn.attention %q, %k, %v : tensor<1x2x1x128xf32>, tensor<1x2x8192x128xf32>, tensor<1x2x8192x128xf32> -> tensor<1x2x1x128xf32>
  return %o : tensor<1x2x1x128xf32>
}

// -----

// Decode with many heads: enough parallel tasks without splitting.
// CHECK-LABEL: func.func @decode_many_heads
//       CHECK:   tiling <query_tile = 1, kv_tile = 256, kv_splits = 1>
func.func @decode_many_heads(%q: tensor<1x32x1x128xf32>, %k: tensor<1x32x8192x128xf32>, %v: tensor<1x32x8192x128xf32>) -> tensor<1x32x1x128xf32> {
  %o = attn.attention %q, %k, %v : tensor<1x32x1x128xf32>, tensor<1x32x8192x128xf32>, tensor<1x32x8192x128xf32> -> tensor<1x32x1x128xf32>
  return %o : tensor<1x32x1x128xf32>
}

// -----

// A tiling written in the input is kept unless an option overrides it; an
// option replaces only its own field.
// CHECK-LABEL: func.func @keeps_existing
//       CHECK:   tiling <query_tile = 8, kv_tile = 32, kv_splits = 2>
// OVERRIDE-LABEL: func.func @keeps_existing
//       OVERRIDE:   tiling <query_tile = 16, kv_tile = 128, kv_splits = 2>
func.func @keeps_existing(%q: tensor<1x1x40x16xf32>, %k: tensor<1x1x100x16xf32>, %v: tensor<1x1x100x16xf32>) -> tensor<1x1x40x16xf32> {
  %o = attn.attention %q, %k, %v tiling <query_tile = 8, kv_tile = 32, kv_splits = 2> : tensor<1x1x40x16xf32>, tensor<1x1x100x16xf32>, tensor<1x1x100x16xf32> -> tensor<1x1x40x16xf32>
  return %o : tensor<1x1x40x16xf32>
}

// -----

// attn.multi_head_attention is tiled for its per-head attention: 2 heads of
// 300 queries against 300 keys: blocks of 256 keys, and 2 KV splits since
// only 10 query tiles would run.
// CHECK-LABEL: func.func @multi_head
//       CHECK:   attn.multi_head_attention {{.*}} tiling <query_tile = 64, kv_tile = 256, kv_splits = 2>
// OVERRIDE-LABEL: func.func @multi_head
//       OVERRIDE:   tiling <query_tile = 16, kv_tile = 128, kv_splits = 2>
func.func @multi_head(%x: tensor<1x300x16xf32>, %w: tensor<16x16xf32>) -> tensor<1x300x16xf32> {
  %y = attn.multi_head_attention %x, %x, %x heads(2) q_proj(%w : tensor<16x16xf32>) k_proj(%w : tensor<16x16xf32>) v_proj(%w : tensor<16x16xf32>) o_proj(%w : tensor<16x16xf32>) : tensor<1x300x16xf32>, tensor<1x300x16xf32>, tensor<1x300x16xf32> -> tensor<1x300x16xf32>
  return %y : tensor<1x300x16xf32>
}

// -----

// With a block layout, tiles divide its cells: query tiles of 32 for cells
// of 96 rows (gcd with 64), KV blocks of 128 for cells of 128 keys.
// CHECK-LABEL: func.func @layout_aligned
//       CHECK:   attn.attention {{.+}} tiling <query_tile = 32, kv_tile = 128, kv_splits = 1>
func.func @layout_aligned(%q: tensor<1x8x384x64xf32>, %k: tensor<1x8x512x64xf32>) -> tensor<1x8x384x64xf32> {
  %o = attn.attention %q, %k, %k blocks <query_block = 96, key_block = 128, layout = dense<true> : tensor<4x4xi1>> : tensor<1x8x384x64xf32>, tensor<1x8x512x64xf32>, tensor<1x8x512x64xf32> -> tensor<1x8x384x64xf32>
  return %o : tensor<1x8x384x64xf32>
}

// -----

// f16 and bf16 operands are tiled as f32 ones (the kernels compute in f32).
// CHECK-LABEL: func.func @half
//       CHECK:   attn.attention {{.+}} tiling <query_tile = 40, kv_tile = 112, kv_splits = 1> : tensor<1x1x40x16xf16>
//       CHECK:   attn.attention {{.+}} tiling <query_tile = 40, kv_tile = 112, kv_splits = 1> : tensor<1x1x40x16xbf16>
// OVERRIDE-LABEL: func.func @half
//       OVERRIDE:   tiling <query_tile = 16, kv_tile = 128, kv_splits = 1> : tensor<1x1x40x16xf16>
func.func @half(%q: tensor<1x1x40x16xf16>, %k: tensor<1x1x100x16xf16>, %b: tensor<1x1x40x16xbf16>, %c: tensor<1x1x100x16xbf16>) -> (tensor<1x1x40x16xf16>, tensor<1x1x40x16xbf16>) {
  %o = attn.attention %q, %k, %k : tensor<1x1x40x16xf16>, tensor<1x1x100x16xf16>, tensor<1x1x100x16xf16> -> tensor<1x1x40x16xf16>
  %p = attn.attention %b, %c, %c : tensor<1x1x40x16xbf16>, tensor<1x1x100x16xbf16>, tensor<1x1x100x16xbf16> -> tensor<1x1x40x16xbf16>
  return %o, %p : tensor<1x1x40x16xf16>, tensor<1x1x40x16xbf16>
}
