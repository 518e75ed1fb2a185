// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// Causal attention never computes a KV block that lies wholly after the
// diagonal: with query tiles of 64 rows and KV blocks of 256 keys, the block
// loop of query tile t (t = task % 16, 16 tiles per head) runs over blocks
// 0 .. t / 4 only — its bounds come from the tile, not from a per-element
// mask. Bottom-right alignment shifts the diagonal by M - N = 512 keys:
// blocks 0 .. (t * 64 + 63 + 512) / 256 = t / 4 + 2. (Halide renames the
// second function's stages with a `$1` suffix.)

// CHECK-LABEL: // attn-compile: function @top_left
//       CHECK: let [[TILE:t[0-9]+]] = s0_online_attention.s0.n.no.task.task % 16
//       CHECK: let [[LAST:t[0-9]+]] = [[TILE]]/4
//       CHECK: for (s0_online_attention_state.s1.s0_online_attention_rb$x, 0, [[LAST]] + 1) {
func.func @top_left(%q: tensor<1x2x1024x64xf32>, %k: tensor<1x2x1024x64xf32>, %v: tensor<1x2x1024x64xf32>) -> tensor<1x2x1024x64xf32> {
  %o = attn.attention %q, %k, %v causal(top_left) : tensor<1x2x1024x64xf32>, tensor<1x2x1024x64xf32>, tensor<1x2x1024x64xf32> -> tensor<1x2x1024x64xf32>
  return %o : tensor<1x2x1024x64xf32>
}

// CHECK-LABEL: // attn-compile: function @bottom_right
//       CHECK: let [[TILE:t[0-9]+]] = s0_online_attention$1.s0.n.no.task.task % 16
//       CHECK: let [[LAST:t[0-9]+]] = [[TILE]]/4
//       CHECK: for (s0_online_attention_state$1.s1.s0_online_attention_rb$x, 0, [[LAST]] + 3) {
func.func @bottom_right(%q: tensor<1x2x1024x64xf32>, %k: tensor<1x2x1536x64xf32>, %v: tensor<1x2x1536x64xf32>) -> tensor<1x2x1024x64xf32> {
  %o = attn.attention %q, %k, %v causal(bottom_right) : tensor<1x2x1024x64xf32>, tensor<1x2x1536x64xf32>, tensor<1x2x1536x64xf32> -> tensor<1x2x1024x64xf32>
  return %o : tensor<1x2x1024x64xf32>
}
