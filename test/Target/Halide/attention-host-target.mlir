// RUN: attn-compile %s --emit=halide-stmt | FileCheck %s

// Without --target the pipeline is compiled for the host: the stmt names the
// resolved target (never the word 'host'), and the vector width is the
// host's natural f32 width, whatever it is. Everything else about the
// schedule is the same as with a fixed target (a dense op: the full pass
// only).

// CHECK-LABEL: // attn-compile: function @host
//   CHECK-NOT: target=host
//       CHECK: module name=s0_attention, target={{[a-z0-9_]+}}-{{[0-9]+}}-{{[a-z]+}}{{.*}}-no_bounds_query-no_runtime
//       CHECK: external func s0_attention_par_for_s0_attention_s0_n_no_task_task (
//       CHECK: allocate s0_attention_full_score[float32 * 64 * 32 * 1 * 1 * 1]
//       CHECK: for (s0_attention_full_dot.s1.s0_attention_full_rd$x.s0_attention_full_rd$x_steps, 0, 8) {
//  CHECK-NEXT: s0_attention_full_dot[ramp(0, 1, [[W:[0-9]+]])] = s0_attention_full_dot[ramp(0, 1, [[W]])] + (s0_attention_keyPanel[ramp({{.+}}, 1, [[W]]){{.*}}]*x[[W]](in_arg0[
//       CHECK: for (s0_attention_full_pv.s1.s0_attention_full_rk$x.s0_attention_full_rk$x_steps, 0, 8) {
//  CHECK-NEXT: s0_attention_full_pv[ramp(0, 1, [[W]])] = s0_attention_full_pv[ramp(0, 1, [[W]])] + (s0_attention_valuePanel[ramp({{.+}}, 1, [[W]]){{.*}}]*x[[W]](s0_attention_full_prob[
//       CHECK: halide_do_par_for((void *)::s0_attention_par_for_s0_attention_s0_n_no_task_task, 0, 4,
func.func @host(%q: tensor<1x2x64x64xf32>, %k: tensor<1x2x64x64xf32>,
                %v: tensor<1x2x64x64xf32>) -> tensor<1x2x64x64xf32> {
  %o = attn.attention %q, %k, %v tiling <query_tile = 32, kv_tile = 64, kv_splits = 1>
      : tensor<1x2x64x64xf32>, tensor<1x2x64x64xf32>, tensor<1x2x64x64xf32> -> tensor<1x2x64x64xf32>
  return %o : tensor<1x2x64x64xf32>
}
