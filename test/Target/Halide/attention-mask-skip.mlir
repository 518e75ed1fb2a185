// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// A boolean mask operand, shared by the heads: each call first scans it for
// every query tile's first and last KV block holding a kept key
// (s0_online_attention_keptRange, computed once since the mask broadcasts
// over heads and batch), and the block loop of tile t (t = task % 16) runs
// over that range only. Blocks inside the range are still masked per
// element.

// CHECK-LABEL: // attn-compile: function @runtime_mask
//       CHECK: rb$x.new_min.s = s0_online_attention_keptRange.0[s0_online_attention.s0.n.no.task.task % 16]
//       CHECK: rb$x.new_max.s = {{.*}}s0_online_attention_keptRange.1[s0_online_attention.s0.n.no.task.task % 16]
//       CHECK: for (s0_online_attention_state.s1.s0_online_attention_rb$x.rebased, 0, {{t[0-9]+}}) {
//       CHECK: produce s0_online_attention_blockKept {
//       CHECK: produce s0_online_attention_keptRange {
//       CHECK: halide_do_par_for((void *)::s0_online_attention_par_for_s0_online_attention_s0_n_no_task_task
func.func @runtime_mask(%q: tensor<1x2x1024x64xf32>, %m: tensor<1024x1024xi1>) -> tensor<1x2x1024x64xf32> {
  %o = attn.attention %q, %q, %q mask(%m : tensor<1024x1024xi1>) : tensor<1x2x1024x64xf32>, tensor<1x2x1024x64xf32>, tensor<1x2x1024x64xf32> -> tensor<1x2x1024x64xf32>
  return %o : tensor<1x2x1024x64xf32>
}
