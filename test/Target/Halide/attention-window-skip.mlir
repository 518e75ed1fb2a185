// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// A causal sliding window of 256 keys: query tile t (64 rows, t = task % 16)
// needs the keys t*64 - 256 .. t*64 + 63, at most 3 of the 8 KV blocks of
// 128 keys. The block loop starts at the window's first block and stops at
// the diagonal's, so the blocks outside the window are never visited — the
// cost grows with N·window, not N².

// CHECK-LABEL: // attn-compile: function @window
// The loop starts at the tile's first block (t * 64 - 256) / 128 by
// construction and runs at most 3 blocks (its extent: new_max + 3 with
// new_max = t/2 - max(t, 4)/2 <= 0), in two partitions Halide makes.
//       CHECK: rb$x.new_max.s = let [[T:t[0-9]+]] = (s0_online_attention.s0.n.no.task.task % 16) in min(([[T]]/2) - (max([[T]], 4)/2),
//       CHECK: let [[EXTENT:t[0-9]+]] = max(s0_online_attention_state.s1.s0_online_attention_rb$x.new_max.s, -3)
//       CHECK: for (s0_online_attention_state.s1.s0_online_attention_rb$x, 0, [[EXTENT]] + 3) {
func.func @window(%q: tensor<1x2x1024x64xf32>) -> tensor<1x2x1024x64xf32> {
  %o = attn.attention %q, %q, %q causal(top_left) window <left = 256, right = 0> tiling <query_tile = 64, kv_tile = 128, kv_splits = 1> : tensor<1x2x1024x64xf32>, tensor<1x2x1024x64xf32>, tensor<1x2x1024x64xf32> -> tensor<1x2x1024x64xf32>
  return %o : tensor<1x2x1024x64xf32>
}
