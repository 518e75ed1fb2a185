// RUN: attn-opt %s --split-input-file --attn-sparsity | FileCheck %s

// --attn-sparsity: constant band masks become causal / window attributes,
// and each tiled attention records how many (query tile, KV block) pairs
// are empty, full or partial.

// Causal, N = M = 256, tiles of 64 x 64: 4 diagonal blocks partial, the 6
// below full, the 6 above empty.
// CHECK-LABEL: func.func @causal_counts
//       CHECK:   attn.attention {{.+}} causal(top_left) tiling <query_tile = 64, kv_tile = 64, kv_splits = 1> {attn.blocks = {empty = 6 : i64, full = 6 : i64, partial = 4 : i64, source = "causal"}}
func.func @causal_counts(%q: tensor<1x2x256x64xf32>) -> tensor<1x2x256x64xf32> {
  %o = attn.attention %q, %q, %q causal(top_left) tiling <query_tile = 64, kv_tile = 64, kv_splits = 1> : tensor<1x2x256x64xf32>, tensor<1x2x256x64xf32>, tensor<1x2x256x64xf32> -> tensor<1x2x256x64xf32>
  return %o : tensor<1x2x256x64xf32>
}

// -----

// Tiles that do not divide the sizes: N = 100 in query tiles of 64 (rows
// 0..63, 64..99), M = 100 in KV blocks of 32 (keys 0..31, ..., 96..99).
// Tile 0: blocks 0 and 1 partial (row 0 keeps only key 0), blocks 2, 3
// empty. Tile 1 (rows 64..99): blocks 0, 1 full, block 2 (keys 64..95)
// partial, block 3 (keys 96..99) partial.
// CHECK-LABEL: func.func @causal_ragged_tiles
//       CHECK:   {attn.blocks = {empty = 2 : i64, full = 2 : i64, partial = 4 : i64, source = "causal"}}
func.func @causal_ragged_tiles(%q: tensor<1x1x100x16xf32>) -> tensor<1x1x100x16xf32> {
  %o = attn.attention %q, %q, %q causal(top_left) tiling <query_tile = 64, kv_tile = 32, kv_splits = 1> : tensor<1x1x100x16xf32>, tensor<1x1x100x16xf32>, tensor<1x1x100x16xf32> -> tensor<1x1x100x16xf32>
  return %o : tensor<1x1x100x16xf32>
}

// -----

// Bottom-right causal with N = 2 queries against M = 8 keys in blocks of 4:
// row 0 keeps keys 0..6, row 1 all 8: block 0 full, block 1 partial.
// CHECK-LABEL: func.func @causal_bottom_right
//       CHECK:   {attn.blocks = {empty = 0 : i64, full = 1 : i64, partial = 1 : i64, source = "causal"}}
func.func @causal_bottom_right(%q: tensor<1x1x2x16xf32>, %k: tensor<1x1x8x16xf32>) -> tensor<1x1x2x16xf32> {
  %o = attn.attention %q, %k, %k causal(bottom_right) tiling <query_tile = 2, kv_tile = 4, kv_splits = 1> : tensor<1x1x2x16xf32>, tensor<1x1x8x16xf32>, tensor<1x1x8x16xf32> -> tensor<1x1x2x16xf32>
  return %o : tensor<1x1x2x16xf32>
}

// -----

// A causal window of 16 keys, N = M = 64, tiles of 16: per query tile the
// diagonal block partial and the one before it partial (rows drop their
// oldest keys), all others empty.
// CHECK-LABEL: func.func @window_counts
//       CHECK:   {attn.blocks = {empty = 9 : i64, full = 0 : i64, partial = 7 : i64, source = "causal+window"}}
func.func @window_counts(%q: tensor<1x1x64x16xf32>) -> tensor<1x1x64x16xf32> {
  %o = attn.attention %q, %q, %q causal(top_left) window <left = 16, right = 0> tiling <query_tile = 16, kv_tile = 16, kv_splits = 1> : tensor<1x1x64x16xf32>, tensor<1x1x64x16xf32>, tensor<1x1x64x16xf32> -> tensor<1x1x64x16xf32>
  return %o : tensor<1x1x64x16xf32>
}

// -----

// No structure: every pair full. A run-time mask: every pair partial.
// CHECK-LABEL: func.func @dense_and_runtime
//       CHECK:   {attn.blocks = {empty = 0 : i64, full = 4 : i64, partial = 0 : i64, source = "dense"}}
//       CHECK:   mask(%{{.+}} : tensor<32x32xi1>) {{.+}} {attn.blocks = {empty = 0 : i64, full = 0 : i64, partial = 4 : i64, source = "runtime_mask"}}
func.func @dense_and_runtime(%q: tensor<1x1x32x16xf32>, %m: tensor<32x32xi1>) -> (tensor<1x1x32x16xf32>, tensor<1x1x32x16xf32>) {
  %a = attn.attention %q, %q, %q tiling <query_tile = 16, kv_tile = 16, kv_splits = 1> : tensor<1x1x32x16xf32>, tensor<1x1x32x16xf32>, tensor<1x1x32x16xf32> -> tensor<1x1x32x16xf32>
  %b = attn.attention %q, %q, %q mask(%m : tensor<32x32xi1>) tiling <query_tile = 16, kv_tile = 16, kv_splits = 1> : tensor<1x1x32x16xf32>, tensor<1x1x32x16xf32>, tensor<1x1x32x16xf32> -> tensor<1x1x32x16xf32>
  return %a, %b : tensor<1x1x32x16xf32>, tensor<1x1x32x16xf32>
}

// -----

// A constant lower-triangular boolean mask (as a TOSA graph of a causal
// model embeds it) is causal(top_left); the mask and its constant go.
// CHECK-LABEL: func.func @constant_causal
//   CHECK-NOT:   arith.constant
//       CHECK:   %[[O:.+]] = attn.attention %{{.+}}, %{{.+}}, %{{.+}} causal(top_left) : tensor<1x1x4x8xf32>
func.func @constant_causal(%q: tensor<1x1x4x8xf32>) -> tensor<1x1x4x8xf32> {
  %m = arith.constant dense<[[[[true, false, false, false], [true, true, false, false], [true, true, true, false], [true, true, true, true]]]]> : tensor<1x1x4x4xi1>
  %o = attn.attention %q, %q, %q mask(%m : tensor<1x1x4x4xi1>) : tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32> -> tensor<1x1x4x8xf32>
  return %o : tensor<1x1x4x8xf32>
}

// -----

// An additive 0 / -inf mask whose diagonal is shifted by M - N = 2:
// causal(bottom_right).
// CHECK-LABEL: func.func @constant_additive_bottom_right
//       CHECK:   attn.attention %{{.+}}, %{{.+}}, %{{.+}} causal(bottom_right) : tensor<1x1x2x8xf32>, tensor<1x1x4x8xf32>
func.func @constant_additive_bottom_right(%q: tensor<1x1x2x8xf32>, %k: tensor<1x1x4x8xf32>) -> tensor<1x1x2x8xf32> {
  %m = arith.constant dense<[[0.0, 0.0, 0.0, 0xFF800000], [0.0, 0.0, 0.0, 0.0]]> : tensor<2x4xf32>
  %o = attn.attention %q, %k, %k mask(%m : tensor<2x4xf32>) : tensor<1x1x2x8xf32>, tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32> -> tensor<1x1x2x8xf32>
  return %o : tensor<1x1x2x8xf32>
}

// -----

// A causal band cut on the left too: causal plus a window of 1 key back.
// CHECK-LABEL: func.func @constant_causal_window
//       CHECK:   attn.attention %{{.+}}, %{{.+}}, %{{.+}} causal(top_left) window <left = 1, right = 0> :
func.func @constant_causal_window(%q: tensor<1x1x4x8xf32>) -> tensor<1x1x4x8xf32> {
  %m = arith.constant dense<[[true, false, false, false], [true, true, false, false], [false, true, true, false], [false, false, true, true]]> : tensor<4x4xi1>
  %o = attn.attention %q, %q, %q mask(%m : tensor<4x4xi1>) : tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32> -> tensor<1x1x4x8xf32>
  return %o : tensor<1x1x4x8xf32>
}

// -----

// A two-sided band: window <left = 1, right = 1>.
// CHECK-LABEL: func.func @constant_two_sided
//       CHECK:   attn.attention %{{.+}}, %{{.+}}, %{{.+}} window <left = 1, right = 1> :
func.func @constant_two_sided(%q: tensor<1x1x5x8xf32>) -> tensor<1x1x5x8xf32> {
  %m = arith.constant dense<[[true, true, false, false, false], [true, true, true, false, false], [false, true, true, true, false], [false, false, true, true, true], [false, false, false, true, true]]> : tensor<5x5xi1>
  %o = attn.attention %q, %q, %q mask(%m : tensor<5x5xi1>) : tensor<1x1x5x8xf32>, tensor<1x1x5x8xf32>, tensor<1x1x5x8xf32> -> tensor<1x1x5x8xf32>
  return %o : tensor<1x1x5x8xf32>
}

// -----

// Negative: a filled band mask (mask_fill) scores the pairs it drops, so it
// is neither a causal clause nor a sparsity source: it stays, and every
// block is computed (4 full, none empty).
// CHECK-LABEL: func.func @constant_band_filled
//       CHECK:   mask(%{{.+}} : tensor<4x4xi1>) mask_fill(-1.000000e+09) tiling {{.+}} {attn.blocks = {empty = 0 : i64, full = 4 : i64, partial = 0 : i64, source = "filled_mask"}}
func.func @constant_band_filled(%q: tensor<1x1x4x8xf32>) -> tensor<1x1x4x8xf32> {
  %m = arith.constant dense<[[true, false, false, false], [true, true, false, false], [true, true, true, false], [true, true, true, true]]> : tensor<4x4xi1>
  %o = attn.attention %q, %q, %q mask(%m : tensor<4x4xi1>) mask_fill(-1.0e9) tiling <query_tile = 2, kv_tile = 2, kv_splits = 1> : tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32> -> tensor<1x1x4x8xf32>
  return %o : tensor<1x1x4x8xf32>
}

// -----

// Negative: a hole in a row is no band (and 1-row cells are no layout); the
// mask stays and is classified from its values: the tile holding the hole
// is partial, the other three full.
// CHECK-LABEL: func.func @constant_with_hole
//       CHECK:   mask(%{{.+}} : tensor<4x4xi1>) {{.+}} {attn.blocks = {empty = 0 : i64, full = 3 : i64, partial = 1 : i64, source = "constant_mask"}}
func.func @constant_with_hole(%q: tensor<1x1x4x8xf32>) -> tensor<1x1x4x8xf32> {
  %m = arith.constant dense<[[true, false, true, true], [true, true, true, true], [true, true, true, true], [true, true, true, true]]> : tensor<4x4xi1>
  %o = attn.attention %q, %q, %q mask(%m : tensor<4x4xi1>) tiling <query_tile = 2, kv_tile = 2, kv_splits = 1> : tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32> -> tensor<1x1x4x8xf32>
  return %o : tensor<1x1x4x8xf32>
}

// -----

// Negative: additive values other than 0 and -inf (a bias) are no structure.
// CHECK-LABEL: func.func @constant_bias
//       CHECK:   attn.attention {{.+}} mask(
func.func @constant_bias(%q: tensor<1x1x2x8xf32>) -> tensor<1x1x2x8xf32> {
  %m = arith.constant dense<[[0.0, 0xFF800000], [-1.0, 0.0]]> : tensor<2x2xf32>
  %o = attn.attention %q, %q, %q mask(%m : tensor<2x2xf32>) : tensor<1x1x2x8xf32>, tensor<1x1x2x8xf32>, tensor<1x1x2x8xf32> -> tensor<1x1x2x8xf32>
  return %o : tensor<1x1x2x8xf32>
}

// -----

// Negative: a mask that differs per head does not broadcast over heads.
// CHECK-LABEL: func.func @constant_per_head
//       CHECK:   attn.attention {{.+}} mask(
func.func @constant_per_head(%q: tensor<1x2x2x8xf32>) -> tensor<1x2x2x8xf32> {
  %m = arith.constant dense<[[[[true, false], [true, true]], [[true, true], [true, true]]]]> : tensor<1x2x2x2xi1>
  %o = attn.attention %q, %q, %q mask(%m : tensor<1x2x2x2xi1>) : tensor<1x2x2x8xf32>, tensor<1x2x2x8xf32>, tensor<1x2x2x8xf32> -> tensor<1x2x2x8xf32>
  return %o : tensor<1x2x2x8xf32>
}

// -----

// Negative: an op that already has causal keeps its mask (their
// intersection is what it computes).
// CHECK-LABEL: func.func @already_causal
//       CHECK:   attn.attention {{.+}} mask({{.+}}) causal(top_left)
func.func @already_causal(%q: tensor<1x1x2x8xf32>) -> tensor<1x1x2x8xf32> {
  %m = arith.constant dense<[[true, false], [true, true]]> : tensor<2x2xi1>
  %o = attn.attention %q, %q, %q mask(%m : tensor<2x2xi1>) causal(top_left) : tensor<1x1x2x8xf32>, tensor<1x1x2x8xf32>, tensor<1x1x2x8xf32> -> tensor<1x1x2x8xf32>
  return %o : tensor<1x1x2x8xf32>
}

// -----

// attn.multi_head_attention: a constant causal mask becomes causal; a
// window band stays a mask (the op has no window).
// CHECK-LABEL: func.func @multi_head
//       CHECK:   attn.multi_head_attention {{.+}} causal(top_left) :
//       CHECK:   attn.multi_head_attention {{.+}} mask(
func.func @multi_head(%x: tensor<1x3x4xf32>, %w: tensor<4x4xf32>) -> (tensor<1x3x4xf32>, tensor<1x3x4xf32>) {
  %c = arith.constant dense<[[true, false, false], [true, true, false], [true, true, true]]> : tensor<3x3xi1>
  %b = arith.constant dense<[[true, false, false], [true, true, false], [false, true, true]]> : tensor<3x3xi1>
  %y = attn.multi_head_attention %x, %x, %x heads(2) q_proj(%w : tensor<4x4xf32>) k_proj(%w : tensor<4x4xf32>) v_proj(%w : tensor<4x4xf32>) o_proj(%w : tensor<4x4xf32>) mask(%c : tensor<3x3xi1>) : tensor<1x3x4xf32>, tensor<1x3x4xf32>, tensor<1x3x4xf32> -> tensor<1x3x4xf32>
  %z = attn.multi_head_attention %x, %x, %x heads(2) q_proj(%w : tensor<4x4xf32>) k_proj(%w : tensor<4x4xf32>) v_proj(%w : tensor<4x4xf32>) o_proj(%w : tensor<4x4xf32>) mask(%b : tensor<3x3xi1>) : tensor<1x3x4xf32>, tensor<1x3x4xf32>, tensor<1x3x4xf32> -> tensor<1x3x4xf32>
  return %y, %z : tensor<1x3x4xf32>, tensor<1x3x4xf32>
}

// -----

// A dilated causal window (every 2nd key of 16 back): no block is full
// (each skips keys), the two per tile the window reaches are partial.
// CHECK-LABEL: func.func @dilated_window
//       CHECK:   {attn.blocks = {empty = 9 : i64, full = 0 : i64, partial = 7 : i64, source = "causal+dilated_window"}}
func.func @dilated_window(%q: tensor<1x1x64x16xf32>) -> tensor<1x1x64x16xf32> {
  %o = attn.attention %q, %q, %q causal(top_left) window <left = 16, right = 0, dilation = 2> tiling <query_tile = 16, kv_tile = 16, kv_splits = 1> : tensor<1x1x64x16xf32>, tensor<1x1x64x16xf32>, tensor<1x1x64x16xf32> -> tensor<1x1x64x16xf32>
  return %o : tensor<1x1x64x16xf32>
}

// -----

// Causal chunks of 32 keys, tiles of 16: per chunk, the diagonal blocks
// partial and the one below full; blocks of other chunks empty.
// CHECK-LABEL: func.func @chunk_causal
//       CHECK:   {attn.blocks = {empty = 10 : i64, full = 2 : i64, partial = 4 : i64, source = "causal+chunk"}}
func.func @chunk_causal(%q: tensor<1x1x64x16xf32>) -> tensor<1x1x64x16xf32> {
  %o = attn.attention %q, %q, %q causal(top_left) chunk(32) tiling <query_tile = 16, kv_tile = 16, kv_splits = 1> : tensor<1x1x64x16xf32>, tensor<1x1x64x16xf32>, tensor<1x1x64x16xf32> -> tensor<1x1x64x16xf32>
  return %o : tensor<1x1x64x16xf32>
}

// -----

// Bidirectional chunks of 32 aligned with the tiles: every block full or
// empty.
// CHECK-LABEL: func.func @chunk_only
//       CHECK:   {attn.blocks = {empty = 8 : i64, full = 8 : i64, partial = 0 : i64, source = "chunk"}}
func.func @chunk_only(%q: tensor<1x1x64x16xf32>) -> tensor<1x1x64x16xf32> {
  %o = attn.attention %q, %q, %q chunk(32) tiling <query_tile = 16, kv_tile = 16, kv_splits = 1> : tensor<1x1x64x16xf32>, tensor<1x1x64x16xf32>, tensor<1x1x64x16xf32> -> tensor<1x1x64x16xf32>
  return %o : tensor<1x1x64x16xf32>
}

// -----

// Prefix-LM: the first 16 keys (block 0) are full for every tile; causal
// after them.
// CHECK-LABEL: func.func @prefix_causal
//       CHECK:   {attn.blocks = {empty = 6 : i64, full = 7 : i64, partial = 3 : i64, source = "causal+prefix"}}
func.func @prefix_causal(%q: tensor<1x1x64x16xf32>) -> tensor<1x1x64x16xf32> {
  %o = attn.attention %q, %q, %q causal(top_left) prefix(16) tiling <query_tile = 16, kv_tile = 16, kv_splits = 1> : tensor<1x1x64x16xf32>, tensor<1x1x64x16xf32>, tensor<1x1x64x16xf32> -> tensor<1x1x64x16xf32>
  return %o : tensor<1x1x64x16xf32>
}

// -----

// A block layout whose cells are the tiles: each pair is full or empty.
// CHECK-LABEL: func.func @layout_tiles
//       CHECK:   {attn.blocks = {empty = 9 : i64, full = 7 : i64, partial = 0 : i64, source = "block_layout"}}
func.func @layout_tiles(%q: tensor<1x1x64x16xf32>) -> tensor<1x1x64x16xf32> {
  %o = attn.attention %q, %q, %q blocks <query_block = 16, key_block = 16, layout = dense<[[true, false, false, true], [false, true, false, false], [true, true, true, false], [false, false, false, true]]> : tensor<4x4xi1>> tiling <query_tile = 16, kv_tile = 16, kv_splits = 1> : tensor<1x1x64x16xf32>, tensor<1x1x64x16xf32>, tensor<1x1x64x16xf32> -> tensor<1x1x64x16xf32>
  return %o : tensor<1x1x64x16xf32>
}

// -----

// Tiles of 32 cover 2 x 2 cells, each mixing kept and dropped cells.
// CHECK-LABEL: func.func @layout_coarse_tiles
//       CHECK:   {attn.blocks = {empty = 0 : i64, full = 0 : i64, partial = 4 : i64, source = "block_layout"}}
func.func @layout_coarse_tiles(%q: tensor<1x1x64x16xf32>) -> tensor<1x1x64x16xf32> {
  %o = attn.attention %q, %q, %q blocks <query_block = 16, key_block = 16, layout = dense<[[true, false, false, true], [false, true, false, false], [true, true, true, false], [false, false, false, true]]> : tensor<4x4xi1>> tiling <query_tile = 32, kv_tile = 32, kv_splits = 1> : tensor<1x1x64x16xf32>, tensor<1x1x64x16xf32>, tensor<1x1x64x16xf32> -> tensor<1x1x64x16xf32>
  return %o : tensor<1x1x64x16xf32>
}

// -----

// Per-head layouts: a block is empty when no head keeps it, full when
// every head keeps it, else partial (the kernel classifies per head).
// CHECK-LABEL: func.func @layout_per_head
//       CHECK:   {attn.blocks = {empty = 1 : i64, full = 2 : i64, partial = 1 : i64, source = "block_layout"}}
func.func @layout_per_head(%q: tensor<1x2x64x16xf32>) -> tensor<1x2x64x16xf32> {
  %o = attn.attention %q, %q, %q blocks <query_block = 32, key_block = 32, layout = dense<[[[true, false], [true, true]], [[true, false], [false, true]]]> : tensor<2x2x2xi1>> tiling <query_tile = 32, kv_tile = 32, kv_splits = 1> : tensor<1x2x64x16xf32>, tensor<1x2x64x16xf32>, tensor<1x2x64x16xf32> -> tensor<1x2x64x16xf32>
  return %o : tensor<1x2x64x16xf32>
}

// -----

// Segment ids are seen at call time: the blocks causal keeps may hold
// anything (partial), the ones it drops stay empty.
// CHECK-LABEL: func.func @segments_causal
//       CHECK:   {attn.blocks = {empty = 6 : i64, full = 0 : i64, partial = 10 : i64, source = "causal+segments"}}
func.func @segments_causal(%q: tensor<1x1x64x16xf32>, %s: tensor<1x64xi32>) -> tensor<1x1x64x16xf32> {
  %o = attn.attention %q, %q, %q segments(%s, %s : tensor<1x64xi32>, tensor<1x64xi32>) causal(top_left) tiling <query_tile = 16, kv_tile = 16, kv_splits = 1> : tensor<1x1x64x16xf32>, tensor<1x1x64x16xf32>, tensor<1x1x64x16xf32> -> tensor<1x1x64x16xf32>
  return %o : tensor<1x1x64x16xf32>
}

// -----

// A constant mask made of uniform cells of 8 queries x 16 keys (a BigBird-
// style table expanded to pairs) becomes a block layout; the constant goes.
// CHECK-LABEL: func.func @constant_layout
//   CHECK-NOT:   arith.constant
//       CHECK:   attn.attention %{{.+}}, %{{.+}}, %{{.+}} blocks <query_block = 8, key_block = 16, layout = dense<{{\[\[}}true, false], [false, true], [true, true], [false, true]]> : tensor<4x2xi1>> :
func.func @constant_layout(%q: tensor<1x1x32x16xf32>) -> tensor<1x1x32x16xf32> {
  %m = arith.constant dense<[[ true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false],
 [ true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false],
 [ true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false],
 [ true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false],
 [ true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false],
 [ true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false],
 [ true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false],
 [ true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false],
 [false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true],
 [false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true],
 [false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true],
 [false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true],
 [false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true],
 [false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true],
 [false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true],
 [false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true],
 [ true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true],
 [ true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true],
 [ true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true],
 [ true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true],
 [ true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true],
 [ true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true],
 [ true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true],
 [ true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true],
 [false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true],
 [false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true],
 [false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true],
 [false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true],
 [false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true],
 [false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true],
 [false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true],
 [false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true]]> : tensor<32x32xi1>
  %o = attn.attention %q, %q, %q mask(%m : tensor<32x32xi1>) : tensor<1x1x32x16xf32>, tensor<1x1x32x16xf32>, tensor<1x1x32x16xf32> -> tensor<1x1x32x16xf32>
  return %o : tensor<1x1x32x16xf32>
}

// -----

// Negative: cells of 4 x 4 are too small to be worth a table; the mask
// stays.
// CHECK-LABEL: func.func @constant_small_cells
//       CHECK:   attn.attention {{.+}} mask(
func.func @constant_small_cells(%q: tensor<1x1x8x16xf32>) -> tensor<1x1x8x16xf32> {
  %m = arith.constant dense<[[ true,  true,  true,  true, false, false, false, false],
 [ true,  true,  true,  true, false, false, false, false],
 [ true,  true,  true,  true, false, false, false, false],
 [ true,  true,  true,  true, false, false, false, false],
 [false, false, false, false,  true,  true,  true,  true],
 [false, false, false, false,  true,  true,  true,  true],
 [false, false, false, false,  true,  true,  true,  true],
 [false, false, false, false,  true,  true,  true,  true]]> : tensor<8x8xi1>
  %o = attn.attention %q, %q, %q mask(%m : tensor<8x8xi1>) : tensor<1x1x8x16xf32>, tensor<1x1x8x16xf32>, tensor<1x1x8x16xf32> -> tensor<1x1x8x16xf32>
  return %o : tensor<1x1x8x16xf32>
}

// -----

// f16 operands with an f16 constant band mask: read like an f32 one.
// CHECK-LABEL: func.func @constant_causal_f16
//       CHECK:   attn.attention %{{.+}}, %{{.+}}, %{{.+}} causal(bottom_right) tiling <query_tile = 2, kv_tile = 4, kv_splits = 1> {attn.blocks = {empty = 0 : i64, full = 0 : i64, partial = 1 : i64, source = "causal"}} : tensor<1x1x2x8xf16>, tensor<1x1x4x8xf16>
func.func @constant_causal_f16(%q: tensor<1x1x2x8xf16>, %k: tensor<1x1x4x8xf16>) -> tensor<1x1x2x8xf16> {
  %m = arith.constant dense<[[0.0, 0.0, 0.0, 0xFC00], [0.0, 0.0, 0.0, 0.0]]> : tensor<2x4xf16>
  %o = attn.attention %q, %k, %k mask(%m : tensor<2x4xf16>) tiling <query_tile = 2, kv_tile = 4, kv_splits = 1> : tensor<1x1x2x8xf16>, tensor<1x1x4x8xf16>, tensor<1x1x4x8xf16> -> tensor<1x1x2x8xf16>
  return %o : tensor<1x1x2x8xf16>
}

// -----

// A bf16 causal attention is classified as an f32 one.
// CHECK-LABEL: func.func @causal_counts_bf16
//       CHECK:   {attn.blocks = {empty = 6 : i64, full = 6 : i64, partial = 4 : i64, source = "causal"}}
func.func @causal_counts_bf16(%q: tensor<1x2x256x64xbf16>) -> tensor<1x2x256x64xbf16> {
  %o = attn.attention %q, %q, %q causal(top_left) tiling <query_tile = 64, kv_tile = 64, kv_splits = 1> : tensor<1x2x256x64xbf16>, tensor<1x2x256x64xbf16>, tensor<1x2x256x64xbf16> -> tensor<1x2x256x64xbf16>
  return %o : tensor<1x2x256x64xbf16>
}
