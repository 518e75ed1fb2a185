// RUN: attn-compile %s --target=opencl --emit=halide-stmt | FileCheck %s

// The GPU schedule of attn.attention, read from the OpenCL kernels (the
// same loop nests as CUDA's PTX, in readable C). Nothing N x M exists: the
// only device allocations are the blocks' local (shared) memory and, when
// the KV range is split, the splits' partial states.

// Enough query tiles to fill the GPU: one kernel, one block of 128 threads
// per (query tile of 32 rows, head, batch); the running state in local
// memory; per KV tile of 32 keys (16 of them) the stages in order, with
// barriers between them. K and Q are staged transposed (a warp over 8
// depths x 4 rows). The scores are register-blocked (each thread 4 keys x
// 2 rows, accumulated over the head dim of 64 from local memory, 8 steps
// unrolled), and so is P.V (each thread 8 value columns x 2 rows, over the
// 32 keys, 8 steps unrolled); row max and row sum go over slices of 8 keys
// first, then the slices.
// CHECK-LABEL: // attn-compile: function @dense
//       CHECK: __kernel void [[KERNEL:_kernel_s0_online_attention_s0_b___block_id_z[_0-9]*]](
//       CHECK: __local int16* _s0_online_attention_state
//       CHECK: // produce s0_online_attention_state
//       CHECK: for (int [[RB:_s0_online_attention_state_s1_s0_online_attention_rb__x]] = 0; [[RB]] < 0 + 16; [[RB]]++)
//       CHECK: // produce s0_online_attention_keyTile
//       CHECK: for (int [[KS:_s0_online_attention_keyTile_s0_d_dI_inWarp_fused_fusedO_fusedO]] = 0; [[KS]] < 0 + 4; [[KS]]++)
//       CHECK: barrier(0 | CLK_LOCAL_MEM_FENCE);
//       CHECK: // produce s0_online_attention_queryTile
//       CHECK: for (int [[QS:_s0_online_attention_queryTile_s0_d_dI_inWarp_fused_fusedO_fusedO]] = 0; [[QS]] < 0 + 4; [[QS]]++)
//       CHECK: barrier(0 | CLK_LOCAL_MEM_FENCE);
//       CHECK: // produce s0_online_attention_score
//       CHECK: // produce s0_online_attention_scoreDot
//       CHECK: for (int [[RD:_s0_online_attention_scoreDot_s1_s0_online_attention_rd__x_s0_online_attention_rd__x_steps]] = 0; [[RD]] < 0 + 8; [[RD]]++)
// CHECK-COUNT-8: _s0_online_attention_scoreDot_{{[0-9]+}}[7] =
//  CHECK-NEXT: } // for [[RD]]
//       CHECK: // produce s0_online_attention_slicemax
//       CHECK: // produce s0_online_attention_blockmax
//       CHECK: // produce s0_online_attention_prob
//       CHECK: // produce s0_online_attention_slicesum
//       CHECK: // produce s0_online_attention_blocksum
//       CHECK: // produce s0_online_attention_valueTile
//       CHECK: // produce s0_online_attention_pv
//       CHECK: for (int [[RK:_s0_online_attention_pv_s1_s0_online_attention_rk__x_s0_online_attention_rk__x_steps]] = 0; [[RK]] < 0 + 4; [[RK]]++)
// CHECK-COUNT-8: _s0_online_attention_pv_{{[0-9]+}}[15] =
//  CHECK-NEXT: } // for [[RK]]
//       CHECK: } // for [[RB]]
//   CHECK-NOT: __kernel
//   CHECK-NOT: allocate
//       CHECK: halide_opencl_run(opencl[0], "[[KERNEL]]", 64, 16, 2, 128, 1, 1, 0 + ({{[0-9]+}}*4),
func.func @dense(%q: tensor<2x16x2048x64xf32>, %k: tensor<2x16x512x64xf32>,
                 %v: tensor<2x16x512x64xf32>) -> tensor<2x16x2048x64xf32> {
  %o = attn.attention %q, %k, %v
      : tensor<2x16x2048x64xf32>, tensor<2x16x512x64xf32>,
        tensor<2x16x512x64xf32> -> tensor<2x16x2048x64xf32>
  return %o : tensor<2x16x2048x64xf32>
}

// A long KV walk (1024 keys or more) at a head dim up to 64: the products
// on 64 threads with larger register blocks, 4 keys x 4 rows of scores and
// 8 value columns x 4 rows of P.V (attn/GpuSchedule.h); staging on 64
// threads takes twice the steps per thread. The block keeps 128 threads
// for the row reductions (4 slices x 32 rows).
// CHECK-LABEL: // attn-compile: function @dense_long
//       CHECK: __kernel void [[KERNEL:_kernel_s0_online_attention__1_s0_b___block_id_z[_0-9]*]](
//       CHECK: for (int [[RB:_s0_online_attention_state__1_s1_s0_online_attention_rb__x]] = 0; [[RB]] < 0 + 64; [[RB]]++)
//       CHECK: for (int [[KS:_s0_online_attention_keyTile__1_s0_d_dI_inWarp_fused_fusedO_fusedO]] = 0; [[KS]] < 0 + 8; [[KS]]++)
//       CHECK: for (int [[RD:_s0_online_attention_scoreDot__1_s1_s0_online_attention_rd__x_s0_online_attention_rd__x_steps]] = 0; [[RD]] < 0 + 8; [[RD]]++)
// CHECK-COUNT-8: _s0_online_attention_scoreDot__1_{{[0-9]+}}[15] =
//  CHECK-NEXT: } // for [[RD]]
//       CHECK: for (int [[RK:_s0_online_attention_pv__1_s1_s0_online_attention_rk__x_s0_online_attention_rk__x_steps]] = 0; [[RK]] < 0 + 4; [[RK]]++)
// CHECK-COUNT-8: _s0_online_attention_pv__1_{{[0-9]+}}[31] =
//  CHECK-NEXT: } // for [[RK]]
//       CHECK: halide_opencl_run(opencl[0], "[[KERNEL]]", 64, 16, 2, 128, 1, 1, 0 + ({{[0-9]+}}*4),
func.func @dense_long(%q: tensor<2x16x2048x64xf32>, %k: tensor<2x16x2048x64xf32>,
                      %v: tensor<2x16x2048x64xf32>) -> tensor<2x16x2048x64xf32> {
  %o = attn.attention %q, %k, %v
      : tensor<2x16x2048x64xf32>, tensor<2x16x2048x64xf32>,
        tensor<2x16x2048x64xf32> -> tensor<2x16x2048x64xf32>
  return %o : tensor<2x16x2048x64xf32>
}

// Few query tiles (10 x 2 heads): the KV range is split in two, block x
// numbering (query tile, split) pairs. The state kernel's tile loop runs
// over its split's 5 tiles of 32 keys and skips the tiles after the query
// tile's last visible key (causal): tile (split*5 + rb) is visited iff its
// first key is at most the tile's last row, min(32t + 31, 299). A third
// kernel merges the two partial states of each row; they live in device
// memory between the kernels.
// CHECK-LABEL: // attn-compile: function @causal
//       CHECK: __kernel void [[INIT:_kernel_s0_online_attention_state[_0-9]*_s0_b___block_id_z[_0-9]*]](
//       CHECK: __kernel void [[STATE:_kernel_s0_online_attention_state[_0-9]*_s1_b___block_id_z[_0-9]*]](
//       CHECK: int [[T:_[0-9]+]] = [[BLOCK:_s0_online_attention_state[_0-9]*_s1_t___block_id_x]] >> 1;
//       CHECK: int [[ROW0:_[0-9]+]] = [[T]] * 32;
//       CHECK: int [[LAST:_[0-9]+]] = min([[ROW0]], 268);
//       CHECK: int [[SPLIT:_[0-9]+]] = [[BLOCK]] & 1;
//       CHECK: int [[FIRST:_[0-9]+]] = [[SPLIT]] * 5;
//       CHECK: for (int [[RB:_s0_online_attention_state[_0-9]*_s1_s0_online_attention_rb__x]] = 0; [[RB]] < 0 + 5; [[RB]]++)
//  CHECK-NEXT: {
//  CHECK-NEXT: int [[TILE:_[0-9]+]] = [[RB]] + [[FIRST]];
//  CHECK-NEXT: int [[K0:_[0-9]+]] = [[TILE]] * 32;
//  CHECK-NEXT: int [[K1:_[0-9]+]] = [[K0]] + -31;
//  CHECK-NEXT: bool [[VISIBLE:_[0-9]+]] = [[K1]] <= [[LAST]];
//  CHECK-NEXT: if ([[VISIBLE]])
//       CHECK: } // for [[RB]]
//       CHECK: __kernel void [[MERGE:_kernel_s0_online_attention[_0-9]*_s0_b___block_id_z[_0-9]*]](
//       CHECK: for (int [[RS:_s0_online_attention_splitMerge[_0-9]*_s1_s0_online_attention_rs__x]] = 0; [[RS]] < 0 + 2; [[RS]]++)
//       CHECK: allocate s0_online_attention_state{{[$0-9]*}}.0[float32
//       CHECK: halide_opencl_run(opencl[0], "[[INIT]]", 20, 2, 1, 128, 1, 1, 0,
//       CHECK: halide_opencl_run(opencl[0], "[[STATE]]", 20, 2, 1, 128, 1, 1, 0 + ({{[0-9]+}}*4),
//       CHECK: halide_opencl_run(opencl[0], "[[MERGE]]", 10, 2, 1, 128, 1, 1, 0,
func.func @causal(%q: tensor<1x2x300x64xf32>, %k: tensor<1x2x300x64xf32>,
                  %v: tensor<1x2x300x64xf32>) -> tensor<1x2x300x64xf32> {
  %o = attn.attention %q, %k, %v causal(top_left)
      : tensor<1x2x300x64xf32>, tensor<1x2x300x64xf32>,
        tensor<1x2x300x64xf32> -> tensor<1x2x300x64xf32>
  return %o : tensor<1x2x300x64xf32>
}

// A window of 64 keys to the left: a split's tile loop starts at the
// query tile's first visible tile plus the split's offset, and stops after
// its last visible key. Value dim 40 = five column groups of 8.
// CHECK-LABEL: // attn-compile: function @window
//       CHECK: __kernel void [[STATE:_kernel_s0_online_attention_state[_0-9]*_s1_b___block_id_z[_0-9]*]](
//       CHECK: for (int [[RB:_s0_online_attention_state[_0-9]*_s1_s0_online_attention_rb__x]] = 0; [[RB]] < 0 + 4; [[RB]]++)
//  CHECK-NEXT: {
//  CHECK-NEXT: int [[TILE:_[0-9]+]] = [[RB]] + _{{[0-9]+}};
//  CHECK-NEXT: int [[K0:_[0-9]+]] = [[TILE]] * 32;
//  CHECK-NEXT: int [[K1:_[0-9]+]] = [[K0]] + -{{[0-9]+}};
//       CHECK: __kernel void [[MERGE:_kernel_s0_online_attention[_0-9]*_s0_b___block_id_z[_0-9]*]](
//       CHECK: rs__x < 0 + 4;
//       CHECK: halide_opencl_run(opencl[0], "[[STATE]]", 64, 4, 2, 128, 1, 1, 0 + ({{.+}}*4),
//       CHECK: halide_opencl_run(opencl[0], "[[MERGE]]", 16, 4, 2, 80, 1, 1, 0,
func.func @window(%q: tensor<2x4x500x40xf32>, %k: tensor<2x2x500x40xf32>,
                  %v: tensor<2x2x500x40xf32>) -> tensor<2x4x500x40xf32> {
  %o = attn.attention %q, %k, %v window <left = 64, right = 0>
      : tensor<2x4x500x40xf32>, tensor<2x2x500x40xf32>,
        tensor<2x2x500x40xf32> -> tensor<2x4x500x40xf32>
  return %o : tensor<2x4x500x40xf32>
}

// Decode (one query row, 4096 keys, 256 (head, batch) pairs): the KV range
// is split four ways, each split a block walking 32 tiles of 32 keys.
// CHECK-LABEL: // attn-compile: function @decode
//       CHECK: __kernel void [[STATE:_kernel_s0_online_attention_state[_0-9]*_s1_b___block_id_z[_0-9]*]](
//       CHECK: rb__x < 0 + 32;
//       CHECK: halide_opencl_run(opencl[0], "[[STATE]]", 4, 32, 8, 128, 1, 1, 0 + ({{.+}}*4),
func.func @decode(%q: tensor<8x32x1x128xf32>, %k: tensor<8x8x4096x128xf32>,
                  %v: tensor<8x8x4096x128xf32>) -> tensor<8x32x1x128xf32> {
  %o = attn.attention %q, %k, %v
      : tensor<8x32x1x128xf32>, tensor<8x8x4096x128xf32>,
        tensor<8x8x4096x128xf32> -> tensor<8x32x1x128xf32>
  return %o : tensor<8x32x1x128xf32>
}

// A block layout (64 x 64 cells, the diagonal and one far cell): each
// (query tile, KV tile) pair is classified now, as the CPU classifies its
// blocks, into a table the library embeds; the tile loop reads it and skips
// the empty tiles with one branch per step.
// CHECK-LABEL: // attn-compile: function @blocks
//       CHECK: for (int [[RB:_s0_online_attention_state[_0-9]*_s1_s0_online_attention_rb__x]] = 0; [[RB]] < 0 + 4; [[RB]]++)
//  CHECK-NEXT: {
//  CHECK-NEXT: int [[TILE:_[0-9]+]] = [[RB]] + _{{[0-9]+}};
//  CHECK-NEXT: uchar [[KIND:_[0-9]+]] = [[TABLE:_s0_online_attention[_0-9]*_tileKinds]][[[TILE]]];
//  CHECK-NEXT: uchar [[EMPTY:_[0-9]+]] = (uchar)(0ul);
//  CHECK-NEXT: bool [[ANY:_[0-9]+]] = [[KIND]] != [[EMPTY]];
//  CHECK-NEXT: if ([[ANY]])
//  CHECK-NEXT: {
//  CHECK-NEXT: // produce s0_online_attention{{[_0-9]*}}_keyTile
//       CHECK: buffer s0_online_attention{{[$0-9]*}}_tileKinds = {...}
func.func @blocks(%q: tensor<1x2x256x32xf32>) -> tensor<1x2x256x32xf32> {
  %o = attn.attention %q, %q, %q blocks <query_block = 64, key_block = 64, layout = dense<[[true, false, false, false], [false, true, false, false], [false, false, true, false], [true, false, false, true]]> : tensor<4x4xi1>>
      : tensor<1x2x256x32xf32>, tensor<1x2x256x32xf32>,
        tensor<1x2x256x32xf32> -> tensor<1x2x256x32xf32>
  return %o : tensor<1x2x256x32xf32>
}

// Chunks of 64 keys (no causal bound): the same compile-time table, here
// from the chunk rule; a query tile of 32 rows sees the tiles of its chunk.
// CHECK-LABEL: // attn-compile: function @chunks
//       CHECK: uchar [[KIND:_[0-9]+]] = _s0_online_attention{{[_0-9]*}}_tileKinds[{{_[0-9]+}}];
//       CHECK: buffer s0_online_attention{{[$0-9]*}}_tileKinds = {...}
func.func @chunks(%q: tensor<1x2x256x32xf32>) -> tensor<1x2x256x32xf32> {
  %o = attn.attention %q, %q, %q chunk(64)
      : tensor<1x2x256x32xf32>, tensor<1x2x256x32xf32>,
        tensor<1x2x256x32xf32> -> tensor<1x2x256x32xf32>
  return %o : tensor<1x2x256x32xf32>
}

// Segment ids are known per call: a pipeline of its own (the table pass,
// printed after the function) classifies the (query tile, KV tile) pairs
// on the GPU: the key and query tiles' id ranges, then one thread per
// pair. The attention kernel takes the table as an input and skips the
// empty tiles; Halide repeats the test in each stage of the tile.
// CHECK-LABEL: // attn-compile: function @segments
//       CHECK: for (int [[RB:_s0_online_attention_state[_0-9]*_s1_s0_online_attention_rb__x]] = 0; [[RB]] < 0 + 4; [[RB]]++)
//  CHECK-NEXT: {
//       CHECK: uchar [[KIND:_[0-9]+]] = _s0_online_attention_callKinds[{{_[0-9]+}}];
//  CHECK-NEXT: uchar [[EMPTY:_[0-9]+]] = (uchar)(0ul);
//  CHECK-NEXT: bool [[ANY:_[0-9]+]] = [[KIND]] != [[EMPTY]];
//  CHECK-NEXT: if ([[ANY]])
//  CHECK-NEXT: {
//  CHECK-NEXT: // produce s0_online_attention_keyTile
//       CHECK: external_plus_metadata func s0_online_attention{{[_0-9]*}} (in_arg0, in_arg1, s0_online_attention_callKinds, s0_online_attention{{[$0-9]*}})
//       CHECK: // attn-compile: table segments_s0_online_attention_callKinds of function @segments
//   CHECK-DAG: __kernel void _kernel_s0_online_attention_keySegmentRange_
//   CHECK-DAG: __kernel void _kernel_s0_online_attention_querySegmentRange_
//   CHECK-DAG: __kernel void _kernel_s0_online_attention_tileKind_
//       CHECK: external_plus_metadata func s0_online_attention_tileKind{{[_0-9]*}} (in_arg1, s0_online_attention_tileKind{{[$0-9]*}})
func.func @segments(%q: tensor<1x2x256x32xf32>, %ids: tensor<1x256xi32>) -> tensor<1x2x256x32xf32> {
  %o = attn.attention %q, %q, %q segments(%ids, %ids : tensor<1x256xi32>, tensor<1x256xi32>)
      : tensor<1x2x256x32xf32>, tensor<1x2x256x32xf32>,
        tensor<1x2x256x32xf32> -> tensor<1x2x256x32xf32>
  return %o : tensor<1x2x256x32xf32>
}

// With a causal bound too, the table (which classifies the bound as well)
// is the loop's only test: no test of the tile's first key against the
// query tile's last row.
// CHECK-LABEL: // attn-compile: function @segments_causal
//       CHECK: for (int [[RB:_s0_online_attention_state[_0-9]*_s1_s0_online_attention_rb__x]] = 0; [[RB]] < 0 + 4; [[RB]]++)
//  CHECK-NEXT: {
//  CHECK-NEXT: int [[AT:_[0-9]+]] = [[RB]] + _{{[0-9]+}};
//  CHECK-NEXT: uchar [[KIND:_[0-9]+]] = _s0_online_attention_callKinds[[[AT]]];
//  CHECK-NEXT: uchar [[EMPTY:_[0-9]+]] = (uchar)(0ul);
//  CHECK-NEXT: bool [[ANY:_[0-9]+]] = [[KIND]] != [[EMPTY]];
//  CHECK-NEXT: if ([[ANY]])
//  CHECK-NEXT: {
//  CHECK-NEXT: // produce s0_online_attention{{[$0-9]*}}_keyTile
//       CHECK: // attn-compile: table segments_causal_s0_online_attention_callKinds of function @segments_causal
func.func @segments_causal(%q: tensor<1x2x256x32xf32>, %ids: tensor<1x256xi32>) -> tensor<1x2x256x32xf32> {
  %o = attn.attention %q, %q, %q segments(%ids, %ids : tensor<1x256xi32>, tensor<1x256xi32>) causal(top_left)
      : tensor<1x2x256x32xf32>, tensor<1x2x256x32xf32>,
        tensor<1x2x256x32xf32> -> tensor<1x2x256x32xf32>
  return %o : tensor<1x2x256x32xf32>
}

// A tiling written in the IR is the GPU kernel's too: 16-row query tiles
// (19 blocks for 300 rows) and 24-key tiles (13 of them for 300 keys, the
// loop's extent). The KV range is not split (kv_splits = 1).
// The next function's label ends the search for callKinds above.
//       CHECK: // attn-compile: function @written_tiling
//       CHECK: __kernel void [[KERNEL:_kernel_s0_online_attention[_0-9]*_s0_b___block_id_z[_0-9]*]](
//       CHECK: rb__x < 0 + 13;
//       CHECK: halide_opencl_run(opencl[0], "[[KERNEL]]", 19, 2, 1, 128, 1, 1,
func.func @written_tiling(%q: tensor<1x2x300x64xf32>) -> tensor<1x2x300x64xf32> {
  %o = attn.attention %q, %q, %q tiling <query_tile = 16, kv_tile = 24, kv_splits = 1>
      : tensor<1x2x300x64xf32>, tensor<1x2x300x64xf32>,
        tensor<1x2x300x64xf32> -> tensor<1x2x300x64xf32>
  return %o : tensor<1x2x300x64xf32>
}
