// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// A causal sliding window of 256 keys: query tile t (64 rows, t = task % 16)
// needs the keys t*64 - 256 .. t*64 + 63, at most 3 of the 8 KV blocks of
// 128 keys. Halide trims the block loop to that range from both sides (a
// new minimum and maximum computed from the tile), so the blocks outside the
// window are never visited — the cost grows with N·window, not N².

// CHECK-LABEL: // attn-compile: function @window
//       CHECK: let [[MIN:s0_online_attention_state.s1.s0_online_attention_rb_x.new_min[$0-9]*]] = {{.*}}(s0_online_attention.s0.n.no.task.task % 16)
//       CHECK: let [[MAX:s0_online_attention_state.s1.s0_online_attention_rb_x.new_max[$0-9]*]] = {{.*}}(s0_online_attention.s0.n.no.task.task % 16)
//       CHECK: let [[EXTENT:t[0-9]+]] = [[MAX]] - [[MIN]]
//  CHECK-NEXT: for (s0_online_attention_state.s1.s0_online_attention_rb$x.rebased, 0, [[EXTENT]]) {
func.func @window(%q: tensor<1x2x1024x64xf32>) -> tensor<1x2x1024x64xf32> {
  %o = attn.attention %q, %q, %q causal(top_left) window <left = 256, right = 0> tiling <query_tile = 64, kv_tile = 128, kv_splits = 1> : tensor<1x2x1024x64xf32>, tensor<1x2x1024x64xf32>, tensor<1x2x1024x64xf32> -> tensor<1x2x1024x64xf32>
  return %o : tensor<1x2x1024x64xf32>
}
